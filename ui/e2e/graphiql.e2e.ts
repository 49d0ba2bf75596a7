// GraphiQL at /graphiql/, end to end: the real binary, headless Chromium, and
// no network beyond the server itself. Every request to another origin is
// aborted and recorded, so a CDN script, font or stylesheet fails the test.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env, launch, serve, tempDir, type Server } from "./harness.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const out = env("AG_OUT", join(root, "test-output", "ui"));

let server: Server;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const offOrigin: string[] = [];
const pageErrors: string[] = [];
const cspViolations: string[] = [];

beforeAll(async () => {
  mkdirSync(out, { recursive: true });
  const dir = tempDir("actorgraph-graphiql-");
  // An empty store: serve loads the demo corpus and the reference data.
  server = await serve(env("AG_BIN", join(root, "bin", "actorgraph")), join(dir, "g.db"), dir);
  browser = await launch(env("AG_CHROMIUM", "/usr/bin/chromium"));
  context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const origin = new URL(server.url).origin;
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    offOrigin.push(url);
    return route.abort("internetdisconnected");
  });
  page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("console", (m) => {
    if (/Content.Security.Policy|Refused to/i.test(m.text())) cspViolations.push(m.text());
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("GraphiQL, offline", () => {
  it("a browser asking /graphql for a page is sent to /graphiql/", async () => {
    const res = await fetch(new URL("/graphql", server.url), { headers: { Accept: "text/html" }, redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/graphiql/");
  });

  it("loads from this server alone, under its CSP, reads the schema and runs a query", async () => {
    const res = await page.goto(new URL("/graphiql/", server.url).href);
    expect(res?.status()).toBe(200);
    expect(res?.headers()["content-security-policy"]).toContain("default-src 'self'");
    // The editor holds the default named query; run it.
    await page.locator(".graphiql-query-editor .CodeMirror").waitFor();
    await page.locator(".graphiql-execute-button").click();
    const result = page.locator(".graphiql-response .CodeMirror");
    await expect.poll(async () => (await result.textContent()) ?? "", { timeout: 20_000 }).toContain('"count"');
    expect(await result.textContent()).toContain('"year": "2018"');
    // The documentation explorer is built from introspection.
    await page.getByRole("button", { name: /documentation explorer/i }).click();
    await page.locator(".graphiql-doc-explorer").getByText("Query", { exact: true }).first().click();
    await expect.poll(async () => (await page.locator(".graphiql-doc-explorer").textContent()) ?? "").toContain("claimCounts");
    await page.screenshot({ path: join(out, "graphiql.png") });
  });

  it("asked nothing of another origin and raised no error", () => {
    expect(offOrigin).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
