import { describe, expect, it } from "vitest";
import { compactEdges, shortLabel } from "./compact";
import { GraphModel } from "./graphstore";
import type { NodeSummary, Relation } from "./types";

const node = (id: string, kind: NodeSummary["kind"], name = id): NodeSummary => ({ id, kind, name, aliases: [] });

function rel(id: string, type: string, from: NodeSummary, to: NodeSummary): Relation {
  return { id, type, from, to, confidence: 1, method: "curated", modality: "ALLEGED", date: "2018-11", published: null, properties: [], evidence: [] } as unknown as Relation;
}

describe("compact mode", () => {
  const us = node("country:US", "COUNTRY", "United States");
  const ru = node("country:RU", "COUNTRY", "Russia");
  const nato = node("org:nato", "ORGANIZATION", "NATO");
  const op = node("op:midterms", "CYBER_OPERATION", "Suspected cyber attack on the 2018 US midterm elections");
  const att = node("attribution:x", "ATTRIBUTION", "US blames Russia");

  it("draws an attribution as one edge attributor → blamed, labelled with the operation; backers too", () => {
    const m = new GraphModel();
    for (const r of [rel("c1", "ATTRIBUTED", us, att), rel("c2", "BLAMES", att, ru), rel("c3", "CONCERNS", att, op), rel("c4", "BACKED", nato, att)]) m.addRelation(r);
    const { edges, folded } = compactEdges(m.graph);
    expect([...folded]).toEqual(["attribution:x"]);
    const main = edges.find((e) => e.from === "country:US")!;
    expect(main.to).toBe("country:RU");
    expect(main.label).toBe("blames · Suspected cyber attack…");
    expect(main.facts.relType).toBe("BLAMES");
    expect(edges.find((e) => e.from === "org:nato")?.label).toMatch(/^backs blame/);
  });

  it("keeps a claim-node that has a claim it cannot fold", () => {
    const m = new GraphModel();
    for (const r of [rel("c1", "ATTRIBUTED", us, att), rel("c2", "BLAMES", att, ru), rel("c5", "RESPONDS_TO", att, op)]) m.addRelation(r);
    expect(compactEdges(m.graph).folded.size).toBe(0);
  });

  it("shortens long labels at a word", () => {
    expect(shortLabel("It is not just Russia. It is not just China", 20)).toBe("It is not just…");
    expect(shortLabel("short")).toBe("short");
  });
});
