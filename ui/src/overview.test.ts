import { describe, expect, it } from "vitest";
import { countLabel, latestAttributions, topActorIds } from "./overview";
import type { AttributionRow, NodeSummary } from "./types";


function attr(id: string, date: string | null, published: string | null, by: NodeSummary[], blames: NodeSummary[]): AttributionRow {
  const evidence = published ? [{ id: `ev:${id}`, quote: "q", start: 0, end: 1, document: { id: "doc:1", title: "t", publisher: null, published, url: null } }] : [];
  return { id, name: id, by, blames, concerns: null, backedBy: [], date, modality: "ASSERTED", basis: null, evidence } as unknown as AttributionRow;
}

describe("overview", () => {
  it("orders attributions newest first, by their date or else their source's, undated last", () => {
    const rows = [attr("a", null, null, [], []), attr("b", "2017-06", null, [], []), attr("c", null, "2018-11-02", [], []), attr("d", "2018-02", null, [], [])];
    expect(latestAttributions(rows, 3).map((r) => r.id)).toEqual(["c", "d", "b"]);
  });

  it("ranks the actors by their claims as subject and as object together", () => {
    const got = topActorIds({
      out: { groups: [{ count: 5, from: { id: "country:US" } }, { count: 3, from: { id: "org:gru" } }, { count: 1, from: null }] },
      in: { groups: [{ count: 4, from: undefined, to: { id: "country:RU" } }, { count: 3, to: { id: "org:gru" } }] as never },
    });
    expect(got).toEqual(["org:gru", "country:US", "country:RU"]);
  });

  it("counts in words", () => {
    expect(countLabel(22, "Country")).toBe("22 Countries");
    expect(countLabel(1, "Country")).toBe("1 Country");
    expect(countLabel(4, "Person")).toBe("4 People");
    expect(countLabel(3, "Cyber operation")).toBe("3 Cyber operations");
  });
});
