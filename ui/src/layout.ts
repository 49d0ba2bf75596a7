// Runs ForceAtlas2 off the main thread and stops it when the layout has
// settled (nodes barely move), or when the user pauses it. Graph changes
// restart it on fresh matrices.

import type { ForceAtlas2Settings } from "graphology-layout-forceatlas2";
import defaults from "graphology-layout-forceatlas2/defaults";
import { assignLayoutChanges, graphToByteArrays } from "graphology-layout-forceatlas2/helpers";
import type Graph from "graphology-types";
import type { LayoutReply, LayoutRequest } from "./layout.worker";

export type LayoutStatus = "running" | "paused" | "settled";

export interface LayoutEvents {
  onStatus?: (s: LayoutStatus) => void;
  /** The layout stopped by itself: settled, or reached maxIterations or maxMs (`converged` says which). */
  onSettled?: (ms: number, iterations: number, converged: boolean) => void;
}

/** Settings suited to the graph's size (after graphology's inferSettings). */
export function settingsFor(order: number): Required<ForceAtlas2Settings> {
  return {
    ...defaults,
    barnesHutOptimize: order > 1000,
    strongGravityMode: true,
    gravity: 0.2,
    scalingRatio: 10,
    slowDown: 1 + Math.log(Math.max(order, 1)),
    adjustSizes: false,
  };
}

export class Layout {
  private worker: Worker | null = null;
  private generation = 0;
  private quietBatches = 0;
  private iterations = 0;
  private startedAt = 0;
  private status: LayoutStatus = "settled";
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  /** How often the worker sends positions back (ms). */
  budgetMs = 40;
  /** Stop after this many iterations even if still moving. */
  maxIterations = 2000;
  /** Stop after this long (ms) even if still moving. */
  maxMs = 120_000;
  /** Settled when nodes move, on average per iteration, less than this fraction of the graph's extent. */
  threshold = 0.0001;

  constructor(private readonly graph: Graph, private readonly events: LayoutEvents = {}) {
    const changed = () => this.scheduleRestart();
    graph.on("nodeAdded", changed);
    graph.on("edgeAdded", changed);
    graph.on("nodeDropped", changed);
    graph.on("edgeDropped", changed);
    graph.on("cleared", changed);
  }

  getStatus(): LayoutStatus {
    return this.status;
  }

  /** Iterations run since the last start. */
  getIterations(): number {
    return this.iterations;
  }

  /** Starts (or restarts) the layout on the graph as it is now. */
  start(): void {
    this.generation++;
    this.setStatus("running");
    if (this.graph.order === 0) {
      this.stopWorker();
      this.setStatus("settled");
      return;
    }
    if (!this.worker) {
      this.worker = new Worker(new URL("./layout.worker.ts", import.meta.url), { type: "module" });
      this.worker.addEventListener("message", (ev: MessageEvent<LayoutReply>) => this.onReply(ev.data));
    }
    const m = graphToByteArrays(this.graph, (_e, attr) => {
      const w = attr["confidence"];
      return typeof w === "number" && w > 0 ? w : 1;
    });
    this.quietBatches = 0;
    this.iterations = 0;
    this.startedAt = performance.now();
    const req: LayoutRequest = {
      type: "start",
      settings: settingsFor(this.graph.order),
      nodes: m.nodes.buffer as ArrayBuffer,
      edges: m.edges.buffer as ArrayBuffer,
      budgetMs: this.budgetMs,
      generation: this.generation,
    };
    this.worker.postMessage(req, [req.nodes, req.edges]);
  }

  pause(): void {
    if (this.status !== "running") return;
    this.generation++;
    this.stopWorker();
    this.setStatus("paused");
  }

  /**
   * Keeps the nodes where they are: drops a pending restart (the graph was
   * just rebuilt from a snapshot or a link with positions) and stops a run.
   */
  hold(): void {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    if (this.status === "running") {
      this.generation++;
      this.stopWorker();
    }
    this.setStatus("settled");
  }

  toggle(): void {
    if (this.status === "running") this.pause();
    else this.start();
  }

  kill(): void {
    this.generation++;
    this.worker?.terminate();
    this.worker = null;
  }

  private stopWorker(): void {
    const stop: LayoutRequest = { type: "stop" };
    this.worker?.postMessage(stop);
  }

  private scheduleRestart(): void {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    // New nodes need placing: (re)start after the current batch of changes.
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (this.status !== "paused") this.start();
    }, 0);
  }

  private onReply(r: LayoutReply): void {
    if (r.generation !== this.generation || this.status !== "running") return;
    const nodes = new Float32Array(r.nodes);
    if (nodes.length !== this.graph.order * 10) return; // stale: the graph changed
    assignLayoutChanges(this.graph, nodes, null);
    this.iterations += r.iterations;
    if (r.movement < this.threshold * this.extent()) this.quietBatches++;
    else this.quietBatches = 0;
    if (this.quietBatches >= 5 || this.iterations >= this.maxIterations || performance.now() - this.startedAt >= this.maxMs) {
      this.generation++;
      this.stopWorker();
      this.setStatus("settled");
      this.events.onSettled?.(performance.now() - this.startedAt, this.iterations, this.quietBatches >= 5);
    }
  }

  private extent(): number {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    this.graph.forEachNode((_, a) => {
      const x = a["x"] as number, y = a["y"] as number;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    });
    return Math.max(1, Math.hypot(maxX - minX, maxY - minY));
  }

  private setStatus(s: LayoutStatus): void {
    if (this.status === s) return;
    this.status = s;
    this.events.onStatus?.(s);
  }
}
