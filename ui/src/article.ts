// The article view: the stored, cleaned text with evidence sentences marked
// and entity mentions highlighted; clicking a mention adds that entity to the
// canvas. Offsets are code points (see text.ts); all text goes in as text.

import type { App } from "./app";
import { button, clear, h } from "./dom";
import { kindStyle } from "./kinds";
import { addClaimForm, selectionOffsets } from "./review";
import { findMentions, segmentText } from "./text";
import type { NodeKind, NodeSummary } from "./types";

const MENTION_KINDS: NodeKind[] = ["COUNTRY", "PERSON", "ORGANIZATION", "CYBER_OPERATION", "DOCTRINE", "EVENT"];

export class ArticlePanel {
  private entities: Promise<NodeSummary[]> | null = null;
  private seq = 0;

  constructor(private readonly app: App, private readonly el: HTMLElement, private readonly details: HTMLElement) {
    app.on("article", () => void this.render());
  }

  private knownEntities(): Promise<NodeSummary[]> {
    if (!this.entities) {
      this.entities = this.app.track(this.app.api.entities(MENTION_KINDS));
      this.entities.catch(() => (this.entities = null));
    }
    return this.entities;
  }

  close(): void {
    this.app.openDocument(null);
  }

  async render(): Promise<void> {
    const mine = ++this.seq;
    const id = this.app.doc;
    if (!id) {
      this.el.hidden = true;
      this.details.hidden = false;
      clear(this.el);
      return;
    }
    this.el.hidden = false;
    this.details.hidden = true;
    this.el.dataset.state = "loading";
    let doc, entities: NodeSummary[];
    try {
      [doc, entities] = await Promise.all([this.app.track(this.app.api.document(id)), this.knownEntities()]);
    } catch {
      return;
    }
    if (mine !== this.seq) return;
    clear(this.el);
    const back = button("← Back to details", () => this.close(), { testid: "article-close" });
    if (!doc) {
      this.el.append(back, h("p", { class: "muted" }, "This article is not in the store."));
      this.el.dataset.state = "missing";
      return;
    }
    const byId = new Map(entities.map((e) => [e.id, e]));
    const mentions = findMentions(doc.text, entities.map((e) => ({ id: e.id, names: [e.name, ...e.aliases] })));
    const segments = segmentText(doc.text, doc.evidence, mentions);
    const text = h("div", { class: "article-text", testid: "article-text" });
    let focusEl: HTMLElement | null = null;
    for (const s of segments) {
      if (!s.entityId && s.evidence.length === 0) {
        text.append(document.createTextNode(s.text));
        continue;
      }
      let el: HTMLElement;
      if (s.entityId) {
        const ent = byId.get(s.entityId);
        const st = kindStyle(ent?.kind ?? "");
        el = h("span", {
          class: "mention", testid: "mention", title: ent ? `${st.label}: ${ent.name} — click to add to the canvas` : "",
          attrs: { "data-entity": s.entityId, role: "button", tabindex: "0" },
        }, s.text);
        const add = () => void this.app.addEntity(ent ?? s.entityId!, { select: true });
        el.addEventListener("click", add);
        el.addEventListener("keydown", (e) => {
          if (e.key === "Enter") add();
        });
      } else {
        el = h("span", {}, s.text);
      }
      if (s.evidence.length) {
        el.classList.add("ev");
        el.dataset.evidence = s.evidence.join(" ");
        if (!el.dataset.testid) el.dataset.testid = "evidence-span";
        if (this.app.focusEvidence && s.evidence.includes(this.app.focusEvidence)) {
          el.classList.add("focus");
          focusEl ??= el;
        }
      }
      text.append(el);
    }
    // Select a passage to add a claim with it as evidence (editors only).
    const addBox = h("div", { class: "add-claim-box", testid: "add-claim-box" });
    if (this.app.canEdit) {
      const candidates = new Map<string, NodeSummary>();
      for (const m of mentions) {
        const e = byId.get(m.entityId);
        if (e) candidates.set(e.id, e);
      }
      for (const n of this.app.model.summaries.values()) candidates.set(n.id, n);
      const offer = () => {
        const span = selectionOffsets(text, window.getSelection());
        if (!span) return;
        clear(addBox);
        const list = [...candidates.values()].sort((a, b) => a.name.localeCompare(b.name));
        addBox.append(addClaimForm(this.app, doc, span, list, () => clear(addBox)));
      };
      text.addEventListener("mouseup", offer);
      text.addEventListener("keyup", (e) => {
        if (e.shiftKey) offer();
      });
    }
    const url = doc.url && /^https?:\/\//i.test(doc.url) ? doc.url : null;
    this.el.append(
      back,
      h("h2", { testid: "article-title" }, doc.title),
      h("div", { class: "source" },
        doc.publisher ? h("span", { testid: "article-publisher" }, doc.publisher) : null,
        doc.published ? h("span", {}, `· ${doc.published}`) : null,
        url ? h("a", { attrs: { href: url, target: "_blank", rel: "noopener noreferrer" } }, "original ↗") : null,
      ),
      h("p", { class: "small muted" }, `${doc.evidence.length} evidence passages marked; ${mentions.length} mentions of known entities (click one to add it to the canvas).` +
        (this.app.canEdit ? " Select a passage to add a claim it makes." : "")),
      addBox,
      text,
    );
    this.el.dataset.state = "ready";
    if (focusEl) focusEl.scrollIntoView({ block: "center" });
  }
}
