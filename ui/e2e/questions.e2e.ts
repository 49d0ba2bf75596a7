// The questions panel on a corpus where agencies are blamed: each blamed
// agency or state-sponsored group shows the state it acts for (Node.actsFor,
// from the reference data's PART_OF links), and the table says how many
// attributions there are. The real binary and headless Chromium.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env, launch, load, serve, tempDir, type Server } from "./harness.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const out = env("AG_OUT", join(root, "test-output", "ui"));

let server: Server;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(out, { recursive: true });
  const bin = env("AG_BIN", join(root, "bin", "actorgraph"));
  const dir = tempDir("actorgraph-questions-");
  const db = join(dir, "q.db");
  load(bin, db, [join(root, "data", "demo"), join(root, "data", "eval", "opcw-2018.txt"), join(root, "data", "eval", "bundestag-2020.txt")]);
  server = await serve(bin, db, dir, ["--no-demo"]);
  browser = await launch(env("AG_CHROMIUM", "/usr/bin/chromium"));
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(server.url);
  await page.waitForFunction(() => window.__actorgraph !== undefined);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("questions panel", () => {
  it("shows the state behind a blamed agency or group, and how many attributions there are", async () => {
    await page.getByTestId("tab-questions").click();
    await page.getByTestId("q-attributions").click();
    await page.locator('[data-testid="question-body"][data-state="ready"]').waitFor();
    const blamed = await page.getByTestId("blamed").allTextContents();
    expect(blamed).toContain("GRU (Russia)");
    expect(blamed.some((b) => b.startsWith("APT28 (Russia)"))).toBe(true);
    // The United States blaming Russia itself: a state shows no chain.
    expect(blamed.some((b) => b.startsWith("Russia"))).toBe(true);
    const rows = await page.getByTestId("attribution-row").count();
    expect(await page.getByTestId("question-count").textContent()).toBe(`${rows} attributions`);
    await page.screenshot({ path: join(out, "questions-acts-for.png") });
    expect(pageErrors).toEqual([]);
  });
});
