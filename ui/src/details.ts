// The side panel for the selected node or claim: names, aliases, roles, and
// every claim grouped by type, each with confidence, method, modality and its
// evidence sentences, each with its article's title and citation.

import type { App } from "./app";
import { button, clear, h } from "./dom";
import { kindStyle, relLabel } from "./kinds";
import { claimReview, notesAndHistory, openMergeDialog } from "./review";
import { modalityText, type DocumentRef, type Evidence, type NodeDetail, type NodeSummary, type Relation, type RelType } from "./types";
import { sourceLabel } from "./sourcelabel";
import { claimVisible, nodeVisible } from "./filters";
import { claimFacts } from "./graphstore";
import { isGroupNode } from "./groups";

export function kindBadge(kind: string): HTMLElement {
  const st = kindStyle(kind);
  const b = h("span", { class: "kind-badge", testid: "kind-badge" }, `${st.glyph} ${st.label}`);
  // The kind's colour as a border: white text on orange or teal would fail
  // the contrast a reader needs (axe-core color-contrast).
  b.style.borderColor = st.color;
  return b;
}

export function nodeLink(app: App, n: NodeSummary): HTMLElement {
  const st = kindStyle(n.kind);
  const g = h("span", { attrs: { "aria-hidden": "true" } }, `${st.glyph} `);
  g.style.color = st.color;
  return h("button", {
    class: "node-link", testid: "node-link", title: `${st.label}: add to the canvas and show`, attrs: { type: "button", "data-id": n.id },
    on: { click: () => void app.addEntity(n, { select: true }) },
  }, g, n.name);
}

export function evidenceBlock(app: App, e: Evidence): HTMLElement {
  const d = e.document;
  return h("div", { class: "evidence", testid: "evidence", attrs: { "data-evidence": e.id } },
    h("blockquote", { class: "quote", testid: "evidence-quote" }, e.quote),
    h("div", { class: "source" },
      h("span", { testid: "evidence-title" }, d.title),
      button("open in article", () => app.openDocument(d.id, e.id), { class: "link", testid: "open-article" }),
    ),
    citationLine(d, e.page, "evidence-citation"),
  );
}

/**
 * The citation of a document as a journalist writes it, "publisher, date,
 * URL" (the API's format), with the page for a PDF ("p. 4"). The URL is a
 * link when it is http(s); everything is text, never HTML.
 */
export function citationLine(d: DocumentRef, page: number | null | undefined, testid: string): HTMLElement {
  const text = d.citation ?? [d.publisher, d.published, d.url].filter(Boolean).join(", ");
  const url = d.url && /^https?:\/\//i.test(d.url) && text.endsWith(d.url) ? d.url : null;
  const pageNote = page ? `, p. ${page}` : "";
  return h("div", { class: "citation", testid, title: "how to cite this source" },
    url ? text.slice(0, text.length - url.length) : text,
    url ? h("a", { attrs: { href: url, target: "_blank", rel: "noopener noreferrer" } }, url) : null,
    pageNote,
  );
}

export function claimMeta(r: Relation): HTMLElement {
  const modality = h("span", { class: modalityText(r.modality), testid: "claim-modality" }, modalityText(r.modality));
  return h("div", { class: "meta" },
    h("span", { testid: "claim-confidence", title: "confidence" }, `confidence ${r.confidence.toFixed(2)}`),
    h("span", { testid: "claim-method", title: "how the claim was made" }, r.method),
    modality,
    r.date ? h("span", { title: "the date the claim refers to" }, `date ${r.date}`) : null,
    r.published ? h("span", { title: "publication date of its earliest source" }, `published ${r.published}`) : null,
    ...r.properties.map((p) => h("span", {}, `${p.key}: ${p.value}`)),
  );
}

function claimBlock(app: App, r: Relation, self: string | null): HTMLElement {
  const selected = app.selection?.type === "edge" && app.selection.id === r.id;
  const from = r.from.id === self ? h("strong", {}, r.from.name) : nodeLink(app, r.from);
  const to = r.to.id === self ? h("strong", {}, r.to.name) : nodeLink(app, r.to);
  return h("div", { class: `claim${selected ? " selected" : ""}`, testid: "claim", attrs: { "data-claim": r.id, "data-type": r.type } },
    h("div", { class: "head" }, from, h("span", { class: "muted" }, `— ${relLabel(r.type)} →`), to,
      button("show", () => {
        app.addRelations([r]);
        void app.select({ type: "edge", id: r.id });
      }, { class: "link small", title: "show this claim on the canvas" })),
    claimMeta(r),
    claimReview(app, r),
    ...r.evidence.map((e) => evidenceBlock(app, e)),
    r.evidence.length === 0 ? h("div", { class: "muted small" }, "No evidence sentence: this claim is reference data.") : null,
  );
}

function facts(n: NodeDetail): HTMLElement | null {
  const rows: [string, string | null | undefined][] = [
    ["Text", n.text && n.text !== n.name ? n.text : null],
    ["Code", n.code],
    ["Type", n.organizationKind ?? n.doctrineKind],
    ["Date", n.date],
    ["Location", n.location],
    ["Description", n.description],
    ["Modality", n.modality ? modalityText(n.modality) : n.modality],
    ["Basis", n.basis],
    ["Source", sourceLabel(n.source, [...new Set(n.evidence.map((e) => e.document.title))])],
  ];
  const present = rows.filter(([, v]) => v);
  if (!present.length) return null;
  return h("dl", { class: "facts small" }, ...present.flatMap(([k, v]) => [h("dt", { class: "muted" }, k), h("dd", {}, v!)]));
}

export class DetailsPanel {
  private seq = 0;
  constructor(private readonly app: App, private readonly el: HTMLElement) {
    app.on("selection", () => void this.render());
    app.on("filters", () => void this.render());
    this.render();
  }

  async render(): Promise<void> {
    const mine = ++this.seq;
    const sel = this.app.selection;
    const el = this.el;
    if (!sel) {
      clear(el);
      el.append(h("p", { class: "muted" }, "Click a node or a claim on the canvas to see what the sources say about it, sentence by sentence."));
      el.dataset.state = "empty";
      return;
    }
    el.dataset.state = "loading";
    if (sel.type === "edge") {
      const r = this.app.model.relations.get(sel.id) ?? (await this.app.track(this.app.api.relation(sel.id)).catch(() => null));
      if (mine !== this.seq) return;
      clear(el);
      if (!r) {
        el.append(h("p", { class: "muted" }, "This claim is not in the graph."));
        el.dataset.state = "missing";
        return;
      }
      el.append(
        h("div", { class: "row" }, h("span", { class: "kind-badge", testid: "kind-badge" }, "Claim")),
        h("h2", { testid: "detail-name" }, `${r.from.name} — ${relLabel(r.type)} → ${r.to.name}`),
        h("div", { class: "muted small" }, r.id),
        claimBlock(this.app, r, null),
      );
      el.dataset.state = "ready";
      return;
    }
    const id = sel.id;
    if (isGroupNode(id)) {
      clear(el);
      this.group(id);
      return;
    }
    let res: Awaited<ReturnType<App["api"]["nodeDetail"]>>;
    try {
      res = await this.app.track(this.app.api.nodeDetail(id));
    } catch {
      return;
    }
    if (mine !== this.seq) return;
    clear(el);
    const n = res.node;
    if (!n) {
      el.append(h("p", { class: "muted" }, "This node is not in the graph."));
      el.dataset.state = "missing";
      return;
    }
    el.append(
      h("div", { class: "row" }, kindBadge(n.kind)),
      h("h2", { testid: "detail-name", attrs: { tabindex: "-1" } }, n.name),
      h("div", { class: "muted small", testid: "detail-id" }, n.id),
    );
    if (n.aliases.length) el.append(h("div", { class: "aliases small", testid: "detail-aliases" }, h("span", { class: "muted" }, "Also: "), n.aliases.join(" · ")));
    const f = facts(n);
    if (f) el.append(f);
    if (n.roles && n.roles.length) {
      el.append(h("h3", {}, "Roles"), h("ul", { testid: "detail-roles" }, ...n.roles.map((r) =>
        h("li", {}, r.title, r.organization ? " — " : "", r.organization ? nodeLink(this.app, { ...r.organization, aliases: [] }) : null,
          r.from || r.to ? h("span", { class: "muted" }, ` (${r.from ?? "…"} – ${r.to ?? "…"})`) : null))));
    }
    el.append(this.actions(n, res.page.relations));
    el.append(h("h3", {}, "Notes"), notesAndHistory(this.app, n.id, false));
    if (n.evidence.length) {
      el.append(h("h3", {}, "Reported in"), ...n.evidence.map((e) => evidenceBlock(this.app, e)));
    }
    // The panel follows the filters: the claims they hide are counted, not listed.
    const flt = this.app.canvasState.filters;
    const shown = res.page.relations.filter((r) => claimVisible(claimFacts(r), flt) && nodeVisible(r.from.kind, flt) && nodeVisible(r.to.kind, flt));
    const hidden = res.page.relations.length - shown.length;
    const groups = new Map<RelType, Relation[]>();
    for (const r of shown) {
      const g = groups.get(r.type);
      if (g) g.push(r);
      else groups.set(r.type, [r]);
    }
    el.append(h("h3", {}, `Claims (${res.page.totalCount})`));
    if (hidden > 0) {
      el.append(h("p", { class: "muted small", testid: "claims-filtered" }, `${hidden} of these hidden by the filters.`));
    }
    if (res.page.totalCount > res.page.relations.length) {
      el.append(h("p", { class: "muted small" }, `Showing the first ${res.page.relations.length} of ${res.page.totalCount}; expand by type to reach the rest.`));
    }
    for (const [type, rels] of [...groups.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
      el.append(h("div", { class: "claim-group", testid: "claim-group", attrs: { "data-type": type } },
        h("h4", {}, `${relLabel(type)} (${rels.length})`),
        ...rels.map((r) => claimBlock(this.app, r, n.id))));
    }
    el.dataset.state = "ready";
    if (this.app.focusDetails) {
      this.app.focusDetails = false;
      el.querySelector<HTMLElement>("h2")?.focus();
    }
  }

  /** A group of the user's (groups.ts): its name, members, and what can be done with it. */
  private group(id: string): void {
    const app = this.app;
    const el = this.el;
    const grp = app.model.groups.get(id);
    if (!grp) {
      el.append(h("p", { class: "muted" }, "This group is no longer on the canvas."));
      el.dataset.state = "missing";
      return;
    }
    const g = app.model.graph;
    const name = h("input", { testid: "group-name", attrs: { type: "text", id: "group-name", maxlength: "200", autocomplete: "off" } });
    name.value = grp.name;
    const rename = () => app.renameGroup(id, name.value);
    name.addEventListener("keydown", (e) => {
      if (e.key === "Enter") rename();
    });
    el.append(
      h("div", { class: "row" }, kindBadge("Group")),
      h("h2", { testid: "detail-name", attrs: { tabindex: "-1" } }, grp.name),
      h("p", { class: "muted small" }, grp.collapsed
        ? "Drawn as one node: the claims of its members with nodes outside the group are drawn to and from it."
        : "Expanded: its members are drawn; collapse it to draw them as one node again."),
      h("div", { class: "field" }, h("label", { attrs: { for: "group-name" } }, "Name"), name,
        button("Rename", rename, { testid: "group-rename" })),
      h("div", { class: "row" },
        button(grp.collapsed ? "Expand group" : "Collapse group", () => app.setGroupCollapsed(id, !grp.collapsed),
          { class: "primary", testid: "group-toggle" }),
        button("Ungroup", () => app.ungroup(id), { testid: "ungroup", title: "forget the group: its members are drawn with their own claims again" })),
      h("h3", {}, `Members (${grp.members.length})`),
      h("ul", { class: "list-view", testid: "group-members" }, ...grp.members.map((m) => {
        const a = g.getNodeAttributes(m);
        const st = kindStyle(a.kind);
        return h("li", {}, button(`${st.glyph} ${a.fullLabel ?? a.label}`, () => void app.select({ type: "node", id: m }),
          { class: "link", testid: "group-member", attrs: { "data-id": m } }));
      })),
    );
    el.dataset.state = "ready";
    if (app.focusDetails) {
      app.focusDetails = false;
      el.querySelector<HTMLElement>("h2")?.focus();
    }
  }

  private actions(n: NodeDetail, rels: Relation[]): HTMLElement {
    const app = this.app;
    const onCanvas = app.model.graph.hasNode(n.id);
    const counts = new Map<RelType, number>();
    for (const r of rels) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    const box = h("div", { class: "actions" });
    const all = app.expansions.get(app.expansionKey(n.id, []));
    const expandRow = h("div", { class: "expand", testid: "expand" });
    const label = (types: RelType[], base: string, total: number) => {
      const e = app.expansions.get(app.expansionKey(n.id, types));
      if (!e) return `${base} (${total})`;
      if (e.hasNext) return `+${e.total - e.loaded} more`;
      return `${base} ✓`;
    };
    const totalAll = all?.total ?? rels.length;
    expandRow.append(button(label([], "Expand all", totalAll), () => void app.expand(n.id, []),
      { class: "primary", testid: all?.hasNext ? "expand-more" : "expand-all", title: "add this node's neighbours to the canvas" }));
    for (const [t, c] of [...counts.entries()].sort((a, b) => b[1] - a[1])) {
      const e = app.expansions.get(app.expansionKey(n.id, [t]));
      expandRow.append(button(label([t], relLabel(t), c), () => void app.expand(n.id, [t]),
        { testid: e?.hasNext ? "expand-more" : "expand-type", attrs: { "data-type": t }, title: `add neighbours along ${relLabel(t)} claims` }));
    }
    box.append(h("h3", {}, "Expand"), expandRow);
    const more = h("div", { class: "row" });
    if (!onCanvas) more.append(button("Add to canvas", () => void app.addEntity(n, { select: true }), { testid: "add-to-canvas" }));
    else more.append(button("Remove from canvas", () => app.removeNode(n.id), { testid: "remove-node" }));
    more.append(
      button("Path from here", () => app.emitPathEnd("from", n), { testid: "path-from-here" }),
      button("Path to here", () => app.emitPathEnd("to", n), { testid: "path-to-here" }),
    );
    if (app.canEdit && !["EVENT", "STATEMENT", "ATTRIBUTION"].includes(n.kind)) {
      more.append(button("Merge a duplicate…", () => openMergeDialog(app, n), { testid: "merge-open", title: "merge another entity that is the same into this one" }));
    }
    box.append(more);
    return box;
  }
}
