// Compact mode: a claim-node drawn as the edge it stands for. An attribution
// (attributor → Attribution → blamed, concerning an operation) becomes one
// edge from the attributor to the blamed, labelled "blames · NotPetya"; a
// statement (speaker → Statement → subject) one edge from the speaker to
// each subject, labelled with the start of the quote. Backers and deniers of
// an attribution get an edge to the blamed too. The claim-node stays in the
// graph (hidden while compact), so turning compact off brings it back, and
// the compact edges carry the facts of the claims they stand for, so the
// filters apply to them.
//
// Compact edges are keyed "virtual:…" and carry `virtual: true` and `via`
// (the claim-node): clicking one selects the claim-node. They are never
// claims: not in the URL, the exports, the counts or the undo snapshots.

import type { CanvasGraph, EdgeAttrs } from "./graphstore";

export const VIRTUAL_PREFIX = "virtual:";

export function isVirtual(edge: string): boolean {
  return edge.startsWith(VIRTUAL_PREFIX);
}

/** Above this many nodes the canvas starts compact, unless the user chose. */
export const COMPACT_ABOVE = 50;

/** The relationship types a claim-node may have for it to fold into edges. */
const ATTRIBUTION_TYPES = new Set(["ATTRIBUTED", "BLAMES", "CONCERNS", "BACKED", "DENIED"]);
const STATEMENT_TYPES = new Set(["SAID", "ABOUT"]);

/** A short label: at most max characters, cut at a word, with an ellipsis. */
export function shortLabel(s: string, max = 28): string {
  const t = s.replace(/\s+/g, " ").trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const sp = cut.lastIndexOf(" ");
  return `${(sp > max / 2 ? cut.slice(0, sp) : cut).replace(/[\s,.;:–-]+$/, "")}…`;
}

export interface CompactEdge {
  key: string;
  from: string;
  to: string;
  /** The claim-node it stands for. */
  via: string;
  label: string;
  /** The claim whose facts (type, date, confidence, modality...) it shows. */
  facts: EdgeAttrs;
}

interface Incident {
  type: string;
  other: string;
  attrs: EdgeAttrs;
}

/**
 * The compact edges for the claim-nodes on the canvas, and the claim-nodes
 * they replace. A claim-node with a claim compact mode cannot show (an
 * attribution that RESPONDS_TO something, a statement nobody said) stays a
 * node.
 */
export function compactEdges(g: CanvasGraph): { edges: CompactEdge[]; folded: Set<string> } {
  const edges: CompactEdge[] = [];
  const folded = new Set<string>();
  g.forEachNode((node, a) => {
    if (a.kind !== "ATTRIBUTION" && a.kind !== "STATEMENT") return;
    const ins: Incident[] = [];
    const outs: Incident[] = [];
    g.forEachInEdge(node, (e, ea, s) => {
      if (!isVirtual(e)) ins.push({ type: ea.relType, other: s, attrs: ea });
    });
    g.forEachOutEdge(node, (e, ea, _s, t) => {
      if (!isVirtual(e)) outs.push({ type: ea.relType, other: t, attrs: ea });
    });
    const allowed = a.kind === "ATTRIBUTION" ? ATTRIBUTION_TYPES : STATEMENT_TYPES;
    if (![...ins, ...outs].every((i) => allowed.has(i.type))) return;
    const made: CompactEdge[] = [];
    if (a.kind === "ATTRIBUTION") {
      const by = ins.filter((i) => i.type === "ATTRIBUTED");
      const blamed = outs.filter((i) => i.type === "BLAMES");
      const op = outs.find((i) => i.type === "CONCERNS");
      const opName = op ? shortLabel(String(g.getNodeAttribute(op.other, "label")), 24) : null;
      // Without a blamed actor, the attribution points at the operation.
      const targets = blamed.length ? blamed : op ? [op] : [];
      if (!by.length || !targets.length) return;
      const verb = blamed.length ? "blames" : "attributes";
      for (const x of by) {
        for (const t of targets) {
          made.push({ key: `${VIRTUAL_PREFIX}${node}|${x.other}|${t.other}`, from: x.other, to: t.other, via: node,
            label: opName && blamed.length ? `${verb} · ${opName}` : verb, facts: t.type === "BLAMES" ? t.attrs : x.attrs });
        }
      }
      for (const role of ["BACKED", "DENIED"] as const) {
        for (const z of ins.filter((i) => i.type === role)) {
          for (const t of targets) {
            made.push({ key: `${VIRTUAL_PREFIX}${node}|${z.other}|${t.other}|${role}`, from: z.other, to: t.other, via: node,
              label: `${role === "BACKED" ? "backs" : "denies"} blame${opName ? ` · ${opName}` : ""}`, facts: z.attrs });
          }
        }
      }
    } else {
      const speakers = ins.filter((i) => i.type === "SAID");
      const about = outs.filter((i) => i.type === "ABOUT");
      if (!speakers.length || !about.length) return;
      const quote = shortLabel(String(a.fullLabel ?? a.label), 24);
      for (const s of speakers) {
        for (const t of about) {
          if (s.other === t.other) continue;
          made.push({ key: `${VIRTUAL_PREFIX}${node}|${s.other}|${t.other}`, from: s.other, to: t.other, via: node,
            label: `said “${quote}”`, facts: s.attrs });
        }
      }
    }
    if (!made.length) return;
    folded.add(node);
    edges.push(...made);
  });
  return { edges, folded };
}
