import { describe, expect, it } from "vitest";
import { inContext } from "./review";
import { reviewHidden } from "./filters";

describe("inContext", () => {
  it("cuts the sentence and its surroundings by code points, marking cuts", () => {
    const text = "😀😀 Before. Estonia backed it. After 😀 that.";
    const start = [...text].indexOf("E");
    const end = start + "Estonia backed it.".length;
    const c = inContext(text, start, end, 4);
    expect(c.quote).toBe("Estonia backed it.");
    expect(c.before).toBe("…re. ");
    expect(c.after).toBe(" Aft…");
    const whole = inContext(text, start, end, 1000);
    expect(whole.before + whole.quote + whole.after).toBe(text);
  });
});

describe("reviewHidden", () => {
  it("hides rejected and corrected claims only", () => {
    expect(["UNREVIEWED", "CONFIRMED", "REJECTED", "CORRECTED", undefined].map(reviewHidden)).toEqual([false, false, true, true, false]);
  });
});
