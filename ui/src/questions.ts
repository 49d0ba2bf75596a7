// Ready-made journalist views: tables built from the typed queries whose rows
// open on the canvas. First: who backed which attribution.

import type { App } from "./app";
import { evidenceBlock } from "./details";
import { button, clear, h } from "./dom";
import { makeSortable } from "./sorttable";
import { modalityText, type AttributionRow, type BlamedNode, type Listed, type NodeSummary, type StatementRow } from "./types";

function names(ns: NodeSummary[]): string {
  return ns.length ? ns.map((n) => n.name).join(", ") : "—";
}

/**
 * Names of blamed actors, each followed by the state it acts for when it is
 * an agency or a state-sponsored group: "APT28 (Russia)". The chain comes
 * from Node.actsFor (the reference data's PART_OF links).
 */
function blamedNames(ns: BlamedNode[]): string {
  if (!ns.length) return "—";
  return ns.map((n) => {
    const state = n.actsFor.filter((a) => a.kind === "COUNTRY").at(-1);
    return state ? `${n.name} (${state.name})` : n.name;
  }).join(", ");
}

/** "12 attributions", or "500 of 812 attributions" when the list was cut. */
function counted(shown: number, total: number, what: string): string {
  return shown < total ? `${shown} of ${total} ${what} shown` : `${total} ${what}`;
}

export class QuestionsPanel {
  private readonly body: HTMLElement;
  constructor(private readonly app: App, el: HTMLElement) {
    this.body = h("div", { testid: "question-body" });
    el.append(
      h("div", { class: "row" },
        button("Who backed which attribution?", () => void this.attributions(), { testid: "q-attributions" }),
        button("Who said what, about whom?", () => void this.statements(), { testid: "q-statements" })),
      this.body,
    );
  }

  /** Opens a claim-node (attribution, statement) on the canvas with everything it joins. */
  private async openNode(id: string): Promise<void> {
    await this.app.addEntity(id);
    await this.app.expand(id, []);
    await this.app.select({ type: "node", id });
  }

  async attributions(): Promise<void> {
    clear(this.body);
    this.body.dataset.state = "loading";
    let listed: Listed<AttributionRow>;
    try {
      listed = await this.app.track(this.app.api.attributions());
    } catch {
      return;
    }
    const rows = listed.rows;
    clear(this.body);
    this.body.append(h("h3", { testid: "question-title" }, `Who backed which attribution? (${rows.length})`),
      h("p", { class: "small muted" }, "Each government's attribution is its own claim; an agency or group blamed shows the state it acts for. Click a row to open it on the canvas."),
      h("p", { class: "small", testid: "question-count" }, counted(rows.length, listed.totalCount, "attributions")));
    const table = h("table", { class: "q", testid: "attributions-table" },
      h("thead", {}, h("tr", {}, ...["Attributor", "Blamed", "Operation", "Backers", "Evidence"].map((c) => h("th", {}, c)))));
    const tbody = h("tbody");
    for (const r of rows) {
      const tr = h("tr", { class: "clickable", testid: "attribution-row", attrs: { "data-id": r.id } },
        h("td", { testid: "attributor" }, names(r.by)),
        h("td", { testid: "blamed" }, blamedNames(r.blames), r.modality !== "ASSERTED" ? h("div", { class: "meta" }, h("span", { class: modalityText(r.modality) }, modalityText(r.modality))) : null),
        h("td", { testid: "operation" }, r.concerns?.name ?? "—", r.date ? h("div", { class: "muted" }, r.date) : null),
        h("td", { testid: "backers" }, names(r.backedBy)),
        h("td", {}, ...r.evidence.slice(0, 1).map((e) => evidenceBlock(this.app, e))),
      );
      tr.addEventListener("click", (e) => {
        if ((e.target as HTMLElement).closest("button")) return;
        void this.openNode(r.id);
      });
      tbody.append(tr);
    }
    table.append(tbody);
    makeSortable(table);
    this.body.append(rows.length ? table : h("p", { class: "muted" }, "No attributions in the graph."));
    this.body.dataset.state = "ready";
  }

  async statements(): Promise<void> {
    clear(this.body);
    this.body.dataset.state = "loading";
    let listed: Listed<StatementRow>;
    try {
      listed = await this.app.track(this.app.api.statements());
    } catch {
      return;
    }
    const rows = listed.rows;
    clear(this.body);
    this.body.append(h("h3", { testid: "question-title" }, `Who said what, about whom? (${rows.length})`),
      h("p", { class: "small", testid: "question-count" }, counted(rows.length, listed.totalCount, "statements")));
    const table = h("table", { class: "q", testid: "statements-table" },
      h("thead", {}, h("tr", {}, ...["Speaker", "Statement", "About", "Source"].map((c) => h("th", {}, c)))));
    const tbody = h("tbody");
    for (const r of rows) {
      const e = r.evidence[0];
      const tr = h("tr", { class: "clickable", testid: "statement-row", attrs: { "data-id": r.id } },
        h("td", {}, names(r.speakers)),
        h("td", {}, r.text, r.date ? h("div", { class: "muted" }, r.date) : null),
        h("td", {}, names(r.about)),
        h("td", {}, e ? `${e.document.title}${e.document.publisher ? ` · ${e.document.publisher}` : ""}` : "—"),
      );
      tr.addEventListener("click", () => void this.openNode(r.id));
      tbody.append(tr);
    }
    table.append(tbody);
    makeSortable(table);
    this.body.append(rows.length ? table : h("p", { class: "muted" }, "No statements in the graph."));
    this.body.dataset.state = "ready";
  }
}
