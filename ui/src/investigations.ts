// Saved investigations: name the current view, add a note, keep it on the
// server (/api/investigations), and reopen it later or from another machine.
// What is saved is the view's URL fragment, positions included, so a
// reopened investigation looks as it did. Each belongs to whoever saved it
// (their token's name): the list shows yours and those others shared, and
// only yours can be updated or deleted.

import type { App } from "./app";
import { button, clear, h } from "./dom";

export interface Investigation {
  id: string;
  name: string;
  note: string;
  view: string;
  author: string;
  shared: boolean;
  /** The server says the caller may update and delete it. */
  mine: boolean;
  created: string;
  updated: string;
}

export class InvestigationsDialog {
  private readonly dialog: HTMLDialogElement;
  private readonly name: HTMLInputElement;
  private readonly note: HTMLTextAreaElement;
  private readonly shared: HTMLInputElement;
  private readonly list: HTMLElement;
  private readonly status: HTMLElement;
  private readonly update: HTMLButtonElement;
  /** The investigation last opened or saved in this tab: Save updates it. */
  current: Investigation | null = null;

  constructor(private readonly app: App) {
    this.name = h("input", { testid: "investigation-name", attrs: { type: "text", maxlength: "200", id: "investigation-name", autocomplete: "off" } });
    this.note = h("textarea", { testid: "investigation-note", attrs: { rows: "3", id: "investigation-note" } });
    this.shared = h("input", { testid: "investigation-shared", attrs: { type: "checkbox", id: "investigation-shared" } });
    this.list = h("ul", { class: "investigations", testid: "investigation-list" });
    this.status = h("p", { class: "small muted", attrs: { role: "status" } });
    this.update = button("Update", () => void this.save(true), { testid: "investigation-update" });
    this.dialog = h("dialog", { class: "investigations-dialog", testid: "investigations-dialog", attrs: { "aria-labelledby": "investigations-title" } },
      h("h2", { attrs: { id: "investigations-title" } }, "Investigations"),
      h("p", { class: "small muted" }, "Save this view (what is on the canvas and where, filters, selection) on the server, with a note, and reopen it later."),
      h("div", { class: "field" }, h("label", { attrs: { for: "investigation-name" } }, "Name"), this.name),
      h("div", { class: "field" }, h("label", { attrs: { for: "investigation-note" } }, "Note"), this.note),
      h("div", { class: "field" }, this.shared, h("label", { attrs: { for: "investigation-shared" } }, " Shared: everyone who can read this server sees it (only you can change it)")),
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
    this.shared.checked = this.current?.shared ?? false;
    // Someone else's investigation can be saved as a new one of yours, not updated.
    this.update.hidden = !this.current?.mine;
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
      const by = inv.mine ? (inv.shared ? "yours, shared" : "yours") : inv.author ? `by ${inv.author}, shared` : "shared";
      this.list.append(h("li", { testid: "investigation", attrs: { "data-id": inv.id, "data-mine": String(inv.mine), "data-shared": String(inv.shared) } },
        button(inv.name, () => this.reopen(inv), { class: "link", testid: "investigation-open", title: "open this investigation" }),
        h("span", { class: "muted small", testid: "investigation-by" }, ` · ${by} · saved ${inv.updated.slice(0, 16).replace("T", " ")}`),
        inv.mine ? button("Delete", () => void this.remove(inv), { class: "link small", testid: "investigation-delete", title: `delete “${inv.name}”` }) : null,
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
    const body = { id: update && this.current?.mine ? this.current.id : undefined, name, note: this.note.value, view: location.hash.replace(/^#/, ""), shared: this.shared.checked };
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

  private async remove(inv: Investigation): Promise<void> {
    if (!confirm(`Delete the investigation “${inv.name}”? This cannot be undone.`)) return;
    try {
      await this.app.track(this.app.api.rest("DELETE", `/api/investigations/${encodeURIComponent(inv.id)}`));
    } catch {
      return;
    }
    if (this.current?.id === inv.id) {
      this.current = null;
      this.update.hidden = true;
    }
    this.status.textContent = `Deleted “${inv.name}”.`;
    await this.refresh();
  }

  /** Opens a saved view: like a link pasted into the tab, so Undo and Back return to what was there. */
  private reopen(inv: Investigation): void {
    this.current = inv;
    this.dialog.close();
    location.hash = inv.view;
  }
}
