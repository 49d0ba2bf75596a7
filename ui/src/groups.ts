// Groups: nodes the user gathered under one name. A collapsed group is drawn
// as one group node (id "group:N", kind "Group") and its members are hidden;
// every claim between a member and a node outside the group is drawn as an
// edge to or from the group node instead (keyed "virtual:g|<edge>", so it is
// never a claim: not in the URL's claims, the counts or the exports' claims).
// Claims between two members are inside the group and not drawn. An expanded
// group shows its members again and keeps its name, so it can be collapsed
// again; ungrouping forgets it.
//
// The groups are part of the view: undo snapshots, links and saved
// investigations carry them (state.ts encodes them).

import type { CanvasGraph, EdgeAttrs } from "./graphstore";
import { VIRTUAL_PREFIX } from "./compact";
import { GROUP_STYLE } from "./kinds";

export const GROUP_PREFIX = "group:";
export const GROUP_KIND = "Group";
export const GROUP_COLOR = GROUP_STYLE.color;

export interface Group {
  id: string;
  name: string;
  /** The member nodes' ids, in the order they were grouped. */
  members: string[];
  /** Drawn as one node (true), or its members shown (false). */
  collapsed: boolean;
}

/** A group with where its node stands, as undo snapshots and links keep it. */
export interface GroupState extends Group {
  x: number;
  y: number;
}

export function isGroupNode(id: string): boolean {
  return id.startsWith(GROUP_PREFIX);
}

/** A fresh group id: one more than the highest in use. */
export function nextGroupId(groups: Iterable<Group>): string {
  let max = 0;
  for (const g of groups) {
    const n = Number(g.id.slice(GROUP_PREFIX.length));
    if (Number.isInteger(n) && n > max) max = n;
  }
  return `${GROUP_PREFIX}${max + 1}`;
}

/** The label of a group node: its name and how many it holds. */
export function groupLabel(g: Group): string {
  return `${g.name} (${g.members.length})`;
}

/** A name for a new group from its members' names: "Russia, Estonia +2". */
export function defaultGroupName(names: string[]): string {
  const shown = names.slice(0, 2).map((n) => (n.length > 24 ? `${n.slice(0, 23)}…` : n));
  return names.length > 2 ? `${shown.join(", ")} +${names.length - 2}` : shown.join(", ");
}

export interface GroupEdge {
  key: string;
  from: string;
  to: string;
  /** The edge it stands for: a claim id, or a compact edge. */
  edge: string;
  attrs: EdgeAttrs;
}

/**
 * The edges to draw for the collapsed groups: each edge with an end inside a
 * collapsed group, redirected to that group's node (both ends when both are
 * in groups); edges inside one group are left out. `groupOf` maps a member to
 * its collapsed group.
 */
export function groupEdges(g: CanvasGraph, groupOf: Map<string, string>): GroupEdge[] {
  const out: GroupEdge[] = [];
  if (groupOf.size === 0) return out;
  g.forEachEdge((e, attrs, s, t) => {
    const gs = groupOf.get(s);
    const gt = groupOf.get(t);
    if (!gs && !gt) return;
    const from = gs ?? s;
    const to = gt ?? t;
    if (from === to) return;
    out.push({ key: `${VIRTUAL_PREFIX}g|${e}`, from, to, edge: e, attrs });
  });
  return out;
}

/** The centre of the members' positions (where a group node appears). */
export function centroid(g: CanvasGraph, members: string[]): { x: number; y: number } {
  let x = 0;
  let y = 0;
  let n = 0;
  for (const m of members) {
    if (!g.hasNode(m)) continue;
    x += g.getNodeAttribute(m, "x");
    y += g.getNodeAttribute(m, "y");
    n++;
  }
  return n ? { x: x / n, y: y / n } : { x: 0, y: 0 };
}
