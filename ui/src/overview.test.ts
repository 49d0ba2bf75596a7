import { describe, expect, it } from "vitest";
import { candidateActors, countLabel, latestAttributions } from "./overview";
import type { AttributionRow, NodeSummary, StatementRow } from "./types";

const n = (id: string, kind: NodeSummary["kind"] = "Country"): NodeSummary => ({ id, kind, name: id, aliases: [] });

function attr(id: string, date: string | null, published: string | null, by: NodeSummary[], blames: NodeSummary[]): AttributionRow {
  const evidence = published ? [{ id: `ev:${id}`, quote: "q", start: 0, end: 1, document: { id: "doc:1", title: "t", publisher: null, published, url: null } }] : [];
  return { id, name: id, by, blames, concerns: null, backedBy: [], date, modality: "asserted", basis: null, evidence } as unknown as AttributionRow;
}

describe("overview", () => {
  it("orders attributions newest first, by their date or else their source's, undated last", () => {
    const rows = [attr("a", null, null, [], []), attr("b", "2017-06", null, [], []), attr("c", null, "2018-11-02", [], []), attr("d", "2018-02", null, [], [])];
    expect(latestAttributions(rows, 3).map((r) => r.id)).toEqual(["c", "d", "b"]);
  });

  it("ranks the actors named in attributions and statements, leaving out claim-nodes and events", () => {
    const us = n("country:US"), ru = n("country:RU"), op = n("op:x", "CyberOperation"), p = n("person:p", "Person");
    const stmts = [{ id: "s", text: "", date: null, speakers: [p], about: [ru, op], evidence: [] }] as StatementRow[];
    const got = candidateActors([attr("a", null, null, [us], [ru]), attr("b", null, null, [us], [])], stmts);
    expect(got.map((x) => x.id)).toEqual(["country:RU", "country:US", "person:p"]);
  });

  it("counts in words", () => {
    expect(countLabel(22, "Country")).toBe("22 Countries");
    expect(countLabel(1, "Country")).toBe("1 Country");
    expect(countLabel(4, "Person")).toBe("4 People");
    expect(countLabel(3, "Cyber operation")).toBe("3 Cyber operations");
  });
});
