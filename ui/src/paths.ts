// The path finder: up to k shortest paths between two entities (Query.paths),
// listed hop by hop with each hop's evidence and highlighted on the canvas;
// nodes can be excluded and a minimum confidence required.

import type { App } from "./app";
import { attachAutocomplete } from "./autocomplete";
import { evidenceBlock, nodeLink } from "./details";
import { button, clear, h } from "./dom";
import { kindStyle, relLabel } from "./kinds";
import { modalityText, type NodeSummary, type Path } from "./types";

class Picker {
  value: NodeSummary | null = null;
  readonly el: HTMLElement;
  private readonly chosen: HTMLElement;
  constructor(app: App, label: string, testid: string, private readonly onChange: () => void, multiple = false, private readonly many: NodeSummary[] = []) {
    const input = h("input", { testid: `${testid}-input`, attrs: { type: "search", placeholder: "Search an entity…", autocomplete: "off", "aria-label": label } });
    const list = h("ul", { class: "search-list", testid: `${testid}-list`, attrs: { role: "listbox" } });
    list.hidden = true;
    this.chosen = h("div", { class: multiple ? "chips" : "chosen", testid: `${testid}-chosen` });
    this.el = h("div", { class: "field" }, h("label", {}, label), h("div", { class: "picker" }, input, list), this.chosen);
    attachAutocomplete({
      api: app.api, input, list, track: (p) => app.track(p), testid: `${testid}-option`,
      onPick: (n) => {
        if (multiple) {
          if (!this.many.some((m) => m.id === n.id)) this.many.push(n);
        } else this.value = n;
        this.show();
        this.onChange();
      },
    });
  }
  set(n: NodeSummary | null): void {
    this.value = n;
    this.show();
  }
  list(): NodeSummary[] {
    return this.many;
  }
  add(n: NodeSummary): void {
    if (!this.many.some((m) => m.id === n.id)) this.many.push(n);
    this.show();
  }
  show(): void {
    clear(this.chosen);
    if (this.value) {
      const st = kindStyle(this.value.kind);
      this.chosen.append(`${st.glyph} `, h("strong", {}, this.value.name));
    }
    for (const m of this.many) {
      this.chosen.append(h("span", { class: "chip", testid: "exclude-chip" }, m.name,
        button("×", () => {
          this.many.splice(this.many.indexOf(m), 1);
          this.show();
        }, { title: `stop excluding ${m.name}` })));
    }
  }
}

export class PathsPanel {
  private readonly from: Picker;
  private readonly to: Picker;
  private readonly exclude: Picker;
  private readonly k: HTMLSelectElement;
  private readonly hops: HTMLSelectElement;
  private readonly minConf: HTMLInputElement;
  private readonly results: HTMLElement;
  private paths: Path[] = [];
  private active = -1;

  constructor(private readonly app: App, el: HTMLElement, private readonly showTab: () => void) {
    this.from = new Picker(app, "From", "path-from", () => undefined);
    this.to = new Picker(app, "To", "path-to", () => undefined);
    this.exclude = new Picker(app, "Avoid these nodes", "path-exclude", () => undefined, true);
    this.k = h("select", { testid: "path-k", attrs: { "aria-label": "number of paths" } },
      ...[1, 2, 3, 5, 10].map((n) => h("option", { attrs: { value: String(n), ...(n === 3 ? { selected: "" } : {}) } }, String(n))));
    this.hops = h("select", { testid: "path-hops", attrs: { "aria-label": "maximum hops" } },
      ...[2, 3, 4, 5, 6].map((n) => h("option", { attrs: { value: String(n), ...(n === 4 ? { selected: "" } : {}) } }, String(n))));
    this.minConf = h("input", { testid: "path-min-confidence", attrs: { type: "number", min: "0", max: "1", step: "0.05", value: "0", "aria-label": "minimum confidence" } });
    this.results = h("div", { testid: "path-results" });
    el.append(
      h("p", { class: "small muted" }, "The shortest chains of claims between two entities, directions ignored. Every hop cites its sentence."),
      this.from.el, this.to.el,
      h("div", { class: "row small" }, h("label", {}, "paths ", this.k), h("label", {}, "max hops ", this.hops), h("label", {}, "min confidence ", this.minConf)),
      this.exclude.el,
      h("div", { class: "row" },
        button("Find paths", () => void this.find(), { class: "primary", testid: "find-paths" }),
        button("Clear highlight", () => {
          this.active = -1;
          app.setFocus(null);
          this.renderResults();
        }, { testid: "path-clear" })),
      this.results,
    );
    app.pathEndHandler = (end, n) => {
      (end === "from" ? this.from : this.to).set(n);
      this.showTab();
    };
  }

  /** Sets the ends (from a restored URL) without searching. */
  async setEnds(from: string, to: string): Promise<void> {
    const [a, b] = await this.app.track(this.app.api.nodes([from, to]));
    if (a) this.from.set(a);
    if (b) this.to.set(b);
  }

  async find(): Promise<void> {
    const from = this.from.value, to = this.to.value;
    clear(this.results);
    if (!from || !to) {
      this.results.append(h("p", { class: "muted", testid: "path-message" }, "Pick both ends first."));
      return;
    }
    const mc = Number(this.minConf.value);
    this.results.dataset.state = "loading";
    try {
      this.paths = await this.app.track(this.app.api.paths(from.id, to.id, {
        first: Number(this.k.value), maxHops: Number(this.hops.value),
        exclude: this.exclude.list().map((n) => n.id),
        minConfidence: Number.isFinite(mc) && mc > 0 ? Math.min(1, mc) : null,
      }));
    } catch {
      this.results.dataset.state = "error";
      return;
    }
    this.app.path = { from: from.id, to: to.id };
    this.active = -1;
    if (this.paths.length) this.show(0);
    else this.app.syncUrl();
    this.renderResults();
    this.results.dataset.state = "ready";
  }

  private show(i: number): void {
    const p = this.paths[i];
    if (!p) return;
    this.active = i;
    this.app.addRelations(p.relations);
    for (const n of p.nodes) this.app.model.graph.setNodeAttribute(n.id, "pinned", true);
    this.app.setFocus({ nodes: new Set(p.nodes.map((n) => n.id)), edges: new Set(p.relations.map((r) => r.id)) });
    this.app.syncUrl();
  }

  private renderResults(): void {
    clear(this.results);
    const from = this.from.value, to = this.to.value;
    if (!this.paths.length) {
      this.results.append(h("p", { class: "muted", testid: "path-message" },
        `No path of at most ${this.hops.value} claims joins ${from?.name ?? "?"} and ${to?.name ?? "?"} with these options.`));
      return;
    }
    this.results.append(h("p", { class: "small muted", testid: "path-count" }, `${this.paths.length} path(s), shortest first.`));
    this.paths.forEach((p, i) => {
      const hops = p.relations.map((r, j) => {
        const a = p.nodes[j]!, b = p.nodes[j + 1]!;
        const forward = r.from.id === a.id;
        return h("div", { class: "hop", testid: "hop", attrs: { "data-claim": r.id } },
          h("div", {}, nodeLink(this.app, a), " ",
            h("span", { class: "arrow" }, forward ? `— ${relLabel(r.type)} →` : `← ${relLabel(r.type)} —`), " ",
            nodeLink(this.app, b)),
          h("div", { class: "meta" }, h("span", {}, `confidence ${r.confidence.toFixed(2)}`), h("span", {}, r.method), h("span", { class: modalityText(r.modality) }, modalityText(r.modality))),
          ...r.evidence.slice(0, 2).map((e) => {
            const b2 = evidenceBlock(this.app, e);
            b2.dataset.testid = "hop-evidence";
            return b2;
          }),
          r.evidence.length > 2 ? h("div", { class: "small muted" }, `and ${r.evidence.length - 2} more sentence(s)`) : null,
        );
      });
      this.results.append(h("div", { class: `path${i === this.active ? " active" : ""}`, testid: "path", attrs: { "data-index": String(i) } },
        h("div", { class: "row" }, h("strong", {}, `Path ${i + 1}: ${p.relations.length} hop(s)`),
          button(i === this.active ? "shown" : "show on canvas", () => {
            this.show(i);
            this.renderResults();
          }, { class: "link small", testid: "path-show" }),
          button("avoid a node…", () => this.offerExclude(p), { class: "link small" })),
        ...hops));
    });
  }

  private offerExclude(p: Path): void {
    // Exclude the inner nodes of this path one click at a time.
    const inner = p.nodes.slice(1, -1);
    const box = h("div", { class: "row small" }, "Avoid: ",
      ...inner.map((n) => button(n.name, () => {
        this.exclude.add(n);
        void this.find();
      }, { testid: "exclude-node" })));
    this.results.prepend(box);
  }
}
