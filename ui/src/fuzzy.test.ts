import { describe, expect, it } from "vitest";
import { editDistance, fuzzyMatches, fuzzyScore } from "./fuzzy";

describe("typo-tolerant matching", () => {
  it("counts edits, transpositions as one", () => {
    expect(editDistance("sulivan", "sullivan")).toBe(1);
    expect(editDistance("strayre", "strayer")).toBe(1);
    expect(editDistance("russia", "russia")).toBe(0);
    expect(editDistance("abc", "xyzxyzxyz", 2)).toBe(3);
  });

  it("finds Sullivan from “Sulivan” and Strayer from “Rob Stayer”, but not from a different word", () => {
    const people = [
      { id: "person:john-sullivan", name: "John Sullivan", aliases: ["Sullivan"] },
      { id: "person:rob-strayer", name: "Rob Strayer", aliases: ["Strayer"] },
      { id: "country:RU", name: "Russia", aliases: ["Russian Federation"] },
    ];
    expect(fuzzyMatches("Sulivan", people).map((m) => m.item.id)).toEqual(["person:john-sullivan"]);
    expect(fuzzyMatches("rob stayer", people).map((m) => m.item.id)).toEqual(["person:rob-strayer"]);
    expect(fuzzyMatches("Rusia", people)[0]?.item.id).toBe("country:RU");
    expect(fuzzyMatches("Mattis", people)).toEqual([]);
    expect(fuzzyScore("usa", "Russia")).toBeNull();
  });
});
