// Article text: offsets from the API are in Unicode code points, so text is
// handled as an array of code points (Array.from), never by UTF-16 index.

export interface Span {
  start: number;
  end: number;
}

export interface Mention extends Span {
  entityId: string;
}

export interface Segment {
  text: string;
  start: number;
  end: number;
  /** Evidence ids covering this segment. */
  evidence: string[];
  /** The entity mentioned here, if any. */
  entityId: string | null;
}

/** The code points [start, end) of text. */
export function sliceCodePoints(text: string | string[], start: number, end: number): string {
  const cps = typeof text === "string" ? Array.from(text) : text;
  return cps.slice(start, end).join("");
}

export function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}_]/u.test(c);
}

/**
 * Finds mentions of entities (by name and aliases) in text, as code point
 * offsets: whole words only, case-sensitive for short names (so "US" is not
 * "us"), longest match first, never overlapping.
 */
export function findMentions(text: string, entities: { id: string; names: string[] }[]): Mention[] {
  const cps = Array.from(text);
  const lower = cps.map((c) => c.toLowerCase());
  const candidates: { name: string[]; id: string; exact: boolean }[] = [];
  const seen = new Set<string>();
  for (const e of entities) {
    for (const n of e.names) {
      const trimmed = n.trim();
      if (Array.from(trimmed).length < 2) continue;
      const key = `${e.id}\u0000${trimmed}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const exact = Array.from(trimmed).length <= 4;
      candidates.push({ name: Array.from(exact ? trimmed : trimmed.toLowerCase()), id: e.id, exact });
    }
  }
  candidates.sort((a, b) => b.name.length - a.name.length);
  const taken = new Uint8Array(cps.length);
  const out: Mention[] = [];
  for (const c of candidates) {
    const hay = c.exact ? cps : lower;
    const n = c.name.length;
    for (let i = 0; i + n <= hay.length; i++) {
      if (hay[i] !== c.name[0]) continue;
      let ok = true;
      for (let j = 1; j < n; j++) {
        if (hay[i + j] !== c.name[j]) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      const lastIsWord = isWordChar(c.name[n - 1]);
      const firstIsWord = isWordChar(c.name[0]);
      if (firstIsWord && isWordChar(cps[i - 1])) continue;
      if (lastIsWord && isWordChar(cps[i + n])) continue;
      let free = true;
      for (let j = i; j < i + n; j++) {
        if (taken[j]) {
          free = false;
          break;
        }
      }
      if (!free) continue;
      taken.fill(1, i, i + n);
      out.push({ start: i, end: i + n, entityId: c.id });
      i += n - 1;
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * Cuts text into segments at every boundary of evidence spans and mentions,
 * so that each segment is covered by a fixed set of evidence and at most one
 * mention. Offsets are code points.
 */
export function segmentText(text: string, evidence: (Span & { id: string })[], mentions: Mention[]): Segment[] {
  const cps = Array.from(text);
  const len = cps.length;
  const cuts = new Set<number>([0, len]);
  const clamp = (n: number) => Math.max(0, Math.min(len, n));
  for (const e of evidence) {
    cuts.add(clamp(e.start));
    cuts.add(clamp(e.end));
  }
  for (const m of mentions) {
    cuts.add(clamp(m.start));
    cuts.add(clamp(m.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    if (end <= start) continue;
    const ev = evidence.filter((e) => e.start <= start && e.end >= end).map((e) => e.id);
    const m = mentions.find((x) => x.start <= start && x.end >= end);
    out.push({ text: cps.slice(start, end).join(""), start, end, evidence: ev, entityId: m ? m.entityId : null });
  }
  return out;
}
