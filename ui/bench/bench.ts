// The UI benchmark page: a generated graph (default 10,000 nodes and 50,000
// claims) drawn by the app's own canvas code (src/canvas.ts: the same sigma
// programs, reducers and settings) and laid out by the app's own ForceAtlas2
// worker (src/layout.ts). It measures, and bench/ui/run.mjs reports:
//   load to first render: navigation start to sigma's first afterRender
//   frame time: camera moving every frame, rAF intervals and sigma render time
//   ForceAtlas2 time to settle: until the layout stops by itself (or its cap)
//   a 300-node neighbourhood of the biggest hub, laid out by ForceAtlas2 and
//   fitted to 1280×720: the labels drawn and how many pairs of them overlap,
//   with sigma's label grid alone and with the app's placer (src/labels.ts);
//   the boxes come from the label drawer's own positions, sizes and widths

import { createSigma, hideEdgesDuringLayout, labelPlacer, tuneForSize, type CanvasState } from "../src/canvas";
import { overlappingPairs } from "../src/labels";
import { defaultFilters } from "../src/filters";
import { newGraph, type CanvasGraph } from "../src/graphstore";
import { KIND_STYLE, relLabel } from "../src/kinds";
import { Layout } from "../src/layout";
import { NODE_KINDS, REL_TYPES } from "../src/types";

export interface BenchResult {
  nodes: number;
  edges: number;
  generateMs: number;
  firstRenderMs: number;
  sigmaInitMs: number;
  frames: number;
  frameIntervalMeanMs: number;
  frameIntervalP50Ms: number;
  frameIntervalP95Ms: number;
  idleFrameMs: number;
  panFrames: number;
  panFrameMeanMs: number;
  panFrameP95Ms: number;
  renderMeanMs: number;
  renderP95Ms: number;
  redrawMeanMs: number;
  redrawP95Ms: number;
  edgesHiddenOnMove: boolean;
  layoutSettled: boolean;
  layoutCapMs: number;
  layoutMs: number;
  layoutIterations: number;
  webgl: string;
  hood: NeighbourhoodResult;
}

/** The readability of a neighbourhood: labels drawn and overlapping pairs, without and with the placer. */
export interface NeighbourhoodResult {
  nodes: number;
  edges: number;
  hub: string;
  width: number;
  height: number;
  layoutMs: number;
  /** Node labels and claim labels drawn, and pairs of them (of either sort) that overlap. */
  gridLabels: number;
  gridEdgeLabels: number;
  gridOverlaps: number;
  placedLabels: number;
  placedEdgeLabels: number;
  placedOverlaps: number;
  /** The nodes whose size earns them a label at this zoom (sigma's labelRenderedSizeThreshold). */
  labelEligible: number;
  overlapExamples: string[];
}

declare global {
  interface Window {
    __bench?: { result?: BenchResult; error?: string };
  }
}

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Communities of actors, most claims inside a community, some across, a few hubs. */
export function generate(nodes: number, edges: number, seed = 42): CanvasGraph {
  const rnd = prng(seed);
  const g = newGraph();
  const communities = Math.max(1, Math.round(nodes / 200));
  for (let i = 0; i < nodes; i++) {
    const kind = NODE_KINDS[Math.floor(rnd() * NODE_KINDS.length)]!;
    const st = KIND_STYLE[kind];
    g.addNode(`n${i}`, {
      label: `${st.label} ${i}`, kind, aliases: [], x: rnd() * 1000, y: rnd() * 1000,
      size: 3 + rnd() * 6, color: st.color, type: st.shape,
    });
  }
  const pick = (c: number) => {
    const per = Math.ceil(nodes / communities);
    return Math.min(nodes - 1, c * per + Math.floor(rnd() * per));
  };
  for (let e = 0; e < edges; e++) {
    const c = Math.floor(rnd() * communities);
    const s = pick(c);
    const r = rnd();
    const t = r < 0.8 ? pick(c) : r < 0.95 ? pick(Math.floor(rnd() * communities)) : Math.floor(rnd() * 20);
    const type = REL_TYPES[Math.floor(rnd() * REL_TYPES.length)]!;
    const confidence = 0.5 + rnd() / 2;
    g.addDirectedEdgeWithKey(`claim:${e}`, `n${s}`, `n${t === s ? (t + 1) % nodes : t}`, {
      label: relLabel(type), relType: type, modality: rnd() < 0.1 ? "alleged" : "asserted", confidence,
      method: "curated", date: "2018-09", docIds: [], size: 1 + confidence, color: "", type: "straight", curvature: 0,
    });
  }
  return g;
}

function quantile(xs: number[], q: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

/** Progress, printed by bench/ui/run.mjs. */
function stage(s: string): void {
  console.info(`bench: ${s}`);
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);

/** The n nodes nearest the biggest hub (breadth first), with every claim between them, sized as the app sizes nodes. */
function neighbourhood(g: CanvasGraph, n: number): { graph: CanvasGraph; hub: string } {
  const hub = g.nodes().reduce((a, b) => (g.degree(b) > g.degree(a) ? b : a));
  const keep = new Set([hub]);
  const queue = [hub];
  while (queue.length && keep.size < n) {
    const cur = queue.shift()!;
    // Neighbours with more claims first, as "Expand" pages them.
    for (const nb of g.neighbors(cur).sort((a, b) => g.degree(b) - g.degree(a))) {
      if (keep.size >= n) break;
      if (keep.has(nb)) continue;
      keep.add(nb);
      queue.push(nb);
    }
  }
  const out = newGraph();
  for (const id of keep) out.addNode(id, { ...g.getNodeAttributes(id) });
  g.forEachEdge((e, a, s, t) => {
    if (keep.has(s) && keep.has(t)) out.addDirectedEdgeWithKey(e, s, t, { ...a });
  });
  // The app's sizes: by number of claims on the canvas (GraphModel.finish).
  out.forEachNode((id) => out.setNodeAttribute(id, "size", Math.min(20, 5 + 2.4 * Math.sqrt(out.degree(id)))));
  return { graph: out, hub };
}

function frame(): Promise<void> {
  return new Promise((r) => requestAnimationFrame(() => r()));
}

/** Lays a neighbourhood out and counts its overlapping labels, with sigma's grid alone and with the placer. */
async function measureNeighbourhood(g: CanvasGraph, size: number): Promise<NeighbourhoodResult> {
  const { graph, hub } = neighbourhood(g, size);
  const container = document.getElementById("hood")!;
  container.hidden = false;
  const width = container.clientWidth;
  const height = container.clientHeight;
  const layout = await new Promise<number>((resolve) => {
    const l = new Layout(graph, { onSettled: (ms) => resolve(ms) });
    l.maxIterations = 3000;
    l.maxMs = 60_000;
    l.start();
  });
  const noop = () => undefined;
  const handlers = { onClickNode: noop, onDoubleClickNode: noop, onClickEdge: noop, onClickStage: noop, onDragStart: noop, onDragEnd: noop };
  const measure = async (avoid: boolean) => {
    const state: CanvasState = { filters: defaultFilters(), hovered: null, selectedNode: null, selectedEdge: null, focus: null };
    const sigma = createSigma(graph, container, state, handlers, { avoidLabelCollisions: avoid });
    tuneForSize(sigma, graph.size);
    await sigma.getCamera().animatedReset({ duration: 0 });
    sigma.refresh();
    await frame();
    const shown = [...(labelPlacer(sigma)?.shown ?? [])];
    const edges = [...(labelPlacer(sigma)?.shownEdges ?? [])];
    const threshold = sigma.getSetting("labelRenderedSizeThreshold");
    const eligible = graph.filterNodes((id) => {
      const d = sigma.getNodeDisplayData(id);
      return !!d && !d.hidden && sigma.scaleSize(d.size) >= threshold;
    }).length;
    if (avoid) return { shown, edges, eligible, sigma };
    sigma.kill();
    return { shown, edges, eligible, sigma: null };
  };
  const grid = await measure(false);
  const placed = await measure(true);
  const gridPairs = overlappingPairs([...grid.shown, ...grid.edges]);
  // The placed picture stays on the page for the screenshot (run.mjs).
  return {
    nodes: graph.order, edges: graph.size, hub, width, height, layoutMs: layout,
    gridLabels: grid.shown.length, gridEdgeLabels: grid.edges.length, gridOverlaps: gridPairs.length,
    placedLabels: placed.shown.length, placedEdgeLabels: placed.edges.length, placedOverlaps: overlappingPairs([...placed.shown, ...placed.edges]).length,
    labelEligible: placed.eligible,
    overlapExamples: gridPairs.slice(0, 3).map(([a, b]) => `“${a.label}” × “${b.label}”`),
  };
}

async function run(): Promise<BenchResult> {
  const p = new URLSearchParams(location.search);
  const nodes = Number(p.get("nodes") ?? 10000);
  const edges = Number(p.get("edges") ?? 50000);
  const frames = Number(p.get("frames") ?? 120);
  const maxIterations = Number(p.get("maxIterations") ?? 1000);
  const maxLayoutMs = Number(p.get("maxLayoutMs") ?? 180_000);

  stage(`generating ${nodes} nodes and ${edges} claims`);
  const t0 = performance.now();
  const graph = generate(nodes, edges);
  const generateMs = performance.now() - t0;

  const state: CanvasState = { filters: defaultFilters(), hovered: null, selectedNode: null, selectedEdge: null, focus: null };
  const container = document.getElementById("canvas")!;
  const noop = () => undefined;
  const t1 = performance.now();
  let firstRender = -1;
  let renderStart = 0;
  const renders: number[] = [];
  // Experiments: ?placer=0 leaves label collisions to sigma's grid alone.
  const sigma = createSigma(graph, container, state, {
    onClickNode: noop, onDoubleClickNode: noop, onClickEdge: noop, onClickStage: noop, onDragStart: noop, onDragEnd: noop,
  }, { avoidLabelCollisions: p.get("placer") !== "0" });
  tuneForSize(sigma, graph.size);
  // Experiments: ?labels=0 draws no node labels.
  if (p.get("labels") === "0") sigma.setSetting("renderLabels", false);
  sigma.on("beforeRender", () => (renderStart = performance.now()));
  sigma.on("afterRender", () => {
    const now = performance.now();
    if (firstRender < 0) firstRender = now;
    renders.push(now - renderStart);
  });
  // The constructor draws at once; if it did not, wait for the first frame.
  if (firstRender < 0) {
    sigma.refresh();
    if (firstRender < 0) firstRender = performance.now();
  }
  const sigmaInitMs = firstRender - t1;
  renders.length = 0;

  const gl = document.createElement("canvas").getContext("webgl2");
  const dbg = gl?.getExtension("WEBGL_debug_renderer_info");
  const webgl = gl ? String(dbg ? gl.getParameter(dbg.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER)) : "none";

  // Idle frames: nothing changes, so this is what the browser itself costs
  // per frame with this page (compositing the canvas layers).
  const idle: number[] = [];
  {
    let last = performance.now();
    for (let i = 0; i < 10; i++) {
      await new Promise((r) => requestAnimationFrame(r));
      const now = performance.now();
      if (i > 0) idle.push(now - last);
      last = now;
    }
  }
  stage(`first render after ${firstRender.toFixed(0)} ms; moving the camera for ${frames} frames`);
  // Frames: move the camera every animation frame, as a user panning and zooming does.
  const camera = sigma.getCamera();
  const intervals: number[] = [];
  await new Promise<void>((resolve) => {
    let last = performance.now();
    let i = 0;
    const step = () => {
      const now = performance.now();
      if (i > 0) intervals.push(now - last);
      last = now;
      if (i >= frames) return resolve();
      camera.setState({ x: 0.5 + 0.1 * Math.sin(i / 10), y: 0.5 + 0.1 * Math.cos(i / 10), ratio: 1 + 0.3 * Math.sin(i / 20) });
      i++;
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
  const frameRenders = [...renders];

  // Panning as a user does (a camera animation): sigma counts the camera as
  // moving, so in large-graph mode the claims are hidden until it stops.
  stage("panning (camera animation)");
  const pan: number[] = [];
  {
    // A new short animation every frame keeps the camera "animated", as a
    // drag or a wheel zoom does.
    let last = performance.now();
    for (let i = 0; i < frames + 2; i++) {
      void camera.animate({ x: 0.5 + 0.1 * Math.sin(i / 8), y: 0.5 + 0.1 * Math.cos(i / 8), ratio: 1 + 0.2 * Math.sin(i / 15) }, { duration: 400 });
      await new Promise((r) => requestAnimationFrame(r));
      const now = performance.now();
      if (i >= 2) pan.push(now - last);
      last = now;
    }
    await new Promise((r) => setTimeout(r, 450));
  }

  stage("full redraws");
  // Full redraws: every node and claim drawn, and the GPU made to finish.
  const contexts = Object.values(sigma.getCanvases())
    .map((c) => c.getContext("webgl2") ?? c.getContext("webgl"))
    .filter((c): c is WebGL2RenderingContext | WebGLRenderingContext => c !== null);
  const redraws: number[] = [];
  for (let i = 0; i < Math.min(20, frames); i++) {
    await new Promise((r) => requestAnimationFrame(r));
    const s = performance.now();
    sigma.refresh();
    for (const c of contexts) c.finish();
    redraws.push(performance.now() - s);
  }

  stage("a 300-node neighbourhood: labels without and with the placer");
  const hood = await measureNeighbourhood(graph, Number(p.get("hood") ?? 300));
  stage(`neighbourhood: ${hood.gridOverlaps} overlapping label pairs with the grid alone, ${hood.placedOverlaps} with the placer`);

  stage(`ForceAtlas2 until it settles (at most ${maxIterations} iterations or ${maxLayoutMs / 1000} s)`);
  // ForceAtlas2 in the worker until it settles (or hits its cap).
  const layout = await new Promise<{ settled: boolean; ms: number; iterations: number }>((resolve) => {
    // As the app does: the same hook hides the claims while the layout runs.
    const l = new Layout(graph, {
      onStatus: (st) => {
        if (hideEdgesDuringLayout(state, st === "running", graph.size)) sigma.refresh({ skipIndexation: true });
      },
      onSettled: (ms, iterations, converged) => resolve({ settled: converged, ms, iterations }),
    });
    l.maxIterations = maxIterations;
    l.maxMs = maxLayoutMs;
    l.start();
  });

  return {
    nodes: graph.order, edges: graph.size, generateMs, firstRenderMs: firstRender, sigmaInitMs,
    frames: intervals.length, frameIntervalMeanMs: mean(intervals), frameIntervalP50Ms: quantile(intervals, 0.5),
    frameIntervalP95Ms: quantile(intervals, 0.95), idleFrameMs: quantile(idle, 0.5), panFrames: pan.length, panFrameMeanMs: mean(pan), panFrameP95Ms: quantile(pan, 0.95), renderMeanMs: mean(frameRenders), renderP95Ms: quantile(frameRenders, 0.95),
    redrawMeanMs: mean(redraws), redrawP95Ms: quantile(redraws, 0.95), edgesHiddenOnMove: sigma.getSetting("hideEdgesOnMove"),
    layoutSettled: layout.settled, layoutCapMs: maxLayoutMs, layoutMs: layout.ms, layoutIterations: layout.iterations, webgl, hood,
  };
}

window.__bench = {};
run().then((r) => {
  window.__bench!.result = r;
  document.getElementById("out")!.textContent = JSON.stringify(r, null, 2);
}, (e: unknown) => {
  window.__bench!.error = e instanceof Error ? `${e.message}\n${e.stack ?? ""}` : String(e);
});
