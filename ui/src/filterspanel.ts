// Filters: node kinds, relationship types, a date range (a timeline brush over
// the canvas's claims), minimum confidence, sources (publishers and their
// documents), and curated versus extracted claims.

import type { App } from "./app";
import { button, clear, h } from "./dom";
import { dateRange, defaultFilters, isDefault, MODALITIES, monthsBetween, type MethodFilter } from "./filters";
import { KIND_STYLE, relLabel } from "./kinds";
import { modalityText, NODE_KINDS, REL_TYPES, type NodeKind, type RelType } from "./types";

export class FiltersPanel {
  private docs: { id: string; title: string; publisher: string | null; published: string | null }[] | null = null;
  private brushStart: number | null = null;

  constructor(private readonly app: App, private readonly el: HTMLElement) {
    // A drag across the timeline that ends elsewhere selects nothing.
    window.addEventListener("mouseup", () => (this.brushStart = null));
    app.on("change", () => this.render());
    app.on("filters", () => this.render());
    void app.track(app.api.documents()).then((d) => {
      this.docs = d;
      this.render();
    }, () => undefined);
    this.render();
  }

  private get f() {
    return this.app.canvasState.filters;
  }

  private update(): void {
    this.app.filtersChanged();
  }

  render(): void {
    const el = this.el;
    clear(el);
    const f = this.f;
    const g = this.app.model.graph;

    const kindCounts = new Map<string, number>();
    g.forEachNode((_, a) => kindCounts.set(a.kind, (kindCounts.get(a.kind) ?? 0) + 1));
    const typeCounts = new Map<string, number>();
    const dates: string[] = [];
    g.forEachEdge((_e, a) => {
      if (a.virtual) return;
      typeCounts.set(a.relType, (typeCounts.get(a.relType) ?? 0) + 1);
      if (a.date) dates.push(a.date);
    });

    el.append(h("div", { class: "row" },
      button("Reset filters", () => {
        this.app.canvasState.filters = defaultFilters();
        this.update();
      }, { testid: "filters-reset" }),
      h("span", { class: "small muted", testid: "filters-state" }, isDefault(f) ? "showing everything" : "filters on")));

    // Kinds
    el.append(h("h3", {}, "Node kinds"), h("div", { class: "checks" }, ...NODE_KINDS.map((k) => {
      const st = KIND_STYLE[k];
      const sw = h("span", { class: `swatch ${st.shape}` });
      if (st.shape === "ring") sw.style.borderColor = st.color;
      else sw.style.background = st.color;
      return this.check(`filter-kind-${k}`, !f.hiddenKinds.includes(k), (on) => {
        f.hiddenKinds = toggle(f.hiddenKinds, k, !on) as NodeKind[];
      }, sw, `${st.label} (${kindCounts.get(k) ?? 0})`);
    })));

    // Relationship types: those on the canvas first.
    const types = [...REL_TYPES].sort((a, b) => (typeCounts.get(b) ?? 0) - (typeCounts.get(a) ?? 0) || a.localeCompare(b));
    const shown = types.filter((t) => (typeCounts.get(t) ?? 0) > 0 || f.hiddenTypes.includes(t));
    el.append(h("h3", {}, "Relationship types"));
    if (!shown.length) el.append(h("p", { class: "small muted" }, "No claims on the canvas yet."));
    el.append(h("div", { class: "checks" }, ...shown.map((t) =>
      this.check(`filter-type-${t}`, !f.hiddenTypes.includes(t), (on) => {
        f.hiddenTypes = toggle(f.hiddenTypes, t, !on) as RelType[];
      }, `${relLabel(t)} (${typeCounts.get(t) ?? 0})`))));

    // Dates: a histogram of the canvas's claims by month; drag across it to pick a range.
    el.append(h("h3", {}, "Date"));
    const months = monthsBetween([...dates, ...(f.since ? [f.since] : []), ...(f.until ? [f.until] : [])]);
    if (months.length) {
      const counts = months.map((m) => dates.filter((d) => {
        const r = dateRange(d);
        return r !== null && r[0].slice(0, 7) <= m && r[1].slice(0, 7) >= m;
      }).length);
      const max = Math.max(1, ...counts);
      const lo = f.since ? dateRange(f.since)![0].slice(0, 7) : null;
      const hi = f.until ? dateRange(f.until)![1].slice(0, 7) : null;
      const bars = months.map((m, i) => {
        const out = (lo !== null && m < lo) || (hi !== null && m > hi);
        const b = h("div", { class: `bar${out ? " out" : ""}`, title: `${m}: ${counts[i]} claim(s)`, attrs: { "data-month": m } });
        b.style.height = `${Math.max(4, (100 * counts[i]!) / max)}%`;
        return b;
      });
      // The brush starts and ends anywhere on the strip, not only on a
      // bar: the month is where the pointer is across its width.
      const strip = h("div", { class: "timeline", testid: "timeline", title: "drag across months to filter by date" }, ...bars);
      const monthAt = (e: MouseEvent) => {
        const r = strip.getBoundingClientRect();
        return Math.min(months.length - 1, Math.max(0, Math.floor(((e.clientX - r.left) / Math.max(1, r.width)) * months.length)));
      };
      strip.addEventListener("mousedown", (e) => {
        e.preventDefault();
        this.brushStart = monthAt(e);
      });
      strip.addEventListener("mouseup", (e) => {
        if (this.brushStart === null) return;
        const i = monthAt(e);
        const a = Math.min(this.brushStart, i), z = Math.max(this.brushStart, i);
        this.brushStart = null;
        f.since = months[a]!;
        f.until = months[z]!;
        this.update();
      });
      const mid = months[Math.floor((months.length - 1) / 2)]!;
      el.append(strip, h("div", { class: "timeline-axis small muted", testid: "timeline-axis", attrs: { "aria-hidden": "true" } },
        h("span", {}, months[0]!),
        months.length > 2 ? h("span", {}, mid) : null,
        months.length > 1 ? h("span", {}, months[months.length - 1]!) : null));
    } else {
      el.append(h("p", { class: "small muted" }, "No dated claims on the canvas."));
    }
    const monthInput = (testid: string, value: string | null, set: (v: string | null) => void) => {
      const i = h("input", { testid, attrs: { type: "month", value: value ? value.slice(0, 7) : "" } });
      i.addEventListener("change", () => {
        set(/^\d{4}-\d{2}$/.test(i.value) ? i.value : null);
        this.update();
      });
      return i;
    };
    el.append(h("div", { class: "row small" },
      h("label", {}, "from ", monthInput("filter-since", f.since, (v) => (f.since = v))),
      h("label", {}, "to ", monthInput("filter-until", f.until, (v) => (f.until = v)))),
      h("div", { class: "row small" },
        this.check("filter-undated", f.undated, (on) => (f.undated = on), "include undated claims"),
        button("any date", () => {
          f.since = null;
          f.until = null;
          this.update();
        }, { class: "link small" })));

    // Confidence
    const conf = h("input", { testid: "filter-confidence", attrs: { type: "range", min: "0", max: "1", step: "0.05", value: String(f.minConfidence), "aria-label": "minimum confidence" } });
    const confLabel = h("span", { class: "small" }, f.minConfidence.toFixed(2));
    conf.addEventListener("input", () => (confLabel.textContent = Number(conf.value).toFixed(2)));
    conf.addEventListener("change", () => {
      f.minConfidence = Number(conf.value);
      this.update();
    });
    el.append(h("h3", {}, "Minimum confidence"), h("div", { class: "row" }, conf, confLabel));

    // Modality: how the source made the claim.
    const modCounts = new Map<string, number>();
    g.forEachEdge((_e, a) => {
      if (!a.virtual) modCounts.set(a.modality ?? "ASSERTED", (modCounts.get(a.modality ?? "ASSERTED") ?? 0) + 1);
    });
    el.append(h("h3", {}, "Modality"), h("div", { class: "row small", testid: "filter-modalities" },
      ...MODALITIES.map((m) => this.check(`filter-modality-${m}`, !f.hiddenModalities.includes(m), (on) => {
        f.hiddenModalities = toggle(f.hiddenModalities, m, !on);
      }, `${modalityText(m)} (${modCounts.get(m) ?? 0})`))));

    // Method
    el.append(h("h3", {}, "How claims were made"), h("div", { class: "row small" },
      ...(["all", "curated", "extracted"] as MethodFilter[]).map((m) => {
        const r = h("input", { testid: `filter-method-${m}`, attrs: { type: "radio", name: "method", value: m } });
        r.checked = f.method === m;
        r.addEventListener("change", () => {
          f.method = m;
          this.update();
        });
        return h("label", {}, r, m === "all" ? "all" : m === "curated" ? "curated" : "extracted by rules");
      })));

    // Sources
    el.append(h("h3", {}, "Sources"));
    if (!this.docs) {
      el.append(h("p", { class: "small muted" }, "Loading the list of articles…"));
      return;
    }
    const byPublisher = new Map<string, typeof this.docs>();
    for (const d of this.docs) {
      const p = d.publisher ?? "(publisher unknown)";
      byPublisher.set(p, [...(byPublisher.get(p) ?? []), d]);
    }
    for (const [pub, docs] of [...byPublisher.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
      const allOn = docs.every((d) => !f.hiddenSources.includes(d.id));
      el.append(this.check(`filter-publisher`, allOn, (on) => {
        for (const d of docs) f.hiddenSources = toggle(f.hiddenSources, d.id, !on);
      }, h("strong", {}, pub)));
      el.append(h("div", { class: "hop" }, ...docs.map((d) =>
        this.check("filter-source", !f.hiddenSources.includes(d.id), (on) => {
          f.hiddenSources = toggle(f.hiddenSources, d.id, !on);
        }, d.title, d.published ? h("span", { class: "muted" }, ` ${d.published}`) : null))));
    }
  }

  private check(testid: string, checked: boolean, set: (on: boolean) => void, ...label: (Node | string | null)[]): HTMLElement {
    const c = h("input", { testid, attrs: { type: "checkbox" } });
    c.checked = checked;
    c.addEventListener("change", () => {
      set(c.checked);
      this.update();
    });
    return h("label", {}, c, ...label);
  }
}

function toggle<T>(xs: T[], x: T, present: boolean): T[] {
  const without = xs.filter((y) => y !== x);
  return present ? [...without, x] : without;
}
