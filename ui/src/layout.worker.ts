// ForceAtlas2 in a web worker. graphology-layout-forceatlas2 ships a worker of
// its own, but it starts it from a blob: URL, which our Content-Security-Policy
// (default-src 'self') rightly forbids; this file is bundled by Vite and served
// from our own origin instead. It runs the library's own iteration code.
//
// Once started, the worker iterates on its own and posts the positions every
// `budgetMs`, so a page that is slow to redraw never slows the layout; the
// page stops it (when settled or paused) or restarts it on a changed graph.

import iterate from "graphology-layout-forceatlas2/iterate";
import type { ForceAtlas2Settings } from "graphology-layout-forceatlas2";

export type LayoutRequest =
  | {
      type: "start";
      settings: Required<ForceAtlas2Settings>;
      nodes: ArrayBuffer;
      edges: ArrayBuffer;
      /** Post positions about this often (ms). */
      budgetMs: number;
      generation: number;
    }
  | { type: "stop" };

export interface LayoutReply {
  /** Node positions and state, in the library's matrix layout (a copy). */
  nodes: ArrayBuffer;
  /** Iterations run since the previous reply. */
  iterations: number;
  /** Mean distance a node moved per iteration since the previous reply. */
  movement: number;
  generation: number;
}

const PPN = 10; // properties per node in the library's matrix

let running = 0; // the generation being run; 0 when stopped

self.addEventListener("message", (ev: MessageEvent<LayoutRequest>) => {
  const req = ev.data;
  if (req.type === "stop") {
    running = 0;
    return;
  }
  const nodes = new Float32Array(req.nodes);
  const edges = new Float32Array(req.edges);
  const order = nodes.length / PPN;
  const generation = req.generation;
  running = generation;
  const chunk = () => {
    if (running !== generation) return;
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
    } while (performance.now() - start < req.budgetMs);
    let moved = 0;
    for (let i = 0; i < order; i++) {
      moved += Math.hypot(nodes[i * PPN]! - before[2 * i]!, nodes[i * PPN + 1]! - before[2 * i + 1]!);
    }
    const copy = nodes.slice();
    const reply: LayoutReply = { nodes: copy.buffer, iterations: done, movement: order ? moved / order / done : 0, generation };
    (self as unknown as Worker).postMessage(reply, [copy.buffer]);
    // Let a "stop" or a new "start" in before the next chunk.
    setTimeout(chunk, 0);
  };
  chunk();
});
