// Review: the queue of unreviewed claims (the Review tab), the review
// controls of a claim in the side panel (confirm, reject, correct, notes,
// history), the merge dialog of an entity, and adding a claim from text
// selected in the article view. Every change goes through the API's
// mutations, signed by the server with the token's name; readers see the
// state but no controls (App.canEdit).

import { ApiError } from "./api";
import type { App } from "./app";
import { append, button, clear, h } from "./dom";
import { kindStyle, relLabel } from "./kinds";
import { MODALITIES, modalityText, REL_TYPES, type Change, type DocumentFull, type Modality, type NodeSummary, type Relation, type RelType, type ReviewStatus } from "./types";

/** How a status reads, and its CSS class. */
export function statusBadge(status: ReviewStatus | undefined): HTMLElement {
  const s = status ?? "UNREVIEWED";
  return h("span", { class: `status-badge ${s.toLowerCase()}`, testid: "review-status", attrs: { "data-status": s } }, s.toLowerCase());
}

/** The message of a failed change, with what to do about a conflict. */
function failure(e: unknown): string {
  if (e instanceof ApiError && e.code === "CONFLICT") return `Someone changed this meanwhile: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}

/** Reviews a claim and puts its new state on the canvas and in the panels. */
export async function review(app: App, r: Relation, status: ReviewStatus, note?: string): Promise<Relation | null> {
  try {
    const next = await app.track(app.api.reviewClaim(r.id, status, { note, ifVersion: r.version }));
    app.claimChanged(next);
    app.toast(`Claim ${status.toLowerCase()}: ${r.from.name} — ${relLabel(r.type)} → ${r.to.name}.`);
    return next;
  } catch (e) {
    app.toast(failure(e), true);
    return null;
  }
}

// ---- the Review tab

/** The sentence in its context: up to `around` characters each side, the evidence marked. */
export function inContext(text: string, start: number, end: number, around = 160): { before: string; quote: string; after: string } {
  const cps = [...text];
  const from = Math.max(0, start - around);
  const to = Math.min(cps.length, end + around);
  return {
    before: (from > 0 ? "…" : "") + cps.slice(from, start).join(""),
    quote: cps.slice(start, end).join(""),
    after: cps.slice(end, to).join("") + (to < cps.length ? "…" : ""),
  };
}

export class ReviewPanel {
  private queue: Relation[] = [];
  private after: string | null = null;
  private more = true;
  private skipped = new Set<string>();
  private left = 0;
  private docs = new Map<string, Promise<DocumentFull | null>>();
  private busy = false;
  private seq = 0;

  constructor(private readonly app: App, private readonly el: HTMLElement, private readonly visible: () => boolean) {
    document.addEventListener("keydown", (e) => this.onKey(e));
    app.on("viewer", () => void this.render());
  }

  /** Starts over: the queue is read again from the server. */
  async reload(): Promise<void> {
    this.queue = [];
    this.after = null;
    this.more = true;
    await this.fill();
    await this.render();
  }

  private async fill(): Promise<void> {
    while (this.more && this.queue.filter((r) => !this.skipped.has(r.id)).length < 3) {
      const { page, counts } = await this.app.track(this.app.api.reviewQueue(25, this.after));
      this.left = counts.unreviewed;
      this.queue.push(...page.relations.filter((r) => !this.queue.some((q) => q.id === r.id)));
      this.after = page.pageInfo.endCursor;
      this.more = page.pageInfo.hasNextPage;
    }
  }

  private current(): Relation | null {
    return this.queue.find((r) => !this.skipped.has(r.id)) ?? null;
  }

  private document(id: string): Promise<DocumentFull | null> {
    let p = this.docs.get(id);
    if (!p) {
      p = this.app.track(this.app.api.document(id));
      this.docs.set(id, p);
      p.catch(() => this.docs.delete(id));
    }
    return p;
  }

  async render(): Promise<void> {
    const mine = ++this.seq;
    const r = this.current();
    const el = this.el;
    const counts = h("p", { class: "small", testid: "review-left", attrs: { "data-left": String(this.left), "data-skipped": String(this.skipped.size) } },
      `${this.left} unreviewed claim${this.left === 1 ? "" : "s"} left`, this.skipped.size ? ` · ${this.skipped.size} skipped` : "");
    if (!r) {
      clear(el);
      append(el, h("h3", {}, "Review"), counts,
        h("p", { class: "muted", testid: "review-empty" }, this.skipped.size ? "Only skipped claims are left." : "Nothing left to review: every claim has been looked at."),
        this.skipped.size ? button("Show the skipped ones again", () => {
          this.skipped.clear();
          void this.render();
        }, { testid: "review-unskip" }) : null);
      el.dataset.state = "empty";
      return;
    }
    const ev = r.evidence[0];
    const doc = ev ? await this.document(ev.document.id).catch(() => null) : null;
    if (mine !== this.seq) return;
    clear(el);
    const sentence = h("blockquote", { class: "quote context", testid: "review-sentence" });
    if (ev && doc) {
      const c = inContext(doc.text, ev.start, ev.end);
      sentence.append(h("span", { class: "muted" }, c.before), h("mark", { testid: "review-quote" }, c.quote), h("span", { class: "muted" }, c.after));
    } else if (ev) {
      sentence.append(h("mark", { testid: "review-quote" }, ev.quote));
    }
    const canEdit = this.app.canEdit;
    const keys = canEdit
      ? h("div", { class: "row review-keys" },
        button("Confirm (c)", () => void this.decide("CONFIRMED"), { class: "primary", testid: "review-confirm", attrs: { "aria-keyshortcuts": "c" } }),
        button("Reject (r)", () => void this.decide("REJECTED"), { testid: "review-reject", attrs: { "aria-keyshortcuts": "r" } }),
        button("Skip (s)", () => this.skip(), { testid: "review-skip", attrs: { "aria-keyshortcuts": "s" } }),
        ev ? button("Article (o)", () => this.open(), { testid: "review-open", attrs: { "aria-keyshortcuts": "o" } }) : null)
      : h("p", { class: "muted small", testid: "review-readonly" }, this.app.viewer?.reason ?? "You may read the queue but not review it.");
    append(el,
      h("h3", {}, "Review"),
      counts,
      h("div", { class: "review-item", testid: "review-item", attrs: { "data-claim": r.id } },
        h("div", { class: "head" }, h("strong", {}, r.from.name), h("span", { class: "muted" }, ` — ${relLabel(r.type)} → `), h("strong", {}, r.to.name)),
        h("div", { class: "meta small" },
          h("span", {}, `confidence ${r.confidence.toFixed(2)}`), h("span", {}, r.method), h("span", { class: modalityText(r.modality) }, modalityText(r.modality))),
        sentence,
        doc ? h("div", { class: "source small muted" }, doc.title, doc.publisher ? ` · ${doc.publisher}` : "") : null,
        keys),
      canEdit ? h("p", { class: "muted small" }, "Keys: c confirm · r reject · s skip · o open the article. Confirmed and rejected claims leave the queue.") : null,
    );
    el.dataset.state = "ready";
  }

  private onKey(e: KeyboardEvent): void {
    if (!this.visible() || e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target as HTMLElement | null;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable)) return;
    if (document.querySelector("dialog[open]")) return;
    const act: Record<string, () => void> = {
      c: () => void this.decide("CONFIRMED"),
      r: () => void this.decide("REJECTED"),
      s: () => this.skip(),
      o: () => this.open(),
    };
    const fn = act[e.key.toLowerCase()];
    if (!fn || !this.current() || (!this.app.canEdit && e.key.toLowerCase() !== "o")) return;
    e.preventDefault();
    fn();
  }

  private async decide(status: ReviewStatus): Promise<void> {
    const r = this.current();
    if (!r || this.busy) return;
    this.busy = true;
    try {
      const next = await review(this.app, r, status);
      if (next) {
        this.queue = this.queue.filter((q) => q.id !== r.id);
        this.left = Math.max(0, this.left - 1);
      }
      await this.fill();
    } finally {
      this.busy = false;
    }
    await this.render();
  }

  private skip(): void {
    const r = this.current();
    if (!r) return;
    this.skipped.add(r.id);
    void this.fill().then(() => this.render());
  }

  private open(): void {
    const r = this.current();
    const ev = r?.evidence[0];
    if (!r || !ev) return;
    void this.app.addEntity(r.from).then(() => this.app.addRelations([r]));
    this.app.openDocument(ev.document.id, ev.id);
  }
}

// ---- the side panel

/** The review line of a claim in the side panel: status, who, and the controls. */
export function claimReview(app: App, r: Relation): HTMLElement {
  const rv = r.review;
  const box = h("div", { class: "review", testid: "claim-review" },
    statusBadge(rv?.status),
    rv?.by ? h("span", { class: "muted small" }, ` by ${rv.by}${rv.at ? `, ${rv.at.slice(0, 10)}` : ""}`) : null,
    rv?.note ? h("span", { class: "small" }, ` — “${rv.note}”`) : null,
  );
  if (app.canEdit && rv?.status !== "CORRECTED") {
    const controls = h("div", { class: "row review-controls" });
    if (rv?.status !== "CONFIRMED") controls.append(button("Confirm", () => void review(app, r, "CONFIRMED"), { class: "small", testid: "claim-confirm" }));
    if (rv?.status !== "REJECTED") controls.append(button("Reject", () => void review(app, r, "REJECTED"), { class: "small", testid: "claim-reject" }));
    controls.append(button("Correct…", () => box.append(correctForm(app, r)), { class: "small", testid: "claim-correct" }));
    box.append(controls);
  }
  box.append(notesAndHistory(app, r.id, true));
  return box;
}

/** A form that replaces a claim by a corrected one. */
function correctForm(app: App, r: Relation): HTMLElement {
  const type = typeSelect(r.type);
  const from = h("input", { testid: "correct-from", attrs: { value: r.from.id, "aria-label": "from (id)" } });
  const to = h("input", { testid: "correct-to", attrs: { value: r.to.id, "aria-label": "to (id)" } });
  const modality = modalitySelect(r.modality);
  const note = h("input", { testid: "correct-note", attrs: { placeholder: "why (optional)", "aria-label": "note" } });
  const form = h("form", { class: "correct-form", testid: "correct-form" },
    h("label", {}, "type ", type), h("label", {}, "from ", from), h("label", {}, "to ", to), h("label", {}, "modality ", modality), note,
    h("button", { class: "primary", testid: "correct-submit", attrs: { type: "submit" } }, "Replace the claim"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void app.track(app.api.correctClaim(r.id, {
      type: type.value as RelType, from: from.value.trim(), to: to.value.trim(), modality: modality.value as Modality, note: note.value.trim() || undefined,
    }, r.version)).then((next) => {
      app.claimChanged({ ...r, review: { status: "CORRECTED", by: next.review?.by ?? null, at: next.review?.at ?? null, note: next.review?.note ?? null } });
      app.addRelations([next]);
      app.toast("Claim corrected: the old one is kept, marked corrected.");
      void app.select({ type: "edge", id: next.id });
    }, (err: unknown) => app.toast(failure(err), true));
  });
  return form;
}

function typeSelect(current?: RelType): HTMLSelectElement {
  const s = h("select", { testid: "claim-type", attrs: { "aria-label": "relationship type" } });
  for (const t of REL_TYPES) {
    const o = h("option", { attrs: { value: t } }, relLabel(t));
    if (t === current) o.selected = true;
    s.append(o);
  }
  return s;
}

function modalitySelect(current: Modality = "ASSERTED"): HTMLSelectElement {
  const s = h("select", { testid: "claim-modality-select", attrs: { "aria-label": "modality" } });
  for (const m of MODALITIES) {
    const o = h("option", { attrs: { value: m } }, modalityText(m));
    if (m === current) o.selected = true;
    s.append(o);
  }
  return s;
}

/** Notes (and a box to add one) and, on demand, the history of a node or claim. */
export function notesAndHistory(app: App, id: string, claim: boolean): HTMLElement {
  const box = h("div", { class: "notes", testid: "notes", attrs: { "data-subject": id } });
  const list = h("ul", { class: "note-list small", testid: "note-list" });
  const hist = h("ol", { class: "history-list small", testid: "history-list" });
  hist.hidden = true;
  const load = async () => {
    const d = await app.track(app.api.notesAndHistory(id, claim)).catch(() => null);
    if (!d) return;
    clear(list);
    for (const n of d.notes) list.append(h("li", { testid: "note" }, h("span", { class: "muted" }, `${n.by}, ${n.at.slice(0, 10)}: `), n.text));
    clear(hist);
    for (const c of d.history) hist.append(historyItem(c));
    if (!d.history.length) hist.append(h("li", { class: "muted" }, "No change by a person yet."));
  };
  void load();
  box.append(list);
  const toggle = button("History", () => {
    hist.hidden = !hist.hidden;
    void load();
  }, { class: "link small", testid: "history-toggle" });
  if (app.canEdit) {
    const text = h("input", { testid: "note-input", attrs: { placeholder: "Add a note…", "aria-label": "note" } });
    const form = h("form", { class: "row note-form" }, text, h("button", { testid: "note-add", attrs: { type: "submit" } }, "Add note"), toggle);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const t = text.value.trim();
      if (!t) return;
      void app.track(app.api.addNote(id, t)).then(() => {
        text.value = "";
        void load();
      }, () => undefined);
    });
    box.append(form);
  } else {
    box.append(toggle);
  }
  box.append(hist);
  return box;
}

function historyItem(c: Change): HTMLElement {
  const li = h("li", { testid: "history-item", attrs: { "data-action": c.action } },
    h("span", { class: "muted" }, `${c.at.replace("T", " ").slice(0, 19)} `), h("strong", {}, c.by), ` ${c.action}`);
  const status = (s: string | null) => {
    try {
      return s ? (JSON.parse(s) as { status?: string }).status : undefined;
    } catch {
      return undefined;
    }
  };
  const a = status(c.before), b = status(c.after);
  if (b && a !== b) li.append(h("span", { class: "muted" }, ` ${a ? a.toLowerCase() + " → " : ""}${b.toLowerCase()}`));
  return li;
}

// ---- merging

/** The merge dialog: find the duplicate of node n, and merge it into n. */
export function openMergeDialog(app: App, n: NodeSummary): void {
  const dialog = h("dialog", { class: "merge-dialog", testid: "merge-dialog" });
  const input = h("input", { testid: "merge-search", attrs: { type: "search", placeholder: `Another ${kindStyle(n.kind).label.toLowerCase()} that is the same…`, "aria-label": "find the duplicate" } });
  const results = h("ul", { class: "merge-results", testid: "merge-results" });
  const confirm = h("p", { class: "small" });
  let picked: NodeSummary | null = null;
  const go = button("Merge", () => {
    if (!picked) return;
    const dup = picked;
    void app.track(app.api.mergeEntities(n.id, [dup.id])).then((kept) => {
      dialog.close();
      app.merged(dup.id, kept);
      app.toast(`Merged ${dup.name} into ${kept.name}.`);
    }, (e: unknown) => app.toast(failure(e), true));
  }, { class: "primary", testid: "merge-confirm" });
  go.disabled = true;
  let seq = 0;
  input.addEventListener("input", () => {
    const mine = ++seq;
    const q = input.value.trim();
    if (q.length < 2) return;
    void app.api.search(q, 10).then((hits) => {
      if (mine !== seq) return;
      clear(results);
      for (const hit of hits) {
        if (hit.node.id === n.id || hit.node.kind !== n.kind) continue;
        results.append(h("li", {},
          button(`${hit.node.name} (${hit.node.id})`, () => {
            picked = hit.node;
            go.disabled = false;
            confirm.textContent = `Merge “${hit.node.name}” into “${n.name}”: its claims, evidence, notes and names move to ${n.id}, and ${hit.node.id} will lead there.`;
          }, { class: "link", testid: "merge-option", attrs: { "data-id": hit.node.id } })));
      }
      if (!results.childElementCount) results.append(h("li", { class: "muted" }, `No other ${kindStyle(n.kind).label.toLowerCase()} matches.`));
    }, () => undefined);
  });
  dialog.append(
    h("h2", {}, `Merge into ${n.name}`),
    h("p", { class: "small muted" }, "Search for the duplicate; only entities of the same kind can be merged."),
    input, results, confirm,
    h("div", { class: "row" }, button("Cancel", () => dialog.close(), { testid: "merge-cancel" }), go),
  );
  dialog.addEventListener("close", () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  input.focus();
}

// ---- adding a claim from a selection in the article view

/**
 * The code-point offsets of the selection inside root, whose text content is
 * the document's text; null when the selection is empty or outside it.
 */
export function selectionOffsets(root: HTMLElement, sel: Selection | null): { start: number; end: number } | null {
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null;
  const offsetOf = (node: Node, offset: number): number => {
    const pre = document.createRange();
    pre.setStart(root, 0);
    pre.setEnd(node, offset);
    return [...pre.toString()].length;
  };
  const start = offsetOf(range.startContainer, range.startOffset);
  const end = offsetOf(range.endContainer, range.endOffset);
  return end > start ? { start, end } : null;
}

/** The form that adds a claim whose evidence is the selected passage. */
export function addClaimForm(app: App, doc: DocumentFull, span: { start: number; end: number }, candidates: NodeSummary[], onDone: () => void): HTMLElement {
  const quote = [...doc.text].slice(span.start, span.end).join("");
  const pick = (testid: string, label: string) => {
    const s = h("select", { testid, attrs: { "aria-label": label } });
    for (const c of candidates) s.append(h("option", { attrs: { value: c.id } }, `${c.name} (${kindStyle(c.kind).label})`));
    return s;
  };
  const from = pick("add-from", "from");
  const to = pick("add-to", "to");
  if (candidates.length > 1) to.selectedIndex = 1;
  const type = typeSelect("SUPPORTED");
  const modality = modalitySelect();
  const form = h("form", { class: "add-claim", testid: "add-claim-form" },
    h("h3", {}, "Add a claim from this passage"),
    h("blockquote", { class: "quote", testid: "add-claim-quote" }, quote),
    h("label", {}, "from ", from), h("label", {}, "type ", type), h("label", {}, "to ", to), h("label", {}, "modality ", modality),
    h("div", { class: "row" },
      h("button", { class: "primary", testid: "add-claim-submit", attrs: { type: "submit" } }, "Add the claim"),
      button("Cancel", onDone, { testid: "add-claim-cancel" })));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void app.track(app.api.addClaim({
      type: type.value as RelType, from: from.value, to: to.value, modality: modality.value as Modality,
      evidence: { document: doc.id, start: span.start, end: span.end },
    })).then((r) => {
      app.addRelations([r]);
      app.toast(`Claim added: ${r.from.name} — ${relLabel(r.type)} → ${r.to.name}.`);
      onDone();
    }, (err: unknown) => app.toast(failure(err), true));
  });
  return form;
}
