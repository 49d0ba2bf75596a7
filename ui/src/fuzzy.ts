// Search that forgives: when the server's full-text search finds nothing
// ("Sulivan"), the names and aliases of the graph's actors are compared with
// the query by edit distance, word by word, and the closest are offered as
// "did you mean". Also: finding a name among the nodes on the canvas.

import type { Api } from "./api";
import type { NodeSummary, SearchHit } from "./types";

/** Damerau–Levenshtein distance (adjacent transpositions count as one edit), capped at max + 1. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1).fill(0);
    row[0] = i;
    rows.push(row);
  }
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
  }
  return rows[a.length]![b.length]!;
}

/** Lower case, without accents, split into words. */
export function words(s: string): string[] {
  return s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** Edits a word of this length may differ by: none for very short words, one up to 5 letters, two beyond. */
export function allowedEdits(len: number): number {
  if (len <= 3) return 0;
  if (len <= 5) return 1;
  return 2;
}

/**
 * How far a query is from a name: every query word must be within its
 * allowed edits of some word of the name (the last query word may also be a
 * prefix, as in the server's search); the score is the sum of the edits, or
 * null when some word matches nothing.
 */
export function fuzzyScore(query: string, name: string): number | null {
  const q = words(query);
  const n = words(name);
  if (!q.length || !n.length) return null;
  let total = 0;
  for (let i = 0; i < q.length; i++) {
    const w = q[i]!;
    const last = i === q.length - 1;
    let best = Infinity;
    for (const x of n) {
      const cand = last && x.length > w.length ? x.slice(0, Math.max(w.length, 1)) : x;
      const d = Math.min(editDistance(w, x, allowedEdits(w.length)), last ? editDistance(w, cand, allowedEdits(w.length)) : Infinity);
      if (d < best) best = d;
    }
    if (best > allowedEdits(w.length)) return null;
    total += best;
  }
  return total;
}

export interface Named {
  id: string;
  name: string;
  aliases: string[];
}

/** The candidates closest to the query (best first, at most n), with the name or alias that matched. */
export function fuzzyMatches<T extends Named>(query: string, candidates: T[], n = 8): { item: T; matched: string; score: number }[] {
  const out: { item: T; matched: string; score: number }[] = [];
  for (const c of candidates) {
    let best: { matched: string; score: number } | null = null;
    for (const label of [c.name, ...c.aliases]) {
      const s = fuzzyScore(query, label);
      if (s !== null && (best === null || s < best.score)) best = { matched: label, score: s };
    }
    if (best) out.push({ item: c, ...best });
  }
  out.sort((a, b) => a.score - b.score || a.item.name.length - b.item.name.length || a.item.name.localeCompare(b.item.name));
  return out.slice(0, n);
}

/** The kinds "did you mean" looks among: the named things, not the sentences. */
export const FUZZY_KINDS = ["COUNTRY", "PERSON", "ORGANIZATION", "CYBER_OPERATION", "DOCTRINE", "EVENT"] as const;

/**
 * A fallback for the search box: fetches the names and aliases of the
 * graph's named things once (at most perKind of each kind), then answers
 * with the closest to the query. Used only when the server finds nothing.
 */
export function fuzzySearcher(api: Api, perKind = 1000): (q: string, n?: number) => Promise<SearchHit[]> {
  let names: Promise<NodeSummary[]> | null = null;
  return async (q, n = 8) => {
    names ??= api.entities([...FUZZY_KINDS], perKind).catch((e: unknown) => {
      names = null;
      throw e;
    });
    const all = await names;
    return fuzzyMatches(q, all, n).map((m) => ({ node: m.item, score: -m.score, snippet: m.matched, matched: "fuzzy" }) as SearchHit);
  };
}
