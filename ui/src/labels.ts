// Label collisions. sigma offers labels through a grid (at most a few per
// 110 px cell, the biggest nodes first, plus every forced label), but labels
// in neighbouring cells, labels longer than a cell and forced labels still
// overlap. The placer collects the labels sigma offers in a frame and, once
// the frame is drawn, draws only those whose boxes overlap no label placed
// before them: forced labels (the selection, what the user added) first,
// then highlighted ones, then by node size (number of claims). The rest show
// on hover or when zoomed in.

import type { NodeLabelDrawingFunction } from "sigma/rendering";
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

/** The candidates that get their label, in priority order, none overlapping another. */
export function placeLabels(cands: LabelCandidate[], cell = 64): LabelCandidate[] {
  const order = [...cands].sort((a, b) =>
    Number(b.forced) - Number(a.forced) || Number(b.highlighted) - Number(a.highlighted) || b.size - a.size ||
    (a.box.key < b.box.key ? -1 : a.box.key > b.box.key ? 1 : 0));
  const grid = new Map<string, LabelBox[]>();
  const placed: LabelCandidate[] = [];
  for (const c of order) {
    const b = c.box;
    const cells: string[] = [];
    let free = true;
    for (let cx = Math.floor(b.x0 / cell); cx <= Math.floor(b.x1 / cell) && free; cx++) {
      for (let cy = Math.floor(b.y0 / cell); cy <= Math.floor(b.y1 / cell); cy++) {
        const k = `${cx},${cy}`;
        cells.push(k);
        if (grid.get(k)?.some((o) => overlaps(o, b))) {
          free = false;
          break;
        }
      }
    }
    if (!free) continue;
    for (const k of cells) {
      const there = grid.get(k);
      if (there) there.push(b);
      else grid.set(k, [b]);
    }
    placed.push(c);
  }
  return placed;
}

type LabelData = PartialButFor<NodeDisplayData, "x" | "y" | "size" | "label" | "color"> & { key?: string };

/**
 * Collects the labels sigma offers during a frame (as its label drawer) and
 * draws the ones placeLabels keeps when the frame is done (flush, on
 * afterRender). With avoid false it draws every label offered, as sigma
 * alone does, and only records the boxes (the benchmark's comparison).
 */
export class LabelPlacer {
  private pending: { ctx: CanvasRenderingContext2D; data: LabelData; settings: Settings; cand: LabelCandidate }[] = [];
  private readonly widths = new Map<string, number>();
  /** The labels drawn in the last frame. */
  shown: LabelBox[] = [];

  /** drawLabel is sigma's own drawer (drawDiscNodeLabel), passed in so this module loads without WebGL (unit tests). */
  constructor(private readonly drawLabel: NodeLabelDrawingFunction, public avoid = true) {}

  /** The drawer to give sigma (defaultDrawNodeLabel). */
  readonly draw: NodeLabelDrawingFunction = (ctx, data, settings) => {
    if (!data.label) return;
    const s = settings as Settings;
    const font = `${s.labelWeight} ${s.labelSize}px ${s.labelFont}`;
    const wkey = `${font}\u0000${data.label}`;
    let w = this.widths.get(wkey);
    if (w === undefined) {
      ctx.font = font;
      w = ctx.measureText(data.label).width;
      this.widths.set(wkey, w);
    }
    // Where drawDiscNodeLabel writes: from the node's right edge, the text's
    // middle near the node's centre.
    const x0 = data.x + data.size + 3;
    const ls = s.labelSize;
    const box: LabelBox = { key: String((data as LabelData).key ?? ""), label: data.label, x0, y0: data.y - 0.5 * ls, x1: x0 + w, y1: data.y + 0.6 * ls };
    this.pending.push({ ctx, data, settings: s, cand: { box, forced: !!data.forceLabel, highlighted: !!data.highlighted, size: data.size } });
  };

  /** Draws the frame's labels that fit; call on afterRender. */
  flush(): void {
    const byCand = new Map(this.pending.map((p) => [p.cand, p]));
    const keep = this.avoid ? placeLabels(this.pending.map((p) => p.cand)) : this.pending.map((p) => p.cand);
    this.shown = keep.map((c) => c.box);
    for (const c of keep) {
      const p = byCand.get(c)!;
      this.drawLabel(p.ctx, p.data, p.settings);
    }
    this.pending = [];
  }
}
