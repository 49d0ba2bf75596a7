// The application: the graph model, the canvas, the layout, the view state in
// the URL, and the actions the panels call (add, expand, select, open).

import { Api } from "./api";
import { createSigma, hideEdgesDuringLayout, snapshotPNG, tuneForSize, type CanvasState, type GraphSigma } from "./canvas";
import { byId, download } from "./dom";
import { toCSV, toGEXF } from "./exporters";
import { defaultFilters } from "./filters";
import { GraphModel } from "./graphstore";
import { Layout, type LayoutStatus } from "./layout";
import { decodeView, encodeView, type Selection, type ViewState } from "./state";
import type { NodeSummary, Relation, RelType } from "./types";

/** Claims fetched per expansion page ("+N more" fetches the next). */
export const EXPAND_PAGE = 12;

export interface Expansion {
  types: RelType[];
  after: string | null;
  hasNext: boolean;
  total: number;
  loaded: number;
}

type Listener = () => void;

export class App {
  readonly api = new Api();
  readonly model = new GraphModel();
  readonly canvasState: CanvasState = { filters: defaultFilters(), hovered: null, selectedNode: null, selectedEdge: null, focus: null };
  readonly sigma: GraphSigma;
  readonly layout: Layout;
  selection: Selection = null;
  doc: string | null = null;
  path: { from: string; to: string } | null = null;
  /** Requests in flight (tests wait for 0). */
  pending = 0;
  /** Paging state of expansions, by node id and relationship types. */
  readonly expansions = new Map<string, Expansion>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private restoring = false;
  private layoutWasRunning = false;

  constructor(container: HTMLElement) {
    this.sigma = createSigma(this.model.graph, container, this.canvasState, {
      onClickNode: (id) => this.select({ type: "node", id }),
      onDoubleClickNode: (id) => void this.expand(id, []),
      onClickEdge: (id) => this.select({ type: "edge", id }),
      onClickStage: () => {
        if (this.canvasState.focus) {
          this.canvasState.focus = null;
          this.refresh();
        }
      },
      onDragStart: () => {
        this.layoutWasRunning = this.layout.getStatus() === "running";
        this.layout.pause();
      },
      onDragEnd: () => {
        if (this.layoutWasRunning) this.layout.start();
      },
    });
    this.layout = new Layout(this.model.graph, {
      onStatus: (s) => {
        if (hideEdgesDuringLayout(this.canvasState, s === "running", this.model.graph.size)) this.sigma.refresh({ skipIndexation: true });
        this.emit("layout", s);
      },
      onSettled: (ms, it) => {
        this.lastSettle = { ms, iterations: it };
        if (this.fitAfterSettle) {
          this.fitAfterSettle = false;
          void this.sigma.getCamera().animatedReset({ duration: 300 });
        }
      },
    });
  }

  lastSettle: { ms: number; iterations: number } | null = null;
  private fitAfterSettle = true;

  on(event: "change" | "selection" | "layout" | "busy" | "filters" | "article", fn: Listener): void {
    let s = this.listeners.get(event);
    if (!s) this.listeners.set(event, (s = new Set()));
    s.add(fn);
  }

  private emit(event: string, _arg?: LayoutStatus): void {
    for (const fn of this.listeners.get(event) ?? []) fn();
  }

  /** Runs p, counting it as in flight, and shows its error if it fails. */
  track<T>(p: Promise<T>): Promise<T> {
    this.pending++;
    this.updateBusy();
    return p.then(
      (v) => {
        this.pending--;
        this.updateBusy();
        return v;
      },
      (e: unknown) => {
        this.pending--;
        this.updateBusy();
        this.toast(e instanceof Error ? e.message : String(e), true);
        throw e;
      },
    );
  }

  private updateBusy(): void {
    document.body.dataset.pending = String(this.pending);
    this.emit("busy");
  }

  /** Every error shown to the user (tests check it stays empty). */
  readonly errors: string[] = [];

  toast(message: string, error = false): void {
    if (error) this.errors.push(message);
    const t = byId("toast");
    t.textContent = message;
    t.classList.toggle("error", error);
    t.hidden = false;
    t.dataset.testid = error ? "toast-error" : "toast";
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => (t.hidden = true), error ? 6000 : 2500);
  }
  private toastTimer: ReturnType<typeof setTimeout> | undefined;

  // ---- changing what is on the canvas

  /** Adds relations, and their ends, to the canvas. */
  addRelations(rels: Relation[], near?: string): void {
    for (const r of rels) this.model.addRelation(r, near);
    this.changed();
  }

  /**
   * Adds an entity to the canvas (pinned), with the claims that join it to
   * what is already there, and selects it when asked.
   */
  async addEntity(n: NodeSummary | string, opts: { select?: boolean } = {}): Promise<void> {
    let node: NodeSummary | null = typeof n === "string" ? (this.model.summaries.get(n) ?? null) : n;
    if (!node && typeof n === "string") {
      const [found] = await this.track(this.api.nodes([n]));
      node = found ?? null;
      if (!node) {
        this.toast(`No node ${n} in the graph.`, true);
        return;
      }
    }
    if (!node) return;
    this.model.addNode(node);
    this.model.graph.setNodeAttribute(node.id, "pinned", true);
    const page = await this.track(this.api.relationsOf(node.id, { first: 100 }));
    if (page) {
      const joining = page.relations.filter((r) => this.model.graph.hasNode(r.from.id === node!.id ? r.to.id : r.from.id));
      for (const r of joining) this.model.addRelation(r, node.id);
    }
    this.changed();
    if (opts.select) await this.select({ type: "node", id: node.id });
  }

  expansionKey(id: string, types: RelType[]): string {
    return `${id}|${[...types].sort().join(",")}`;
  }

  /** Adds a page of a node's neighbours (all, or along some relationship types); again for the next page. */
  async expand(id: string, types: RelType[]): Promise<Expansion | null> {
    const key = this.expansionKey(id, types);
    const prev = this.expansions.get(key);
    if (prev && !prev.hasNext) return prev;
    const page = await this.track(this.api.relationsOf(id, { types, first: EXPAND_PAGE, after: prev?.after ?? null }));
    if (!page) return null;
    const exp: Expansion = {
      types,
      after: page.pageInfo.endCursor,
      hasNext: page.pageInfo.hasNextPage,
      total: page.totalCount,
      loaded: (prev?.loaded ?? 0) + page.relations.length,
    };
    this.expansions.set(key, exp);
    this.addRelations(page.relations, id);
    this.emit("selection");
    return exp;
  }

  removeNode(id: string): void {
    this.model.removeNode(id);
    for (const k of [...this.expansions.keys()]) if (k.startsWith(`${id}|`)) this.expansions.delete(k);
    if (this.selection?.type === "node" && this.selection.id === id) this.selection = null;
    if (this.selection?.type === "edge" && !this.model.graph.hasEdge(this.selection.id)) this.selection = null;
    this.changed();
    this.emit("selection");
  }

  clearCanvas(): void {
    this.model.clear();
    this.expansions.clear();
    this.selection = null;
    this.canvasState.focus = null;
    this.path = null;
    this.fitAfterSettle = true;
    this.changed();
    this.emit("selection");
  }

  /** Highlights a set of nodes and claims (a path), dimming the rest. */
  setFocus(focus: { nodes: Set<string>; edges: Set<string> } | null): void {
    this.canvasState.focus = focus;
    this.refresh();
  }

  async select(sel: Selection): Promise<void> {
    this.selection = sel;
    this.canvasState.selectedNode = sel?.type === "node" ? sel.id : null;
    this.canvasState.selectedEdge = sel?.type === "edge" ? sel.id : null;
    this.refresh();
    this.syncUrl();
    this.emit("selection");
  }

  /** The evidence to scroll to in the open article. */
  focusEvidence: string | null = null;

  openDocument(id: string | null, evidenceId: string | null = null): void {
    this.doc = id;
    this.focusEvidence = evidenceId;
    this.syncUrl();
    this.emit("article");
  }

  /** Set by the path finder: "Path from here" and "Path to here" in the side panel. */
  pathEndHandler: ((end: "from" | "to", n: NodeSummary) => void) | null = null;

  emitPathEnd(end: "from" | "to", n: NodeSummary): void {
    this.pathEndHandler?.(end, n);
  }

  /** Call after filters change. */
  filtersChanged(): void {
    this.refresh();
    this.syncUrl();
    this.emit("filters");
  }

  private changed(): void {
    this.model.finish();
    tuneForSize(this.sigma, this.model.graph.size);
    this.refresh();
    this.syncUrl();
    this.emit("change");
  }

  refresh(): void {
    this.sigma.refresh();
    const info = byId("canvas-info");
    const f = this.canvasState.filters;
    const shownNodes = this.model.visibleNodes(f).length;
    const shownClaims = this.model.visibleRelations(f).length;
    info.textContent = `${shownNodes} nodes · ${shownClaims} claims shown` +
      (shownClaims < this.model.graph.size || shownNodes < this.model.graph.order ? ` (of ${this.model.graph.order} nodes, ${this.model.graph.size} claims; filters on)` : "");
    info.dataset.nodes = String(this.model.graph.order);
    info.dataset.edges = String(this.model.graph.size);
    byId("empty").hidden = this.model.graph.order > 0;
  }

  fit(): void {
    void this.sigma.getCamera().animatedReset({ duration: 300 });
  }

  // ---- the URL

  view(): ViewState {
    return {
      nodes: this.model.graph.nodes(),
      edges: this.model.graph.edges(),
      selection: this.selection,
      doc: this.doc,
      filters: this.canvasState.filters,
      path: this.path,
    };
  }

  syncUrl(): void {
    if (this.restoring) return;
    const hash = encodeView(this.view());
    const url = `${location.pathname}${location.search}${hash ? `#${hash}` : ""}`;
    if (url !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(null, "", url);
  }

  /** Restores a view from the URL fragment. */
  async restore(fragment: string): Promise<void> {
    const v = decodeView(fragment);
    this.restoring = true;
    try {
      this.canvasState.filters = v.filters;
      this.path = v.path;
      const [nodes, rels] = await Promise.all([
        this.track(this.api.nodes(v.nodes)),
        this.track(this.api.relations(v.edges)),
      ]);
      for (const n of nodes) if (n) this.model.addNode(n);
      for (const r of rels) if (r) this.model.addRelation(r);
      for (const n of nodes) if (n) this.model.graph.setNodeAttribute(n.id, "pinned", true);
      // A hand-written link may name entities only: join them with the
      // claims between them.
      if (v.edges.length === 0 && v.nodes.length > 1 && v.nodes.length <= 30) {
        const present = new Set(v.nodes);
        const pages = await Promise.all(v.nodes.map((id) => this.track(this.api.relationsOf(id, { first: 100 }))));
        for (const p of pages) for (const r of p?.relations ?? []) if (present.has(r.from.id) && present.has(r.to.id)) this.model.addRelation(r);
      }
      const missing = nodes.filter((n) => !n).length + rels.filter((r) => !r).length;
      if (missing) this.toast(`${missing} item(s) of this link are no longer in the graph.`, true);
      this.model.finish();
      tuneForSize(this.sigma, this.model.graph.size);
      this.doc = v.doc;
      this.selection = v.selection;
      this.canvasState.selectedNode = v.selection?.type === "node" ? v.selection.id : null;
      this.canvasState.selectedEdge = v.selection?.type === "edge" ? v.selection.id : null;
    } finally {
      this.restoring = false;
    }
    this.syncUrl();
    this.refresh();
    this.emit("change");
    this.emit("filters");
    this.emit("selection");
    if (this.doc) this.emit("article");
  }

  // ---- exports

  async exportPNG(): Promise<void> {
    const blob = await this.track(snapshotPNG(this.sigma));
    download("actorgraph.png", blob);
  }

  exportGEXF(): void {
    const f = this.canvasState.filters;
    const nodes = this.model.visibleNodes(f).map((id) => {
      const a = this.model.graph.getNodeAttributes(id);
      const s = this.model.summaries.get(id);
      return { id, kind: s?.kind ?? (a.kind as NodeSummary["kind"]), name: a.label, aliases: a.aliases, x: a.x, y: a.y, color: a.color, size: a.size };
    });
    const xml = toGEXF(nodes, this.model.visibleRelations(f), { created: new Date().toISOString().slice(0, 10) });
    download("actorgraph.gexf", new Blob([xml], { type: "application/xml" }));
  }

  exportCSV(): void {
    const csv = toCSV(this.model.visibleRelations(this.canvasState.filters));
    download("actorgraph-claims.csv", new Blob([csv], { type: "text/csv;charset=utf-8" }));
  }
}
