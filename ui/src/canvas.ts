// The WebGL canvas: sigma.js with a program per node shape, curved arrows for
// parallel claims, edge labels by relationship type, hover highlighting of
// neighbours, dragging, and a PNG snapshot.

import Sigma from "sigma";
import {
  createEdgeArrowHeadProgram, createEdgeClampedProgram, createEdgeCompoundProgram, drawDiscNodeLabel, drawStraightEdgeLabel, EdgeArrowProgram, NodeCircleProgram,
  type EdgeLabelDrawingFunction, type EdgeProgramType, type NodeProgramType,
} from "sigma/rendering";
import { EdgeCurvedArrowProgram } from "@sigma/edge-curve";
import { NodeSquareProgram } from "@sigma/node-square";
import { createNodeBorderProgram } from "@sigma/node-border";
import type { EdgeDisplayData, NodeDisplayData } from "sigma/types";
import type { CanvasGraph, EdgeAttrs, NodeAttrs } from "./graphstore";
import { claimVisible, nodeVisible, type Filters } from "./filters";
import { DIMMED, EDGE_HIGHLIGHT } from "./kinds";
import { LabelPlacer } from "./labels";

/** The label placer of each canvas (labels.ts), for the benchmark and the tests. */
const placers = new WeakMap<object, LabelPlacer>();

export function labelPlacer(sigma: GraphSigma): LabelPlacer | undefined {
  return placers.get(sigma);
}

/** Squares label like discs; without a drawer of their own they use the placer's. */
class SquareProgram extends (NodeSquareProgram as unknown as new (...args: never[]) => { drawLabel?: unknown }) {
  constructor(...args: never[]) {
    super(...args);
    this.drawLabel = undefined;
  }
}

export const MODALITY_COLOR: Record<string, string> = {
  ASSERTED: "#9aa3ad",
  ALLEGED: "#e08a2c",
  DENIED: "#c23b3b",
};

export interface CanvasState {
  filters: Filters;
  hovered: string | null;
  selectedNode: string | null;
  selectedEdge: string | null;
  /** A path (or other set) to highlight; everything else is dimmed. */
  focus: { nodes: Set<string>; edges: Set<string> } | null;
  /** Nodes picked together (Shift-click), for the selection tools. */
  multi?: Set<string>;
  /** Nodes all of whose claims the filters hide (GraphModel.filteredOut), refreshed with the filters. */
  filteredOut?: Set<string>;
  /** Claims are not drawn (large graphs while the layout runs). */
  hideEdges?: boolean;
}

export interface CanvasHandlers {
  /** A click on a node; `add` when Shift (or Ctrl/Cmd) was held: add it to the multi-selection. */
  onClickNode: (id: string, add: boolean) => void;
  onDoubleClickNode: (id: string) => void;
  onClickEdge: (id: string) => void;
  onClickStage: () => void;
  onDragStart: () => void;
  onDragEnd: (node: string) => void;
}

export type GraphSigma = Sigma<NodeAttrs, EdgeAttrs>;

/**
 * A straight arrow drawn dashed: sigma's clamped edge body with two lines
 * added to its shaders (the distance along the edge, in pixels, goes to the
 * fragment shader, which leaves every other 6 px out) and its arrow head.
 * Unreviewed claims are drawn with it, so what nobody checked yet looks
 * provisional; picking (hover, click) uses the whole edge.
 */
function dashedArrowProgram(): EdgeProgramType<NodeAttrs, EdgeAttrs> {
  const Clamped = createEdgeClampedProgram() as unknown as new (...args: never[]) => { getDefinition(): { VERTEX_SHADER_SOURCE: string; FRAGMENT_SHADER_SOURCE: string } };
  class DashedClamped extends Clamped {
    override getDefinition() {
      const d = super.getDefinition();
      return {
        ...d,
        VERTEX_SHADER_SOURCE: d.VERTEX_SHADER_SOURCE
          .replace("varying vec4 v_color;", "varying vec4 v_color;\nvarying float v_along;")
          .replace(/v_color\.a \*= bias;\s*\}\s*$/, `v_color.a *= bias;
  vec2 dashStart = (u_matrix * vec3(a_positionStart, 1)).xy;
  vec2 dashEnd = (u_matrix * vec3(a_positionEnd, 1)).xy;
  v_along = a_positionCoef * length(dashEnd - dashStart) / u_correctionRatio;
}
`),
        FRAGMENT_SHADER_SOURCE: d.FRAGMENT_SHADER_SOURCE
          .replace("varying vec4 v_color;", "varying vec4 v_color;\nvarying float v_along;")
          .replace("void main(void) {", "void main(void) {\n  #ifndef PICKING_MODE\n  if (mod(v_along, 12.0) > 6.0) discard;\n  #endif"),
      };
    }
  }
  return createEdgeCompoundProgram([DashedClamped as never, createEdgeArrowHeadProgram()]) as unknown as EdgeProgramType<NodeAttrs, EdgeAttrs>;
}

export function createSigma(graph: CanvasGraph, container: HTMLElement, state: CanvasState, handlers: CanvasHandlers,
  opts: { edgeEvents?: boolean; avoidLabelCollisions?: boolean } = {}): GraphSigma {
  const modality = (a: EdgeAttrs) => MODALITY_COLOR[a.modality] ?? MODALITY_COLOR["ASSERTED"]!;
  const placer = new LabelPlacer(drawDiscNodeLabel, opts.avoidLabelCollisions ?? true);
  // Curved claims draw their labels along the curve: the placer decides which.
  type WithEdgeLabel = { drawLabel?: EdgeLabelDrawingFunction<NodeAttrs, EdgeAttrs> };
  class CurvedProgram extends (EdgeCurvedArrowProgram as unknown as new (...args: never[]) => WithEdgeLabel) {
    constructor(...args: never[]) {
      super(...args);
      if (this.drawLabel) this.drawLabel = placer.edgeDrawer(this.drawLabel as never, true) as never;
    }
  }
  const sigma: GraphSigma = new Sigma<NodeAttrs, EdgeAttrs>(graph, container, {
    renderEdgeLabels: true,
    enableEdgeEvents: opts.edgeEvents ?? true,
    defaultEdgeType: "straight",
    zIndex: true,
    labelFont: "system-ui, sans-serif",
    labelSize: 12,
    labelRenderedSizeThreshold: 5,
    // Label collisions: sigma offers at most labelDensity labels per grid
    // cell, the biggest nodes' first (size = number of claims), and the
    // placer (labels.ts) draws those whose boxes overlap no label drawn
    // before them.
    labelDensity: 1,
    labelGridCellSize: 110,
    defaultDrawNodeLabel: placer.draw,
    defaultDrawEdgeLabel: placer.edgeDrawer(drawStraightEdgeLabel as never) as never,
    edgeLabelFont: "system-ui, sans-serif",
    edgeLabelSize: 10,
    edgeLabelColor: { color: "#6b7680" },
    nodeProgramClasses: {
      circle: NodeCircleProgram as unknown as NodeProgramType<NodeAttrs, EdgeAttrs>,
      square: SquareProgram as unknown as NodeProgramType<NodeAttrs, EdgeAttrs>,
      ring: createNodeBorderProgram<NodeAttrs, EdgeAttrs>({
        borders: [
          { size: { value: 0.3 }, color: { attribute: "color" } },
          { size: { fill: true }, color: { value: "#ffffff" } },
        ],
      }),
    },
    edgeProgramClasses: {
      straight: EdgeArrowProgram as unknown as EdgeProgramType<NodeAttrs, EdgeAttrs>,
      curved: CurvedProgram as unknown as EdgeProgramType<NodeAttrs, EdgeAttrs>,
      dashed: dashedArrowProgram(),
    },
    nodeReducer: (node, data) => {
      const res: Partial<NodeDisplayData> & NodeAttrs = { ...data };
      if (!nodeVisible(data.kind, state.filters) || data.folded || data.userHidden || data.inGroup || data.groupOpen || state.filteredOut?.has(node)) {
        res.hidden = true;
        return res;
      }
      // Short labels on the canvas; the whole text while hovered or selected.
      if ((node === state.hovered || node === state.selectedNode) && data.fullLabel) res.label = data.fullLabel;
      // The labels of what the user put there and of the selection win
      // collisions; the rest are placed by size (number of claims).
      if (data.pinned || node === state.selectedNode) res.forceLabel = true;
      const focus = state.focus;
      if (state.hovered) {
        if (node === state.hovered || graph.areNeighbors(node, state.hovered)) {
          res.highlighted = true;
          res.zIndex = 2;
        } else {
          res.color = DIMMED;
          res.label = "";
          res.zIndex = 0;
        }
      } else if (focus) {
        if (focus.nodes.has(node)) {
          res.highlighted = true;
          res.zIndex = 2;
        } else {
          res.color = DIMMED;
          res.zIndex = 0;
        }
      }
      if (node === state.selectedNode || state.multi?.has(node)) {
        res.highlighted = true;
        res.forceLabel = true;
        res.zIndex = 3;
      }
      return res;
    },
    edgeReducer: (edge, data) => {
      const res: Partial<EdgeDisplayData> & EdgeAttrs = { ...data };
      if (state.hideEdges && edge !== state.selectedEdge) {
        res.hidden = true;
        return res;
      }
      const [s, t] = graph.extremities(edge);
      const sa = graph.getNodeAttributes(s);
      const ta = graph.getNodeAttributes(t);
      if (!claimVisible(data, state.filters) || !nodeVisible(sa.kind, state.filters) || !nodeVisible(ta.kind, state.filters) || sa.folded || ta.folded || sa.userHidden || ta.userHidden ||
        sa.inGroup || ta.inGroup || sa.groupOpen || ta.groupOpen) {
        res.hidden = true;
        return res;
      }
      res.color = modality(data);
      // Review status: what nobody checked yet is dashed, what a person
      // (or a curated file) confirmed is solid; rejected and corrected
      // claims only show when asked for (claimVisible), faded.
      if (!data.status || data.status === "UNREVIEWED") res.type = "dashed";
      else if (data.status === "REJECTED" || data.status === "CORRECTED") res.color = DIMMED;
      if (state.hovered) {
        if (s === state.hovered || t === state.hovered) {
          res.color = EDGE_HIGHLIGHT;
          res.zIndex = 2;
        } else {
          res.color = DIMMED;
          res.label = "";
        }
      } else if (state.focus) {
        if (state.focus.edges.has(edge)) {
          res.color = EDGE_HIGHLIGHT;
          res.size = (data.size ?? 1) + 2;
          res.zIndex = 2;
        } else {
          res.color = DIMMED;
          res.label = "";
        }
      }
      if (edge === state.selectedEdge) {
        res.color = "#2f6fb0";
        res.size = (data.size ?? 1) + 2;
        res.zIndex = 3;
      }
      return res;
    },
  });

  placers.set(sigma, placer);
  sigma.on("afterRender", () => placer.flush());
  // The constructor drew the first frame before the listener existed.
  placer.flush();

  // Hover: highlight the node and its neighbours.
  sigma.on("enterNode", ({ node }) => {
    state.hovered = node;
    container.style.cursor = "pointer";
    sigma.refresh({ skipIndexation: true });
  });
  sigma.on("leaveNode", () => {
    state.hovered = null;
    container.style.cursor = "";
    sigma.refresh({ skipIndexation: true });
  });
  sigma.on("enterEdge", () => (container.style.cursor = "pointer"));
  sigma.on("leaveEdge", () => (container.style.cursor = ""));

  // Drag: a node follows the mouse, and stays where it is dropped.
  let dragged: string | null = null;
  let moved = false;
  sigma.on("downNode", ({ node }) => {
    dragged = node;
    moved = false;
    if (!sigma.getCustomBBox()) sigma.setCustomBBox(sigma.getBBox());
  });
  const captor = sigma.getMouseCaptor();
  captor.on("mousemovebody", (e) => {
    if (!dragged) return;
    if (!moved) {
      moved = true;
      handlers.onDragStart();
    }
    const p = sigma.viewportToGraph(e);
    graph.mergeNodeAttributes(dragged, { x: p.x, y: p.y, fixed: true });
    e.preventSigmaDefault();
    e.original.preventDefault();
    e.original.stopPropagation();
  });
  captor.on("mouseup", () => {
    // A press that moved nothing (a click) leaves the normalisation free
    // again: a box fixed here would stop Fit from ever seeing nodes added or
    // moved later.
    if (dragged && !moved) sigma.setCustomBBox(null);
    if (dragged && moved) {
      handlers.onDragEnd(dragged);
      // The browser follows this mouseup with a click, which sigma counts
      // towards a double click: forget it, so that the next click on a node
      // selects it rather than expanding it.
      setTimeout(() => (captor.clicks = 0), 0);
    }
    dragged = null;
  });

  sigma.on("clickNode", ({ node, event }) => {
    const o = event.original as MouseEvent;
    if (!moved) handlers.onClickNode(node, !!(o.shiftKey || o.ctrlKey || o.metaKey));
  });
  sigma.on("doubleClickNode", (e) => {
    e.preventSigmaDefault();
    handlers.onDoubleClickNode(e.node);
  });
  sigma.on("clickEdge", ({ edge }) => handlers.onClickEdge(edge));
  sigma.on("clickStage", () => handlers.onClickStage());
  return sigma;
}

/**
 * Fits the whole graph in the viewport. A drag fixes sigma's bounding box
 * (so the view does not jump while a node moves); Fit lets it follow the
 * graph again first, or nodes outside the old box would stay off-screen.
 */
export function fitView(sigma: GraphSigma, duration = 300): Promise<void> {
  sigma.setCustomBBox(null);
  sigma.refresh();
  return sigma.getCamera().animatedReset({ duration });
}

/** Above this many claims the canvas trades detail for speed. */
export const LARGE_GRAPH_EDGES = 5000;

/**
 * Large graphs hide edges while the camera moves, draw no edge labels and
 * skip edge picking (each of which costs a full pass over every edge per
 * frame); small ones get all three back.
 */
export function tuneForSize(sigma: GraphSigma, edges: number): void {
  const large = edges > LARGE_GRAPH_EDGES;
  if (sigma.getSetting("hideEdgesOnMove") !== large) sigma.setSetting("hideEdgesOnMove", large);
  if (sigma.getSetting("renderEdgeLabels") === large) sigma.setSetting("renderEdgeLabels", !large);
  if (sigma.getSetting("enableEdgeEvents") === large) sigma.setSetting("enableEdgeEvents", !large);
}

/**
 * In large-graph mode the claims are not drawn while the layout runs:
 * redrawing tens of thousands of them for every step of the layout costs more
 * than the layout itself, and the nodes' movement is what the user watches.
 * Returns whether the canvas needs a refresh.
 */
export function hideEdgesDuringLayout(state: CanvasState, layoutRunning: boolean, edges: number): boolean {
  const hide = layoutRunning && edges > LARGE_GRAPH_EDGES;
  if (!!state.hideEdges === hide) return false;
  state.hideEdges = hide;
  return true;
}

/** The canvas as a PNG: every layer of sigma drawn onto a white background. */
export function snapshotPNG(sigma: GraphSigma): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const compose = () => {
      try {
        const layers = sigma.getCanvases();
        const first = Object.values(layers)[0];
        if (!first) throw new Error("nothing to draw");
        const out = document.createElement("canvas");
        out.width = first.width;
        out.height = first.height;
        const ctx = out.getContext("2d");
        if (!ctx) throw new Error("no 2D context");
        ctx.fillStyle = "#ffffff";
        ctx.fillRect(0, 0, out.width, out.height);
        for (const id of ["edges", "nodes", "edgeLabels", "labels", "hovers", "hoverNodes"]) {
          const c = layers[id];
          if (c) ctx.drawImage(c, 0, 0, out.width, out.height);
        }
        out.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG encoding failed"))), "image/png");
      } catch (e) {
        reject(e as Error);
      }
    };
    // WebGL buffers are only readable right after a render: draw now, in the
    // same task.
    sigma.once("afterRender", compose);
    sigma.refresh();
  });
}
