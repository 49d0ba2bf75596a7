// The canvas's graph: a graphology multigraph whose nodes are entities and
// claim-nodes and whose edges are claims (keyed by claim id), with the full
// Relation kept for the side panel and the exports. Parallel claims between
// the same two nodes get curvatures so they are drawn apart.

import { MultiDirectedGraph } from "graphology";
import { claimVisible, nodeVisible, type ClaimFacts, type Filters } from "./filters";
import { compactEdges, isVirtual, shortLabel } from "./compact";
import { centroid, GROUP_COLOR, GROUP_KIND, groupEdges, groupLabel, isGroupNode, type Group } from "./groups";
import { kindStyle, relLabel } from "./kinds";
import type { NodeSummary, Relation } from "./types";

export interface NodeAttrs {
  label: string;
  kind: string;
  aliases: string[];
  x: number;
  y: number;
  size: number;
  color: string;
  type: string;
  /** The whole name; `label` is shortened for statements and attributions. */
  fullLabel?: string;
  /** Hidden by the user (selection tools): stays in the graph, not drawn. */
  userHidden?: boolean;
  /** A claim-node drawn as edges (compact mode): hidden. */
  folded?: boolean;
  /** The collapsed group this node is drawn inside (groups.ts): hidden. */
  inGroup?: string;
  /** A group node whose group is expanded (its members are shown instead): hidden. */
  groupOpen?: boolean;
  /** Added by the user (search, mention, question), not only as a neighbour. */
  pinned?: boolean;
  fixed?: boolean;
  highlighted?: boolean;
  [key: string]: unknown;
}

export interface EdgeAttrs extends ClaimFacts {
  label: string;
  modality: string;
  size: number;
  color: string;
  type: string;
  curvature: number;
  [key: string]: unknown;
}

export type CanvasGraph = MultiDirectedGraph<NodeAttrs, EdgeAttrs>;

export function newGraph(): CanvasGraph {
  return new MultiDirectedGraph<NodeAttrs, EdgeAttrs>();
}

/** A stable pseudo-random number in [0, 1) from a string. */
export function hash01(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return ((h >>> 0) % 100000) / 100000;
}

export function claimFacts(r: Relation): ClaimFacts {
  return {
    relType: r.type,
    confidence: r.confidence,
    method: r.method,
    date: r.date ?? r.published,
    docIds: [...new Set(r.evidence.map((e) => e.document.id))],
    status: r.review?.status ?? "UNREVIEWED",
    modality: r.modality,
  };
}

/** Claim-nodes whose names are sentences: their labels are cut short on the canvas. */
const SHORT_LABEL_KINDS = new Set(["STATEMENT", "ATTRIBUTION"]);

/** The label drawn for a node: the name, cut short for statements and attributions (the full text shows on hover). */
export function canvasLabel(kind: string, name: string): string {
  return SHORT_LABEL_KINDS.has(kind) ? shortLabel(name, 32) : name;
}

export class GraphModel {
  readonly graph: CanvasGraph = newGraph();
  /** Compact mode: claim-nodes drawn as edges (compact.ts). */
  compact = false;
  readonly relations = new Map<string, Relation>();
  readonly summaries = new Map<string, NodeSummary>();
  /** The user's groups of nodes, by group id (groups.ts). */
  readonly groups = new Map<string, Group>();

  /** Adds a node (or refreshes its data), placed near `near` when given. */
  addNode(n: NodeSummary, near?: string | { x: number; y: number }): boolean {
    this.summaries.set(n.id, n);
    const style = kindStyle(n.kind);
    if (this.graph.hasNode(n.id)) {
      this.graph.mergeNodeAttributes(n.id, { label: canvasLabel(n.kind, n.name), fullLabel: n.name, kind: n.kind, aliases: n.aliases });
      return false;
    }
    let cx = 0;
    let cy = 0;
    let spread = 10;
    if (typeof near === "string" && this.graph.hasNode(near)) {
      const a = this.graph.getNodeAttributes(near);
      cx = a.x;
      cy = a.y;
      spread = 3;
    } else if (near && typeof near === "object") {
      cx = near.x;
      cy = near.y;
      spread = 3;
    } else if (this.graph.order > 0) {
      // Around the centre of what is there.
      this.graph.forEachNode((_, a) => {
        cx += a.x;
        cy += a.y;
      });
      cx /= this.graph.order;
      cy /= this.graph.order;
    }
    const angle = hash01(n.id) * Math.PI * 2;
    const r = spread * (0.5 + hash01(n.id + "r"));
    this.graph.addNode(n.id, {
      label: canvasLabel(n.kind, n.name),
      fullLabel: n.name,
      kind: n.kind,
      aliases: n.aliases,
      x: cx + Math.cos(angle) * r,
      y: cy + Math.sin(angle) * r,
      size: 6,
      color: style.color,
      type: style.shape,
    });
    return true;
  }

  /** Adds a claim and its two ends. Returns the ids of nodes that were new. */
  addRelation(r: Relation, near?: string): string[] {
    const added: string[] = [];
    const anchor = near ?? (this.graph.hasNode(r.from.id) ? r.from.id : this.graph.hasNode(r.to.id) ? r.to.id : undefined);
    if (this.addNode(r.from, anchor)) added.push(r.from.id);
    if (this.addNode(r.to, anchor ?? r.from.id)) added.push(r.to.id);
    this.relations.set(r.id, r);
    if (!this.graph.hasEdge(r.id)) {
      this.graph.addDirectedEdgeWithKey(r.id, r.from.id, r.to.id, {
        ...claimFacts(r),
        label: relLabel(r.type),
        modality: r.modality,
        size: 1 + 2 * r.confidence,
        color: "",
        type: "straight",
        curvature: 0,
      });
    }
    return added;
  }

  /** Takes a claim's new state (after a review): its data and its status on the canvas. */
  updateRelation(r: Relation): void {
    this.relations.set(r.id, r);
    if (this.graph.hasEdge(r.id)) this.graph.mergeEdgeAttributes(r.id, { ...claimFacts(r), modality: r.modality });
  }

  removeNode(id: string): void {
    if (isGroupNode(id)) this.groups.delete(id);
    if (!this.graph.hasNode(id)) return;
    this.graph.forEachEdge(id, (e) => this.relations.delete(e));
    this.graph.dropNode(id);
    this.summaries.delete(id);
  }

  clear(): void {
    this.groups.clear();
    this.graph.clear();
    this.relations.clear();
    this.summaries.clear();
  }

  /**
   * Compact edges, sizes by number of claims, and curvatures for parallel
   * claims; call after changes.
   */
  finish(): void {
    for (const e of this.graph.edges()) if (isVirtual(e)) this.graph.dropEdge(e);
    this.graph.forEachNode((n, a) => {
      if (a.folded) this.graph.setNodeAttribute(n, "folded", false);
    });
    if (this.compact) {
      const { edges, folded } = compactEdges(this.graph);
      for (const n of folded) this.graph.setNodeAttribute(n, "folded", true);
      for (const e of edges) {
        if (this.graph.hasEdge(e.key)) continue;
        this.graph.addDirectedEdgeWithKey(e.key, e.from, e.to, {
          ...e.facts, label: e.label, virtual: true, via: e.via, type: "straight", curvature: 0,
        });
      }
    }
    this.finishGroups();
    // A node's size says how many claims it has on the canvas (compact
    // edges are not claims); a group's, how many members it holds.
    this.graph.forEachNode((n) => {
      const grp = this.groups.get(n);
      if (grp) {
        this.graph.setNodeAttribute(n, "size", Math.min(24, 8 + 3 * Math.sqrt(grp.members.length)));
        return;
      }
      let d = 0;
      this.graph.forEachEdge(n, (e) => {
        if (!isVirtual(e)) d++;
      });
      this.graph.setNodeAttribute(n, "size", Math.min(20, 5 + 2.4 * Math.sqrt(d)));
    });
    // Claims between the same two nodes, in either direction, fan out:
    // each gets an offset from the middle, and the sign of its curvature is
    // flipped for claims running the other way (a curve bends to the left of
    // its own direction).
    const groups = new Map<string, string[]>();
    this.graph.forEachEdge((e, _a, s, t) => {
      const key = s < t ? `${s}\u0000${t}` : `${t}\u0000${s}`;
      const g = groups.get(key);
      if (g) g.push(e);
      else groups.set(key, [e]);
    });
    for (const edges of groups.values()) {
      if (edges.length === 1) {
        this.graph.mergeEdgeAttributes(edges[0]!, { type: "straight", curvature: 0 });
        continue;
      }
      edges.sort();
      const max = (edges.length - 1) / 2;
      edges.forEach((e, i) => {
        const offset = i - max;
        if (offset === 0) {
          this.graph.mergeEdgeAttributes(e, { type: "straight", curvature: 0 });
          return;
        }
        const [s, t] = this.graph.extremities(e);
        const sign = s < t ? 1 : -1;
        this.graph.mergeEdgeAttributes(e, { type: "curved", curvature: sign * curvature(offset, max) });
      });
    }
  }

  /**
   * Group nodes for the groups, members of collapsed ones marked inGroup,
   * and their claims redirected to the group node (groups.ts). A group that
   * lost all its members (removed from the canvas) is forgotten.
   */
  private finishGroups(): void {
    const g = this.graph;
    const groupOf = new Map<string, string>();
    for (const [id, grp] of this.groups) {
      grp.members = grp.members.filter((m) => g.hasNode(m) && !isGroupNode(m));
      if (grp.members.length === 0) {
        this.groups.delete(id);
        continue;
      }
      if (!g.hasNode(id)) {
        const c = centroid(g, grp.members);
        g.addNode(id, { label: groupLabel(grp), kind: GROUP_KIND, aliases: [], x: c.x, y: c.y, size: 10, color: GROUP_COLOR, type: "square" });
      }
      g.mergeNodeAttributes(id, { label: groupLabel(grp), fullLabel: `${grp.name} (${grp.members.length} nodes)`, groupOpen: grp.collapsed ? undefined : true });
      if (grp.collapsed) for (const m of grp.members) groupOf.set(m, id);
    }
    for (const n of g.nodes()) if (isGroupNode(n) && !this.groups.has(n)) g.dropNode(n);
    g.forEachNode((n, a) => {
      const in_ = groupOf.get(n);
      if (a.inGroup !== in_) g.setNodeAttribute(n, "inGroup", in_);
    });
    for (const e of groupEdges(g, groupOf)) {
      if (g.hasEdge(e.key)) continue;
      // A claim's edge selects the claim when clicked; a compact edge's, its claim-node.
      g.addDirectedEdgeWithKey(e.key, e.from, e.to, {
        ...e.attrs, virtual: true, claim: isVirtual(e.edge) ? e.attrs.claim : e.edge, type: "straight", curvature: 0,
      });
    }
  }

  /** The claims on the canvas that pass the filters and whose ends do too. */
  visibleRelations(f: Filters): Relation[] {
    const out: Relation[] = [];
    this.graph.forEachEdge((e, a, _s, _t, sa, ta) => {
      if (isVirtual(e) || !claimVisible(a, f) || !nodeVisible(sa.kind, f) || !nodeVisible(ta.kind, f)) return;
      const r = this.relations.get(e);
      if (r) out.push(r);
    });
    return out;
  }

  /** The nodes drawn: of a shown kind, not folded into edges, and not left without a claim by the filters. */
  visibleNodes(f: Filters): string[] {
    const out = this.filteredOut(f);
    return this.graph.filterNodes((n, a) => nodeVisible(a.kind, f) && !a.folded && !a.userHidden && !a.inGroup && !a.groupOpen && !out.has(n));
  }

  /**
   * Nodes that have claims on the canvas, every one of them hidden by the
   * filters: they are hidden too, so "30 nodes · 3 claims" cannot happen.
   * A node with no claim at all (just added) stays.
   */
  filteredOut(f: Filters): Set<string> {
    const out = new Set<string>();
    this.graph.forEachNode((n) => {
      let any = false;
      let shown = false;
      this.graph.forEachEdge(n, (e, a, _s, _t, sa, ta) => {
        if (isVirtual(e) || shown) return;
        any = true;
        if (claimVisible(a, f) && nodeVisible(sa.kind, f) && nodeVisible(ta.kind, f)) shown = true;
      });
      if (any && !shown) out.add(n);
    });
    return out;
  }
}

/**
 * The curvature of the index-th of several parallel claims: spread evenly,
 * with a ceiling that grows slowly with their number so many claims fan out
 * without looping wildly. Negative indexes bend the other way.
 */
/** The curvature of the outermost of two parallel claims. */
export const BASE_CURVATURE = 0.25;

export function curvature(index: number, maxIndex: number): number {
  if (maxIndex <= 0) return 0;
  if (index < 0) return -curvature(-index, maxIndex);
  const spread = 3.5;
  const ceiling = spread * (1 - Math.exp(-maxIndex / spread)) * BASE_CURVATURE;
  return (ceiling * index) / maxIndex;
}
