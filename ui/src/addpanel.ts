// "Add": an article by URL or a file dropped on the panel (HTML, text,
// Markdown, PDF, a feed), loaded by the server (POST /api/documents) with a
// progress line per step; the new document opens in the article view. The
// server decides who may add (the local user, or whoever holds the token)
// and says why not.

import type { AddLine } from "./api";
import type { App } from "./app";
import { button, clear, h } from "./dom";

const ACCEPT = ".html,.htm,.txt,.md,.pdf,.rss,.atom,.xml";

export class AddPanel {
  private readonly log: HTMLElement;
  private readonly url: HTMLInputElement;
  private readonly file: HTMLInputElement;
  private readonly drop: HTMLElement;
  private busy = false;

  constructor(private readonly app: App, el: HTMLElement) {
    this.url = h("input", { testid: "add-url", attrs: { type: "url", placeholder: "https://… an article, a feed or a PDF", spellcheck: "false" } });
    this.file = h("input", { testid: "add-file", attrs: { type: "file", accept: ACCEPT, hidden: "" } });
    this.file.addEventListener("change", () => {
      const f = this.file.files?.[0];
      if (f) void this.add({ file: f });
      this.file.value = "";
    });
    this.drop = h("div", { class: "dropzone", testid: "add-drop", attrs: { tabindex: "0", role: "button" } },
      "Drop a file here (.html, .txt, .md, .pdf, .rss, .atom), or ",
      button("choose one", () => this.file.click(), { class: "link" }));
    this.drop.addEventListener("dragover", (e) => {
      e.preventDefault();
      this.drop.classList.add("over");
    });
    this.drop.addEventListener("dragleave", () => this.drop.classList.remove("over"));
    this.drop.addEventListener("drop", (e) => {
      e.preventDefault();
      this.drop.classList.remove("over");
      const f = e.dataTransfer?.files?.[0];
      if (f) void this.add({ file: f });
    });
    this.log = h("ol", { class: "add-log", testid: "add-log" });
    const form = h("form", { class: "row", on: { submit: (e) => {
      e.preventDefault();
      const u = this.url.value.trim();
      if (u) void this.add({ url: u });
    } } }, this.url, h("button", { testid: "add-submit", attrs: { type: "submit" } }, "Add"));
    el.append(
      h("p", { class: "small muted" }, "Add an article by its address, or a file. The server fetches and loads it like `actorgraph load`; the new document opens in the article view."),
      form, this.drop, this.file, this.log);
  }

  private line(text: string, cls = ""): void {
    this.log.append(h("li", { class: cls, testid: "add-line" }, text));
  }

  private async add(what: { url: string } | { file: File }): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    clear(this.log);
    this.log.dataset.state = "loading";
    this.line("url" in what ? `fetching ${what.url}…` : `uploading ${what.file.name}…`);
    let last: AddLine;
    try {
      last = await this.app.api.addDocument(what, (l) => {
        if (l.progress) this.line(l.progress);
        if (l.warning) this.line(`warning: ${l.warning}`, "warn");
      });
    } catch (e) {
      this.line((e as Error).message, "error");
      this.log.dataset.state = "error";
      this.busy = false;
      return;
    }
    this.busy = false;
    if (last.error) {
      this.line(last.error, "error");
      this.log.dataset.state = "error";
      return;
    }
    for (const err of last.errors ?? []) this.line(`refused: ${err}`, "error");
    const docs = last.documents ?? [];
    this.log.dataset.state = docs.length ? "done" : "error";
    if (docs.length === 0) return;
    this.line(docs.length === 1 ? `loaded “${docs[0]!.title}”` : `loaded ${docs.length} documents`, "ok");
    if ("url" in what) this.url.value = "";
    this.app.openDocument(docs[docs.length - 1]!.id);
  }
}
