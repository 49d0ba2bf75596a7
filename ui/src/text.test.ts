import { describe, expect, it } from "vitest";
import { findMentions, segmentText, sliceCodePoints } from "./text";

describe("sliceCodePoints", () => {
  it("counts code points, not UTF-16 units", () => {
    const text = "😀 Estonia said “no”.";
    // "Estonia" starts at code point 2 (the emoji is one code point, two UTF-16 units).
    expect(sliceCodePoints(text, 2, 9)).toBe("Estonia");
    expect(text.slice(2, 9)).not.toBe("Estonia");
  });
});

describe("findMentions", () => {
  const ents = [
    { id: "country:US", names: ["United States", "U.S.", "US"] },
    { id: "country:EE", names: ["Estonia"] },
    { id: "org:nato", names: ["NATO", "Nato"] },
    { id: "event:un", names: ["United Nations General Assembly", "United Nations"] },
  ];

  it("finds whole words, longest first, without overlaps, in code points", () => {
    const text = "🛰 The U.S. and Estonia spoke at the United Nations General Assembly.";
    const m = findMentions(text, ents);
    const cps = Array.from(text);
    expect(m.map((x) => [x.entityId, cps.slice(x.start, x.end).join("")])).toEqual([
      ["country:US", "U.S."],
      ["country:EE", "Estonia"],
      ["event:un", "United Nations General Assembly"],
    ]);
  });

  it("matches short names case-sensitively and never inside a word", () => {
    const text = "Let us trust Nato; USB and Estonian are not mentions.";
    const m = findMentions(text, ents);
    expect(m.map((x) => x.entityId)).toEqual(["org:nato"]);
  });

  it("matches long names case-insensitively", () => {
    const m = findMentions("the united states warned", ents);
    expect(m).toEqual([{ start: 4, end: 17, entityId: "country:US" }]);
  });
});

describe("segmentText", () => {
  it("cuts at evidence and mention boundaries and keeps all the text", () => {
    const text = "A. Estonia attended. B.";
    const evidence = [{ id: "ev1", start: 3, end: 20 }];
    const mentions = [{ start: 3, end: 10, entityId: "country:EE" }];
    const segs = segmentText(text, evidence, mentions);
    expect(segs.map((s) => s.text).join("")).toBe(text);
    expect(segs).toEqual([
      { text: "A. ", start: 0, end: 3, evidence: [], entityId: null },
      { text: "Estonia", start: 3, end: 10, evidence: ["ev1"], entityId: "country:EE" },
      { text: " attended.", start: 10, end: 20, evidence: ["ev1"], entityId: null },
      { text: " B.", start: 20, end: 23, evidence: [], entityId: null },
    ]);
  });

  it("uses code point offsets with astral characters", () => {
    const text = "𝐀𝐁 Estonia";
    const segs = segmentText(text, [{ id: "e", start: 3, end: 10 }], []);
    expect(segs[1]).toMatchObject({ text: "Estonia", evidence: ["e"] });
  });

  it("clamps offsets past the end", () => {
    const segs = segmentText("abc", [{ id: "e", start: 1, end: 99 }], []);
    expect(segs.map((s) => s.text)).toEqual(["a", "bc"]);
  });
});
