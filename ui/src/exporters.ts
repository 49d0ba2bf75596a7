// Exports of the visible graph: GEXF 1.3 (Gephi) with provenance attributes
// on every edge, and CSV of the visible claims, one row per evidence sentence.
// Kinds and modalities are written as the stores and data files spell them
// (Country, alleged), as they were before the API spelled them COUNTRY and
// ALLEGED, so files and the tools reading them keep their format.

import { modalityText, storedKind, type NodeSummary, type Relation } from "./types";

export function xmlEscape(s: string): string {
  // Characters XML 1.0 cannot carry at all are dropped.
  return s
    .replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

export interface ExportNode extends NodeSummary {
  x?: number;
  y?: number;
  color?: string;
  size?: number;
}

const NODE_ATTRS = [
  ["kind", "string"],
  ["aliases", "string"],
] as const;

const EDGE_ATTRS = [
  ["type", "string"],
  ["confidence", "double"],
  ["method", "string"],
  ["modality", "string"],
  ["date", "string"],
  ["published", "string"],
  ["properties", "string"],
  ["evidence", "string"],
  ["documents", "string"],
  ["publishers", "string"],
  ["urls", "string"],
] as const;

function hexToRgb(hex: string): [number, number, number] | null {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return null;
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
}

function uniq(xs: (string | null | undefined)[]): string[] {
  return [...new Set(xs.filter((x): x is string => !!x))];
}

export function toGEXF(nodes: ExportNode[], relations: Relation[], opts: { created?: string } = {}): string {
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push('<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">');
  out.push(`  <meta${opts.created ? ` lastmodifieddate="${xmlEscape(opts.created)}"` : ""}><creator>actorgraph</creator><description>Every edge is a claim; its evidence attribute holds the sentence(s) it comes from.</description></meta>`);
  out.push('  <graph defaultedgetype="directed" mode="static">');
  out.push('    <attributes class="node">');
  NODE_ATTRS.forEach(([t, ty], i) => out.push(`      <attribute id="${i}" title="${t}" type="${ty}"/>`));
  out.push("    </attributes>");
  out.push('    <attributes class="edge">');
  EDGE_ATTRS.forEach(([t, ty], i) => out.push(`      <attribute id="${i}" title="${t}" type="${ty}"/>`));
  out.push("    </attributes>");
  out.push("    <nodes>");
  for (const n of nodes) {
    out.push(`      <node id="${xmlEscape(n.id)}" label="${xmlEscape(n.name)}">`);
    out.push("        <attvalues>");
    out.push(`          <attvalue for="0" value="${xmlEscape(storedKind(n.kind))}"/>`);
    out.push(`          <attvalue for="1" value="${xmlEscape(n.aliases.join("; "))}"/>`);
    out.push("        </attvalues>");
    const rgb = n.color ? hexToRgb(n.color) : null;
    if (rgb) out.push(`        <viz:color r="${rgb[0]}" g="${rgb[1]}" b="${rgb[2]}"/>`);
    if (typeof n.x === "number" && typeof n.y === "number") out.push(`        <viz:position x="${n.x.toFixed(3)}" y="${n.y.toFixed(3)}" z="0"/>`);
    if (typeof n.size === "number") out.push(`        <viz:size value="${n.size}"/>`);
    out.push("      </node>");
  }
  out.push("    </nodes>");
  out.push("    <edges>");
  for (const r of relations) {
    const vals: string[] = [
      r.type,
      String(r.confidence),
      r.method,
      modalityText(r.modality),
      r.date ?? "",
      r.published ?? "",
      r.properties.map((p) => `${p.key}=${p.value}`).join("; "),
      r.evidence.map((e) => e.quote).join(" | "),
      uniq(r.evidence.map((e) => e.document.title)).join(" | "),
      uniq(r.evidence.map((e) => e.document.publisher)).join(" | "),
      uniq(r.evidence.map((e) => e.document.url)).join(" | "),
    ];
    out.push(`      <edge id="${xmlEscape(r.id)}" source="${xmlEscape(r.from.id)}" target="${xmlEscape(r.to.id)}" label="${xmlEscape(r.type)}" weight="${r.confidence}">`);
    out.push("        <attvalues>");
    vals.forEach((v, i) => out.push(`          <attvalue for="${i}" value="${xmlEscape(v)}"/>`));
    out.push("        </attvalues>");
    out.push("      </edge>");
  }
  out.push("    </edges>");
  out.push("  </graph>");
  out.push("</gexf>");
  return out.join("\n") + "\n";
}

/**
 * One CSV field. Fields are quoted when needed; a field that a spreadsheet
 * would run as a formula (starting with = + - @ or a tab) gets a leading
 * apostrophe, so opening the export never executes article text.
 */
export function csvField(v: string | number | null | undefined): string {
  let s = v === null || v === undefined ? "" : String(v);
  if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_HEADER = [
  "claim", "subject_id", "subject", "type", "object_id", "object", "confidence", "method", "modality",
  "date", "published", "properties", "quote", "start", "end", "document_id", "document", "publisher", "url",
];

export function toCSV(relations: Relation[]): string {
  const rows: string[] = [CSV_HEADER.join(",")];
  for (const r of relations) {
    const base = [
      r.id, r.from.id, r.from.name, r.type, r.to.id, r.to.name, r.confidence, r.method, modalityText(r.modality),
      r.date, r.published, r.properties.map((p) => `${p.key}=${p.value}`).join("; "),
    ];
    const evs = r.evidence.length ? r.evidence : [null];
    for (const e of evs) {
      const row = [...base, e?.quote, e?.start, e?.end, e?.document.id, e?.document.title, e?.document.publisher, e?.document.url];
      rows.push(row.map(csvField).join(","));
    }
  }
  return rows.join("\r\n") + "\r\n";
}
