// The canvas as lists, for the keyboard and for screen readers: every node
// and every claim the canvas shows (after the filters), each a button that
// selects it, so its claims and evidence open in the side panel.

import type { App } from "./app";
import { button, clear, h } from "./dom";
import { kindStyle, relLabel } from "./kinds";
import { modalityText } from "./types";

export class ListView {
  private open = false;

  constructor(private readonly app: App, private readonly el: HTMLElement, private readonly toggle: HTMLButtonElement) {
    toggle.addEventListener("click", () => this.setOpen(!this.open));
    for (const ev of ["change", "filters", "selection"] as const) app.on(ev, () => this.open && this.render());
    el.hidden = true;
  }

  setOpen(open: boolean): void {
    this.open = open;
    this.el.hidden = !open;
    this.toggle.setAttribute("aria-expanded", String(open));
    if (open) {
      this.render();
      this.el.querySelector<HTMLElement>("h2")?.focus();
    }
  }

  private render(): void {
    const app = this.app;
    const f = app.canvasState.filters;
    const g = app.model.graph;
    clear(this.el);
    const nodes = app.model.visibleNodes(f).sort((a, b) => g.getNodeAttribute(a, "label").localeCompare(g.getNodeAttribute(b, "label")));
    const rels = app.model.visibleRelations(f);
    const sel = app.selection;
    this.el.append(
      h("div", { class: "row" },
        h("h2", { attrs: { tabindex: "-1" } }, `On the canvas: ${nodes.length} nodes, ${rels.length} claims`),
        button("Close list", () => {
          this.setOpen(false);
          this.toggle.focus();
        }, { testid: "list-close" })),
      h("h3", { attrs: { id: "list-nodes-title" } }, "Nodes"),
      h("ul", { class: "list-view", testid: "list-nodes", attrs: { "aria-labelledby": "list-nodes-title" } }, ...nodes.map((id) => {
        const a = g.getNodeAttributes(id);
        const st = kindStyle(a.kind);
        const current = sel?.type === "node" && sel.id === id;
        return h("li", {}, button(`${st.glyph} ${a.fullLabel ?? a.label}`, () => void app.select({ type: "node", id }), {
          testid: "list-node", class: `link${current ? " current" : ""}`,
          attrs: { "data-id": id, "aria-label": `${st.label}: ${a.fullLabel ?? a.label}`, ...(current ? { "aria-current": "true" } : {}) },
        }));
      })),
      h("h3", { attrs: { id: "list-claims-title" } }, "Claims"),
      h("ul", { class: "list-view", testid: "list-claims", attrs: { "aria-labelledby": "list-claims-title" } }, ...rels.map((r) => {
        const current = sel?.type === "edge" && sel.id === r.id;
        const text = `${r.from.name} — ${relLabel(r.type)} → ${r.to.name} (${modalityText(r.modality)}, ${r.evidence.length} evidence)`;
        return h("li", {}, button(text, () => void app.select({ type: "edge", id: r.id }), {
          testid: "list-claim", class: `link${current ? " current" : ""}`, attrs: { "data-id": r.id, ...(current ? { "aria-current": "true" } : {}) },
        }));
      })),
    );
  }
}
