// Work you cannot lose: every change of the view (what is on the canvas and
// where, the filters, the selection, the open article) is a snapshot. The
// snapshots form an undo and a redo stack, and each is also a browser history
// entry (its number is the entry's state), so Back and Forward walk through
// the investigation without asking the server again.
//
// A snapshot keeps the claims and node summaries it shows, by reference (they
// never change once fetched), so applying one is local and instant.

import type { Filters } from "./filters";
import type { GroupState } from "./groups";
import type { Selection } from "./state";
import type { NodeSummary, Relation } from "./types";

export interface NodeSnap {
  id: string;
  x: number;
  y: number;
  /** Dropped by the user: the layout leaves it where it is. */
  fixed: boolean;
  /** Added by the user, not only as a neighbour. */
  pinned: boolean;
  /** Hidden by the user. */
  hidden?: boolean;
}

export interface Snapshot {
  /** Its number: the state of its browser history entry. */
  seq: number;
  /** What it did, for the Undo button's title ("Undo: Expand"). */
  label: string;
  nodes: NodeSnap[];
  summaries: NodeSummary[];
  relations: Relation[];
  selection: Selection;
  filters: Filters;
  doc: string | null;
  path: { from: string; to: string } | null;
  /** Expansion paging state, so "+N more" continues where it was. */
  expansions: [string, unknown][];
  /** The user's groups of nodes, and where their group nodes stand. */
  groups: GroupState[];
}

/**
 * Whether two snapshots show a different view. Positions are left out: the
 * layout moves nodes continuously, and a drag is committed explicitly.
 */
export function sameView(a: Snapshot, b: Snapshot): boolean {
  return key(a) === key(b);
}

function key(s: Snapshot): string {
  return JSON.stringify([
    s.nodes.map((n) => n.id).sort(),
    s.nodes.filter((n) => n.hidden).map((n) => n.id).sort(),
    s.groups.map((g) => [g.id, g.name, g.collapsed, g.members]),
    s.relations.map((r) => r.id).sort(),
    s.selection,
    s.filters,
    s.doc,
    s.path,
  ]);
}

/** The undo and redo stacks around the current snapshot. */
export class UndoStack {
  private readonly undos: Snapshot[] = [];
  private readonly redos: Snapshot[] = [];
  /** Every snapshot seen in this tab, by number, for Back and Forward. */
  private readonly bySeq = new Map<number, Snapshot>();
  private nextSeq = 1;

  constructor(public current: Snapshot, readonly limit = 200) {
    this.bySeq.set(current.seq, current);
  }

  newSeq(): number {
    return this.nextSeq++;
  }

  /** Makes s the current snapshot; the old one becomes undoable, and the redo stack is dropped. */
  push(s: Snapshot): void {
    this.undos.push(this.current);
    if (this.undos.length > this.limit) this.undos.shift();
    this.redos.length = 0;
    this.current = s;
    this.bySeq.set(s.seq, s);
  }

  canUndo(): boolean {
    return this.undos.length > 0;
  }

  canRedo(): boolean {
    return this.redos.length > 0;
  }

  /** The label of the change Undo would take back. */
  undoLabel(): string | null {
    return this.undos.length ? this.current.label : null;
  }

  redoLabel(): string | null {
    return this.redos.at(-1)?.label ?? null;
  }

  undo(): Snapshot | null {
    const s = this.undos.pop();
    if (!s) return null;
    this.redos.push(this.current);
    this.current = s;
    return s;
  }

  redo(): Snapshot | null {
    const s = this.redos.pop();
    if (!s) return null;
    this.undos.push(this.current);
    this.current = s;
    return s;
  }

  /** The snapshot of a browser history entry, when this tab made it. */
  get(seq: number): Snapshot | undefined {
    return this.bySeq.get(seq);
  }

  /**
   * Back or Forward reached snapshot s: it becomes current, and the one left
   * is undoable, as with any other change.
   */
  visit(s: Snapshot): void {
    if (s === this.current) return;
    this.undos.push(this.current);
    this.redos.length = 0;
    this.current = s;
  }

  /** Replaces the current snapshot in place (the layout settled: same view, new positions). */
  replaceCurrent(s: Snapshot): void {
    this.bySeq.delete(this.current.seq);
    this.current = s;
    this.bySeq.set(s.seq, s);
  }
}
