// Layouts besides ForceAtlas2, computed at once on the main thread (they are
// linear in the graph): radial rings around the selected node, by hops; and
// a timeline, left to right by date, one band per kind. Both return
// positions; the app puts them on the canvas and keeps the force layout
// still.

import type { CanvasGraph } from "./graphstore";
import { dateRange } from "./filters";

export type LayoutName = "force" | "radial" | "time";

export type Positions = Map<string, { x: number; y: number }>;

/** Distance between rings, in graph units. */
const RING = 100;

/**
 * Rings around center: the node itself in the middle, its neighbours on the
 * first ring, theirs on the second, and so on (directions ignored); nodes not
 * connected to it go on an outer ring. Each ring is spread evenly, ordered by
 * the angle of the parent, so branches stay together.
 */
export function radialPositions(g: CanvasGraph, center: string): Positions {
  const pos: Positions = new Map();
  if (!g.hasNode(center)) return pos;
  const depth = new Map<string, number>([[center, 0]]);
  const parent = new Map<string, string>();
  let frontier = [center];
  const rings: string[][] = [[center]];
  while (frontier.length) {
    const next: string[] = [];
    for (const n of frontier) {
      for (const m of g.neighbors(n).sort()) {
        if (depth.has(m)) continue;
        depth.set(m, depth.get(n)! + 1);
        parent.set(m, n);
        next.push(m);
      }
    }
    if (next.length) rings.push(next);
    frontier = next;
  }
  const rest = g.nodes().filter((n) => !depth.has(n)).sort();
  if (rest.length) rings.push(rest);
  pos.set(center, { x: 0, y: 0 });
  const angle = new Map<string, number>([[center, 0]]);
  rings.slice(1).forEach((ring, i) => {
    const r = RING * (i + 1);
    // Children fan out around their parent's angle, a step apart (the whole
    // circle shared when the ring is full), so a branch stays together and
    // a chain does not line up on one ray.
    const step = (2 * Math.PI) / Math.max(ring.length, 6 * (i + 1));
    const byParent = new Map<string, string[]>();
    for (const n of [...ring].sort()) {
      const p = parent.get(n) ?? "";
      byParent.set(p, [...(byParent.get(p) ?? []), n]);
    }
    for (const [p, kids] of byParent) {
      const base = angle.get(p) ?? 0;
      kids.forEach((n, k) => {
        const a = base + (k - (kids.length - 1) / 2) * step;
        angle.set(n, a);
        pos.set(n, { x: r * Math.cos(a), y: r * Math.sin(a) });
      });
    }
  });
  return pos;
}

/** Days since 1970 of the first day a partial date covers. */
function day(d: string): number | null {
  const r = dateRange(d);
  return r ? Date.parse(`${r[0]}T00:00:00Z`) / 86_400_000 : null;
}

/**
 * Left to right by date: a node's date is the earliest date of its claims on
 * the canvas; undated nodes stand in a column on the left. Each kind has its
 * own band, top to bottom, and nodes of one band and date spread vertically.
 */
export function timePositions(g: CanvasGraph, kinds: readonly string[], width = 1000): Positions {
  const when = new Map<string, number>();
  g.forEachEdge((_e, a, s, t) => {
    const d = typeof a.date === "string" ? day(a.date) : null;
    if (d === null) return;
    for (const n of [s, t]) if (!when.has(n) || d < when.get(n)!) when.set(n, d);
  });
  const days = [...when.values()];
  const lo = days.length ? Math.min(...days) : 0;
  const hi = days.length ? Math.max(...days) : 1;
  const span = Math.max(1, hi - lo);
  const band = new Map(kinds.map((k, i) => [k, i]));
  const used = new Map<string, number>();
  const pos: Positions = new Map();
  for (const n of g.nodes().sort()) {
    const d = when.get(n);
    const x = d === undefined ? -width * 0.15 : ((d - lo) / span) * width;
    const b = band.get(g.getNodeAttribute(n, "kind")) ?? kinds.length;
    const slot = `${b}|${Math.round(x)}`;
    const k = used.get(slot) ?? 0;
    used.set(slot, k + 1);
    pos.set(n, { x, y: -(b * 80 + k * 14) });
  }
  return pos;
}
