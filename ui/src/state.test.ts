import { describe, expect, it } from "vitest";
import { decodeView, emptyView, encodeView, type ViewState } from "./state";

describe("view URL", () => {
  it("round-trips the canvas, filters, selection, article and path", () => {
    const v: ViewState = {
      nodes: ["person:john-sullivan", "country:EE", "org:a,b&c=d#e"],
      edges: ["claim:4c24198527783b02aaafb0ca", "other:x"],
      positions: [[1.5, -2], [0, 3.2], [100.1, -0.5]],
      selection: { type: "edge", id: "claim:4c24198527783b02aaafb0ca" },
      doc: "doc:6994f4",
      path: { from: "country:EE", to: "country:RU" },
      filters: {
        hiddenKinds: ["STATEMENT", "CYBER_OPERATION"], hiddenTypes: ["SAID", "ABOUT"], since: "2018-01", until: "2018-12",
        undated: false, minConfidence: 0.75, hiddenSources: ["doc:1"], method: "curated", hiddenModalities: ["ALLEGED"],
      },
      groups: [], hidden: [], compact: null,
    };
    const enc = encodeView(v);
    expect(enc).toContain("n=person:john-sullivan,country:EE,");
    expect(enc).toContain("e=4c24198527783b02aaafb0ca,");
    expect(decodeView(`#${enc}`)).toEqual(v);
  });

  it("round-trips groups, hidden nodes and compact mode, whatever the names hold", () => {
    const v: ViewState = {
      ...emptyView(), nodes: ["country:US", "country:RU", "org:a;b+c,d"], hidden: ["country:RU"], compact: false,
      groups: [
        { id: "group:1", name: "Allies; the “Five Eyes”, + friends", collapsed: true, x: 1.5, y: -2, members: ["country:US", "org:a;b+c,d"] },
        { id: "group:2", name: "Open", collapsed: false, x: 0, y: 0, members: ["country:RU"] },
      ],
    };
    const enc = encodeView(v);
    expect(enc).toContain("c=0");
    expect(decodeView(`#${enc}`)).toEqual(v);
    expect(decodeView(`#${encodeView({ ...v, compact: true })}`).compact).toBe(true);
    expect(decodeView("#n=a").compact).toBeNull();
    // A malformed group is dropped, the rest of the link still opens.
    expect(decodeView("#n=a&g=group:1;x;1;0_0;a,nogroup;x;1;0_0;a,group:3;;1;0_0;a,group:4;y;1;0_0;").groups!.map((g) => g.id)).toEqual(["group:1"]);
  });

  it("keeps node positions to a tenth, and drops malformed ones", () => {
    const enc = encodeView({ ...emptyView(), nodes: ["a", "b"], positions: [[12.345, -7.06], [0, 1e-9]] });
    expect(enc).toContain("xy=12.3_-7.1,0_0");
    expect(decodeView(`#${enc}`).positions).toEqual([[12.3, -7.1], [0, 0]]);
    expect(decodeView("#n=a,b&xy=1_2").positions).toBeNull();
    expect(decodeView("#n=a&xy=1_x").positions).toBeNull();
  });

  it("encodes an empty view as nothing", () => {
    expect(encodeView(emptyView())).toBe("");
    expect(decodeView("")).toEqual(emptyView());
  });

  it("drops what it does not understand", () => {
    const v = decodeView("#hk=PERSON,Alien,ALIEN&ht=SAID,DROP_TABLE&mc=7&m=weird&since=yesterday&s=x:1&junk&hm=ALLEGED,maybe");
    expect(v.filters.hiddenKinds).toEqual(["PERSON"]);
    expect(v.filters.hiddenModalities).toEqual(["ALLEGED"]);
    expect(v.filters.hiddenTypes).toEqual(["SAID"]);
    expect(v.filters.minConfidence).toBe(0);
    expect(v.filters.method).toBe("all");
    expect(v.filters.since).toBeNull();
    expect(v.selection).toBeNull();
  });

  it("opens links and saved investigations written when kinds and modalities were spelled Country and alleged", () => {
    // What a link of the UI before the API's SCREAMING_CASE enums held: the
    // kinds as the stores spell them, the modalities in lower case.
    const v = decodeView("#n=country:EE&hk=Statement,CyberOperation,Person&hm=alleged,denied&m=curated");
    expect(v.filters.hiddenKinds).toEqual(["STATEMENT", "CYBER_OPERATION", "PERSON"]);
    expect(v.filters.hiddenModalities).toEqual(["ALLEGED", "DENIED"]);
    expect(v.filters.method).toBe("curated");
    // Saved again, it is written in the new spelling, and reads the same.
    const again = encodeView(v);
    expect(again).toContain("hk=STATEMENT,CYBER_OPERATION,PERSON");
    expect(again).toContain("hm=ALLEGED,DENIED");
    expect(decodeView(`#${again}`)).toEqual(v);
    // Both spellings of one kind hide it once.
    expect(decodeView("#hk=Person,PERSON").filters.hiddenKinds).toEqual(["PERSON"]);
  });

  it("tolerates malformed percent-encoding", () => {
    expect(decodeView("#n=%E0%A4%A,country:EE").nodes).toEqual(["%E0%A4%A", "country:EE"]);
  });
});
