import { describe, expect, it } from "vitest";
import { claimVisible, dateRange, defaultFilters, isDefault, monthsBetween, nodeVisible, type ClaimFacts } from "./filters";

const claim = (over: Partial<ClaimFacts> = {}): ClaimFacts => ({
  relType: "BLAMES", confidence: 0.8, method: "curated", date: "2018-09", docIds: ["doc:a"], ...over,
});

describe("claimVisible", () => {
  it("shows everything by default", () => {
    expect(isDefault(defaultFilters())).toBe(true);
    expect(claimVisible(claim(), defaultFilters())).toBe(true);
  });

  it("filters by type, confidence and method", () => {
    expect(claimVisible(claim(), { ...defaultFilters(), hiddenTypes: ["BLAMES"] })).toBe(false);
    expect(claimVisible(claim(), { ...defaultFilters(), minConfidence: 0.9 })).toBe(false);
    expect(claimVisible(claim(), { ...defaultFilters(), minConfidence: 0.8 })).toBe(true);
    expect(claimVisible(claim(), { ...defaultFilters(), method: "extracted" })).toBe(false);
    expect(claimVisible(claim({ method: "rule:attribution@1" }), { ...defaultFilters(), method: "extracted" })).toBe(true);
  });

  it("filters by modality (a claim without one counts as asserted)", () => {
    const f = { ...defaultFilters(), hiddenModalities: ["ALLEGED"] };
    expect(isDefault(f)).toBe(false);
    expect(claimVisible(claim({ modality: "ALLEGED" }), f)).toBe(false);
    expect(claimVisible(claim({ modality: "DENIED" }), f)).toBe(true);
    expect(claimVisible(claim(), { ...defaultFilters(), hiddenModalities: ["ASSERTED"] })).toBe(false);
  });

  it("hides a claim only when every source of it is hidden", () => {
    const f = { ...defaultFilters(), hiddenSources: ["doc:a"] };
    expect(claimVisible(claim(), f)).toBe(false);
    expect(claimVisible(claim({ docIds: ["doc:a", "doc:b"] }), f)).toBe(true);
  });

  it("treats partial dates as the span they cover", () => {
    const f = { ...defaultFilters(), since: "2018-09-15", until: "2018-10" };
    expect(claimVisible(claim({ date: "2018-09" }), f)).toBe(true);
    expect(claimVisible(claim({ date: "2018" }), f)).toBe(true);
    expect(claimVisible(claim({ date: "2018-08-31" }), f)).toBe(false);
    expect(claimVisible(claim({ date: "2018-11-01" }), f)).toBe(false);
    expect(claimVisible(claim({ date: null }), f)).toBe(true);
    expect(claimVisible(claim({ date: null }), { ...f, undated: false })).toBe(false);
  });
});

describe("dates", () => {
  it("expands partial dates", () => {
    expect(dateRange("2018")).toEqual(["2018-01-01", "2018-12-31"]);
    expect(dateRange("2018-09")).toEqual(["2018-09-01", "2018-09-31"]);
    expect(dateRange("2018-09-28")).toEqual(["2018-09-28", "2018-09-28"]);
    expect(dateRange("soon")).toBeNull();
  });

  it("lists the months a set of dates spans", () => {
    expect(monthsBetween(["2018-11", "2018-09-28", "2019-01"])).toEqual(["2018-09", "2018-10", "2018-11", "2018-12", "2019-01"]);
    expect(monthsBetween([])).toEqual([]);
  });
});

describe("nodeVisible", () => {
  it("hides hidden kinds", () => {
    expect(nodeVisible("PERSON", { ...defaultFilters(), hiddenKinds: ["PERSON"] })).toBe(false);
    expect(nodeVisible("COUNTRY", { ...defaultFilters(), hiddenKinds: ["PERSON"] })).toBe(true);
  });
});
