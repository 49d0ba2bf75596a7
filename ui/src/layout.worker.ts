// ForceAtlas2 in a web worker. graphology-layout-forceatlas2 ships a worker of
// its own, but it starts it from a blob: URL, which our Content-Security-Policy
// (default-src 'self') rightly forbids; this file is bundled by Vite and served
// from our own origin instead. It runs the library's own iteration code on the
// matrices the page sends and reports how far the nodes moved.

import iterate from "graphology-layout-forceatlas2/iterate";
import type { ForceAtlas2Settings } from "graphology-layout-forceatlas2";

export interface LayoutRequest {
  settings: Required<ForceAtlas2Settings>;
  nodes: ArrayBuffer;
  edges?: ArrayBuffer;
  /** Run iterations for about this long (at least one), then reply. */
  budgetMs: number;
  /** Never more than this many iterations in one batch. */
  maxIterations: number;
  generation: number;
}

export interface LayoutReply {
  iterations: number;
  nodes: ArrayBuffer;
  /** Mean distance a node moved per iteration over the batch. */
  movement: number;
  generation: number;
}

const PPN = 10; // properties per node in the library's matrix

let edges = new Float32Array(0);

self.addEventListener("message", (ev: MessageEvent<LayoutRequest>) => {
  const req = ev.data;
  const nodes = new Float32Array(req.nodes);
  if (req.edges) edges = new Float32Array(req.edges);
  const order = nodes.length / PPN;
  const before = new Float32Array(order * 2);
  for (let i = 0; i < order; i++) {
    before[2 * i] = nodes[i * PPN]!;
    before[2 * i + 1] = nodes[i * PPN + 1]!;
  }
  const start = performance.now();
  let done = 0;
  do {
    iterate(req.settings, nodes, edges);
    done++;
  } while (done < req.maxIterations && performance.now() - start < req.budgetMs);
  let moved = 0;
  for (let i = 0; i < order; i++) {
    moved += Math.hypot(nodes[i * PPN]! - before[2 * i]!, nodes[i * PPN + 1]! - before[2 * i + 1]!);
  }
  const reply: LayoutReply = { nodes: nodes.buffer, iterations: done, movement: order ? moved / order / done : 0, generation: req.generation };
  (self as unknown as Worker).postMessage(reply, [nodes.buffer]);
});
