import { describe, expect, it } from "vitest";
import { insidePolygon } from "./lasso";

describe("lasso", () => {
  it("knows inside from outside, for a concave loop too", () => {
    const l = [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 10 }, { x: 5, y: 4 }, { x: 0, y: 10 }];
    expect(insidePolygon({ x: 2, y: 2 }, l)).toBe(true);
    expect(insidePolygon({ x: 5, y: 8 }, l)).toBe(false);
    expect(insidePolygon({ x: 11, y: 5 }, l)).toBe(false);
  });
});
