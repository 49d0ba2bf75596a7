// The first screen: what the corpus holds, shown over the canvas whenever it
// is empty (first load, after Clear), so the user starts from the most
// connected actors and the latest attributions instead of a blank page.
// Everything in it is clickable: an actor or an attribution opens on the
// canvas, and "Show as a graph" puts the whole overview there at once.

import type { App } from "./app";
import { button, clear, h } from "./dom";
import { kindStyle } from "./kinds";
import { modalityText, type AttributionRow, type NodeSummary } from "./types";

/** How many actors and attributions the overview lists. */
export const OVERVIEW_ACTORS = 8;
export const OVERVIEW_ATTRIBUTIONS = 6;

/** Kinds that act: the ones the "most connected actors" list ranks. */
const ACTOR_KINDS = new Set(["COUNTRY", "PERSON", "ORGANIZATION"]);

export interface KindCount {
  kind: string;
  count: number;
}

export interface Overview {
  documents: number;
  nodes: number;
  relations: number;
  byKind: KindCount[];
  actors: (NodeSummary & { claims: number })[];
  attributions: AttributionRow[];
}

const STATS = `query OverviewStats { stats { nodes relations documents byKind { kind count } } }`;

const DEGREES = `query OverviewDegrees($ids: [ID!]!) {
  nodes(ids: $ids) { id kind name aliases relations(first: 1) { totalCount } }
}`;

/**
 * Attributions newest first: by the date the attribution refers to, else the
 * publication date of its first evidence; undated ones last.
 */
export function latestAttributions(rows: AttributionRow[], n: number): AttributionRow[] {
  const when = (r: AttributionRow) => r.date ?? r.evidence[0]?.document.published ?? "";
  return [...rows].sort((a, b) => when(b).localeCompare(when(a)) || a.id.localeCompare(b.id)).slice(0, n);
}

/**
 * The most connected actors, from the store: the claims of every country,
 * person and organization counted by subject and by object (claimCounts,
 * largest first, the store's own count over all claims), so an actor that
 * no attribution names is found too. Candidates are the top of both lists;
 * their exact numbers of claims are asked for next.
 */
const TOP_ACTORS = `query OverviewTopActors($kinds: [NodeKind!], $first: Int) {
  out: claimCounts(where: { fromKinds: $kinds }, groupBy: [FROM], first: $first) { groups { count from { id } } }
  in: claimCounts(where: { toKinds: $kinds }, groupBy: [TO], first: $first) { groups { count to { id } } }
}`;

interface TopActors {
  out: { groups: { count: number; from: { id: string } | null }[] };
  in: { groups: { count: number; to: { id: string } | null }[] };
}

/** The candidate ids: the subjects and objects with the most claims, by the sum of both counts. */
export function topActorIds(t: TopActors, max = 40): string[] {
  const sum = new Map<string, number>();
  for (const g of t.out.groups) if (g.from) sum.set(g.from.id, (sum.get(g.from.id) ?? 0) + g.count);
  for (const g of t.in.groups) if (g.to) sum.set(g.to.id, (sum.get(g.to.id) ?? 0) + g.count);
  return [...sum.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, max).map(([id]) => id);
}

export async function loadOverview(app: App): Promise<Overview> {
  const [stats, attrList, top] = await Promise.all([
    app.api.query<{ stats: { nodes: number; relations: number; documents: number; byKind: KindCount[] } }>(STATS),
    app.api.attributions(),
    app.api.query<TopActors>(TOP_ACTORS, { kinds: [...ACTOR_KINDS], first: 50 }),
  ]);
  const attrs = attrList.rows;
  const candidates = topActorIds(top);
  const degrees: (NodeSummary & { claims: number })[] = [];
  for (let i = 0; i < candidates.length; i += 20) {
    const d = await app.api.query<{ nodes: ((NodeSummary & { relations: { totalCount: number } }) | null)[] }>(DEGREES, {
      ids: candidates.slice(i, i + 20),
    });
    for (const n of d.nodes) {
      if (n) degrees.push({ id: n.id, kind: n.kind, name: n.name, aliases: n.aliases, claims: n.relations.totalCount });
    }
  }
  degrees.sort((a, b) => b.claims - a.claims || a.name.localeCompare(b.name));
  return {
    documents: stats.stats.documents,
    nodes: stats.stats.nodes,
    relations: stats.stats.relations,
    byKind: [...stats.stats.byKind].sort((a, b) => b.count - a.count),
    actors: degrees.slice(0, OVERVIEW_ACTORS),
    attributions: latestAttributions(attrs, OVERVIEW_ATTRIBUTIONS),
  };
}

function attributionLabel(a: AttributionRow): string {
  const by = a.by.map((n) => n.name).join(", ") || "Someone";
  const blames = a.blames.map((n) => n.name).join(", ");
  if (!blames) return `${by} attributes ${a.concerns?.name ?? a.name}`;
  return `${by} blames ${blames}${a.concerns ? ` for ${a.concerns.name}` : ""}`;
}

/** "3 countries", "1 person", "4 people". */
export function countLabel(n: number, label: string): string {
  if (n === 1) return `${n} ${label}`;
  if (label === "Person") return `${n} People`;
  if (/[^aeiou]y$/.test(label)) return `${n} ${label.slice(0, -1)}ies`;
  return `${n} ${label}s`;
}

export class OverviewPanel {
  private data: Overview | null = null;
  private loading = false;

  constructor(private readonly app: App, private readonly el: HTMLElement) {
    app.on("change", () => this.update());
    this.update();
  }

  private update(): void {
    const empty = this.app.model.graph.order === 0;
    this.el.hidden = !empty;
    if (!empty || this.data || this.loading) return;
    this.loading = true;
    this.el.dataset.state = "loading";
    void this.app.track(loadOverview(this.app)).then(
      (d) => {
        this.data = d;
        this.render();
      },
      () => {
        this.el.dataset.state = "error";
      },
    ).finally(() => (this.loading = false));
  }

  /** Puts the overview on the canvas: the latest attributions with their ends, and the top actors. */
  async showAsGraph(): Promise<void> {
    const d = this.data;
    if (!d) return;
    await this.app.batch("Show the overview as a graph", async () => {
      for (const a of d.attributions) {
        await this.app.addEntity(a.id);
        await this.app.expand(a.id, []);
      }
      for (const n of d.actors) await this.app.addEntity(n);
    });
  }

  private render(): void {
    const d = this.data!;
    const el = this.el;
    clear(el);
    const kinds = h("ul", { class: "overview-kinds", testid: "overview-kinds" }, ...d.byKind.map((k) => {
      const st = kindStyle(k.kind);
      const g = h("span", { attrs: { "aria-hidden": "true" } }, `${st.glyph} `);
      g.style.color = st.color;
      return h("li", { attrs: { "data-kind": k.kind, "data-count": String(k.count) } }, g, countLabel(k.count, st.label));
    }));
    const actors = h("ol", { class: "overview-list", testid: "overview-actors" }, ...d.actors.map((n) => {
      const st = kindStyle(n.kind);
      return h("li", {}, button(`${st.glyph} ${n.name}`, () => void this.app.addEntity(n, { select: true }), {
        class: "link", testid: "overview-actor", attrs: { "data-id": n.id, "data-claims": String(n.claims) },
        title: `${st.label}, ${n.claims} claims: put on the canvas`,
      }), h("span", { class: "muted small" }, ` ${n.claims} claims`));
    }));
    const attrs = h("ol", { class: "overview-list", testid: "overview-attributions" }, ...d.attributions.map((a) =>
      h("li", {}, button(attributionLabel(a), () => void this.openAttribution(a.id), {
        class: "link", testid: "overview-attribution", attrs: { "data-id": a.id }, title: "open this attribution on the canvas",
      }), a.date ? h("span", { class: "muted small" }, ` ${a.date}`) : null,
        a.modality !== "ASSERTED" ? h("span", { class: `small ${modalityText(a.modality)}` }, ` (${modalityText(a.modality)})`) : null)));
    el.append(h("div", { class: "overview-card" },
      h("h2", {}, "What this graph holds"),
      h("p", { class: "small", testid: "overview-totals" },
        `${d.documents} articles · ${d.nodes} nodes · ${d.relations} claims, each citing its sentence.`),
      kinds,
      h("div", { class: "overview-cols" },
        h("section", {}, h("h3", {}, "Most connected actors"), d.actors.length ? actors : h("p", { class: "muted small" }, "No actors yet.")),
        h("section", {}, h("h3", {}, "Latest attributions"), d.attributions.length ? attrs : h("p", { class: "muted small" }, "No attributions yet."))),
      h("div", { class: "row" },
        button("Show as a graph", () => void this.showAsGraph(), { class: "primary", testid: "overview-show" }),
        h("span", { class: "small muted" }, "or search for an actor above, or open a ready-made question on the left.")),
    ));
    el.dataset.state = "ready";
  }

  private async openAttribution(id: string): Promise<void> {
    await this.app.batch("Open an attribution", async () => {
      await this.app.addEntity(id);
      await this.app.expand(id, []);
    });
    await this.app.select({ type: "node", id });
  }
}
