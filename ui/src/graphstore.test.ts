import { describe, expect, it } from "vitest";
import { defaultFilters } from "./filters";
import { curvature, GraphModel } from "./graphstore";
import { rel } from "./fixtures.test-helpers";

describe("GraphModel", () => {
  it("adds claims with their ends, once", () => {
    const m = new GraphModel();
    expect(m.addRelation(rel("c1", "country:us", "BLAMES", "country:ru"))).toEqual(["country:us", "country:ru"]);
    expect(m.addRelation(rel("c1", "country:us", "BLAMES", "country:ru"))).toEqual([]);
    expect(m.graph.order).toBe(2);
    expect(m.graph.size).toBe(1);
    expect(m.graph.getEdgeAttribute("c1", "label")).toBe("blames");
  });

  it("draws parallel claims apart and single claims straight", () => {
    const m = new GraphModel();
    m.addRelation(rel("c1", "country:us", "WARNED", "country:ru"));
    m.addRelation(rel("c2", "country:us", "BLAMES", "country:ru"));
    m.addRelation(rel("c3", "country:ru", "CRITICIZED", "country:us"));
    m.addRelation(rel("c4", "country:us", "ATTENDED", "org:un"));
    m.finish();
    // Where each claim bends, seen from one fixed direction between the two nodes.
    const side = (e: string) => {
      const [s, t] = m.graph.extremities(e);
      return m.graph.getEdgeAttribute(e, "curvature") * (s < t ? 1 : -1);
    };
    const sides = ["c1", "c2", "c3"].map(side);
    expect(new Set(sides.map((x) => x.toFixed(4))).size).toBe(3);
    expect(sides.filter((x) => x === 0).length).toBe(1);
    expect(m.graph.getEdgeAttribute("c4", "type")).toBe("straight");
    expect(m.graph.getEdgeAttribute("c4", "curvature")).toBe(0);
    // Two claims in opposite directions bend to opposite sides.
    const two = new GraphModel();
    two.addRelation(rel("a", "country:us", "WARNED", "country:ru"));
    two.addRelation(rel("b", "country:ru", "CRITICIZED", "country:us"));
    two.finish();
    const s2 = ["a", "b"].map((e) => {
      const [s, t] = two.graph.extremities(e);
      return two.graph.getEdgeAttribute(e, "curvature") * (s < t ? 1 : -1);
    });
    expect(Math.sign(s2[0]!)).toBe(-Math.sign(s2[1]!));
    expect(two.graph.getEdgeAttribute("a", "type")).toBe("curved");
  });

  it("removes a node with its claims", () => {
    const m = new GraphModel();
    m.addRelation(rel("c1", "country:us", "BLAMES", "country:ru"));
    m.addRelation(rel("c2", "country:us", "ATTENDED", "org:un"));
    m.removeNode("country:ru");
    expect(m.graph.hasNode("country:ru")).toBe(false);
    expect(m.relations.has("c1")).toBe(false);
    expect(m.relations.has("c2")).toBe(true);
  });

  it("lists only the claims that pass the filters and whose ends are shown", () => {
    const m = new GraphModel();
    m.addRelation(rel("c1", "country:us", "BLAMES", "country:ru", { confidence: 0.5 }));
    m.addRelation(rel("c2", "country:us", "ATTENDED", "org:un"));
    expect(m.visibleRelations(defaultFilters()).map((r) => r.id).sort()).toEqual(["c1", "c2"]);
    expect(m.visibleRelations({ ...defaultFilters(), minConfidence: 0.6 }).map((r) => r.id)).toEqual(["c2"]);
    expect(m.visibleRelations({ ...defaultFilters(), hiddenKinds: ["ORGANIZATION"] }).map((r) => r.id)).toEqual(["c1"]);
    expect(m.visibleNodes({ ...defaultFilters(), hiddenKinds: ["ORGANIZATION"] }).sort()).toEqual(["country:ru", "country:us"]);
  });

  it("places a neighbour near the node it was expanded from", () => {
    const m = new GraphModel();
    m.addNode({ id: "country:us", kind: "COUNTRY", name: "US", aliases: [] }, { x: 100, y: 100 });
    m.addNode({ id: "country:ru", kind: "COUNTRY", name: "RU", aliases: [] }, "country:us");
    const a = m.graph.getNodeAttributes("country:ru");
    expect(Math.hypot(a.x - 100, a.y - 100)).toBeLessThan(10);
  });
});

describe("curvature", () => {
  it("is symmetric and bounded", () => {
    expect(curvature(-1, 2)).toBeCloseTo(-curvature(1, 2));
    expect(curvature(0, 3)).toBe(0);
    expect(Math.abs(curvature(10, 10))).toBeLessThan(1);
  });
});
