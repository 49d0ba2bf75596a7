import { describe, expect, it } from "vitest";
import { sourceLabel } from "./sourcelabel";

describe("sourceLabel", () => {
  it("never shows a file path", () => {
    expect(sourceLabel("annotation:data/demo/000-cyber.annotations.yaml", ["US to go on cyber offense"])).toBe("curated annotation of “US to go on cyber offense”");
    expect(sourceLabel("extraction:/home/me/wire.txt", [])).toBe("extracted by rules");
    expect(sourceLabel("/srv/x/article.html", ["A title"])).toBe("from “A title”");
    expect(sourceLabel("reference:iso-3166", [])).toBe("ISO 3166 country list");
    expect(sourceLabel("annotation:a.yaml", ["One", "Two", "Three"])).toBe("curated annotation of “One” and 2 more");
    expect(sourceLabel("", [])).toBeNull();
  });
});
