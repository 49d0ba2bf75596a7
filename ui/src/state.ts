// The view as a URL fragment: which entities and claims are on the canvas,
// the filters, the selection and the open article. Reloading or sharing the
// link restores the view. The fragment never reaches the server.

import { defaultFilters, type Filters, type MethodFilter } from "./filters";
import { REL_TYPES, toModality, toNodeKind, type NodeKind, type RelType } from "./types";
import { isGroupNode, type GroupState } from "./groups";

export type Selection = { type: "node" | "edge"; id: string } | null;

export interface ViewState {
  nodes: string[];
  edges: string[];
  /** The nodes' positions, in the order of `nodes`; null when the link has none (the layout places them). */
  positions?: [number, number][] | null;
  selection: Selection;
  doc: string | null;
  filters: Filters;
  /** The path finder's ends, when it was used. */
  path: { from: string; to: string } | null;
  /** The user's groups of nodes (groups.ts), with where each group node stands. */
  groups?: GroupState[];
  /** Nodes the user hid (they stay on the canvas, not drawn). */
  hidden?: string[];
  /** Compact mode as the user chose it; null when not chosen (it follows the graph's size). */
  compact?: boolean | null;
}

export function emptyView(): ViewState {
  return { nodes: [], edges: [], positions: null, selection: null, doc: null, filters: defaultFilters(), path: null, groups: [], hidden: [], compact: null };
}

const CLAIM = "claim:";

// Characters kept as they are in the fragment (RFC 3986 allows them there);
// everything else, including the list separator ",", is percent-encoded.
function enc(s: string): string {
  return encodeURIComponent(s).replace(/%3A/gi, ":").replace(/%40/g, "@");
}

function list(xs: string[]): string {
  return xs.map(enc).join(",");
}

function unlist(s: string | undefined): string[] {
  if (!s) return [];
  return s.split(",").filter((x) => x !== "").map((x) => {
    try {
      return decodeURIComponent(x);
    } catch {
      return x;
    }
  });
}

export function encodeView(v: ViewState): string {
  const parts: string[] = [];
  if (v.nodes.length) parts.push(`n=${list(v.nodes)}`);
  if (v.edges.length) parts.push(`e=${list(v.edges.map((e) => (e.startsWith(CLAIM) ? e.slice(CLAIM.length) : `~${e}`)))}`);
  if (v.positions && v.positions.length === v.nodes.length && v.nodes.length) parts.push(`xy=${encodePositions(v.positions)}`);
  if (v.selection) parts.push(`s=${v.selection.type === "node" ? "n" : "e"}:${enc(v.selection.id)}`);
  if (v.doc) parts.push(`doc=${enc(v.doc)}`);
  if (v.path) parts.push(`p=${list([v.path.from, v.path.to])}`);
  const f = v.filters;
  if (f.hiddenKinds.length) parts.push(`hk=${list(f.hiddenKinds)}`);
  if (f.hiddenTypes.length) parts.push(`ht=${list(f.hiddenTypes)}`);
  if (f.since) parts.push(`since=${enc(f.since)}`);
  if (f.until) parts.push(`until=${enc(f.until)}`);
  if (!f.undated) parts.push(`undated=0`);
  if (f.minConfidence > 0) parts.push(`mc=${f.minConfidence}`);
  if (f.hiddenSources.length) parts.push(`hs=${list(f.hiddenSources)}`);
  if (f.method !== "all") parts.push(`m=${f.method}`);
  if (f.hiddenModalities.length) parts.push(`hm=${list(f.hiddenModalities)}`);
  if (v.groups?.length) parts.push(`g=${v.groups.map(encodeGroup).join(",")}`);
  if (v.hidden?.length) parts.push(`hd=${list(v.hidden)}`);
  if (v.compact === true || v.compact === false) parts.push(`c=${v.compact ? 1 : 0}`);
  return parts.join("&");
}

export function decodeView(fragment: string): ViewState {
  const v = emptyView();
  const s = fragment.startsWith("#") ? fragment.slice(1) : fragment;
  const kv = new Map<string, string>();
  for (const part of s.split("&")) {
    const i = part.indexOf("=");
    if (i <= 0) continue;
    kv.set(part.slice(0, i), part.slice(i + 1));
  }
  v.nodes = dedupe(unlist(kv.get("n")));
  v.edges = dedupe(unlist(kv.get("e")).map((e) => (e.startsWith("~") ? e.slice(1) : CLAIM + e)));
  const xy = decodePositions(kv.get("xy"));
  v.positions = xy && xy.length === v.nodes.length ? xy : null;
  const sel = kv.get("s");
  if (sel && sel.length > 2 && (sel[0] === "n" || sel[0] === "e") && sel[1] === ":") {
    const [id] = unlist(sel.slice(2));
    if (id) v.selection = { type: sel[0] === "n" ? "node" : "edge", id };
  }
  const doc = unlist(kv.get("doc"))[0];
  if (doc) v.doc = doc;
  const p = unlist(kv.get("p"));
  if (p.length === 2) v.path = { from: p[0]!, to: p[1]! };
  const f = v.filters;
  // Kinds and modalities in either spelling: links and saved investigations
  // written before the API spelled them COUNTRY and ALLEGED say Country and
  // alleged (types.ts, toNodeKind).
  f.hiddenKinds = dedupe(unlist(kv.get("hk")).map(toNodeKind).filter((k): k is NodeKind => k !== null));
  f.hiddenTypes = unlist(kv.get("ht")).filter((t): t is RelType => (REL_TYPES as readonly string[]).includes(t));
  const dateOk = (d: string | undefined) => (d && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(d) ? d : null);
  f.since = dateOk(unlist(kv.get("since"))[0]);
  f.until = dateOk(unlist(kv.get("until"))[0]);
  f.undated = kv.get("undated") !== "0";
  const mc = Number(kv.get("mc"));
  f.minConfidence = Number.isFinite(mc) && mc > 0 && mc <= 1 ? mc : 0;
  f.hiddenSources = unlist(kv.get("hs"));
  f.hiddenModalities = dedupe(unlist(kv.get("hm")).map(toModality).filter((m) => m !== null));
  const m = kv.get("m");
  f.method = m === "curated" || m === "extracted" ? (m as MethodFilter) : "all";
  v.groups = (kv.get("g") ?? "").split(",").map(decodeGroup).filter((g): g is GroupState => g !== null);
  v.hidden = unlist(kv.get("hd"));
  const c = kv.get("c");
  v.compact = c === "1" ? true : c === "0" ? false : null;
  return v;
}

/**
 * A group as "id;name;collapsed;x_y;member+member" (each part
 * percent-encoded, so ";", "+" and "," inside names and ids cannot split it).
 */
export function encodeGroup(g: GroupState): string {
  return [enc(g.id), enc(g.name), g.collapsed ? "1" : "0", encodePositions([[g.x, g.y]]), g.members.map(enc).join("+")].join(";");
}

/** A group of a link; null when malformed (the link opens without it). */
export function decodeGroup(s: string): GroupState | null {
  const parts = s.split(";");
  if (parts.length !== 5) return null;
  const dec = (x: string) => {
    try {
      return decodeURIComponent(x);
    } catch {
      return x;
    }
  };
  const id = dec(parts[0]!);
  const name = dec(parts[1]!).trim();
  const xy = decodePositions(parts[3]);
  const members = dedupe(parts[4]!.split("+").filter((x) => x !== "").map(dec)).filter((m) => !isGroupNode(m));
  if (!isGroupNode(id) || !name || !xy || xy.length !== 1 || !members.length || (parts[2] !== "0" && parts[2] !== "1")) return null;
  return { id, name, collapsed: parts[2] === "1", x: xy[0]![0], y: xy[0]![1], members };
}

function dedupe<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/**
 * Positions as "x_y" pairs joined by ",", rounded to a tenth: enough for the
 * same picture (a graph spans hundreds of units), short enough for a link.
 */
export function encodePositions(ps: [number, number][]): string {
  const r = (n: number) => (Number.isFinite(n) ? String(Math.round(n * 10) / 10) : "0");
  return ps.map(([x, y]) => `${r(x)}_${r(y)}`).join(",");
}

/** The positions of a fragment; null when any pair is malformed (the layout places the nodes instead). */
export function decodePositions(s: string | undefined): [number, number][] | null {
  if (!s) return null;
  const out: [number, number][] = [];
  for (const pair of s.split(",")) {
    const m = /^(-?\d+(?:\.\d+)?)_(-?\d+(?:\.\d+)?)$/.exec(pair);
    if (!m) return null;
    out.push([Number(m[1]), Number(m[2])]);
  }
  return out;
}
