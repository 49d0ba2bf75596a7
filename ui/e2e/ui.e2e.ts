// End to end: the real actorgraph binary serving the demo corpus (plus one
// article with a hostile entity name), driven in headless Chromium. Each step
// leaves a screenshot in test-output/ui/.

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env, launch, load, serve, tempDir, type Server } from "./harness.mjs";

const HOSTILE = "<img src=x onerror=alert(1)>";
const root = fileURLToPath(new URL("../..", import.meta.url));
const out = env("AG_OUT", join(root, "test-output", "ui"));

let server: Server;
let dbPath = "";
let binPath = "";
let browser: Browser;
let page: Page;
let mainPage: Page;
const dialogs: string[] = [];
const pageErrors: string[] = [];
const cspViolations: string[] = [];

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(out, `${name}.png`) });
}

/** Waits until no request of the app is in flight. */
async function idle(p: Page = page): Promise<void> {
  await p.waitForFunction(() => document.body.dataset.pending === "0");
}

async function graphNodes(p: Page = page): Promise<string[]> {
  return p.evaluate(() => window.__actorgraph!.graph.nodes().sort());
}

function watch(p: Page): void {
  p.on("dialog", (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  p.on("pageerror", (e) => pageErrors.push(e.message));
  p.on("console", (m) => {
    if (/Content.Security.Policy|Refused to/i.test(m.text())) cspViolations.push(m.text());
  });
}

async function pick(p: Page, inputTestid: string, query: string, id: string, optionTestid: string): Promise<void> {
  await p.getByTestId(inputTestid).fill(query);
  const option = p.locator(`[data-testid="${optionTestid}"][data-id="${id}"]`);
  await option.waitFor();
  await option.click();
}

beforeAll(async () => {
  mkdirSync(out, { recursive: true });
  const bin = env("AG_BIN", join(root, "bin", "actorgraph"));
  const dir = tempDir("actorgraph-e2e-");
  // The demo corpus and one article whose entity name is markup.
  const hostile = join(dir, "hostile");
  mkdirSync(hostile);
  writeFileSync(join(hostile, "wire.txt"),
    `Hostile names are text\n\nA group calling itself ${HOSTILE} claimed the outage in Estonia, the ministry said.\n`);
  writeFileSync(join(hostile, "wire.annotations.yaml"), [
    "document:",
    "  title: Hostile names are text",
    "  publisher: Test Wire",
    '  published: "2024-01-02"',
    "entities:",
    "  - id: org:hostile-name",
    "    kind: Organization",
    `    name: '${HOSTILE}'`,
    "    properties: {kind: threat-group}",
    "claims:",
    "  - subject: org:hostile-name",
    "    type: TARGETED",
    "    object: country:EE",
    `    quote: 'A group calling itself ${HOSTILE} claimed the outage in Estonia'`,
    "",
  ].join("\n"));
  const db = join(dir, "e2e.db");
  dbPath = db;
  binPath = bin;
  // ...and a generated PDF statement whose curated claim is quoted from page 2.
  load(bin, db, [join(root, "data", "demo"), hostile, join(root, "ui", "e2e", "fixtures")]);
  // --allow-private: the "Add" step fetches a page from a server on this machine.
  server = await serve(bin, db, dir, ["--no-demo", "--allow-private"]);
  browser = await launch(env("AG_CHROMIUM", "/usr/bin/chromium"));
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
  watch(page);
  mainPage = page;
  await page.goto(server.url);
  await page.waitForFunction(() => window.__actorgraph !== undefined);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("actorgraph UI, end to end", () => {
  it("serves the UI with the CSP and keeps /graphql and /healthz", async () => {
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(await res.text()).toContain('<div id="canvas"');
    const health = await (await fetch(new URL("/healthz", server.url))).json() as { status: string };
    expect(health.status).toBe("ok");
    const gql = await fetch(new URL("/graphql", server.url), {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ query: "{ stats { documents } }" }),
    });
    // The demo corpus, the hostile article, the fixtures' article and the
    // reference data's document.
    expect(((await gql.json()) as { data: { stats: { documents: number } } }).data.stats.documents).toBe(6);
  });

  it("search “Sullivan”: the suggestion shows the alias, and picking it puts the node on the canvas", async () => {
    await page.getByTestId("search-input").fill("Sullivan");
    const option = page.locator('[data-testid="search-option"][data-id="person:john-sullivan"]');
    await option.waitFor();
    await expect.poll(() => option.textContent()).toContain("John Sullivan");
    expect(await option.textContent()).toContain("alias “Sullivan”");
    await shot("01-search-suggestions");
    await option.click();
    await page.waitForFunction(() => window.__actorgraph!.graph.hasNode("person:john-sullivan"));
    await page.locator('[data-testid="details"][data-state="ready"]').waitFor();
    expect(await page.getByTestId("detail-name").textContent()).toBe("John Sullivan");
    expect(await page.getByTestId("detail-roles").textContent()).toContain("Deputy Secretary of State");
    await idle();
    await shot("02-sullivan-on-canvas");
  });

  it("the side panel shows the “costs and consequences” quote with its article, and opens the article", async () => {
    const ev = page.getByTestId("evidence").filter({ has: page.getByTestId("evidence-quote").filter({ hasText: "costs and consequences" }) }).first();
    await ev.waitFor();
    expect(await ev.getByTestId("evidence-title").textContent()).toBe("US to go on cyber offense against state actors");
    // The citation under the sentence: publisher and date (this seed names no URL).
    expect(await ev.getByTestId("evidence-citation").textContent()).toBe("Nikkei Asia, September 2018");
    const claim = page.getByTestId("claim").filter({ has: ev });
    expect(await claim.getByTestId("claim-method").first().textContent()).toBe("curated");
    expect(await claim.getByTestId("claim-confidence").first().textContent()).toMatch(/confidence \d\.\d\d/);
    await shot("03-side-panel-quote");
    await ev.getByTestId("open-article").click();
    await page.locator('[data-testid="article"][data-state="ready"]').waitFor();
    expect(await page.getByTestId("article-title").textContent()).toBe("US to go on cyber offense against state actors");
    const focused = page.locator('[data-testid="article-text"] .ev.focus');
    expect(await focused.count()).toBeGreaterThan(0);
    expect(await focused.allTextContents().then((t) => t.join(""))).toContain("costs and consequences");
    // Mentions are highlighted; clicking one adds that entity.
    const estonia = page.locator('[data-testid="mention"][data-entity="country:EE"]').first();
    await estonia.waitFor();
    await shot("04-article-view");
    await estonia.click();
    await page.waitForFunction(() => window.__actorgraph!.graph.hasNode("country:EE"));
    await page.getByTestId("article-close").click();
    await page.getByTestId("details").waitFor({ state: "visible" });
  });

  it("expand adds the selected node's neighbours", async () => {
    await pick(page, "search-input", "John Sullivan", "person:john-sullivan", "search-option");
    // The side panel shows Sullivan, not still the node before him: its
    // Expand would add someone else's neighbours.
    await page.waitForFunction(() => document.querySelector('[data-testid="details"]')?.getAttribute("data-state") === "ready" &&
      document.querySelector('[data-testid="detail-id"]')?.textContent === "person:john-sullivan");
    const before = await graphNodes();
    await page.getByTestId("expand-all").click();
    await page.waitForFunction((n) => window.__actorgraph!.graph.order > n, before.length);
    await idle();
    const after = await graphNodes();
    for (const id of ["statement:sullivan-costs-and-consequences", "statement:sullivan-not-just-russia", "org:us-state-department"]) {
      expect(after).toContain(id);
    }
    // Every neighbour is joined to Sullivan by a claim on the canvas.
    const joined = await page.evaluate(() => {
      const g = window.__actorgraph!.graph;
      return g.neighbors("person:john-sullivan").length;
    });
    expect(joined).toBeGreaterThanOrEqual(after.length - before.length);
    // The ForceAtlas2 worker ran (under the CSP) and the layout settled.
    await page.waitForFunction(() => window.__actorgraph!.app.layout.getStatus() === "settled", undefined, { timeout: 30_000 });
    const settle = await page.evaluate(() => window.__actorgraph!.app.lastSettle);
    expect(settle?.iterations).toBeGreaterThan(0);
    await page.getByTestId("fit").click();
    await shot("05-expanded");
  });

  it("hovering a node highlights its neighbours, dragging moves it, clicking selects, and the layout pauses", async () => {
    const statuses = await page.evaluate(() => {
      const b = document.getElementById("btn-layout")!;
      const st = () => window.__actorgraph!.app.layout.getStatus();
      const seen = [st()];
      b.click();
      seen.push(st());
      b.click();
      seen.push(st());
      return seen;
    });
    expect(statuses.slice(1)).toEqual(["running", "paused"]);
    expect(await page.getByTestId("layout-status").textContent()).toBe("paused");
    await page.waitForFunction(() => !window.__actorgraph!.app.sigma.getCamera().isAnimated());
    const pos = (id: string) => page.evaluate((nid) => {
      const a = window.__actorgraph!.app;
      const n = a.model.graph.getNodeAttributes(nid);
      return a.sigma.graphToViewport({ x: n.x, y: n.y });
    }, id);
    const box = (await page.getByTestId("canvas").boundingBox())!;
    const p = await pos("person:john-sullivan");
    await page.mouse.move(box.x + p.x, box.y + p.y);
    await page.waitForFunction(() => window.__actorgraph!.app.canvasState.hovered === "person:john-sullivan");
    const shown = await page.evaluate(() => {
      const s = window.__actorgraph!.app.sigma;
      return { neighbour: s.getNodeDisplayData("org:us-state-department")?.highlighted, stranger: s.getNodeDisplayData("country:EE")?.color };
    });
    expect(shown.neighbour).toBe(true);
    expect(shown.stranger).toBe("#e4e7eb");
    await shot("05b-hover-neighbours");
    // Drag Sullivan 80 px right and 40 px down: the node follows and stays.
    await page.mouse.down();
    await page.mouse.move(box.x + p.x + 80, box.y + p.y + 40, { steps: 8 });
    await page.mouse.up();
    const q = await pos("person:john-sullivan");
    expect(Math.hypot(q.x - p.x - 80, q.y - p.y - 40)).toBeLessThan(6);
    expect(await page.evaluate(() => window.__actorgraph!.graph.getNodeAttribute("person:john-sullivan", "fixed"))).toBe(true);
    // Clicking a node selects it.
    await page.mouse.move(box.x + 5, box.y + 5);
    const e = await pos("country:EE");
    await page.mouse.click(box.x + e.x, box.y + e.y);
    await page.waitForFunction(() => window.__actorgraph!.app.selection?.id === "country:EE");
    await page.locator('[data-testid="details"][data-state="ready"]').waitFor();
    expect(await page.getByTestId("detail-name").textContent()).toBe("Estonia");
    await shot("05c-dragged-and-selected");
  });

  it("the path finder between Estonia and Russia lists hops, each with its evidence, and highlights them", async () => {
    await page.getByTestId("tab-paths").click();
    await pick(page, "path-from-input", "Estonia", "country:EE", "path-from-option");
    await pick(page, "path-to-input", "Russia", "country:RU", "path-to-option");
    await page.getByTestId("find-paths").click();
    await page.locator('[data-testid="path-results"][data-state="ready"]').waitFor();
    const paths = page.getByTestId("path");
    expect(await paths.count()).toBeGreaterThan(0);
    const first = paths.first();
    const hops = first.getByTestId("hop");
    const n = await hops.count();
    expect(n).toBeGreaterThan(0);
    for (let i = 0; i < n; i++) {
      const hop = hops.nth(i);
      const evs = hop.getByTestId("hop-evidence");
      expect(await evs.count()).toBeGreaterThan(0);
      expect((await evs.first().getByTestId("evidence-quote").textContent())!.length).toBeGreaterThan(10);
      expect((await evs.first().getByTestId("evidence-title").textContent())!.length).toBeGreaterThan(0);
    }
    expect(await hops.first().textContent()).toContain("Estonia");
    expect(await hops.last().textContent()).toContain("Russia");
    const focus = await page.evaluate(() => {
      const f = window.__actorgraph!.app.canvasState.focus;
      return f ? { nodes: [...f.nodes], edges: [...f.edges] } : null;
    });
    expect(focus?.edges.length).toBe(n);
    expect(focus?.nodes).toContain("country:EE");
    expect(focus?.nodes).toContain("country:RU");
    const onCanvas = await graphNodes();
    for (const id of focus!.nodes) expect(onCanvas).toContain(id);
    await shot("06-path-estonia-russia");
  });

  it("a node with many claims expands a page at a time, with “+N more”", async () => {
    const id = "event:cyber-ministerial-2018";
    await pick(page, "search-input", "ministerial meeting on cybersecurity", id, "search-option");
    await page.locator('[data-testid="details"][data-state="ready"]').waitFor();
    const total = await page.evaluate(async (nid) => {
      const res = await fetch("/graphql", { method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ query: "query($id: ID!) { node(id: $id) { relations { totalCount } } }", variables: { id: nid } }) });
      return ((await res.json()) as { data: { node: { relations: { totalCount: number } } } }).data.node.relations.totalCount;
    }, id);
    expect(total).toBeGreaterThan(12);
    await page.getByTestId("expand-all").click();
    const more = page.getByTestId("expand-more").first();
    await more.waitFor();
    expect(await more.textContent()).toBe(`+${total - 12} more`);
    const claimsOf = () => page.evaluate((nid) => window.__actorgraph!.graph.edges(nid).length, id);
    expect(await claimsOf()).toBeGreaterThanOrEqual(12);
    expect(await claimsOf()).toBeLessThan(total);
    await shot("07a-plus-n-more");
    await more.click();
    await page.waitForFunction(([nid, n]) => window.__actorgraph!.graph.edges(nid as string).length === n, [id, total] as const);
    await page.getByTestId("expand").getByText("Expand all ✓").waitFor();
  });

  it("reloading the URL restores the canvas, the filters and the selection", async () => {
    // A filter and a selection worth restoring.
    await page.getByTestId("tab-filters").click();
    await page.getByTestId("filter-kind-STATEMENT").uncheck();
    await page.getByTestId("filter-confidence").fill("0.5");
    await page.getByTestId("filter-confidence").dispatchEvent("change");
    await pick(page, "search-input", "Estonia", "country:EE", "search-option");
    await page.locator('[data-testid="details"][data-state="ready"]').waitFor();
    await idle();
    const before = await page.evaluate(() => ({
      nodes: window.__actorgraph!.graph.nodes().sort(),
      edges: window.__actorgraph!.graph.edges().sort(),
      filters: window.__actorgraph!.app.canvasState.filters,
      selection: window.__actorgraph!.app.selection,
    }));
    expect(before.filters.hiddenKinds).toEqual(["STATEMENT"]);
    const url = page.url();
    expect(url).toContain("#");
    await page.reload();
    await page.waitForFunction(() => window.__actorgraph !== undefined);
    await page.evaluate(() => window.__actorgraph!.ready);
    await idle();
    const after = await page.evaluate(() => ({
      nodes: window.__actorgraph!.graph.nodes().sort(),
      edges: window.__actorgraph!.graph.edges().sort(),
      filters: window.__actorgraph!.app.canvasState.filters,
      selection: window.__actorgraph!.app.selection,
    }));
    expect(after).toEqual(before);
    expect(page.url()).toBe(url);
    await page.locator('[data-testid="details"][data-state="ready"]').waitFor();
    expect(await page.getByTestId("detail-name").textContent()).toBe("Estonia");
    expect(await page.getByTestId("filter-kind-STATEMENT").isChecked()).toBe(false);
    // The same link in a fresh page restores the same view.
    const other = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    watch(other);
    await other.goto(url);
    await other.waitForFunction(() => window.__actorgraph !== undefined);
    await other.evaluate(() => window.__actorgraph!.ready);
    expect(await graphNodes(other)).toEqual(before.nodes);
    expect(await other.evaluate(() => window.__actorgraph!.app.errors)).toEqual([]);
    await other.close();
    await shot("07-restored-from-url");
    // A link pasted into the same tab replaces the view.
    await page.evaluate(() => (location.hash = "#n=country:RU,country:US"));
    await page.waitForFunction(() => window.__actorgraph!.graph.order === 2 && window.__actorgraph!.graph.hasNode("country:RU"));
    await idle();
    expect(await graphNodes()).toEqual(["country:RU", "country:US"]);
    // The claims that join them came along.
    expect(await page.evaluate(() => window.__actorgraph!.graph.size)).toBeGreaterThan(0);
    expect(page.url()).toContain("n=country:RU,country:US");
    await page.getByTestId("filters-reset").click();
  });

  it("the attributions table lists the United States blaming Russia, and a row opens on the canvas", async () => {
    await page.getByTestId("tab-questions").click();
    await page.getByTestId("q-attributions").click();
    await page.locator('[data-testid="question-body"][data-state="ready"]').waitFor();
    const row = page.getByTestId("attribution-row").filter({ has: page.getByTestId("blamed").filter({ hasText: "Russia" }) }).first();
    await row.waitFor();
    expect(await row.getByTestId("attributor").textContent()).toBe("United States");
    expect(await row.getByTestId("operation").textContent()).toContain("midterm");
    expect(await row.getByTestId("evidence-quote").textContent()).toContain("pointed the finger at a resurgent Russia");
    await shot("08-attributions-table");
    await page.getByTestId("clear").click();
    await page.waitForFunction(() => window.__actorgraph!.graph.order === 0);
    const id = await row.getAttribute("data-id");
    await row.getByTestId("blamed").click();
    await page.waitForFunction((a) => {
      const g = window.__actorgraph!.graph;
      return g.hasNode(a!) && g.hasNode("country:RU") && g.hasNode("country:US");
    }, id);
    await idle();
    await shot("09-attribution-on-canvas");
  });

  it("exports PNG, GEXF with provenance, and CSV of the visible claims with their evidence", async () => {
    const get = async (testid: string) => {
      const [dl] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testid).click()]);
      const path = await dl.path();
      return readFileSync(path!);
    };
    const png = await get("export-png");
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(png.length).toBeGreaterThan(2000);
    const gexf = (await get("export-gexf")).toString("utf8");
    expect(gexf).toContain('<gexf xmlns="http://gexf.net/1.3"');
    expect(gexf).toContain('title="evidence"');
    expect(gexf).toContain("pointed the finger at a resurgent Russia");
    const csv = (await get("export-csv")).toString("utf8");
    expect(csv.split("\r\n")[0]).toContain("claim,subject_id,subject,type");
    expect(csv).toContain("BLAMES");
    expect(csv).toContain("Russia blamed for cyber attack on US elections");
  });

  it("an entity named with markup shows literally, in lists, panel and article, and runs nothing", async () => {
    const fresh = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    watch(fresh);
    page = fresh;
    await page.goto(server.url);
    await page.waitForFunction(() => window.__actorgraph !== undefined);
    await page.getByTestId("search-input").fill("onerror");
    const option = page.locator('[data-testid="search-option"][data-id="org:hostile-name"]');
    await option.waitFor();
    expect(await option.locator(".name").textContent()).toBe(HOSTILE);
    await option.click();
    await page.locator('[data-testid="details"][data-state="ready"]').waitFor();
    expect(await page.getByTestId("detail-name").textContent()).toBe(HOSTILE);
    await page.getByTestId("open-article").first().click();
    await page.locator('[data-testid="article"][data-state="ready"]').waitFor();
    expect(await page.getByTestId("article-text").textContent()).toContain(`calling itself ${HOSTILE} claimed`);
    expect(await page.locator(`[data-testid="mention"][data-entity="org:hostile-name"]`).first().textContent()).toBe(HOSTILE);
    expect(await page.evaluate(() => document.querySelectorAll("img").length)).toBe(0);
    expect(await page.evaluate(() => window.__actorgraph!.graph.getNodeAttribute("org:hostile-name", "label"))).toBe(HOSTILE);
    await shot("10-hostile-name-literal");
    expect(dialogs).toEqual([]);
  });

  it("evidence from a PDF is cited with its publisher, date and page", async () => {
    await page.goto(server.url); // a fresh view: the previous step left the article open
    await page.waitForFunction(() => window.__actorgraph !== undefined);
    await pick(page, "search-input", "Coordinator", "org:cyber-coordinator", "search-option");
    await page.locator('[data-testid="details"][data-state="ready"]').waitFor();
    const ev = page.getByTestId("evidence").filter({ has: page.getByTestId("evidence-quote").filter({ hasText: "warned Russia of the consequences" }) }).first();
    await ev.waitFor();
    expect(await ev.getByTestId("evidence-title").textContent()).toBe("Cyber deterrence statement");
    expect(await ev.getByTestId("evidence-citation").textContent()).toBe("US State Department, 20 September 2018, p. 2");
    await shot("10b-pdf-evidence-cited-with-page");
  });

  it("Add: a page by its URL, then a dropped file, each loads with progress lines and opens in the article view", async () => {
    const site = createServer((_req, res) => {
      res.setHeader("Content-Type", "text/html; charset=utf-8");
      res.end(`<html lang="en"><head><title>Ministers meet | Example News</title>
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Ministers meet in Tallinn","datePublished":"2024-03-01","publisher":{"name":"Example News"}}</script>
</head><body><article><h1>Ministers meet in Tallinn</h1><p>Estonia hosted a meeting of defence ministers in Tallinn on Friday, officials said.</p></article></body></html>`);
    });
    await new Promise<void>((r) => site.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(site.address() as AddressInfo).port}/news/ministers`;
    try {
      await page.goto(server.url);
      await page.waitForFunction(() => window.__actorgraph !== undefined);
      await page.getByTestId("tab-add").click();
      await page.getByTestId("add-url").fill(url);
      await page.getByTestId("add-submit").click();
      await page.locator('[data-testid="add-log"][data-state="done"]').waitFor();
      expect(await page.getByTestId("add-log").textContent()).toContain(`${url} (extracted): +`);
      await page.locator('[data-testid="article"][data-state="ready"]').waitFor();
      expect(await page.getByTestId("article-title").textContent()).toBe("Ministers meet in Tallinn");
      await shot("10c-added-by-url");
    } finally {
      site.close();
    }
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(["Estonia hosts cyber drill\n\nEstonia hosted a NATO cyber defence exercise in Tallinn on Monday, officials said.\n"], "drill.txt", { type: "text/plain" }));
      document.querySelector('[data-testid="add-drop"]')!.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    await page.locator('[data-testid="add-log"][data-state="done"]').waitFor();
    expect(await page.getByTestId("add-log").textContent()).toContain("upload drill.txt");
    await page.waitForFunction(() => document.querySelector('[data-testid="article-title"]')?.textContent === "Estonia hosts cyber drill");
    await shot("10d-added-by-drop");
  });

  it("raised no page error, no dialog, no error message and no Content-Security-Policy violation", async () => {
    for (const p of [mainPage, page]) expect(await p.evaluate(() => window.__actorgraph!.app.errors)).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(cspViolations).toEqual([]);
  });

  it("a server started with --token asks for it, and works once it is given", async () => {
    const guarded = await serve(binPath, dbPath, tempDir("actorgraph-token-"), ["--no-demo", "--read-only", "--token", "t0k-e2e"]);
    const p = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    try {
      watch(p);
      await p.goto(guarded.url);
      await p.waitForFunction(() => window.__actorgraph !== undefined);
      await p.getByTestId("search-input").fill("Sullivan");
      await p.getByTestId("token-dialog").waitFor({ state: "visible" });
      await p.screenshot({ path: join(out, "20-token-asked.png") });
      await p.getByTestId("token-input").fill("t0k-e2e");
      await p.getByTestId("token-submit").click();
      await p.getByTestId("token-dialog").waitFor({ state: "hidden" });
      // The dialog took the focus from the search box; typing again searches
      // with the token now kept for the tab.
      await p.getByTestId("search-input").fill("");
      await p.getByTestId("search-input").fill("Sullivan");
      const option = p.locator('[data-testid="search-option"][data-id="person:john-sullivan"]');
      await option.waitFor();
      expect(await p.evaluate(() => sessionStorage.getItem("actorgraph-token"))).toBe("t0k-e2e");
      await p.screenshot({ path: join(out, "21-token-accepted.png") });
    } finally {
      await p.close();
      await guarded.stop();
    }
  });
});
