// Label collisions. sigma offers labels through a grid (at most a few per
// 110 px cell, the biggest nodes first, plus every forced label), but labels
// in neighbouring cells, labels longer than a cell and forced labels still
// overlap. The placer collects the labels sigma offers in a frame and, once
// the frame is drawn, draws only those whose boxes overlap no label placed
// before them: forced labels (the selection, what the user added) first,
// then highlighted ones, then by node size (number of claims). The rest show
// on hover or when zoomed in. Claim labels (edge labels) come after every
// node label and are drawn only where they overlap no label at all; their
// box is the upright box around the rotated text (for a curved claim, around
// both places the text may sit), so a few more are left out than need be.

import type { EdgeLabelDrawingFunction, NodeLabelDrawingFunction } from "sigma/rendering";
import type { Settings } from "sigma/settings";
import type { NodeDisplayData, PartialButFor } from "sigma/types";

/** A label's box on the canvas, in CSS pixels. */
export interface LabelBox {
  key: string;
  label: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface LabelCandidate {
  box: LabelBox;
  forced: boolean;
  highlighted: boolean;
  size: number;
}

/** Whether two boxes overlap (touching edges do not). */
export function overlaps(a: LabelBox, b: LabelBox): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/** The pairs of boxes that overlap, in O(n log n)-ish time with a grid of cells. */
export function overlappingPairs(boxes: LabelBox[], cell = 64): [LabelBox, LabelBox][] {
  const grid = new Map<string, number[]>();
  const out: [LabelBox, LabelBox][] = [];
  const seen = new Set<string>();
  boxes.forEach((b, i) => {
    for (let cx = Math.floor(b.x0 / cell); cx <= Math.floor(b.x1 / cell); cx++) {
      for (let cy = Math.floor(b.y0 / cell); cy <= Math.floor(b.y1 / cell); cy++) {
        const k = `${cx},${cy}`;
        const there = grid.get(k);
        for (const j of there ?? []) {
          const pair = `${j},${i}`;
          if (seen.has(pair) || !overlaps(boxes[j]!, b)) continue;
          seen.add(pair);
          out.push([boxes[j]!, b]);
        }
        if (there) there.push(i);
        else grid.set(k, [i]);
      }
    }
  });
  return out;
}

/** Boxes placed so far, in a grid of cells, so a new box is checked against its neighbours only. */
class Occupied {
  private readonly grid = new Map<string, LabelBox[]>();
  constructor(private readonly cell = 64) {}

  /** Places b unless it overlaps a box placed before; says whether it did. */
  place(b: LabelBox): boolean {
    const cells: string[] = [];
    const c = this.cell;
    for (let cx = Math.floor(b.x0 / c); cx <= Math.floor(b.x1 / c); cx++) {
      for (let cy = Math.floor(b.y0 / c); cy <= Math.floor(b.y1 / c); cy++) {
        const k = `${cx},${cy}`;
        if (this.grid.get(k)?.some((o) => overlaps(o, b))) return false;
        cells.push(k);
      }
    }
    for (const k of cells) {
      const there = this.grid.get(k);
      if (there) there.push(b);
      else this.grid.set(k, [b]);
    }
    return true;
  }
}

function byPriority(a: LabelCandidate, b: LabelCandidate): number {
  return Number(b.forced) - Number(a.forced) || Number(b.highlighted) - Number(a.highlighted) || b.size - a.size ||
    (a.box.key < b.box.key ? -1 : a.box.key > b.box.key ? 1 : 0);
}

/** The candidates that get their label, in priority order, none overlapping another (or a box already in taken). */
export function placeLabels(cands: LabelCandidate[], taken: Occupied = new Occupied()): LabelCandidate[] {
  return [...cands].sort(byPriority).filter((c) => taken.place(c.box));
}

/**
 * The upright box around a claim's label as sigma's drawStraightEdgeLabel
 * writes it: centred between the ends' rims, below the line, rotated with
 * it, cut to the line's length. For a curved claim the text follows the
 * curve, off the straight line by up to `bulge` px on either side: the box
 * covers both. Null when sigma draws no label (the ends overlap).
 */
export function edgeLabelBox(key: string, label: string, textWidth: number, fontSize: number, edgeSize: number,
  s: { x: number; y: number; size: number }, t: { x: number; y: number; size: number }, bulge = 0): LabelBox | null {
  let dx = t.x - s.x;
  let dy = t.y - s.y;
  let d = Math.hypot(dx, dy);
  if (d < s.size + t.size || d === 0) return null;
  const sx = s.x + (dx * s.size) / d;
  const sy = s.y + (dy * s.size) / d;
  const tx = t.x - (dx * t.size) / d;
  const ty = t.y - (dy * t.size) / d;
  dx = tx - sx;
  dy = ty - sy;
  d = Math.hypot(dx, dy);
  const w = Math.min(textWidth, d);
  const h = fontSize * 1.2;
  const cos = dx / d;
  const sin = dy / d;
  // The text's middle, below the line in the line's own frame.
  const off = edgeSize / 2 + fontSize * 0.65;
  const cx = (sx + tx) / 2 - sin * off;
  const cy = (sy + ty) / 2 + cos * off;
  const hx = (Math.abs(w * cos) + Math.abs(h * sin)) / 2 + Math.abs(sin) * bulge;
  const hy = (Math.abs(w * sin) + Math.abs(h * cos)) / 2 + Math.abs(cos) * bulge;
  return { key, label, x0: cx - hx, y0: cy - hy, x1: cx + hx, y1: cy + hy };
}

type LabelData = PartialButFor<NodeDisplayData, "x" | "y" | "size" | "label" | "color"> & { key?: string };
type EdgeDrawer = EdgeLabelDrawingFunction;
type EdgeArgs = Parameters<EdgeDrawer>;

/**
 * Collects the labels sigma offers during a frame (as its label drawer) and
 * draws the ones placeLabels keeps when the frame is done (flush, on
 * afterRender). With avoid false it draws every label offered, as sigma
 * alone does, and only records the boxes (the benchmark's comparison).
 */
export class LabelPlacer {
  private pending: { ctx: CanvasRenderingContext2D; data: LabelData; settings: Settings; cand: LabelCandidate }[] = [];
  private pendingEdges: { args: EdgeArgs; draw: EdgeDrawer; cand: LabelCandidate }[] = [];
  private readonly widths = new Map<string, number>();
  /** The node labels drawn in the last frame. */
  shown: LabelBox[] = [];
  /** The claim labels drawn in the last frame. */
  shownEdges: LabelBox[] = [];

  private width(ctx: CanvasRenderingContext2D, font: string, text: string): number {
    const wkey = `${font}\u0000${text}`;
    let w = this.widths.get(wkey);
    if (w === undefined) {
      ctx.font = font;
      w = ctx.measureText(text).width;
      this.widths.set(wkey, w);
    }
    return w;
  }

  /**
   * A claim-label drawer for sigma that defers draw (sigma's own, or a
   * curved program's) to flush; curved says the text follows a curve.
   */
  edgeDrawer(draw: EdgeDrawer, curved = false): EdgeDrawer {
    return (ctx, edge, source, target, settings) => {
      if (!edge.label) return;
      const s = settings as Settings;
      const w = this.width(ctx, `${s.edgeLabelWeight} ${s.edgeLabelSize}px ${s.edgeLabelFont}`, edge.label);
      const curvature = curved ? Math.abs(Number((edge as { curvature?: number }).curvature ?? 0.25)) : 0;
      const bulge = curvature * Math.hypot(target.x - source.x, target.y - source.y);
      const box = edgeLabelBox(String((edge as { key?: string }).key ?? ""), edge.label, w, s.edgeLabelSize, edge.size, source, target, bulge);
      if (!box) return;
      const z = Number((edge as { zIndex?: number }).zIndex ?? 0);
      this.pendingEdges.push({ args: [ctx, edge, source, target, settings], draw, cand: { box, forced: z >= 3, highlighted: z >= 2, size: edge.size } });
    };
  }

  /** drawLabel is sigma's own drawer (drawDiscNodeLabel), passed in so this module loads without WebGL (unit tests). */
  constructor(private readonly drawLabel: NodeLabelDrawingFunction, public avoid = true) {}

  /** The drawer to give sigma (defaultDrawNodeLabel). */
  readonly draw: NodeLabelDrawingFunction = (ctx, data, settings) => {
    if (!data.label) return;
    const s = settings as Settings;
    const w = this.width(ctx, `${s.labelWeight} ${s.labelSize}px ${s.labelFont}`, data.label);
    // Where drawDiscNodeLabel writes: from the node's right edge, the text's
    // middle near the node's centre.
    const x0 = data.x + data.size + 3;
    const ls = s.labelSize;
    const box: LabelBox = { key: String((data as LabelData).key ?? ""), label: data.label, x0, y0: data.y - 0.5 * ls, x1: x0 + w, y1: data.y + 0.6 * ls };
    this.pending.push({ ctx, data, settings: s, cand: { box, forced: !!data.forceLabel, highlighted: !!data.highlighted, size: data.size } });
  };

  /** Draws the frame's labels that fit; call on afterRender. */
  flush(): void {
    const taken = new Occupied();
    const byCand = new Map(this.pending.map((p) => [p.cand, p]));
    const keep = this.avoid ? placeLabels(this.pending.map((p) => p.cand), taken) : this.pending.map((p) => p.cand);
    this.shown = keep.map((c) => c.box);
    for (const c of keep) {
      const p = byCand.get(c)!;
      this.drawLabel(p.ctx, p.data, p.settings);
    }
    this.pending = [];
    const byEdge = new Map(this.pendingEdges.map((p) => [p.cand, p]));
    const keepEdges = this.avoid ? placeLabels(this.pendingEdges.map((p) => p.cand), taken) : this.pendingEdges.map((p) => p.cand);
    this.shownEdges = keepEdges.map((c) => c.box);
    for (const c of keepEdges) {
      const p = byEdge.get(c)!;
      p.draw(...p.args);
    }
    this.pendingEdges = [];
  }
}
