// SVG export: the whole visible graph as vector graphics (not the part the
// camera shows, at any zoom), with its legend and the list of the sources
// its claims cite, so a printed or published figure carries its provenance.

import { xmlEscape } from "./exporters";
import { KIND_STYLE, kindStyle } from "./kinds";
import type { Relation } from "./types";
import { modalityText, NODE_KINDS } from "./types";

export interface SvgNode {
  id: string;
  label: string;
  kind: string;
  x: number;
  y: number;
  size: number;
}

export interface SvgEdge {
  from: string;
  to: string;
  label: string;
  modality: string;
}

export interface SvgOptions {
  /** Width of the drawing area, in pixels. */
  width?: number;
  title?: string;
  modalityColors: Record<string, string>;
}

const PAD = 40;

/** The documents the claims cite, each once, in order of title. */
export function citedSources(rels: Relation[]): { title: string; publisher: string | null; published: string | null; url: string | null }[] {
  const byId = new Map<string, { title: string; publisher: string | null; published: string | null; url: string | null }>();
  for (const r of rels) {
    for (const e of r.evidence) {
      const d = e.document;
      if (!byId.has(d.id)) byId.set(d.id, { title: d.title, publisher: d.publisher, published: d.published, url: d.url ?? null });
    }
  }
  return [...byId.values()].sort((a, b) => a.title.localeCompare(b.title));
}

function num(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/**
 * The SVG document. Graph coordinates are scaled to fit `width` (y grows
 * upwards in the graph, downwards in SVG); the legend and the sources follow
 * below the drawing.
 */
export function toSVG(nodes: SvgNode[], edges: SvgEdge[], sources: ReturnType<typeof citedSources>, o: SvgOptions): string {
  const width = o.width ?? 1200;
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (const n of nodes) {
    minX = Math.min(minX, n.x);
    maxX = Math.max(maxX, n.x);
    minY = Math.min(minY, n.y);
    maxY = Math.max(maxY, n.y);
  }
  if (!nodes.length) minX = maxX = minY = maxY = 0;
  const spanX = Math.max(maxX - minX, 1e-9);
  const spanY = Math.max(maxY - minY, 1e-9);
  const inner = width - 2 * PAD;
  const scale = nodes.length > 1 ? inner / Math.max(spanX, spanY) : 1;
  const drawH = nodes.length > 1 ? Math.max(200, spanY * scale) : 200;
  const px = (x: number) => (nodes.length > 1 ? PAD + (x - minX) * scale : width / 2);
  const py = (y: number) => (nodes.length > 1 ? PAD + (maxY - y) * scale : PAD + 100);
  const at = new Map(nodes.map((n) => [n.id, n]));

  const parts: string[] = [];
  const title = o.title ?? "actorgraph";
  // Edges first, under the nodes.
  parts.push(`<g id="claims" fill="none" stroke-width="1.5">`);
  for (const e of edges) {
    const a = at.get(e.from), b = at.get(e.to);
    if (!a || !b) continue;
    const color = o.modalityColors[e.modality] ?? o.modalityColors["ASSERTED"] ?? "#999999";
    const [x1, y1, x2, y2] = [px(a.x), py(a.y), px(b.x), py(b.y)];
    parts.push(`<line x1="${num(x1)}" y1="${num(y1)}" x2="${num(x2)}" y2="${num(y2)}" stroke="${color}" marker-end="url(#arrow)"><title>${xmlEscape(`${a.label} — ${e.label} → ${b.label}`)}</title></line>`);
    parts.push(`<text x="${num((x1 + x2) / 2)}" y="${num((y1 + y2) / 2 - 3)}" font-size="9" fill="#6b7680" stroke="none" text-anchor="middle">${xmlEscape(e.label)}</text>`);
  }
  parts.push(`</g>`);
  parts.push(`<g id="nodes" font-size="11">`);
  for (const n of nodes) {
    const st = kindStyle(n.kind);
    const r = Math.max(3, n.size * 0.8);
    const [x, y] = [px(n.x), py(n.y)];
    const shape = st.shape === "square"
      ? `<rect x="${num(x - r)}" y="${num(y - r)}" width="${num(2 * r)}" height="${num(2 * r)}" fill="${st.color}"/>`
      : st.shape === "ring"
        ? `<circle cx="${num(x)}" cy="${num(y)}" r="${num(r)}" fill="#ffffff" stroke="${st.color}" stroke-width="${num(Math.max(2, r * 0.35))}"/>`
        : `<circle cx="${num(x)}" cy="${num(y)}" r="${num(r)}" fill="${st.color}"/>`;
    parts.push(`<g class="node" data-id="${xmlEscape(n.id)}"><title>${xmlEscape(`${st.label}: ${n.label}`)}</title>${shape}<text x="${num(x + r + 3)}" y="${num(y + 4)}" fill="#1d2329">${xmlEscape(n.label)}</text></g>`);
  }
  parts.push(`</g>`);

  // Legend: kinds and modalities, then the sources.
  let y = PAD + drawH + 30;
  const legend: string[] = [`<g id="legend" font-size="12"><text x="${PAD}" y="${y}" font-weight="bold">Legend</text>`];
  y += 18;
  NODE_KINDS.forEach((k, i) => {
    const st = KIND_STYLE[k];
    const x = PAD + (i % 4) * 200;
    const yy = y + Math.floor(i / 4) * 18;
    const sw = st.shape === "square" ? `<rect x="${x}" y="${yy - 9}" width="10" height="10" fill="${st.color}"/>`
      : st.shape === "ring" ? `<circle cx="${x + 5}" cy="${yy - 4}" r="4" fill="#ffffff" stroke="${st.color}" stroke-width="2"/>`
        : `<circle cx="${x + 5}" cy="${yy - 4}" r="5" fill="${st.color}"/>`;
    legend.push(`${sw}<text x="${x + 16}" y="${yy}">${xmlEscape(st.label)}</text>`);
  });
  y += Math.ceil(NODE_KINDS.length / 4) * 18;
  Object.entries(o.modalityColors).forEach(([m, c], i) => {
    const x = PAD + i * 200;
    legend.push(`<line x1="${x}" y1="${y - 4}" x2="${x + 14}" y2="${y - 4}" stroke="${c}" stroke-width="3"/><text x="${x + 20}" y="${y}">${xmlEscape(`${modalityText(m)} claim`)}</text>`);
  });
  legend.push(`</g>`);
  y += 30;
  const src: string[] = [`<g id="sources" font-size="11"><text x="${PAD}" y="${y}" font-size="12" font-weight="bold">Sources</text>`];
  if (!sources.length) {
    y += 16;
    src.push(`<text x="${PAD}" y="${y}">No claim on the canvas cites a document.</text>`);
  }
  for (const s of sources) {
    y += 16;
    const line = [s.title, s.publisher, s.published, s.url].filter(Boolean).join(" · ");
    src.push(`<text x="${PAD}" y="${y}">${xmlEscape(line)}</text>`);
  }
  src.push(`</g>`);
  const height = y + PAD;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${num(height)}" viewBox="0 0 ${width} ${num(height)}" font-family="system-ui, sans-serif">`,
    `<title>${xmlEscape(title)}</title>`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="14" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#9aa3ad"/></marker></defs>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...parts,
    ...legend,
    ...src,
    `</svg>`,
    "",
  ].join("\n");
}
