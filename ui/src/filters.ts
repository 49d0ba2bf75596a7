// Filters on what the canvas shows. Pure functions of a claim's or node's
// attributes, so the canvas reducers, the CSV/GEXF exports and the tests all
// agree on what "visible" means.

import { MODALITIES, type NodeKind, type RelType } from "./types";

export type MethodFilter = "all" | "curated" | "extracted";

export interface Filters {
  hiddenKinds: NodeKind[];
  hiddenTypes: RelType[];
  /** YYYY or YYYY-MM or YYYY-MM-DD, inclusive; null for open. */
  since: string | null;
  until: string | null;
  /** Whether claims with no date pass a date range. */
  undated: boolean;
  minConfidence: number;
  /** Document ids whose claims are hidden. */
  hiddenSources: string[];
  method: MethodFilter;
  /** Show claims people rejected or corrected (hidden otherwise, as the API hides them). */
  showRejected?: boolean;
  /** Modalities (ASSERTED, ALLEGED, DENIED) whose claims are hidden. */
  hiddenModalities: string[];
}

export { MODALITIES };

export function defaultFilters(): Filters {
  return { hiddenKinds: [], hiddenTypes: [], since: null, until: null, undated: true, minConfidence: 0, hiddenSources: [], method: "all", hiddenModalities: [] };
}

export function isDefault(f: Filters): boolean {
  const d = defaultFilters();
  return f.hiddenKinds.length === 0 && f.hiddenTypes.length === 0 && f.since === d.since && f.until === d.until &&
    f.undated === d.undated && f.minConfidence === d.minConfidence && f.hiddenSources.length === 0 && f.method === d.method &&
    f.hiddenModalities.length === 0;
}

/** What a filter needs to know about a claim. */
export interface ClaimFacts {
  relType: string;
  confidence: number;
  method: string;
  /** The date the claim refers to, else its source's publication date. */
  date: string | null;
  /** The documents its evidence comes from. */
  docIds: string[];
  /** Its review status (UNREVIEWED, CONFIRMED, REJECTED, CORRECTED). */
  status?: string;
  /** ASSERTED, ALLEGED or DENIED; absent reads as ASSERTED. */
  modality?: string;
}

/** Whether a claim of this review status is hidden unless asked for. */
export function reviewHidden(status: string | undefined): boolean {
  return status === "REJECTED" || status === "CORRECTED";
}

const DATE_RE = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/;

/** The first and last day a partial date (YYYY[-MM[-DD]]) covers, as YYYY-MM-DD; null if not a date. */
export function dateRange(d: string): [string, string] | null {
  const m = DATE_RE.exec(d);
  if (!m) return null;
  const y = m[1]!;
  if (!m[2]) return [`${y}-01-01`, `${y}-12-31`];
  if (!m[3]) return [`${y}-${m[2]}-01`, `${y}-${m[2]}-31`];
  return [`${y}-${m[2]}-${m[3]}`, `${y}-${m[2]}-${m[3]}`];
}

export function methodClass(method: string): "curated" | "extracted" {
  return method === "curated" ? "curated" : "extracted";
}

export function claimVisible(c: ClaimFacts, f: Filters): boolean {
  if (f.hiddenTypes.includes(c.relType as RelType)) return false;
  if (reviewHidden(c.status) && !f.showRejected) return false;
  if (c.confidence < f.minConfidence) return false;
  if (f.method !== "all" && methodClass(c.method) !== f.method) return false;
  if (f.hiddenModalities.length > 0 && f.hiddenModalities.includes(c.modality ?? "ASSERTED")) return false;
  if (f.hiddenSources.length > 0 && c.docIds.length > 0 && c.docIds.every((d) => f.hiddenSources.includes(d))) return false;
  if (f.since || f.until) {
    const r = c.date ? dateRange(c.date) : null;
    if (!r) return f.undated;
    const lo = f.since ? dateRange(f.since) : null;
    const hi = f.until ? dateRange(f.until) : null;
    if (lo && r[1] < lo[0]) return false;
    if (hi && r[0] > hi[1]) return false;
  }
  return true;
}

export function nodeVisible(kind: string, f: Filters): boolean {
  return !f.hiddenKinds.includes(kind as NodeKind);
}

/** Months (YYYY-MM) from the earliest to the latest date, for the timeline. */
export function monthsBetween(dates: string[]): string[] {
  const ranges = dates.map(dateRange).filter((r): r is [string, string] => r !== null);
  if (ranges.length === 0) return [];
  let lo = ranges[0]![0].slice(0, 7);
  let hi = ranges[0]![1].slice(0, 7);
  for (const r of ranges) {
    if (r[0].slice(0, 7) < lo) lo = r[0].slice(0, 7);
    if (r[1].slice(0, 7) > hi) hi = r[1].slice(0, 7);
  }
  const out: string[] = [];
  let [y, m] = lo.split("-").map(Number) as [number, number];
  for (let guard = 0; guard < 1200; guard++) {
    const s = `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}`;
    out.push(s);
    if (s >= hi) break;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}
