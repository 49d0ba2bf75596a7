#!/usr/bin/env node
// bench/ui: the web UI on a generated graph (default 10,000 nodes, 50,000
// claims) in headless Debian Chromium. Reports load to first render, frame
// time while the camera moves, and ForceAtlas2's time to settle. Figures are
// reported, never asserted.
//
//   make bench-ui                     (builds what it needs)
//   node bench/ui/run.mjs --nodes 2000 --edges 10000
//   node bench/ui/run.mjs --labels 0          (no node labels, to see what they cost)
//   node bench/ui/run.mjs --placer 0          (the big graph's labels without the placer, to see what it costs)
//   --frames N --max-iterations N --max-layout-seconds N   (defaults 30, 1000, 180)
//
// The page (ui/bench/) uses the app's own canvas and layout code; it is built
// apart from the app and served here with the same Content-Security-Policy
// the binary sends.
//
// It writes bench/ui/RESULTS.md (this file's figures, with the machine, the
// date and the command; --no-save leaves it alone) and, for a closer look,
// test-output/bench-ui.json, bench-ui.png (the whole graph) and
// bench-ui-neighbourhood.png (the 300-node neighbourhood whose labels are
// counted).

import { spawnSync } from "node:child_process";
import { createReadStream, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { cpus, loadavg, tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { launch } from "../../ui/e2e/harness.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const uiDir = join(root, "ui");

/** @param {string} name @param {string} fallback */
function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const nodes = Number(arg("nodes", "10000"));
const edges = Number(arg("edges", "50000"));
const frames = Number(arg("frames", "30"));
const maxIterations = Number(arg("max-iterations", "1000"));
const maxLayoutSeconds = Number(arg("max-layout-seconds", "180"));
const chromiumPath = process.env.AG_CHROMIUM ?? "/usr/bin/chromium";
const CSP = "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml" };

const out = mkdtempSync(join(tmpdir(), "actorgraph-bench-ui-"));
const build = spawnSync("npx", ["vite", "build", "--config", "vite.bench.config.ts", "--logLevel", "warn"], {
  cwd: uiDir, env: { ...process.env, BENCH_OUT: out }, stdio: "inherit",
});
if (build.status !== 0) {
  console.error("bench/ui: building the benchmark page failed");
  process.exit(1);
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://x");
  if (url.pathname === "/favicon.ico") {
    res.writeHead(204).end();
    return;
  }
  const rel = url.pathname === "/" ? "index.html" : decodeURIComponent(url.pathname.slice(1));
  const file = normalize(join(out, rel));
  res.setHeader("Content-Security-Policy", CSP);
  res.setHeader("X-Content-Type-Options", "nosniff");
  if (!file.startsWith(out + sep) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404).end("not found");
    return;
  }
  res.writeHead(200, { "Content-Type": TYPES[/** @type {keyof typeof TYPES} */ (extname(file))] ?? "application/octet-stream" });
  createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, "127.0.0.1", () => r(undefined)));
const addr = server.address();
const base = typeof addr === "object" && addr ? `http://127.0.0.1:${addr.port}/` : "";

const loadBefore = loadavg();
const browser = await launch(chromiumPath);
/** @type {string[]} */
const problems = [];
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
    else if (m.text().startsWith("bench: ")) console.log(`  … ${m.text().slice(7)}`);
  });
  const labels = arg("labels", "1") === "0" ? "&labels=0" : "";
  const placer = arg("placer", "1") === "0" ? "&placer=0" : "";
  await page.goto(`${base}?nodes=${nodes}&edges=${edges}&frames=${frames}&maxIterations=${maxIterations}&maxLayoutMs=${maxLayoutSeconds * 1000}${labels}${placer}`);
  await page.waitForFunction(() => window.__bench?.result || window.__bench?.error, undefined, { timeout: 15 * 60_000, polling: 500 });
  const bench = await page.evaluate(() => window.__bench);
  if (!bench?.result) throw new Error(`the benchmark page failed: ${bench?.error ?? "no result"}`);
  const r = bench.result;
  const outDir = join(root, "test-output");
  mkdirSync(outDir, { recursive: true });
  await page.locator("#hood").screenshot({ path: join(outDir, "bench-ui-neighbourhood.png") });
  await page.evaluate(() => {
    const hood = document.getElementById("hood");
    if (hood) hood.hidden = true;
  });
  await page.screenshot({ path: join(outDir, "bench-ui.png") });
  writeFileSync(join(outDir, "bench-ui.json"), JSON.stringify({ ...r, cpus: cpus().length, date: new Date().toISOString() }, null, 2));
  const f = (/** @type {number} */ x) => (Number.isFinite(x) ? x.toFixed(1) : "n/a");
  /** @type {[string, string][]} */
  const rows = [
    ["graph", `${r.nodes} nodes, ${r.edges} claims (generated in ${f(r.generateMs)} ms)`],
    ["renderer", `${r.webgl}; ${cpus().length} CPU(s)`],
    ["load to first render", `${f(r.firstRenderMs)} ms (navigation start to first frame; sigma set-up and first draw ${f(r.sigmaInitMs)} ms)`],
    ["frame interval", `camera moved every frame (every node and claim drawn each frame): mean ${f(r.frameIntervalMeanMs)} ms, p50 ${f(r.frameIntervalP50Ms)} ms, p95 ${f(r.frameIntervalP95Ms)} ms over ${r.frames} frames (${f(1000 / r.frameIntervalMeanMs)} fps)`],
    ["panning", `camera animation as when a user drags or zooms: mean ${f(r.panFrameMeanMs)} ms, p95 ${f(r.panFrameP95Ms)} ms over ${r.panFrames} frames (${f(1000 / r.panFrameMeanMs)} fps)`],
    ["large-graph mode", r.edgesHiddenOnMove ? "on: claims hidden while the user drags or zooms, no edge labels, no edge picking (above 5,000 claims)" : "off"],
    ["label placer", placer ? "off on the big graph (--placer 0): sigma's grid alone" : "on (as in the app)"],
    ["idle frame", `${f(r.idleFrameMs)} ms (median interval with nothing changing: the browser's own cost per frame for this page)`],
    ["sigma render (JS)", `mean ${f(r.renderMeanMs)} ms, p95 ${f(r.renderP95Ms)} ms per frame while moving`],
    ["full redraw", `mean ${f(r.redrawMeanMs)} ms, p95 ${f(r.redrawP95Ms)} ms (every node and claim, GPU finished)`],
    ["300-node neighbourhood", `${r.hood.nodes} nodes, ${r.hood.edges} claims around the biggest hub (${r.hood.hub}), ForceAtlas2 ${f(r.hood.layoutMs)} ms, fitted to ${r.hood.width}×${r.hood.height}; ${r.hood.labelEligible} nodes big enough for a label`],
    ["labels, sigma's grid alone", `${r.hood.gridLabels} node labels and ${r.hood.gridEdgeLabels} claim labels drawn, ${r.hood.gridOverlaps} overlapping pairs${r.hood.overlapExamples.length ? ` (e.g. ${r.hood.overlapExamples.join("; ")})` : ""}`],
    ["labels, with the placer", `${r.hood.placedLabels} node labels and ${r.hood.placedEdgeLabels} claim labels drawn, ${r.hood.placedOverlaps} overlapping pairs (the app's canvas: src/labels.ts)`],
    ["ForceAtlas2 (worker)", `${r.layoutSettled ? "settled" : `not settled within the cap (${maxIterations} iterations or ${maxLayoutSeconds} s)`} after ${r.layoutIterations} iterations in ${f(r.layoutMs)} ms (${f(r.layoutMs / Math.max(1, r.layoutIterations))} ms per iteration)`],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  console.log("\nactorgraph UI benchmark (headless Chromium; reported, not asserted)");
  for (const [k, v] of rows) console.log(`  ${k.padEnd(w)}  ${v}`);
  if (problems.length) console.log(`  page messages: ${problems.join(" | ")}`);
  console.log(`  written: test-output/bench-ui.json, test-output/bench-ui.png, test-output/bench-ui-neighbourhood.png`);
  if (!process.argv.includes("--no-save")) {
    const cmd = `node bench/ui/run.mjs ${process.argv.slice(2).join(" ")}`.trim();
    const md = [
      "# actorgraph UI benchmark results",
      "",
      "Written by `make bench-ui` (bench/ui/run.mjs); do not edit by hand. The web UI's own canvas,",
      "layout and label code on a generated graph in headless Debian Chromium with software",
      "rendering (SwiftShader). Figures are reported, not asserted: the machine is shared.",
      "The issue's targets: first render ≤ 1.5 s, panning ≤ 50 ms per frame, a readable",
      "300-node neighbourhood (no overlapping labels among the labels drawn).",
      "",
      `Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${cpus().length} CPU(s) (${cpus()[0]?.model ?? "unknown"}), load average before ${loadBefore.map((x) => x.toFixed(2)).join(" ")}, after ${loadavg().map((x) => x.toFixed(2)).join(" ")}; command: \`${cmd}\`.`,
      "",
      "| measure | result |",
      "| --- | --- |",
      ...rows.map(([k, v]) => `| ${k} | ${v.replace(/\|/g, "\\|")} |`),
      "",
      "Frame interval: the camera is moved every animation frame and every node and claim is drawn each frame.",
      "Panning: a camera animation restarted every frame, as a drag or a wheel zoom does; in large-graph",
      "mode sigma hides the claims while the camera moves. Labels: the boxes are computed from what the",
      "label drawer is given (the node's position and size on screen, the label font's size) and the",
      "measured text width; a claim label's box is the upright box around its rotated text, placed as",
      "sigma's edge label drawer places it. An overlap is any pair of boxes, node or claim labels, sharing",
      "area. The neighbourhood is drawn",
      "twice on the same positions: with sigma's label grid alone (what the canvas did before), and",
      "with the placer, which draws a label only where it overlaps no label drawn before it (forced",
      "labels first, then by node size).",
      "",
    ].join("\n");
    writeFileSync(join(root, "bench", "ui", "RESULTS.md"), md);
    console.log("  written: bench/ui/RESULTS.md");
  }
} finally {
  await browser.close();
  server.close();
  rmSync(out, { recursive: true, force: true });
}
