// Saved investigations: name the current view, add a note, keep it on the
// server (/api/investigations), and reopen it later or from another machine.
// What is saved is the view's URL fragment, positions included, so a
// reopened investigation looks as it did.

import type { App } from "./app";
import { button, clear, h } from "./dom";

export interface Investigation {
  id: string;
  name: string;
  note: string;
  view: string;
  created: string;
  updated: string;
}

export class InvestigationsDialog {
  private readonly dialog: HTMLDialogElement;
  private readonly name: HTMLInputElement;
  private readonly note: HTMLTextAreaElement;
  private readonly list: HTMLElement;
  private readonly status: HTMLElement;
  private readonly update: HTMLButtonElement;
  /** The investigation last opened or saved in this tab: Save updates it. */
  current: Investigation | null = null;

  constructor(private readonly app: App) {
    this.name = h("input", { testid: "investigation-name", attrs: { type: "text", maxlength: "200", id: "investigation-name", autocomplete: "off" } });
    this.note = h("textarea", { testid: "investigation-note", attrs: { rows: "3", id: "investigation-note" } });
    this.list = h("ul", { class: "investigations", testid: "investigation-list" });
    this.status = h("p", { class: "small muted", attrs: { role: "status" } });
    this.update = button("Update", () => void this.save(true), { testid: "investigation-update" });
    this.dialog = h("dialog", { class: "investigations-dialog", testid: "investigations-dialog", attrs: { "aria-labelledby": "investigations-title" } },
      h("h2", { attrs: { id: "investigations-title" } }, "Investigations"),
      h("p", { class: "small muted" }, "Save this view (what is on the canvas and where, filters, selection) on the server, with a note, and reopen it later."),
      h("div", { class: "field" }, h("label", { attrs: { for: "investigation-name" } }, "Name"), this.name),
      h("div", { class: "field" }, h("label", { attrs: { for: "investigation-note" } }, "Note"), this.note),
      h("div", { class: "row" },
        button("Save as new", () => void this.save(false), { class: "primary", testid: "investigation-save" }),
        this.update,
        button("Close", () => this.dialog.close(), { testid: "investigations-close" })),
      this.status,
      h("h3", {}, "Saved"),
      this.list,
    );
    document.body.append(this.dialog);
  }

  async open(): Promise<void> {
    this.name.value = this.current?.name ?? "";
    this.note.value = this.current?.note ?? "";
    this.update.hidden = !this.current;
    if (this.current) this.update.textContent = `Update “${this.current.name}”`;
    this.status.textContent = "";
    this.dialog.showModal();
    this.name.focus();
    await this.refresh();
  }

  private async refresh(): Promise<void> {
    clear(this.list);
    this.list.dataset.state = "loading";
    let items: Investigation[];
    try {
      items = (await this.app.track(this.app.api.rest<{ investigations: Investigation[] }>("GET", "/api/investigations"))).investigations;
    } catch {
      this.list.dataset.state = "error";
      return;
    }
    if (!items.length) this.list.append(h("li", { class: "muted small" }, "Nothing saved yet."));
    for (const inv of items) {
      this.list.append(h("li", { testid: "investigation", attrs: { "data-id": inv.id } },
        button(inv.name, () => this.reopen(inv), { class: "link", testid: "investigation-open", title: "open this investigation" }),
        h("span", { class: "muted small" }, ` · saved ${inv.updated.slice(0, 16).replace("T", " ")}`),
        inv.note ? h("div", { class: "small", testid: "investigation-note-text" }, inv.note) : null));
    }
    this.list.dataset.state = "ready";
  }

  private async save(update: boolean): Promise<void> {
    const name = this.name.value.trim();
    if (!name) {
      this.status.textContent = "Give the investigation a name first.";
      this.name.focus();
      return;
    }
    this.app.syncUrl();
    const body = { id: update && this.current ? this.current.id : undefined, name, note: this.note.value, view: location.hash.replace(/^#/, "") };
    try {
      this.current = await this.app.track(this.app.api.rest<Investigation>("POST", "/api/investigations", body));
    } catch {
      return;
    }
    this.status.textContent = `Saved “${this.current.name}”.`;
    this.update.hidden = false;
    this.update.textContent = `Update “${this.current.name}”`;
    this.app.toast(`Investigation “${this.current.name}” saved.`);
    await this.refresh();
  }

  /** Opens a saved view: like a link pasted into the tab, so Undo and Back return to what was there. */
  private reopen(inv: Investigation): void {
    this.current = inv;
    this.dialog.close();
    location.hash = inv.view;
  }
}
