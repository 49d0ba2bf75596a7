// Autocomplete over Query.search: the main search box and the path finder's
// pickers. Each suggestion shows the kind's glyph, the name, and the alias (or
// the passage) that matched.

import type { Api } from "./api";
import { clear, h } from "./dom";
import { kindStyle } from "./kinds";
import type { NodeSummary, SearchHit } from "./types";

/** The alias the query matched, when the match was on an alias: every word of the query starts a word of the alias. */
export function matchedAlias(query: string, aliases: string[]): string | null {
  const words = query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (words.length === 0) return null;
  let best: string | null = null;
  for (const a of aliases) {
    const aw = a.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (words.every((w) => aw.some((x) => x.startsWith(w)))) {
      if (best === null || a.length < best.length) best = a;
    }
  }
  return best;
}

/** The line under a suggestion's name: which alias matched, or where the text matched. */
export function hitDetail(query: string, hit: SearchHit): string {
  const kind = kindStyle(hit.node.kind).label;
  if (hit.matched === "fuzzy") return `${kind} · did you mean “${hit.snippet ?? hit.node.name}”?`;
  if (hit.matched === "alias") {
    const a = matchedAlias(query, hit.node.aliases);
    return a ? `${kind} · alias “${a}”` : `${kind} · alias`;
  }
  if ((hit.matched === "text" || hit.matched === "evidence") && hit.snippet) return `${kind} · ${hit.snippet}`;
  return kind;
}

export interface AutocompleteOptions {
  api: Api;
  input: HTMLInputElement;
  list: HTMLUListElement;
  onPick: (node: NodeSummary) => void;
  track: <T>(p: Promise<T>) => Promise<T>;
  testid?: string;
  first?: number;
  /** Asked when the server finds nothing: close spellings (fuzzy.ts). */
  fuzzy?: (q: string) => Promise<SearchHit[]>;
}

export function attachAutocomplete(o: AutocompleteOptions): { close: () => void } {
  let hits: SearchHit[] = [];
  let active = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let seq = 0;
  const testid = o.testid ?? "search-option";

  const close = () => {
    o.list.hidden = true;
    o.input.setAttribute("aria-expanded", "false");
    o.input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  // The active suggestion is announced: the input points at it
  // (aria-activedescendant) and it says it is selected.
  const optionId = (i: number) => `${o.list.id || testid}-opt-${i}`;
  const markActive = () => {
    [...o.list.children].forEach((c, i) => {
      c.classList.toggle("active", i === active);
      if (c.getAttribute("role") === "option") c.setAttribute("aria-selected", String(i === active));
    });
    if (active >= 0 && hits[active]) o.input.setAttribute("aria-activedescendant", optionId(active));
    else o.input.removeAttribute("aria-activedescendant");
  };
  const render = (query: string) => {
    clear(o.list);
    if (hits.length === 0) {
      o.list.append(h("li", { class: "empty-hit", testid: `${testid}-none` }, `Nothing matches “${query}”.`));
    }
    hits.forEach((hit, i) => {
      const st = kindStyle(hit.node.kind);
      const glyph = h("span", { class: "glyph", attrs: { "aria-hidden": "true" } }, st.glyph);
      glyph.style.color = st.color;
      const li = h(
        "li",
        { class: i === active ? "active" : "", testid, attrs: { role: "option", id: optionId(i), "aria-selected": String(i === active), "data-id": hit.node.id, "data-kind": hit.node.kind } },
        glyph,
        h("span", { class: "name" }, hit.node.name),
        h("span", { class: "sub" }, hitDetail(query, hit)),
      );
      li.addEventListener("mousedown", (e) => {
        e.preventDefault();
        pick(i);
      });
      o.list.append(li);
    });
    o.list.hidden = false;
    o.input.setAttribute("aria-expanded", "true");
    markActive();
  };
  const pick = (i: number) => {
    const hit = hits[i];
    if (!hit) return;
    close();
    o.input.value = "";
    o.onPick(hit.node);
  };
  const run = () => {
    const q = o.input.value.trim();
    if (q.length < 2) {
      close();
      return;
    }
    const mine = ++seq;
    o.track(o.api.search(q, o.first ?? 10).then(async (res) => (res.length || !o.fuzzy ? res : o.fuzzy(q)))).then((res) => {
      if (mine !== seq) return;
      hits = res;
      active = hits.length ? 0 : -1;
      render(q);
    }, () => undefined);
  };
  o.input.addEventListener("input", () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, 150);
  });
  o.input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (o.list.hidden || hits.length === 0) return;
      e.preventDefault();
      active = (active + (e.key === "ArrowDown" ? 1 : hits.length - 1)) % hits.length;
      markActive();
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (!o.list.hidden && active >= 0) pick(active);
    } else if (e.key === "Escape") {
      close();
    }
  });
  o.input.addEventListener("blur", () => setTimeout(close, 100));
  return { close };
}
