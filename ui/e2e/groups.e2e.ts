// End to end, at 1280×720: grouping selected nodes into one collapsible
// group node — named, its members' claims redirected to it, expanded and
// collapsed again, undone, carried by a shared link and by a saved
// investigation, and ungrouped. The real binary serves the demo corpus;
// Debian's Chromium drives the UI. Screenshots: test-output/ui/groups-*.png.

import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env, type Server } from "./harness.mjs";
import { demoServer, openApp, seriousViolations, waitIdle, waitSettled } from "./apppage";

const root = fileURLToPath(new URL("../..", import.meta.url));
const out = env("AG_OUT", join(root, "test-output", "ui"));
const MEMBERS = ["country:RU", "country:US"];

let server: Server;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

async function shot(name: string, p: Page = page): Promise<void> {
  await p.screenshot({ path: join(out, `groups-${name}.png`) });
}

const idle = (p: Page = page) => waitIdle(p);
const settled = (p: Page = page) => waitSettled(p);

const openPage = (url: string) => openApp(browser, url, pageErrors);

/**
 * What the canvas draws, from sigma's display data: the nodes shown, and the
 * edges shown as [source, target, the claim each stands for].
 */
async function drawn(p: Page = page): Promise<{ nodes: string[]; edges: [string, string, string][] }> {
  return p.evaluate(() => {
    const a = window.__actorgraph!.app;
    const g = a.model.graph;
    const nodes = g.filterNodes((n) => a.sigma.getNodeDisplayData(n)?.hidden === false).sort();
    const edges = g.filterEdges((e) => a.sigma.getEdgeDisplayData(e)?.hidden === false)
      .map((e) => [g.source(e), g.target(e), String(g.getEdgeAttribute(e, "claim") ?? e)] as [string, string, string]).sort();
    return { nodes, edges };
  });
}

/** The claims on the canvas with exactly one end among the members, and those between two members. */
async function memberClaims(members: string[], p: Page = page): Promise<{ outward: string[]; inside: string[] }> {
  return p.evaluate((ms) => {
    const g = window.__actorgraph!.graph;
    const set = new Set(ms);
    const outward: string[] = [];
    const inside: string[] = [];
    g.forEachEdge((e, a, s, t) => {
      if (a.virtual) return;
      if (set.has(s) && set.has(t)) inside.push(e);
      else if (set.has(s) || set.has(t)) outward.push(e);
    });
    return { outward: outward.sort(), inside: inside.sort() };
  }, members);
}

async function groups(p: Page = page): Promise<{ id: string; name: string; members: string[]; collapsed: boolean; x: number; y: number }[]> {
  return p.evaluate(() => {
    const a = window.__actorgraph!.app;
    const g = a.model.graph;
    return [...a.model.groups.values()].map((grp) => ({
      id: grp.id, name: grp.name, members: [...grp.members].sort(), collapsed: grp.collapsed,
      x: g.getNodeAttribute(grp.id, "x"), y: g.getNodeAttribute(grp.id, "y"),
    }));
  });
}

beforeAll(async () => {
  mkdirSync(out, { recursive: true });
  ({ server, browser } = await demoServer("actorgraph-groups-e2e-"));
  page = await openPage(server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("grouping selected nodes, end to end", () => {
  it("Shift-click two nodes, Group: one group node, the members' claims redirected to it, the claims between them inside", async () => {
    await page.getByTestId("overview-show").click();
    await page.waitForFunction(() => window.__actorgraph!.graph.order > 5);
    await idle();
    // Radial around the United States: it in the middle, Russia on the first
    // ring, each clear to click.
    await page.evaluate(() => window.__actorgraph!.app.select({ type: "node", id: "country:US" }));
    await page.getByTestId("layout-choice").selectOption("radial");
    await settled();
    const box = (await page.getByTestId("canvas").boundingBox())!;
    const click = async (id: string, shift: boolean) => {
      const p = await page.evaluate((nid) => {
        const a = window.__actorgraph!.app;
        const n = a.model.graph.getNodeAttributes(nid);
        return a.sigma.graphToViewport({ x: n.x, y: n.y });
      }, id);
      await page.waitForTimeout(400);
      if (shift) await page.keyboard.down("Shift");
      await page.mouse.click(box.x + p.x, box.y + p.y);
      if (shift) await page.keyboard.up("Shift");
    };
    await click("country:US", false);
    await page.waitForFunction(() => window.__actorgraph!.app.selection?.id === "country:US");
    await click("country:RU", true);
    await page.waitForFunction(() => window.__actorgraph!.app.selectedNodes().length === 2);
    const { outward, inside } = await memberClaims(MEMBERS);
    expect(outward.length).toBeGreaterThan(0);
    expect(inside.length).toBeGreaterThan(0);
    const before = await drawn();
    await page.getByTestId("group").click();
    await page.waitForFunction(() => window.__actorgraph!.app.selection?.id === "group:1");
    await page.locator('[data-testid="details"][data-state="ready"]').waitFor();
    expect(await page.getByTestId("detail-name").textContent()).toBe("United States, Russia");
    const after = await drawn();
    // The group node is drawn, its members are not; every other node still is.
    expect(after.nodes).toContain("group:1");
    for (const m of MEMBERS) expect(after.nodes).not.toContain(m);
    expect(after.nodes.filter((n) => n !== "group:1")).toEqual(before.nodes.filter((n) => !MEMBERS.includes(n)));
    // Each claim between a member and the rest is drawn once, to or from the
    // group node; the claims between the members are not drawn.
    const redirected = after.edges.filter(([s, t]) => s === "group:1" || t === "group:1");
    const shownOutward = outward.filter((c) => before.edges.some((e) => e[2] === c));
    expect(redirected.map((e) => e[2]).sort()).toEqual(shownOutward);
    for (const c of inside) expect(after.edges.some((e) => e[2] === c)).toBe(false);
    for (const [s, t] of after.edges) expect([s, t].filter((n) => MEMBERS.includes(n))).toEqual([]);
    expect(await page.getByTestId("canvas-info").textContent()).toContain("2 in groups");
    await shot("01-grouped");
  });

  it("the group is named in the side panel, expanded and collapsed again, each an undo step", async () => {
    await page.getByTestId("group-name").fill("Washington and Moscow");
    await page.getByTestId("group-rename").click();
    await page.waitForFunction(() => window.__actorgraph!.graph.getNodeAttribute("group:1", "label") === "Washington and Moscow (2)");
    await page.getByTestId("group-toggle").click();
    let d = await drawn();
    expect(d.nodes).not.toContain("group:1");
    for (const m of MEMBERS) expect(d.nodes).toContain(m);
    expect(d.edges.some(([s, t]) => s === "group:1" || t === "group:1")).toBe(false);
    await shot("02-expanded");
    // The toolbar collapses an expanded group (its node is not drawn to click).
    await page.getByTestId("group-collapse").click();
    d = await drawn();
    expect(d.nodes).toContain("group:1");
    for (const m of MEMBERS) expect(d.nodes).not.toContain(m);
    // Undo: expanded again; undo: the old name; redo twice: back.
    await page.getByTestId("undo").click();
    expect((await groups())[0]!.collapsed).toBe(false);
    await page.getByTestId("undo").click();
    expect((await groups())[0]!.name).toBe("Washington and Moscow");
    await page.getByTestId("undo").click();
    expect((await groups())[0]!.name).toBe("United States, Russia");
    await page.getByTestId("undo").click();
    expect(await groups()).toEqual([]);
    expect((await drawn()).nodes).toEqual(expect.arrayContaining(MEMBERS));
    for (let i = 0; i < 4; i++) await page.getByTestId("redo").click();
    const gs = await groups();
    expect(gs.map(({ name, members, collapsed }) => ({ name, members, collapsed }))).toEqual([{ name: "Washington and Moscow", members: MEMBERS, collapsed: true }]);
  });

  it("a shared link and a saved investigation reopen with the group, collapsed, named, where it stood", async () => {
    await settled();
    // Drag the group node somewhere the layout would never put it.
    const box = (await page.getByTestId("canvas").boundingBox())!;
    const at = await page.evaluate(() => {
      const a = window.__actorgraph!.app;
      const n = a.model.graph.getNodeAttributes("group:1");
      return a.sigma.graphToViewport({ x: n.x, y: n.y });
    });
    await page.waitForTimeout(400);
    await page.mouse.move(box.x + at.x, box.y + at.y);
    await page.mouse.down();
    await page.mouse.move(box.x + at.x - 70, box.y + at.y + 40, { steps: 6 });
    await page.mouse.up();
    await settled();
    await page.waitForFunction(() => location.hash.includes("g=") && history.state?.seq === window.__actorgraph!.app.undo.current.seq);
    const want = await groups();
    const wantDrawn = await drawn();
    const url = await page.evaluate(() => location.href);
    const check = async (p: Page) => {
      const got = await groups(p);
      expect(got.map(({ x: _x, y: _y, ...rest }) => rest)).toEqual(want.map(({ x: _x, y: _y, ...rest }) => rest));
      expect(Math.abs(got[0]!.x - want[0]!.x)).toBeLessThanOrEqual(0.051);
      expect(Math.abs(got[0]!.y - want[0]!.y)).toBeLessThanOrEqual(0.051);
      expect(await drawn(p)).toEqual(wantDrawn);
    };
    const linked = await openPage(url);
    await idle(linked);
    await settled(linked);
    await check(linked);
    await shot("03-shared-link", linked);
    await linked.close();
    // Saved as an investigation, opened in a fresh tab.
    await page.getByTestId("investigations").click();
    await page.getByTestId("investigation-name").fill("Grouped");
    await page.getByTestId("investigation-save").click();
    await page.getByTestId("investigation").filter({ hasText: "Grouped" }).waitFor();
    await page.getByTestId("investigations-close").click();
    const fresh = await openPage(server.url);
    await fresh.getByTestId("investigations").click();
    await fresh.getByTestId("investigation").filter({ hasText: "Grouped" }).getByTestId("investigation-open").click();
    await fresh.waitForFunction(() => window.__actorgraph!.app.model.groups.size === 1);
    await idle(fresh);
    await settled(fresh);
    await check(fresh);
    await shot("04-investigation", fresh);
    // Saved by the desktop user ("local"), it is theirs: they may delete it.
    await fresh.getByTestId("investigations").click();
    const item = fresh.getByTestId("investigation").filter({ hasText: "Grouped" });
    expect(await item.getAttribute("data-mine")).toBe("true");
    expect(await item.getByTestId("investigation-by").textContent()).toMatch(/^ · yours · saved /);
    fresh.once("dialog", (d) => void d.accept());
    await item.getByTestId("investigation-delete").click();
    await item.waitFor({ state: "detached" });
    await fresh.close();
  });

  it("Ungroup restores the members and their own claims; Undo brings the group back", async () => {
    const grouped = await drawn();
    await page.evaluate(() => window.__actorgraph!.app.select({ type: "node", id: "group:1" }));
    await page.getByTestId("group-ungroup").click();
    const d = await drawn();
    expect(d.nodes).not.toContain("group:1");
    for (const m of MEMBERS) expect(d.nodes).toContain(m);
    const { outward } = await memberClaims(MEMBERS);
    const shown = new Set(d.edges.map((e) => e[2]));
    for (const c of outward) if (grouped.edges.some((e) => e[2] === c)) expect(shown.has(c)).toBe(true);
    expect(d.edges.some(([s, t]) => s.startsWith("group:") || t.startsWith("group:"))).toBe(false);
    await shot("05-ungrouped");
    await page.getByTestId("undo").click();
    expect(await drawn()).toEqual(grouped);
  });

  it("a shared link keeps the nodes the user hid and compact mode as chosen", async () => {
    const target = (await drawn()).nodes.find((n) => n.startsWith("org:"))!;
    await page.evaluate((id) => window.__actorgraph!.app.select({ type: "node", id }), target);
    await page.getByTestId("hide").click();
    await page.getByTestId("compact").click();
    await page.waitForFunction(() => window.__actorgraph!.app.model.compact);
    await settled();
    await page.waitForFunction(() => location.hash.includes("hd=") && location.hash.includes("c=1") && history.state?.seq === window.__actorgraph!.app.undo.current.seq);
    const want = await drawn();
    expect(want.nodes).not.toContain(target);
    const linked = await openPage(await page.evaluate(() => location.href));
    await idle(linked);
    expect(await linked.evaluate(() => window.__actorgraph!.app.model.compact)).toBe(true);
    expect(await linked.getByTestId("compact").getAttribute("aria-pressed")).toBe("true");
    expect(await drawn(linked)).toEqual(want);
    await shot("06-link-hidden-compact", linked);
    await linked.close();
  });

  it("axe-core finds no serious or critical violation in the group's panel and the investigations dialog", async () => {
    // A link to a grouped view with the group selected, in a context that
    // lets axe in past the CSP.
    await page.evaluate(() => window.__actorgraph!.app.select({ type: "node", id: "group:1" }));
    await page.waitForFunction(() => location.hash.includes("s=n:group:1"));
    const url = await page.evaluate(() => location.href);
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 }, bypassCSP: true });
    const p = await ctx.newPage();
    await p.goto(url);
    await p.waitForFunction(() => window.__actorgraph !== undefined);
    await p.evaluate(() => window.__actorgraph!.ready);
    await p.getByTestId("group-members").waitFor();
    const audit = async (where: string) => expect(await seriousViolations(p), where).toEqual([]);
    await audit("a group selected");
    await p.getByTestId("investigations").click();
    await p.getByTestId("investigation-list").and(p.locator('[data-state="ready"]')).waitFor();
    await audit("the investigations dialog");
    await shot("07-axe-investigations", p);
    await ctx.close();
  });

  it("raised no page error", () => {
    expect(pageErrors).toEqual([]);
  });
});
