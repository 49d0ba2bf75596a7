import { describe, expect, it } from "vitest";
import { GraphModel } from "./graphstore";
import { radialPositions, timePositions } from "./layouts";
import type { NodeSummary, Relation } from "./types";

const node = (id: string, kind: NodeSummary["kind"] = "COUNTRY"): NodeSummary => ({ id, kind, name: id, aliases: [] });
const rel = (id: string, from: NodeSummary, to: NodeSummary, date: string | null): Relation =>
  ({ id, type: "ATTENDED", from, to, confidence: 1, method: "curated", modality: "ASSERTED", date, published: null, properties: [], evidence: [] }) as unknown as Relation;

describe("layouts", () => {
  const a = node("a"), b = node("b"), c = node("c"), d = node("d"), lone = node("lone");
  const model = () => {
    const m = new GraphModel();
    m.addRelation(rel("1", a, b, "2018-01"));
    m.addRelation(rel("2", b, c, "2018-06"));
    m.addRelation(rel("3", a, d, null));
    m.addNode(lone);
    return m;
  };

  it("radial: the centre in the middle, each hop one ring further out, the unconnected outermost", () => {
    const p = radialPositions(model().graph, "a");
    const r = (id: string) => Math.round(Math.hypot(p.get(id)!.x, p.get(id)!.y));
    expect(r("a")).toBe(0);
    expect(r("b")).toBe(100);
    expect(r("d")).toBe(100);
    expect(r("c")).toBe(200);
    expect(r("lone")).toBe(300);
  });

  it("time: left to right by the earliest claim date, undated nodes to the left of all", () => {
    const p = timePositions(model().graph, ["COUNTRY"]);
    expect(p.get("a")!.x).toBe(0);
    expect(p.get("c")!.x).toBe(1000);
    expect(p.get("b")!.x).toBe(0);
    expect(p.get("lone")!.x).toBeLessThan(0);
  });
});
