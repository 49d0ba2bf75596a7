import { describe, expect, it } from "vitest";
import { GraphModel } from "./graphstore";
import { defaultGroupName, nextGroupId } from "./groups";
import { rel } from "./fixtures.test-helpers";

function model(): GraphModel {
  const m = new GraphModel();
  m.addRelation(rel("claim:1", "country:US", "ACCUSED", "country:RU"));
  m.addRelation(rel("claim:2", "country:GB", "ACCUSED", "country:RU"));
  m.addRelation(rel("claim:3", "country:US", "SUPPORTED", "country:GB"));
  m.addRelation(rel("claim:4", "country:EE", "SUPPORTED", "country:US"));
  m.finish();
  return m;
}

describe("groups", () => {
  it("a collapsed group is one node: its members hidden, their claims with outsiders redirected to it, claims inside left out", () => {
    const m = model();
    m.groups.set("group:1", { id: "group:1", name: "Five Eyes", members: ["country:US", "country:GB"], collapsed: true });
    m.finish();
    const g = m.graph;
    expect(g.getNodeAttribute("group:1", "label")).toBe("Five Eyes (2)");
    expect(g.getNodeAttribute("country:US", "inGroup")).toBe("group:1");
    const redirected = g.filterEdges((_e, a) => a.virtual === true).map((e) => [g.source(e), g.target(e), g.getEdgeAttribute(e, "claim")]).sort();
    expect(redirected).toEqual([
      ["country:EE", "group:1", "claim:4"],
      ["group:1", "country:RU", "claim:1"],
      ["group:1", "country:RU", "claim:2"],
    ]);
    const f = { hiddenKinds: [], hiddenTypes: [], since: null, until: null, undated: true, minConfidence: 0, hiddenSources: [], method: "all" as const, hiddenModalities: [] };
    expect(m.visibleNodes(f).sort()).toEqual(["country:EE", "country:RU", "group:1"]);
    // The claims are still the claims: four, whatever the drawing.
    expect(m.visibleRelations(f).length).toBe(4);
    // Expanded: members drawn, the group node not, no redirected edge.
    m.groups.get("group:1")!.collapsed = false;
    m.finish();
    expect(g.getNodeAttribute("group:1", "groupOpen")).toBe(true);
    expect(g.getNodeAttribute("country:US", "inGroup")).toBeUndefined();
    expect(g.filterEdges((_e, a) => a.virtual === true)).toEqual([]);
    expect(m.visibleNodes(f).sort()).toEqual(["country:EE", "country:GB", "country:RU", "country:US"]);
    // Ungrouped: the group node goes.
    m.groups.delete("group:1");
    m.finish();
    expect(g.hasNode("group:1")).toBe(false);
  });

  it("a group whose members all left the canvas is forgotten", () => {
    const m = model();
    m.groups.set("group:1", { id: "group:1", name: "x", members: ["country:EE"], collapsed: true });
    m.finish();
    m.removeNode("country:EE");
    m.finish();
    expect(m.groups.size).toBe(0);
    expect(m.graph.hasNode("group:1")).toBe(false);
  });

  it("names and numbers new groups", () => {
    expect(defaultGroupName(["United States", "United Kingdom", "Estonia", "Latvia"])).toBe("United States, United Kingdom +2");
    expect(nextGroupId([{ id: "group:2", name: "", members: [], collapsed: true }])).toBe("group:3");
    expect(nextGroupId([])).toBe("group:1");
  });
});
