// The application: the graph model, the canvas, the layout, the view state in
// the URL, and the actions the panels call (add, expand, select, open).

import { Api } from "./api";
import { citedSources, toSVG, type SvgEdge } from "./svgexport";
import { claimVisible, isDefault } from "./filters";
import { createSigma, fitView, MODALITY_COLOR, hideEdgesDuringLayout, snapshotPNG, tuneForSize, type CanvasState, type GraphSigma } from "./canvas";
import { byId, download } from "./dom";
import { toCSV, toGEXF } from "./exporters";
import { defaultFilters } from "./filters";
import { GraphModel } from "./graphstore";
import { Layout, type LayoutStatus } from "./layout";
import { COMPACT_ABOVE, isVirtual } from "./compact";
import { centroid, defaultGroupName, isGroupNode, nextGroupId, type GroupState } from "./groups";
import { radialPositions, timePositions, type LayoutName, type Positions } from "./layouts";
import { NODE_KINDS } from "./types";
import { sameView, UndoStack, type Snapshot } from "./history";
import { decodeView, encodeView, type Selection, type ViewState } from "./state";
import type { NodeSummary, Relation, RelType, Viewer } from "./types";

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
      onClickNode: (id, add) => {
        if (add) return this.toggleMulti(id);
        this.clearMulti();
        void this.select({ type: "node", id });
      },
      onDoubleClickNode: (id) => void this.expand(id, []),
      // A compact edge stands for a claim-node: select that; a group's
      // edge for a claim of a member: select the claim.
      onClickEdge: (id) => {
        const a = this.model.graph.getEdgeAttributes(id);
        if (!isVirtual(id)) return this.select({ type: "edge", id });
        return this.select(typeof a.claim === "string" ? { type: "edge", id: a.claim } : { type: "node", id: String(a.via) });
      },
      onClickStage: () => {
        this.clearMulti();
        if (this.canvasState.focus) {
          this.canvasState.focus = null;
          this.refresh();
        }
      },
      onDragStart: () => {
        this.layoutWasRunning = this.layout.getStatus() === "running";
        this.layout.pause();
      },
      onDragEnd: (id) => {
        if (this.layoutWasRunning) this.layout.start();
        this.commit(`Move ${this.model.graph.getNodeAttribute(id, "label")}`, { force: true });
      },
    });
    this.layout = new Layout(this.model.graph, {
      onStatus: (s) => {
        if (hideEdgesDuringLayout(this.canvasState, s === "running", this.model.graph.size)) this.sigma.refresh({ skipIndexation: true });
        this.emit("layout", s);
      },
      onSettled: (ms, it) => {
        this.lastSettle = { ms, iterations: it };
        this.keepPositions();
        if (this.fitAfterSettle) {
          this.fitAfterSettle = false;
          void fitView(this.sigma);
        }
      },
    });
  }

  lastSettle: { ms: number; iterations: number } | null = null;
  private fitAfterSettle = true;

  on(event: "change" | "selection" | "layout" | "busy" | "filters" | "article" | "history" | "viewer" | "review" | "compact" | "layout-choice" | "multi", fn: Listener): void {
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
    if (this.pending === 0 && this.commitWanted) this.scheduleCommit();
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

  // ---- who is asking (review)

  /** Who the server says we are; null until known. */
  viewer: Viewer | null = null;

  /** Whether to show the controls that change the graph (readers see none). */
  get canEdit(): boolean {
    return !!this.viewer?.canEdit;
  }

  /** Asks the server who we are; the panels redraw with or without editing. */
  async loadViewer(): Promise<void> {
    try {
      this.viewer = await this.api.viewer();
    } catch {
      this.viewer = null;
    }
    document.body.dataset.canEdit = String(this.canEdit);
    this.emit("viewer");
    this.emit("selection");
  }

  /** A claim changed on the server (reviewed, corrected): the canvas and the panels show its new state. */
  claimChanged(r: Relation): void {
    this.model.updateRelation(r);
    this.refresh();
    this.emit("selection");
    this.emit("review");
  }

  /** Node dup was merged into kept: it leaves the canvas, and kept shows with its claims. */
  merged(dup: string, kept: NodeSummary): void {
    const had = this.model.graph.hasNode(dup);
    this.model.removeNode(dup);
    for (const k of [...this.expansions.keys()]) if (k.startsWith(`${dup}|`)) this.expansions.delete(k);
    this.changed();
    void this.addEntity(kept, { select: true }).then(() => {
      if (had) void this.expand(kept.id, []);
    });
    this.emit("review");
  }

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
    this.nextLabel ??= `Remove ${this.model.graph.hasNode(id) ? this.model.graph.getNodeAttribute(id, "label") : id}`;
    this.model.removeNode(id);
    for (const k of [...this.expansions.keys()]) if (k.startsWith(`${id}|`)) this.expansions.delete(k);
    if (this.selection?.type === "node" && this.selection.id === id) this.selection = null;
    if (this.selection?.type === "edge" && !this.model.graph.hasEdge(this.selection.id)) this.selection = null;
    this.changed();
    this.emit("selection");
  }

  /** Empties the canvas; Undo brings it back. */
  clearCanvas(): void {
    this.nextLabel ??= "Clear";
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
    this.scheduleCommit();
    this.emit("selection");
  }

  // ---- selection tools

  /** The nodes the selection tools act on: the Shift-click set, else the selected node. */
  selectedNodes(): string[] {
    const m = this.canvasState.multi;
    if (m && m.size) return [...m].filter((id) => this.model.graph.hasNode(id));
    return this.selection?.type === "node" && this.model.graph.hasNode(this.selection.id) ? [this.selection.id] : [];
  }

  /** Shift-click: adds a node to the multi-selection (with the selected one), or takes it out. */
  toggleMulti(id: string): void {
    const m = (this.canvasState.multi ??= new Set());
    if (m.size === 0 && this.selection?.type === "node" && this.selection.id !== id) m.add(this.selection.id);
    if (m.has(id)) m.delete(id);
    else m.add(id);
    this.refresh();
    this.emit("multi");
  }

  /** Adds nodes to the multi-selection (the lasso). */
  addToMulti(ids: string[]): void {
    const m = (this.canvasState.multi ??= new Set());
    if (m.size === 0 && this.selection?.type === "node") m.add(this.selection.id);
    for (const id of ids) m.add(id);
    this.refresh();
    this.emit("multi");
  }

  clearMulti(): void {
    if (!this.canvasState.multi?.size) return;
    this.canvasState.multi.clear();
    this.refresh();
    this.emit("multi");
  }

  /** Adds the neighbours on the canvas of the selected nodes to the multi-selection. */
  selectNeighbours(): void {
    const sel = this.selectedNodes();
    const m = (this.canvasState.multi ??= new Set());
    for (const id of sel) {
      m.add(id);
      for (const n of this.model.graph.neighbors(id)) if (!this.model.graph.getNodeAttribute(n, "userHidden")) m.add(n);
    }
    this.refresh();
    this.emit("multi");
  }

  /** Pins the selected nodes where they are (the layout leaves them), or unpins them if all are pinned. */
  pinSelected(): void {
    const sel = this.selectedNodes();
    if (!sel.length) return;
    const g = this.model.graph;
    const unpin = sel.every((id) => g.getNodeAttribute(id, "fixed"));
    for (const id of sel) g.setNodeAttribute(id, "fixed", unpin ? undefined : true);
    this.commit(unpin ? `Unpin ${sel.length} node(s)` : `Pin ${sel.length} node(s)`, { force: true });
  }

  /** Hides the selected nodes (and their claims) without removing them; Show hidden brings them back. */
  hideSelected(): void {
    const sel = this.selectedNodes();
    if (!sel.length) return;
    for (const id of sel) this.model.graph.setNodeAttribute(id, "userHidden", true);
    this.canvasState.multi?.clear();
    if (this.selection?.type === "node" && sel.includes(this.selection.id)) this.selection = null;
    this.canvasState.selectedNode = this.selection?.type === "node" ? this.selection.id : null;
    this.refresh();
    this.commit(`Hide ${sel.length} node(s)`, { force: true });
    this.emit("multi");
    this.emit("selection");
  }

  hiddenCount(): number {
    return this.model.graph.filterNodes((_n, a) => !!a.userHidden).length;
  }

  showHidden(): void {
    this.model.graph.forEachNode((n, a) => {
      if (a.userHidden) this.model.graph.removeNodeAttribute(n, "userHidden");
    });
    this.refresh();
    this.commit("Show hidden nodes", { force: true });
    this.emit("multi");
  }

  // ---- groups (groups.ts)

  /**
   * Groups the selected nodes (two or more) into one collapsed group node,
   * selected afterwards. Selected groups are merged into the new one.
   * One undo step.
   */
  groupSelected(name?: string): string | null {
    const g = this.model.graph;
    const members: string[] = [];
    for (const id of this.selectedNodes()) {
      const grp = this.model.groups.get(id);
      if (grp) {
        members.push(...grp.members);
        this.model.groups.delete(id);
      } else if (!g.getNodeAttribute(id, "inGroup")) {
        members.push(id);
      }
    }
    const uniq = [...new Set(members)];
    if (uniq.length < 2) {
      this.toast("Select two or more nodes to group them (Shift-click or the lasso).", true);
      return null;
    }
    // A node belongs to one group: it leaves any group it was in.
    for (const grp of this.model.groups.values()) grp.members = grp.members.filter((m) => !uniq.includes(m));
    const id = nextGroupId(this.model.groups.values());
    const label = (m: string) => String(g.getNodeAttribute(m, "fullLabel") ?? g.getNodeAttribute(m, "label"));
    const groupName = name?.trim() || defaultGroupName(uniq.map(label));
    this.model.groups.set(id, { id, name: groupName, members: uniq, collapsed: true });
    this.canvasState.multi?.clear();
    this.nextLabel = `Group ${uniq.length} nodes`;
    this.changed();
    void this.select({ type: "node", id });
    this.emit("multi");
    return id;
  }

  /** Draws a group as one node (collapsed) or shows its members (expanded). One undo step. */
  setGroupCollapsed(id: string, collapsed: boolean): void {
    const grp = this.model.groups.get(id);
    if (!grp || grp.collapsed === collapsed) return;
    grp.collapsed = collapsed;
    // The group node stands where its members are.
    if (collapsed && this.model.graph.hasNode(id)) this.model.graph.mergeNodeAttributes(id, centroid(this.model.graph, grp.members));
    this.nextLabel = `${collapsed ? "Collapse" : "Expand"} ${grp.name}`;
    this.changed();
    this.emit("selection");
    this.emit("multi");
  }

  /** Forgets a group: its members are drawn again with their own claims. One undo step. */
  ungroup(id: string): void {
    const grp = this.model.groups.get(id);
    if (!grp) return;
    this.model.groups.delete(id);
    if (this.selection?.type === "node" && this.selection.id === id) {
      this.selection = null;
      this.canvasState.selectedNode = null;
    }
    this.nextLabel = `Ungroup ${grp.name}`;
    this.changed();
    this.emit("selection");
    this.emit("multi");
  }

  renameGroup(id: string, name: string): void {
    const grp = this.model.groups.get(id);
    const n = name.trim();
    if (!grp || !n || n === grp.name) return;
    grp.name = n;
    this.nextLabel = `Rename group ${n}`;
    this.changed();
    this.emit("selection");
  }

  /** The groups as snapshots and links keep them. */
  private groupStates(): GroupState[] {
    const g = this.model.graph;
    return [...this.model.groups.values()].map((grp) => ({
      id: grp.id, name: grp.name, collapsed: grp.collapsed, members: [...grp.members],
      x: g.hasNode(grp.id) ? g.getNodeAttribute(grp.id, "x") : 0, y: g.hasNode(grp.id) ? g.getNodeAttribute(grp.id, "y") : 0,
    }));
  }

  /** Puts groups (from a snapshot or a link) on the canvas; call finish() after. */
  private setGroups(groups: GroupState[]): void {
    this.model.groups.clear();
    for (const n of this.model.graph.nodes()) if (isGroupNode(n)) this.model.graph.dropNode(n);
    for (const gs of groups) {
      const members = gs.members.filter((m) => this.model.graph.hasNode(m));
      if (!members.length) continue;
      this.model.groups.set(gs.id, { id: gs.id, name: gs.name, collapsed: gs.collapsed, members });
    }
    this.model.finish();
    for (const gs of groups) if (this.model.graph.hasNode(gs.id)) this.model.graph.mergeNodeAttributes(gs.id, { x: gs.x, y: gs.y });
  }

  /** Move the focus to the side panel once it shows the selection (set by the search box). */
  focusDetails = false;

  /** The evidence to scroll to in the open article. */
  focusEvidence: string | null = null;

  openDocument(id: string | null, evidenceId: string | null = null): void {
    this.doc = id;
    this.focusEvidence = evidenceId;
    this.scheduleCommit();
    this.emit("article");
  }

  /** Set by the path finder: "Path from here" and "Path to here" in the side panel. */
  pathEndHandler: ((end: "from" | "to", n: NodeSummary) => void) | null = null;

  emitPathEnd(end: "from" | "to", n: NodeSummary): void {
    this.pathEndHandler?.(end, n);
  }

  /** Call after filters change. */
  filtersChanged(): void {
    this.nextLabel ??= "Change filters";
    this.refresh();
    this.scheduleCommit();
    this.emit("filters");
  }

  /** The layout in use: ForceAtlas2, rings around the selection, or a timeline. */
  layoutName: LayoutName = "force";

  /**
   * Lays the graph out another way. Radial and time place every node at once
   * and keep the force layout still (a drag or Run layout goes back to it);
   * force runs ForceAtlas2 from where the nodes are. One undo step.
   */
  useLayout(name: LayoutName): void {
    const g = this.model.graph;
    let pos: Positions | null = null;
    if (name === "radial") {
      const center = this.selection?.type === "node" && g.hasNode(this.selection.id) ? this.selection.id
        : g.nodes().sort((a, b) => g.degree(b) - g.degree(a))[0];
      if (!center) return;
      pos = radialPositions(g, center);
    } else if (name === "time") {
      pos = timePositions(g, NODE_KINDS);
    }
    this.layoutName = name;
    this.emit("layout-choice");
    if (!pos) {
      g.forEachNode((n) => g.removeNodeAttribute(n, "fixed"));
      this.layout.start();
      return;
    }
    this.layout.hold();
    for (const [n, p] of pos) g.mergeNodeAttributes(n, { x: p.x, y: p.y });
    void fitView(this.sigma);
    this.commit(name === "radial" ? "Radial layout" : "Time layout", { force: true });
  }

  /** Whether the user turned compact mode on or off (else it follows the graph's size). */
  compactChosen = false;

  /** Compact mode on or off: the picture stays where it is, only drawn differently. */
  setCompact(on: boolean, chosen = true): void {
    if (chosen) this.compactChosen = true;
    if (this.model.compact === on) return;
    this.model.compact = on;
    this.model.finish();
    this.layout.hold();
    this.refresh();
    // Not an undo step (the picture is the same graph), but a link keeps it.
    this.syncUrl();
    this.emit("compact");
  }

  private changed(): void {
    if (!this.compactChosen && this.model.compact !== this.model.graph.order > COMPACT_ABOVE) {
      this.model.compact = this.model.graph.order > COMPACT_ABOVE;
      this.emit("compact");
    }
    this.model.finish();
    tuneForSize(this.sigma, this.model.graph.size);
    this.refresh();
    this.scheduleCommit();
    this.emit("change");
  }

  refresh(): void {
    this.canvasState.filteredOut = this.model.filteredOut(this.canvasState.filters);
    this.sigma.refresh();
    const info = byId("canvas-info");
    const f = this.canvasState.filters;
    const shownNodes = this.model.visibleNodes(f).length;
    const shownClaims = this.model.visibleRelations(f).length;
    const g = this.model.graph;
    const claims = g.filterEdges((e) => !isVirtual(e)).length;
    const entities = g.filterNodes((n) => !isGroupNode(n)).length;
    // Say why fewer are shown: the filters, compact mode, nodes the user hid.
    const why: string[] = [];
    if (!isDefault(f) || (this.canvasState.filteredOut?.size ?? 0) > 0) why.push("filters on");
    const folded = g.filterNodes((_n, a) => !!a.folded).length;
    if (folded) why.push(`${folded} drawn as edges`);
    const hidden = g.filterNodes((_n, a) => !!a.userHidden).length;
    if (hidden) why.push(`${hidden} hidden`);
    const grouped = g.filterNodes((_n, a) => !!a.inGroup).length;
    if (grouped) why.push(`${grouped} in groups`);
    info.textContent = `${shownNodes} nodes · ${shownClaims} claims shown` +
      (shownClaims < claims || shownNodes < entities ? ` (of ${entities} nodes, ${claims} claims; ${why.join(", ") || "filters on"})` : "");
    info.dataset.nodes = String(entities);
    info.dataset.edges = String(claims);
    byId("empty").hidden = this.model.graph.order > 0;
  }

  fit(): Promise<void> {
    return fitView(this.sigma);
  }

  // ---- the URL

  view(): ViewState {
    const g = this.model.graph;
    const nodes = g.filterNodes((n) => !isGroupNode(n));
    return {
      nodes,
      edges: g.edges().filter((e) => !isVirtual(e)),
      positions: nodes.map((n) => [g.getNodeAttribute(n, "x"), g.getNodeAttribute(n, "y")] as [number, number]),
      selection: this.selection,
      doc: this.doc,
      filters: this.canvasState.filters,
      path: this.path,
      groups: this.groupStates(),
      hidden: nodes.filter((n) => g.getNodeAttribute(n, "userHidden")),
      compact: this.compactChosen || this.model.compact ? this.model.compact : null,
    };
  }

  /** The current view's URL, written over the current history entry. */
  syncUrl(): void {
    if (this.restoring) return;
    const url = this.viewUrl();
    this.appliedHash = new URL(url, location.href).hash;
    history.replaceState({ seq: this.undo.current.seq }, "", url);
  }

  private viewUrl(): string {
    const hash = encodeView(this.view());
    return `${location.pathname}${location.search}${hash ? `#${hash}` : ""}`;
  }

  // ---- undo, redo and the browser history

  /** The undo and redo stacks (see history.ts). */
  readonly undo: UndoStack = new UndoStack(this.snapshot(0, "Start"));
  /** The label of the change being made (the first one set wins). */
  private nextLabel: string | null = null;
  private commitWanted = false;
  private commitTimer: ReturnType<typeof setTimeout> | undefined;
  private batchDepth = 0;
  /** The fragment the app last wrote or applied: hash changes to it are its own. */
  private appliedHash = location.hash;

  snapshot(seq: number, label: string): Snapshot {
    const g = this.model.graph;
    return {
      seq,
      label,
      nodes: g.filterNodes((id) => !isGroupNode(id)).map((id) => {
        const a = g.getNodeAttributes(id);
        return { id, x: a.x, y: a.y, fixed: !!a.fixed, pinned: !!a.pinned, hidden: !!a.userHidden };
      }),
      summaries: g.mapNodes((id) => this.model.summaries.get(id)).filter((n): n is NodeSummary => !!n),
      relations: g.mapEdges((id) => this.model.relations.get(id)).filter((r): r is Relation => !!r),
      selection: this.selection,
      filters: structuredClone(this.canvasState.filters),
      doc: this.doc,
      path: this.path,
      expansions: [...this.expansions.entries()].map(([k, v]) => [k, { ...v }]),
      groups: this.groupStates(),
    };
  }

  /** Puts a snapshot on the canvas, positions included; the layout stays still. */
  private apply(s: Snapshot): void {
    this.restoring = true;
    try {
      this.model.clear();
      const summaries = new Map(s.summaries.map((n) => [n.id, n]));
      for (const n of s.nodes) {
        const sum = summaries.get(n.id);
        if (!sum) continue;
        this.model.addNode(sum);
        this.model.graph.mergeNodeAttributes(n.id, { x: n.x, y: n.y, fixed: n.fixed || undefined, pinned: n.pinned || undefined, userHidden: n.hidden || undefined });
      }
      for (const r of s.relations) this.model.addRelation(r);
      this.setGroups(s.groups);
      this.layout.hold();
      tuneForSize(this.sigma, this.model.graph.size);
      this.expansions.clear();
      for (const [k, v] of s.expansions) this.expansions.set(k, { ...(v as Expansion) });
      this.canvasState.filters = structuredClone(s.filters);
      this.selection = s.selection;
      this.canvasState.selectedNode = s.selection?.type === "node" ? s.selection.id : null;
      this.canvasState.selectedEdge = s.selection?.type === "edge" ? s.selection.id : null;
      this.canvasState.focus = null;
      this.doc = s.doc;
      this.path = s.path;
    } finally {
      this.restoring = false;
    }
    this.refresh();
    this.emit("change");
    this.emit("filters");
    this.emit("selection");
    this.emit("article");
    this.emit("history");
  }

  /**
   * Commits the view as a new undo step and browser history entry once the
   * change in progress is complete (no request in flight, no batch open):
   * an expansion that takes three requests is one step.
   */
  scheduleCommit(): void {
    if (this.restoring) return;
    this.commitWanted = true;
    clearTimeout(this.commitTimer);
    this.commitTimer = setTimeout(() => {
      if (this.pending > 0 || this.batchDepth > 0 || !this.commitWanted) return;
      this.commit(this.nextLabel ?? "Change the view");
    }, 0);
  }

  /** Commits now: a new step when the view differs (or force), else the URL is refreshed in place. */
  commit(label: string, opts: { force?: boolean } = {}): void {
    if (this.restoring) return;
    this.commitWanted = false;
    this.nextLabel = null;
    const s = this.snapshot(this.undo.newSeq(), label);
    if (!opts.force && sameView(s, this.undo.current)) {
      this.keepPositions();
      return;
    }
    this.undo.push(s);
    const url = this.viewUrl();
    this.appliedHash = new URL(url, location.href).hash;
    history.pushState({ seq: s.seq }, "", url);
    this.emit("history");
  }

  /** Runs fn as one undo step, whatever it changes. */
  async batch<T>(label: string, fn: () => Promise<T>): Promise<T> {
    this.batchDepth++;
    this.nextLabel ??= label;
    try {
      return await fn();
    } finally {
      this.batchDepth--;
      if (this.batchDepth === 0) {
        this.nextLabel = label;
        this.scheduleCommit();
      }
    }
  }

  /** The layout moved nodes: the current step (and its URL) keeps the new positions. */
  private keepPositions(): void {
    if (this.restoring) return;
    // Only the positions: a change still being made (a request in flight)
    // belongs to the next step, not to this one.
    const g = this.model.graph;
    const cur = this.undo.current;
    const nodes = cur.nodes.map((n) => {
      if (!g.hasNode(n.id)) return n;
      const a = g.getNodeAttributes(n.id);
      return { ...n, x: a.x, y: a.y, fixed: !!a.fixed };
    });
    const groups = cur.groups.map((gs) => (g.hasNode(gs.id) ? { ...gs, x: g.getNodeAttribute(gs.id, "x"), y: g.getNodeAttribute(gs.id, "y") } : gs));
    const next = { ...cur, nodes, groups };
    this.undo.replaceCurrent(next);
    // The URL of the current entry is the snapshot's, not the live graph's:
    // a change in progress must not leak into the entry before it.
    const url = this.snapshotUrl(next);
    this.appliedHash = new URL(url, location.href).hash;
    history.replaceState({ seq: next.seq }, "", url);
  }

  private snapshotUrl(s: Snapshot): string {
    const hash = encodeView({
      nodes: s.nodes.map((n) => n.id),
      edges: s.relations.map((r) => r.id),
      positions: s.nodes.map((n) => [n.x, n.y] as [number, number]),
      selection: s.selection,
      doc: s.doc,
      filters: s.filters,
      path: s.path,
      groups: s.groups,
      hidden: s.nodes.filter((n) => n.hidden).map((n) => n.id),
      compact: this.compactChosen || this.model.compact ? this.model.compact : null,
    });
    return `${location.pathname}${location.search}${hash ? `#${hash}` : ""}`;
  }

  undoStep(): void {
    const s = this.undo.undo();
    if (!s) return;
    this.apply(s);
    this.pushEntry(s);
    this.toast(`Undone: ${this.undo.redoLabel() ?? "change"}.`);
  }

  redoStep(): void {
    const s = this.undo.redo();
    if (!s) return;
    this.apply(s);
    this.pushEntry(s);
    this.toast(`Redone: ${s.label}.`);
  }

  /** Undo and redo are view changes too: Back returns to where they started. */
  private pushEntry(s: Snapshot): void {
    const url = this.viewUrl();
    this.appliedHash = new URL(url, location.href).hash;
    history.pushState({ seq: s.seq }, "", url);
  }

  /**
   * Back, Forward, or a link pasted into this tab. An entry this tab made is
   * put back from memory, positions and all; any other fragment is loaded.
   * Returns a promise that settles when the view is shown.
   */
  async navigated(state: unknown): Promise<void> {
    if (location.hash === this.appliedHash && !(state && typeof state === "object")) return;
    const seq = state && typeof state === "object" ? (state as { seq?: unknown }).seq : undefined;
    const snap = typeof seq === "number" ? this.undo.get(seq) : undefined;
    this.appliedHash = location.hash;
    if (snap) {
      if (snap === this.undo.current) return;
      this.undo.visit(snap);
      this.apply(snap);
      return;
    }
    // The view before the link stays one Undo (and one Back) away.
    this.clearCanvasQuietly();
    await this.restore(location.hash);
    const s = this.snapshot(this.undo.newSeq(), "Open a link");
    this.undo.push(s);
    history.replaceState({ seq: s.seq }, "", location.href);
    this.emit("history");
  }

  /** After the first view is shown: it is where Undo stops, and its history entry knows it. */
  baseline(): void {
    this.commitWanted = false;
    this.nextLabel = null;
    this.undo.replaceCurrent(this.snapshot(0, "Start"));
    this.syncUrl();
    this.emit("history");
  }

  private clearCanvasQuietly(): void {
    this.restoring = true;
    try {
      this.clearCanvas();
    } finally {
      this.restoring = false;
      this.nextLabel = null;
    }
  }

  /** Restores a view from the URL fragment. */
  async restore(fragment: string): Promise<void> {
    const v = decodeView(fragment);
    let placed = false;
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
      // A link made by the app carries the positions: the recipient sees
      // the same picture, and the layout does not run.
      placed = !!v.positions && v.positions.length === v.nodes.length;
      if (placed) {
        v.nodes.forEach((id, i) => {
          const [x, y] = v.positions![i]!;
          if (this.model.graph.hasNode(id)) this.model.graph.mergeNodeAttributes(id, { x, y });
        });
      }
      // A hand-written link may name entities only: join them with the
      // claims between them.
      if (v.edges.length === 0 && v.nodes.length > 1 && v.nodes.length <= 30) {
        const present = new Set(v.nodes);
        const pages = await Promise.all(v.nodes.map((id) => this.track(this.api.relationsOf(id, { first: 100 }))));
        for (const p of pages) for (const r of p?.relations ?? []) if (present.has(r.from.id) && present.has(r.to.id)) this.model.addRelation(r);
      }
      const missing = nodes.filter((n) => !n).length + rels.filter((r) => !r).length;
      if (missing) this.toast(`${missing} item(s) of this link are no longer in the graph.`, true);
      for (const id of v.hidden ?? []) if (this.model.graph.hasNode(id)) this.model.graph.setNodeAttribute(id, "userHidden", true);
      if (v.compact === true || v.compact === false) {
        this.compactChosen = true;
        this.model.compact = v.compact;
        this.emit("compact");
      }
      this.setGroups(v.groups ?? []);
      if (placed) {
        this.layout.hold();
        this.fitAfterSettle = false;
      }
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
    if (placed) void fitView(this.sigma, 0);
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
    const rels = this.model.visibleRelations(f);
    // A data export: group nodes are the canvas's, not the graph's; the
    // members of collapsed groups and the claim-nodes compact mode draws as
    // edges are written as themselves, so every claim has both its ends.
    const ids = new Set(this.model.visibleNodes(f).filter((id) => !isGroupNode(id)));
    for (const r of rels) {
      ids.add(r.from.id);
      ids.add(r.to.id);
    }
    const nodes = [...ids].filter((id) => this.model.graph.hasNode(id)).map((id) => {
      const a = this.model.graph.getNodeAttributes(id);
      const s = this.model.summaries.get(id);
      return { id, kind: s?.kind ?? (a.kind as NodeSummary["kind"]), name: a.label, aliases: a.aliases, x: a.x, y: a.y, color: a.color, size: a.size };
    });
    const xml = toGEXF(nodes, rels, { created: new Date().toISOString().slice(0, 10) });
    download("actorgraph.gexf", new Blob([xml], { type: "application/xml" }));
  }

  /** The whole visible graph as SVG, with the legend and the sources its claims cite. */
  exportSVG(): void {
    const f = this.canvasState.filters;
    const g = this.model.graph;
    const shown = new Set(this.model.visibleNodes(f));
    const nodes = [...shown].map((id) => {
      const a = g.getNodeAttributes(id);
      return { id, label: a.label, kind: a.kind, x: a.x, y: a.y, size: a.size };
    });
    const edges: SvgEdge[] = [];
    g.forEachEdge((_e, a, s, t) => {
      if (!shown.has(s) || !shown.has(t) || !claimVisible(a, f)) return;
      edges.push({ from: s, to: t, label: a.label, modality: a.modality });
    });
    const svg = toSVG(nodes, edges, citedSources(this.model.visibleRelations(f)), {
      title: `actorgraph: ${nodes.length} nodes, ${edges.length} claims`, modalityColors: MODALITY_COLOR,
    });
    download("actorgraph.svg", new Blob([svg], { type: "image/svg+xml" }));
  }

  exportCSV(): void {
    const csv = toCSV(this.model.visibleRelations(this.canvasState.filters));
    download("actorgraph-claims.csv", new Blob([csv], { type: "text/csv;charset=utf-8" }));
  }
}
