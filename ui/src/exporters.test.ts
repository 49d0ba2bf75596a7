import { describe, expect, it } from "vitest";
import { csvField, toCSV, toGEXF, xmlEscape } from "./exporters";
import { rel } from "./fixtures.test-helpers";

describe("GEXF", () => {
  it("writes nodes, and edges carrying their provenance, escaped", () => {
    const r = rel("claim:1", "country:us", "BLAMES", "country:ru", {
      evidence: [{ id: "e", quote: 'He said "<b>no</b>" & left', start: 1, end: 2, document: { id: "d", title: "T & Co", publisher: "P", published: null, url: "https://x.org/?a=1&b=2" } }],
    });
    const xml = toGEXF([{ id: "country:us", kind: "COUNTRY", name: "<US>", aliases: ["America"], x: 1, y: 2, color: "#2f6fb0", size: 6 }], [r]);
    expect(xml).toContain('<gexf xmlns="http://gexf.net/1.3"');
    expect(xml).toContain('<node id="country:us" label="&lt;US&gt;">');
    // Kinds as the stores spell them: the format did not change when the API
    // began to spell them COUNTRY.
    expect(xml).toContain('<attvalue for="0" value="Country"/>');
    expect(xml).toContain('<viz:color r="47" g="111" b="176"/>');
    expect(xml).toContain('source="country:us" target="country:ru" label="BLAMES" weight="0.9"');
    expect(xml).toContain("He said &quot;&lt;b&gt;no&lt;/b&gt;&quot; &amp; left");
    expect(xml).toContain("https://x.org/?a=1&amp;b=2");
    expect(xml).not.toContain("<b>");
  });

  it("drops characters XML cannot carry", () => {
    expect(xmlEscape("a\u0000b\u0007c")).toBe("abc");
  });
});

describe("CSV", () => {
  it("writes one row per evidence sentence, quoting as needed", () => {
    const r = rel("claim:1", "country:us", "BLAMES", "country:ru");
    r.evidence.push({ ...r.evidence[0]!, id: "e2", quote: 'Second, "quoted"\nline' });
    const csv = toCSV([r]);
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe("claim,subject_id,subject,type,object_id,object,confidence,method,modality,date,published,properties,quote,start,end,document_id,document,publisher,url");
    expect(lines[1]).toBe("claim:1,country:us,US,BLAMES,country:ru,RU,0.9,curated,asserted,2018-09,2018-10,,country:us BLAMES country:ru.,0,10,doc:1,A title,Wire,");
    expect(csv).toContain('"Second, ""quoted""\nline"');
  });

  it("defuses spreadsheet formulas", () => {
    expect(csvField("=HYPERLINK(\"x\")")).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField("+1")).toBe("'+1");
    expect(csvField(-0.5)).toBe("-0.5");
  });
});
