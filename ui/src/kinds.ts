// How each kind of node looks: colour, shape (a sigma node program) and a
// glyph for lists. One table, used by the canvas, the legend and the lists.

import type { NodeKind, RelType } from "./types";

export type Shape = "circle" | "square" | "ring";

export interface KindStyle {
  color: string;
  shape: Shape;
  glyph: string;
  label: string;
}

export const KIND_STYLE: Record<NodeKind, KindStyle> = {
  COUNTRY: { color: "#2f6fb0", shape: "circle", glyph: "●", label: "Country" },
  PERSON: { color: "#d9822b", shape: "circle", glyph: "☻", label: "Person" },
  ORGANIZATION: { color: "#3a9a5b", shape: "square", glyph: "■", label: "Organization" },
  CYBER_OPERATION: { color: "#c23b3b", shape: "square", glyph: "⚡", label: "Cyber operation" },
  EVENT: { color: "#7b52ab", shape: "ring", glyph: "◆", label: "Event" },
  DOCTRINE: { color: "#8a6d3b", shape: "square", glyph: "§", label: "Doctrine" },
  STATEMENT: { color: "#4d8c8c", shape: "ring", glyph: "❝", label: "Statement" },
  ATTRIBUTION: { color: "#b0306e", shape: "ring", glyph: "☛", label: "Attribution" },
};

/** A group of nodes the user made (groups.ts); not a kind of the graph. */
export const GROUP_STYLE: KindStyle = { color: "#37474f", shape: "square", glyph: "▣", label: "Group" };

export function kindStyle(kind: string): KindStyle {
  if (kind === "Group") return GROUP_STYLE;
  return (KIND_STYLE as Record<string, KindStyle>)[kind] ?? { color: "#777777", shape: "circle", glyph: "?", label: kind };
}

/** Relationship types, readable. */
export function relLabel(t: RelType | string): string {
  return t.toLowerCase().replace(/_/g, " ");
}

export const EDGE_COLOR = "#9aa3ad";
export const EDGE_HIGHLIGHT = "#e0a100";
export const DIMMED = "#e4e7eb";
