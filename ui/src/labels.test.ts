import { describe, expect, it } from "vitest";
import { overlappingPairs, placeLabels, type LabelCandidate } from "./labels";

const cand = (key: string, x0: number, y0: number, w: number, size: number, forced = false): LabelCandidate =>
  ({ box: { key, label: key, x0, y0, x1: x0 + w, y1: y0 + 12 }, forced, highlighted: false, size });

describe("label placement", () => {
  it("keeps the bigger node's label where two overlap, and a forced label before any", () => {
    const a = cand("a", 0, 0, 100, 10);
    const b = cand("b", 50, 5, 100, 20);
    const c = cand("c", 0, 40, 100, 5);
    expect(placeLabels([a, b, c]).map((x) => x.box.key)).toEqual(["b", "c"]);
    const forced = cand("a", 0, 0, 100, 1, true);
    expect(placeLabels([forced, b, c]).map((x) => x.box.key)).toEqual(["a", "c"]);
  });

  it("never keeps two overlapping labels, however many crowd a spot", () => {
    const cands: LabelCandidate[] = [];
    for (let i = 0; i < 400; i++) cands.push(cand(`n${i}`, (i * 37) % 300, (i * 53) % 200, 40 + (i % 7) * 20, i % 13));
    const kept = placeLabels(cands);
    expect(kept.length).toBeGreaterThan(10);
    expect(overlappingPairs(kept.map((c) => c.box))).toEqual([]);
    expect(overlappingPairs(cands.map((c) => c.box)).length).toBeGreaterThan(100);
  });

  it("counts each overlapping pair once; touching edges do not overlap", () => {
    const boxes = [cand("a", 0, 0, 100, 1).box, cand("b", 100, 0, 100, 1).box, cand("c", 50, 6, 100, 1).box];
    expect(overlappingPairs(boxes).map(([x, y]) => `${x.key}${y.key}`).sort()).toEqual(["ac", "bc"]);
  });
});
