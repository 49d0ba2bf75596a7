// Toolbar controls that belong to no panel: Undo and Redo (buttons and
// Ctrl+Z / Ctrl+Shift+Z), and the collapsible side panels and legend that
// give the canvas room on a laptop screen.

import type { App } from "./app";
import { byId } from "./dom";

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
