// Review, end to end: the real binary on loopback (the local user is an
// editor), the demo corpus plus one article nobody annotated (its claims are
// all extracted, so unreviewed), driven in headless Chromium. Screenshots go
// to test-output/ui/review-*.png.

import { mkdirSync, readdirSync, copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env, launch, load, serve, tempDir, type Server } from "./harness.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const out = env("AG_OUT", join(root, "test-output", "ui"));

const UK = `Britain blames Russia for cyber attack on Ukrainian grid

Published: 2019-02-04

The United Kingdom blamed Russia for the cyber attack on the Ukrainian power grid, officials said on Monday. Estonia backed the British attribution. Jon Sullivan said the attack was reckless.
`;

let server: Server;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(out, `review-${name}.png`) });
}

async function idle(): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.pending === "0");
}

/** Asks the API from the page (same origin, same user). */
async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  return page.evaluate(async ([q, v]) => {
    const res = await fetch("/graphql", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ query: q, variables: v }) });
    const body = await res.json() as { data: unknown; errors?: { message: string }[] };
    if (body.errors) throw new Error(body.errors[0]!.message);
    return body.data;
  }, [query, variables] as const) as Promise<T>;
}

async function status(id: string): Promise<string> {
  const d = await gql<{ relation: { review: { status: string } } }>(`query($id: ID!) { relation(id: $id) { review { status } } }`, { id });
  return d.relation.review.status;
}

/** What sigma draws for a claim: hidden, and its program (dashed or not). */
async function drawn(id: string): Promise<{ hidden: boolean; type: string } | null> {
  return page.evaluate((e) => {
    const app = window.__actorgraph!.app;
    if (!app.model.graph.hasEdge(e)) return null;
    const d = app.sigma.getEdgeDisplayData(e);
    return d ? { hidden: !!d.hidden, type: String(d.type) } : null;
  }, id);
}

beforeAll(async () => {
  mkdirSync(out, { recursive: true });
  const bin = env("AG_BIN", join(root, "bin", "actorgraph"));
  const dir = tempDir("actorgraph-review-e2e-");
  const corpus = join(dir, "corpus");
  mkdirSync(corpus);
  for (const f of readdirSync(join(root, "data", "demo"))) copyFileSync(join(root, "data", "demo", f), join(corpus, f));
  writeFileSync(join(corpus, "uk.txt"), UK);
  const db = join(dir, "review.db");
  load(bin, db, [corpus]);
  server = await serve(bin, db, dir, ["--no-demo"]);
  browser = await launch(env("AG_CHROMIUM", "/usr/bin/chromium"));
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("dialog", (d) => void d.dismiss());
  await page.goto(server.url);
  await page.waitForFunction(() => window.__actorgraph !== undefined);
  await page.waitForFunction(() => document.body.dataset.canEdit === "true");
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("review, end to end", () => {
  it("works through three queue items with the keyboard: confirm, reject, skip", async () => {
    await page.getByTestId("tab-review").click();
    const item = page.getByTestId("review-item");
    await item.waitFor();
    const left = page.getByTestId("review-left");
    const before = Number(await left.getAttribute("data-left"));
    expect(before).toBeGreaterThan(3);
    expect(await page.getByTestId("review-quote").textContent()).not.toBe("");
    await shot("01-queue");

    const first = (await item.getAttribute("data-claim"))!;
    await page.keyboard.press("c");
    await page.waitForFunction((id) => document.querySelector('[data-testid="review-item"]')?.getAttribute("data-claim") !== id, first);
    expect(await status(first)).toBe("CONFIRMED");
    expect(Number(await left.getAttribute("data-left"))).toBe(before - 1);

    const second = (await item.getAttribute("data-claim"))!;
    await page.keyboard.press("r");
    await page.waitForFunction((id) => document.querySelector('[data-testid="review-item"]')?.getAttribute("data-claim") !== id, second);
    expect(await status(second)).toBe("REJECTED");
    expect(Number(await left.getAttribute("data-left"))).toBe(before - 2);

    const third = (await item.getAttribute("data-claim"))!;
    await page.keyboard.press("s");
    await page.waitForFunction((id) => document.querySelector('[data-testid="review-item"]')?.getAttribute("data-claim") !== id, third);
    expect(await status(third)).toBe("UNREVIEWED");
    expect(await left.getAttribute("data-skipped")).toBe("1");
    expect(Number(await left.getAttribute("data-left"))).toBe(before - 2);

    // The queue's order is the server's: lowest confidence first.
    const q = await gql<{ reviewQueue: { edges: { node: { id: string; confidence: number } }[] } }>(`{ reviewQueue(first: 100) { edges { node { id confidence } } } }`);
    const conf = q.reviewQueue.edges.map((e) => e.node.confidence);
    expect(conf).toEqual([...conf].sort((a, b) => a - b));
    expect(q.reviewQueue.edges.map((e) => e.node.id)).not.toContain(first);

    // o opens the article at the sentence.
    await page.keyboard.press("o");
    await page.locator('[data-testid="article"][data-state="ready"]').waitFor();
    await idle();
    await shot("02-after-three");
  });

  it("adds a claim by selecting text in the article view", async () => {
    const docs = await gql<{ documents: { edges: { node: { id: string; title: string } }[] } }>(`{ documents(first: 100) { edges { node { id title } } } }`);
    const uk = docs.documents.edges.find((e) => e.node.title.startsWith("Britain blames Russia"))!.node.id;
    await page.evaluate((id) => window.__actorgraph!.app.openDocument(id), uk);
    await page.locator('[data-testid="article"][data-state="ready"]').waitFor();
    const quote = "Estonia backed the British attribution.";
    // Select the passage as a reader would, by dragging over it: here with a
    // DOM range over the rendered text, then the mouse-up the view listens to.
    await page.evaluate((q) => {
      const root = document.querySelector('[data-testid="article-text"]')!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      let all = "";
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push(n as Text);
        all += n.textContent;
      }
      const at = all.indexOf(q);
      const locate = (pos: number): [Text, number] => {
        let seen = 0;
        for (const t of nodes) {
          const len = t.textContent!.length;
          if (pos <= seen + len) return [t, pos - seen];
          seen += len;
        }
        throw new Error("past the end");
      };
      const range = document.createRange();
      range.setStart(...locate(at));
      range.setEnd(...locate(at + q.length));
      const sel = window.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
      root.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
    }, quote);
    const form = page.getByTestId("add-claim-form");
    await form.waitFor();
    expect(await page.getByTestId("add-claim-quote").textContent()).toBe(quote);
    await page.getByTestId("add-from").selectOption("country:EE");
    await page.getByTestId("claim-type").selectOption("SUPPORTED");
    await page.getByTestId("add-to").selectOption("country:GB");
    await shot("03-add-claim-form");
    await page.getByTestId("add-claim-submit").click();
    await form.waitFor({ state: "detached" });
    await idle();
    const d = await gql<{ node: { relations: { edges: { node: { id: string; type: string; to: { id: string }; review: { status: string; by: string }; evidence: { quote: string; document: { id: string } }[] } }[] } } }>(
      `{ node(id: "country:EE") { relations(types: [SUPPORTED], direction: OUT) { edges { node { id type to { id } review { status by } evidence { quote document { id } } } } } } }`);
    const added = d.node.relations.edges.map((e) => e.node).find((r) => r.to.id === "country:GB");
    expect(added?.review).toEqual({ status: "CONFIRMED", by: "local" });
    expect(added?.evidence).toEqual([{ quote, document: { id: uk } }]);
    // The new claim is on the canvas, drawn solid (confirmed).
    await page.waitForFunction((id) => window.__actorgraph!.graph.hasEdge(id), added!.id);
    expect((await drawn(added!.id))?.type).not.toBe("dashed");
    await page.getByTestId("article-close").click();
  });

  it("merges two entities from the side panel", async () => {
    await page.evaluate(() => window.__actorgraph!.app.addEntity("person:jon-sullivan"));
    await page.evaluate(() => window.__actorgraph!.app.addEntity("person:john-sullivan", { select: true }));
    await page.locator('[data-testid="details"][data-state="ready"]').waitFor();
    await page.getByTestId("merge-open").click();
    const dialog = page.getByTestId("merge-dialog");
    await dialog.waitFor();
    await page.getByTestId("merge-search").fill("Jon Sullivan");
    await page.locator('[data-testid="merge-option"][data-id="person:jon-sullivan"]').click();
    await shot("04-merge-dialog");
    await page.getByTestId("merge-confirm").click();
    await dialog.waitFor({ state: "detached" });
    await page.waitForFunction(() => !window.__actorgraph!.graph.hasNode("person:jon-sullivan"));
    await idle();
    await page.locator('[data-testid="details"][data-state="ready"]').waitFor();
    expect(await page.getByTestId("detail-aliases").textContent()).toContain("Jon Sullivan");
    const d = await gql<{ node: { id: string }; search: { node: { id: string } }[] }>(`{ node(id: "person:jon-sullivan") { id } search(query: "Jon Sullivan") { node { id } } }`);
    expect(d.node.id).toBe("person:john-sullivan");
    expect(d.search[0]!.node.id).toBe("person:john-sullivan");
    // The history of the kept node tells who merged what.
    await page.getByTestId("history-toggle").first().click();
    await page.locator('[data-testid="history-item"][data-action="mergeEntities"]').first().waitFor();
    expect(await page.locator('[data-testid="history-item"][data-action="mergeEntities"]').first().textContent()).toContain("local");
    await shot("05-merged");
  });

  it("shows review status on the canvas: unreviewed dashed, confirmed solid, rejected hidden unless asked", async () => {
    const q = await gql<{ reviewQueue: { edges: { node: { id: string } }[] } }>(`{ reviewQueue(first: 1) { edges { node { id } } } }`);
    const unreviewed = q.reviewQueue.edges[0]!.node.id;
    await page.evaluate(async (id) => {
      const app = window.__actorgraph!.app;
      const r = await app.api.relation(id);
      app.addRelations([r!]);
      await app.select({ type: "edge", id });
    }, unreviewed);
    await page.locator('[data-testid="details"][data-state="ready"]').waitFor();
    expect(await drawn(unreviewed)).toEqual({ hidden: false, type: "dashed" });
    expect(await page.getByTestId("review-status").first().getAttribute("data-status")).toBe("UNREVIEWED");
    await shot("06-unreviewed-dashed");

    // Confirm in the side panel: drawn solid.
    await page.getByTestId("claim-confirm").click();
    await page.waitForFunction(() => document.querySelector('[data-testid="review-status"]')?.getAttribute("data-status") === "CONFIRMED");
    expect(await drawn(unreviewed)).toEqual({ hidden: false, type: "straight" });

    // Reject it: hidden, until "show rejected" is ticked.
    await page.getByTestId("claim-reject").click();
    await page.waitForFunction(() => document.querySelector('[data-testid="review-status"]')?.getAttribute("data-status") === "REJECTED");
    expect((await drawn(unreviewed))?.hidden).toBe(true);
    await page.getByTestId("tab-review").click();
    await page.getByTestId("show-rejected").check();
    expect((await drawn(unreviewed))?.hidden).toBe(false);
    await shot("07-rejected-shown");
    await page.getByTestId("show-rejected").uncheck();
    expect((await drawn(unreviewed))?.hidden).toBe(true);
    expect(await status(unreviewed)).toBe("REJECTED");
  });

  it("a reader sees the review state but no editing controls", async () => {
    const r = await fetch(new URL("/graphql", server.url), {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ query: "{ viewer { name canEdit } }" }),
    });
    expect(((await r.json()) as { data: { viewer: { name: string; canEdit: boolean } } }).data.viewer).toEqual({ name: "local", canEdit: true });
    // A second page, with the viewer taken for a reader: the same panels,
    // without their controls.
    const p = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    try {
      await p.route("**/graphql", async (route) => {
        const body = route.request().postData() ?? "";
        if (body.includes("query Viewer")) {
          await route.fulfill({ contentType: "application/json", body: JSON.stringify({ data: { viewer: { name: "rita", role: "reader", canEdit: false, reason: "rita is a reader" } } }) });
          return;
        }
        await route.continue();
      });
      await p.goto(server.url);
      await p.waitForFunction(() => document.body.dataset.canEdit === "false");
      await p.evaluate(() => window.__actorgraph!.app.addEntity("country:EE", { select: true }));
      await p.locator('[data-testid="details"][data-state="ready"]').waitFor();
      expect(await p.getByTestId("merge-open").count()).toBe(0);
      expect(await p.getByTestId("claim-confirm").count()).toBe(0);
      expect(await p.getByTestId("note-input").count()).toBe(0);
      await p.getByTestId("tab-review").click();
      await p.getByTestId("review-readonly").waitFor();
      expect(await p.getByTestId("review-confirm").count()).toBe(0);
    } finally {
      await p.close();
    }
  });

  it("raised no page error and no error message", async () => {
    expect(await page.evaluate(() => window.__actorgraph!.app.errors)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
