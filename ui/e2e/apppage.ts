// Helpers the canvas's end-to-end files share: open the app in a new page
// at a laptop's 1280×720 and wait until it is ready, idle or settled.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { env, launch, load, serve, tempDir, type Server } from "./harness.mjs";

export const VIEWPORT = { width: 1280, height: 720 };

/** Opens url in a new page, collecting its uncaught errors into errors, once the app is ready. */
export async function openApp(browser: Browser, url: string, errors: string[]): Promise<Page> {
  const p = await browser.newPage({ viewport: VIEWPORT });
  p.on("pageerror", (e) => errors.push(e.message));
  await p.goto(url);
  await p.waitForFunction(() => window.__actorgraph !== undefined);
  await p.evaluate(() => window.__actorgraph!.ready);
  return p;
}

/** No request in flight. */
export async function waitIdle(p: Page): Promise<void> {
  await p.waitForFunction(() => document.body.dataset.pending === "0");
}

/** The layout stopped and the camera is still. */
export async function waitSettled(p: Page): Promise<void> {
  await p.waitForFunction(() => {
    const a = window.__actorgraph!.app;
    return a.layout.getStatus() !== "running" && !a.sigma.getCamera().isAnimated();
  }, undefined, { timeout: 30_000 });
}

/**
 * The real binary serving a fresh store of the demo corpus (in a temporary
 * directory named after prefix), and Debian's Chromium to drive it.
 */
export async function demoServer(prefix: string): Promise<{ server: Server; browser: Browser }> {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const bin = env("AG_BIN", join(root, "bin", "actorgraph"));
  const dir = tempDir(prefix);
  const db = join(dir, "e2e.db");
  load(bin, db, [join(root, "data", "demo")]);
  const server = await serve(bin, db, dir, ["--no-demo"]);
  const browser = await launch(env("AG_CHROMIUM", "/usr/bin/chromium"));
  return { server, browser };
}

/**
 * axe-core's serious and critical violations on p, one line each. p must be
 * in a context made with bypassCSP (the app's CSP forbids injected scripts);
 * axe is injected on the first call.
 */
export async function seriousViolations(p: Page): Promise<string[]> {
  if (!(await p.evaluate(() => "axe" in window))) {
    const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
    await p.addScriptTag({ content: readFileSync(axePath, "utf8") });
  }
  return p.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations.filter((x) => x.impact === "serious" || x.impact === "critical")
      .map((x) => `${x.id} (${x.impact}): ${x.help} at ${x.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
  });
}
