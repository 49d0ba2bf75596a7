// Relations shaped like the API's, for the unit tests.
import type { Relation } from "./types";

export function rel(id: string, from: string, type: Relation["type"], to: string, over: Partial<Relation> = {}): Relation {
  const node = (nid: string) => ({ id: nid, kind: nid.startsWith("country:") ? "COUNTRY" as const : "ORGANIZATION" as const, name: nid.split(":")[1]!.toUpperCase(), aliases: [] });
  return {
    id, type, from: node(from), to: node(to), confidence: 0.9, method: "curated", modality: "ASSERTED",
    date: "2018-09", published: "2018-10", properties: [],
    evidence: [{ id: `ev-${id}`, quote: `${from} ${type} ${to}.`, start: 0, end: 10, document: { id: "doc:1", title: "A title", publisher: "Wire", published: "2018-10", url: null } }],
    ...over,
  };
}
