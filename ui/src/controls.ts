// Toolbar controls that belong to no panel: Undo and Redo (buttons and
// Ctrl+Z / Ctrl+Shift+Z), and the collapsible side panels and legend that
// give the canvas room on a laptop screen.

import type { App } from "./app";
import { button, byId, clear, h } from "./dom";
import { fuzzyMatches } from "./fuzzy";

/** Whether a key press belongs to a text field (its own undo applies there). */
function typing(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  if (!el || !el.tagName) return false;
  if (el.isContentEditable) return true;
  if (el.tagName === "TEXTAREA" || el.tagName === "SELECT") return true;
  if (el.tagName !== "INPUT") return false;
  const type = (el as HTMLInputElement).type;
  return !["checkbox", "radio", "range", "button", "submit"].includes(type);
}

export function undoControls(app: App): void {
  const undo = byId<HTMLButtonElement>("btn-undo");
  const redo = byId<HTMLButtonElement>("btn-redo");
  const update = () => {
    undo.disabled = !app.undo.canUndo();
    redo.disabled = !app.undo.canRedo();
    const u = app.undo.undoLabel();
    const r = app.undo.redoLabel();
    undo.title = u ? `Undo: ${u} (Ctrl+Z)` : "Nothing to undo";
    redo.title = r ? `Redo: ${r} (Ctrl+Shift+Z)` : "Nothing to redo";
  };
  app.on("history", update);
  update();
  undo.addEventListener("click", () => app.undoStep());
  redo.addEventListener("click", () => app.redoStep());
  window.addEventListener("keydown", (e) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey || typing(e.target)) return;
    const k = e.key.toLowerCase();
    if (k === "z" && !e.shiftKey) {
      e.preventDefault();
      app.undoStep();
    } else if ((k === "z" && e.shiftKey) || k === "y") {
      e.preventDefault();
      app.redoStep();
    }
  });
}

/** The Compact toggle and the choice of layout. */
export function canvasModes(app: App): void {
  const compact = byId<HTMLButtonElement>("btn-compact");
  const sync = () => compact.setAttribute("aria-pressed", String(app.model.compact));
  app.on("compact", sync);
  sync();
  compact.addEventListener("click", () => app.setCompact(!app.model.compact));
  const choice = byId<HTMLSelectElement>("layout-choice");
  choice.addEventListener("change", () => {
    const v = choice.value;
    if (v === "radial" || v === "time" || v === "force") app.useLayout(v);
  });
  app.on("layout-choice", () => (choice.value = app.layoutName));
}

/**
 * Search within the visible graph: nodes on the canvas whose name or alias
 * contains the text (or is a close spelling of it) are highlighted, the rest
 * dimmed; Enter selects the first and brings it to the middle.
 */
export function canvasFind(app: App): void {
  const input = byId<HTMLInputElement>("canvas-find");
  const count = byId("canvas-find-count");
  let found: string[] = [];
  const run = () => {
    const q = input.value.trim();
    const g = app.model.graph;
    if (!q) {
      found = [];
      count.textContent = "";
      app.setFocus(null);
      return;
    }
    const f = app.canvasState.filters;
    const lower = q.toLowerCase();
    const visible = app.model.visibleNodes(f);
    const scored = visible.map((id) => {
      const a = g.getNodeAttributes(id);
      const names = [String(a.fullLabel ?? a.label), ...a.aliases];
      if (names.some((n) => n.toLowerCase().includes(lower))) return { id, score: 0 };
      const s = fuzzyMatches(q, [{ id, name: names[0]!, aliases: a.aliases }], 1)[0];
      return s ? { id, score: 1 + s.score } : null;
    }).filter((x): x is { id: string; score: number } => x !== null);
    const len = (id: string) => String(g.getNodeAttribute(id, "fullLabel") ?? g.getNodeAttribute(id, "label")).length;
    scored.sort((a, b) => a.score - b.score || len(a.id) - len(b.id));
    found = scored.map((x) => x.id);
    count.textContent = `${found.length} on the canvas`;
    app.setFocus({ nodes: new Set(found), edges: new Set() });
  };
  input.addEventListener("input", run);
  app.on("change", () => input.value && run());
  input.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      input.value = "";
      run();
    } else if (e.key === "Enter" && found[0]) {
      e.preventDefault();
      const id = found[0];
      void app.select({ type: "node", id });
      const d = app.sigma.getNodeDisplayData(id);
      if (d) void app.sigma.getCamera().animate({ x: d.x, y: d.y }, { duration: 300 });
    }
  });
}

/** The selection tools: what is selected, and what can be done with it. */
export function selectionTools(app: App): void {
  const bar = h("div", { class: "selection-tools", testid: "selection-tools", attrs: { role: "toolbar", "aria-label": "Selection" } });
  document.querySelector(".stage")!.append(bar);
  const render = () => {
    clear(bar);
    const sel = app.selectedNodes();
    const hidden = app.hiddenCount();
    bar.hidden = sel.length === 0 && hidden === 0;
    if (sel.length) {
      bar.append(
        h("span", { class: "small", testid: "selection-count" }, `${sel.length} selected`),
        button("Select neighbours", () => app.selectNeighbours(), { testid: "select-neighbours", title: "add the neighbours of the selected nodes to the selection (Shift-click adds one node)" }),
        button("Pin", () => app.pinSelected(), { testid: "pin", title: "keep the selected nodes where they are when the layout runs (again to unpin)" }),
        button("Hide", () => app.hideSelected(), { testid: "hide", title: "hide the selected nodes and their claims (Undo or Show hidden brings them back)" }),
      );
      if (sel.length >= 2) {
        bar.append(button(`Group (${sel.length})`, () => app.groupSelected(), {
          testid: "group", title: "draw the selected nodes as one group node, their claims redirected to it (name it in the side panel)",
        }));
      }
      if (sel.length === 1 && app.model.groups.has(sel[0]!)) {
        const id = sel[0]!;
        bar.append(
          button("Expand group", () => app.setGroupCollapsed(id, false), { testid: "group-expand", title: "show the group's members instead of the group node" }),
          button("Ungroup", () => app.ungroup(id), { testid: "group-ungroup", title: "forget the group: its members are drawn with their own claims again" }),
        );
      }
      if (app.canvasState.multi?.size) bar.append(button("Clear selection", () => app.clearMulti(), { testid: "clear-selection" }));
    }
    // Expanded groups can be collapsed again from here (their node is not drawn).
    const open = [...app.model.groups.values()].filter((grp) => !grp.collapsed);
    for (const grp of open) {
      bar.append(button(`Collapse “${grp.name}”`, () => app.setGroupCollapsed(grp.id, true), { testid: "group-collapse", attrs: { "data-id": grp.id } }));
    }
    if (open.length) bar.hidden = false;
    if (hidden) bar.append(button(`Show hidden (${hidden})`, () => app.showHidden(), { testid: "show-hidden" }));
  };
  for (const ev of ["multi", "selection", "change", "history"] as const) app.on(ev, render);
  render();
}

/** A button that hides and shows part of the page; the canvas takes the room. */
function collapser(app: App, buttonId: string, apply: (open: boolean) => void, storageKey: string): void {
  const b = byId<HTMLButtonElement>(buttonId);
  const set = (open: boolean) => {
    b.setAttribute("aria-expanded", String(open));
    apply(open);
    try {
      localStorage.setItem(storageKey, open ? "1" : "0");
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    requestAnimationFrame(() => app.sigma.resize());
  };
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(storageKey);
  } catch {
    saved = null;
  }
  if (saved === "0") set(false);
  b.addEventListener("click", () => set(b.getAttribute("aria-expanded") !== "true"));
}

export function collapsibles(app: App): void {
  const layout = document.querySelector<HTMLElement>(".layout")!;
  collapser(app, "btn-toggle-left", (open) => layout.classList.toggle("no-left", !open), "actorgraph-left");
  collapser(app, "btn-toggle-right", (open) => layout.classList.toggle("no-right", !open), "actorgraph-right");
  collapser(app, "btn-legend", (open) => {
    byId("legend-items").hidden = !open;
    byId("btn-legend").textContent = open ? "Legend ▾" : "Legend ▸";
  }, "actorgraph-legend");
}
