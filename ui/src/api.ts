// A small GraphQL client over fetch, and the queries the UI makes. Queries are
// constants with variables: nothing the user types is spliced into a query.

import type {
  AttributionRow, Change, Listed, DocumentFull, Modality, NodeDetail, NodeKind, NodeSummary, Note, Path, Relation,
  RelationPage, RelType, ReviewCounts, ReviewStatus, SearchHit, Span, StatementRow, Viewer,
} from "./types";

export class ApiError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
    this.name = "ApiError";
  }
}

export type Fetcher = (input: string, init: RequestInit) => Promise<Response>;

/** Where the API token is kept: for this tab only, never in the URL. */
export const TOKEN_KEY = "actorgraph-token";

/** One line of the answer of POST /api/documents (see loader/upload). */
export interface AddLine {
  progress?: string;
  warning?: string;
  done?: boolean;
  documents?: { id: string; title: string }[];
  refused?: number;
  errors?: string[];
  error?: string;
}

export class Api {
  /**
   * Asked for a token when the server answers 401 (it was started with
   * --token); resolves to the token the user gave, or null when they gave up.
   */
  askToken: ((retry: boolean) => Promise<string | null>) | null = null;

  constructor(
    private readonly endpoint = "/graphql",
    private readonly fetcher: Fetcher = (i, init) => fetch(i, init),
    private readonly storage: Pick<Storage, "getItem" | "setItem" | "removeItem"> | null =
      typeof sessionStorage === "undefined" ? null : sessionStorage,
  ) {}

  async query<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    let res = await this.post(query, variables);
    for (let retry = false; res.status === 401 && this.askToken; retry = true) {
      const token = await this.requestToken(retry);
      if (!token) throw new ApiError("this server needs an access token", "UNAUTHENTICATED");
      this.storage?.setItem(TOKEN_KEY, token);
      res = await this.post(query, variables);
    }
    if (res.status === 401) {
      this.storage?.removeItem(TOKEN_KEY);
      throw new ApiError("this server needs an access token", "UNAUTHENTICATED");
    }
    return this.decode<T>(res);
  }

  /**
   * Adds a document through POST /api/documents: a URL (fetched by the
   * server) or a file. The server answers with JSON lines; each is passed to
   * onLine as it arrives, and the last (done, or an error) is returned.
   */
  async addDocument(what: { url: string } | { file: File }, onLine: (l: AddLine) => void, endpoint = "/api/documents"): Promise<AddLine> {
    const send = (): Promise<Response> => {
      const headers: Record<string, string> = { "X-Actorgraph-Client": "ui" };
      const token = this.storage?.getItem(TOKEN_KEY);
      if (token) headers.Authorization = `Bearer ${token}`;
      let body: BodyInit;
      if ("url" in what) {
        headers["Content-Type"] = "application/json";
        body = JSON.stringify({ url: what.url });
      } else {
        const form = new FormData();
        form.append("file", what.file, what.file.name);
        body = form;
      }
      return this.fetcher(endpoint, { method: "POST", headers, body });
    };
    let res: Response;
    try {
      res = await send();
      for (let retry = false; res.status === 401 && this.askToken; retry = true) {
        const token = await this.requestToken(retry);
        if (!token) throw new ApiError("this server needs an access token", "UNAUTHENTICATED");
        this.storage?.setItem(TOKEN_KEY, token);
        res = await send();
      }
    } catch (e) {
      if (e instanceof ApiError) throw e;
      throw new ApiError(`cannot reach the server: ${(e as Error).message}`, "NETWORK");
    }
    if (!res.ok || !res.body) {
      let msg = `the server answered ${res.status}`;
      try {
        msg = ((await res.json()) as { error?: string }).error ?? msg;
      } catch { /* not JSON */ }
      throw new ApiError(msg, res.status === 403 ? "FORBIDDEN" : "HTTP");
    }
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buf = "";
    let last: AddLine = { error: "the server ended the answer early" };
    for (;;) {
      const { value, done } = await reader.read();
      if (value) buf += value;
      let i: number;
      while ((i = buf.indexOf("\n")) >= 0) {
        const text = buf.slice(0, i);
        buf = buf.slice(i + 1);
        if (!text.trim()) continue;
        const l = JSON.parse(text) as AddLine;
        onLine(l);
        last = l;
      }
      if (done) break;
    }
    return last;
  }

  /**
   * A JSON request to one of the server's plain HTTP endpoints (saved
   * investigations), with the same token handling as query. Errors come back
   * as {error: {message, code}}.
   */
  async rest<T>(method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<T> {
    const send = () => {
      const headers: Record<string, string> = { Accept: "application/json" };
      if (body !== undefined) headers["Content-Type"] = "application/json";
      const token = this.storage?.getItem(TOKEN_KEY);
      if (token) headers.Authorization = `Bearer ${token}`;
      return this.fetcher(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }).catch((e: unknown) => {
        throw new ApiError(`cannot reach the server: ${(e as Error).message}`, "NETWORK");
      });
    };
    let res = await send();
    for (let retry = false; res.status === 401 && this.askToken; retry = true) {
      const token = await this.requestToken(retry);
      if (!token) throw new ApiError("this server needs an access token", "UNAUTHENTICATED");
      this.storage?.setItem(TOKEN_KEY, token);
      res = await send();
    }
    let data: unknown;
    try {
      data = await res.json();
    } catch {
      throw new ApiError(`the server answered ${res.status} without JSON`, "HTTP");
    }
    if (!res.ok) {
      const e = (data as { error?: { message?: string; code?: string } }).error;
      throw new ApiError(e?.message ?? `the server answered ${res.status}`, e?.code ?? "HTTP");
    }
    return data as T;
  }

  private tokenPrompt: Promise<string | null> | null = null;

  /** One prompt at a time: requests that fail together wait for the same answer. */
  private requestToken(retry: boolean): Promise<string | null> {
    this.tokenPrompt ??= this.askToken!(retry).finally(() => {
      this.tokenPrompt = null;
    });
    return this.tokenPrompt;
  }

  private async post(query: string, variables: Record<string, unknown>): Promise<Response> {
    const headers: Record<string, string> = { "Content-Type": "application/json", Accept: "application/json" };
    const token = this.storage?.getItem(TOKEN_KEY);
    if (token) headers.Authorization = `Bearer ${token}`;
    try {
      return await this.fetcher(this.endpoint, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
    } catch (e) {
      throw new ApiError(`cannot reach the server: ${(e as Error).message}`, "NETWORK");
    }
  }

  private async decode<T>(res: Response): Promise<T> {
    let body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    try {
      body = (await res.json()) as typeof body;
    } catch {
      throw new ApiError(`the server answered ${res.status} without JSON`, "HTTP");
    }
    if (body.errors && body.errors.length > 0) {
      const e = body.errors[0]!;
      throw new ApiError(e.message, e.extensions?.code ?? "ERROR");
    }
    if (!body.data) throw new ApiError(`the server answered ${res.status} without data`, "HTTP");
    return body.data;
  }

  async search(q: string, first = 10): Promise<SearchHit[]> {
    const d = await this.query<{ search: SearchHit[] }>(SEARCH, { q, first });
    return d.search;
  }

  async nodes(ids: string[]): Promise<(NodeSummary | null)[]> {
    const out: (NodeSummary | null)[] = [];
    for (let i = 0; i < ids.length; i += 100) {
      const d = await this.query<{ nodes: (NodeSummary | null)[] }>(NODES, { ids: ids.slice(i, i + 100) });
      out.push(...d.nodes);
    }
    return out;
  }

  async nodeDetail(id: string): Promise<{ node: NodeDetail | null; page: RelationPage }> {
    const d = await this.query<{ node: (NodeDetail & { relations: RawRelPage }) | null }>(NODE_DETAIL, { id });
    if (!d.node) return { node: null, page: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, relations: [] } };
    const { relations, ...node } = d.node;
    return { node, page: unpage(relations) };
  }

  async relationsOf(id: string, opts: { types?: RelType[]; first?: number; after?: string | null }): Promise<RelationPage | null> {
    const d = await this.query<{ node: { relations: RawRelPage } | null }>(NODE_RELATIONS, {
      id, types: opts.types && opts.types.length ? opts.types : null, first: opts.first ?? 25, after: opts.after ?? null,
    });
    return d.node ? unpage(d.node.relations) : null;
  }

  async relationTypeCounts(id: string): Promise<{ total: number; counts: Map<RelType, number> }> {
    const d = await this.query<{ node: { relations: { totalCount: number; edges: { node: { type: RelType } }[] } } | null }>(
      REL_TYPE_COUNTS, { id });
    const counts = new Map<RelType, number>();
    if (!d.node) return { total: 0, counts };
    for (const e of d.node.relations.edges) counts.set(e.node.type, (counts.get(e.node.type) ?? 0) + 1);
    return { total: d.node.relations.totalCount, counts };
  }

  /**
   * The claims with these ids, in order (null for unknown ones). The API has
   * no batch field for claims, so this asks for several aliased
   * `relation(id:)` fields per query: as many as the server's field limit
   * allows (RELATIONS_PER_QUERY), a few queries at a time.
   */
  async relations(ids: string[]): Promise<(Relation | null)[]> {
    const chunks: string[][] = [];
    for (let i = 0; i < ids.length; i += RELATIONS_PER_QUERY) chunks.push(ids.slice(i, i + RELATIONS_PER_QUERY));
    const results: (Relation | null)[][] = new Array(chunks.length);
    let next = 0;
    const worker = async () => {
      while (next < chunks.length) {
        const k = next++;
        const chunk = chunks[k]!;
        const vars: Record<string, string> = {};
        const decls: string[] = [];
        const fields: string[] = [];
        chunk.forEach((id, j) => {
          vars[`r${j}`] = id;
          decls.push(`$r${j}: ID!`);
          fields.push(`r${j}: relation(id: $r${j}) { ...Rel }`);
        });
        const q = `query Relations(${decls.join(", ")}) { ${fields.join("\n")} }\n${REL_FRAGMENT}`;
        const d = await this.query<Record<string, Relation | null>>(q, vars);
        results[k] = chunk.map((_, j) => d[`r${j}`] ?? null);
      }
    };
    await Promise.all(Array.from({ length: Math.min(4, chunks.length) }, worker));
    return results.flat();
  }

  async relation(id: string): Promise<Relation | null> {
    const d = await this.query<{ relation: Relation | null }>(RELATION, { id });
    return d.relation;
  }

  async paths(from: string, to: string, opts: { first: number; maxHops: number; exclude: string[]; minConfidence: number | null; relations?: RelType[] }): Promise<Path[]> {
    const d = await this.query<{ paths: Path[] }>(PATHS, {
      from, to, first: opts.first, maxHops: opts.maxHops,
      exclude: opts.exclude.length ? opts.exclude : null,
      minConfidence: opts.minConfidence,
      relations: opts.relations && opts.relations.length ? opts.relations : null,
    });
    return d.paths;
  }

  async document(id: string): Promise<DocumentFull | null> {
    const d = await this.query<{ document: DocumentFull | null }>(DOCUMENT, { id });
    return d.document;
  }

  async documents(): Promise<{ id: string; title: string; publisher: string | null; published: string | null }[]> {
    const out: { id: string; title: string; publisher: string | null; published: string | null }[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const d: { documents: { edges: { node: { id: string; title: string; publisher: string | null; published: string | null } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } =
        await this.query(DOCUMENTS, { after });
      out.push(...d.documents.edges.map((e) => e.node));
      if (!d.documents.pageInfo.hasNextPage) break;
      after = d.documents.pageInfo.endCursor;
    }
    return out;
  }

  /** Every entity of these kinds, up to maxPerKind each (names and aliases, for finding mentions in text). */
  async entities(kinds: NodeKind[], maxPerKind = 500): Promise<NodeSummary[]> {
    const out: NodeSummary[] = [];
    for (const kind of kinds) {
      let after: string | null = null;
      for (let n = 0; n < maxPerKind; n += 100) {
        const d: { entities: { edges: { node: NodeSummary }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } =
          await this.query(ENTITIES, { kind, after });
        out.push(...d.entities.edges.map((e) => e.node));
        if (!d.entities.pageInfo.hasNextPage) break;
        after = d.entities.pageInfo.endCursor;
      }
    }
    return out;
  }

  /** Every attribution, a page of 100 at a time, up to max; totalCount says how many there are. */
  async attributions(max = 500): Promise<Listed<AttributionRow>> {
    return this.listAll<AttributionRow>(ATTRIBUTIONS, "attributions", max);
  }

  /** Every statement, a page of 100 at a time, up to max; totalCount says how many there are. */
  async statements(max = 500): Promise<Listed<StatementRow>> {
    return this.listAll<StatementRow>(STATEMENTS, "statements", max);
  }

  // ---- review (schema/review.graphqls)

  /**
   * Who the server takes us for. Never asks for a token: a server that needs
   * one answers 401 until the first query that does ask, and the viewer is
   * asked again then (null meanwhile).
   */
  async viewer(): Promise<Viewer | null> {
    const res = await this.post(`query Viewer { viewer { name role canEdit reason } }`, {});
    if (res.status === 401) return null;
    const d = await this.decode<{ viewer: Viewer }>(res);
    return d.viewer;
  }

  /** A page of unreviewed claims, lowest confidence first, and the counts by status. */
  async reviewQueue(first: number, after: string | null): Promise<{ page: RelationPage; counts: ReviewCounts }> {
    const d = await this.query<{ reviewQueue: RawRelPage; reviewCounts: ReviewCounts }>(REVIEW_QUEUE, { first, after });
    return { page: unpage(d.reviewQueue), counts: d.reviewCounts };
  }

  async reviewClaim(id: string, status: ReviewStatus, opts: { note?: string; ifVersion?: number } = {}): Promise<Relation> {
    const d = await this.query<{ reviewClaim: Relation }>(REVIEW_CLAIM, { id, status, note: opts.note || null, ifVersion: opts.ifVersion ?? null });
    return d.reviewClaim;
  }

  async correctClaim(id: string, input: { type?: RelType; from?: string; to?: string; modality?: Modality; date?: string; note?: string }, ifVersion?: number): Promise<Relation> {
    const d = await this.query<{ correctClaim: Relation }>(CORRECT_CLAIM, { id, input, ifVersion: ifVersion ?? null });
    return d.correctClaim;
  }

  async addClaim(input: { type: RelType; from: string; to: string; modality?: Modality; evidence: Span; note?: string }): Promise<Relation> {
    const d = await this.query<{ addClaim: Relation }>(ADD_CLAIM, { input });
    return d.addClaim;
  }

  async mergeEntities(keep: string, merge: string[]): Promise<NodeSummary> {
    const d = await this.query<{ mergeEntities: NodeSummary }>(`mutation Merge($keep: ID!, $merge: [ID!]!) {
      mergeEntities(keep: $keep, merge: $merge) { ${NODE_FIELDS} }
    }`, { keep, merge });
    return d.mergeEntities;
  }

  async addNote(subject: string, text: string): Promise<Note> {
    const d = await this.query<{ addNote: Note }>(`mutation AddNote($subject: ID!, $text: String!) {
      addNote(subject: $subject, text: $text) { id subject text by at }
    }`, { subject, text });
    return d.addNote;
  }

  /** The notes and latest changes of a node or claim. */
  async notesAndHistory(id: string, claim: boolean): Promise<{ notes: Note[]; history: Change[] } | null> {
    const field = claim ? "relation" : "node";
    const d = await this.query<Record<string, { notes: Note[]; history: { edges: { node: Change }[] } } | null>>(
      `query NotesAndHistory($id: ID!) {
        ${field}(id: $id) { notes { id subject text by at } history(first: 50) { edges { node { id at by action subject before after } } } }
      }`, { id });
    const x = d[field];
    return x ? { notes: x.notes, history: x.history.edges.map((e) => e.node) } : null;
  }
  private async listAll<T>(query: string, field: string, max: number): Promise<Listed<T>> {
    const rows: T[] = [];
    let after: string | null = null;
    let totalCount = 0;
    while (rows.length < max) {
      const d: Record<string, RawPage<T>> = await this.query(query, { after });
      const page = d[field];
      if (!page) throw new ApiError(`the answer has no ${field}`, "INTERNAL");
      totalCount = page.totalCount;
      rows.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    return { rows, totalCount };
  }
}

interface RawPage<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: T[];
}

interface RawRelPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: Relation }[];
}

function unpage(p: RawRelPage): RelationPage {
  return { totalCount: p.totalCount, pageInfo: p.pageInfo, relations: p.edges.map((e) => e.node) };
}

/** Claims per batched query: each selects about 38 fields (review state included), and the server allows 300. */
export const RELATIONS_PER_QUERY = 6;

const NODE_FIELDS = `id kind name aliases`;
const DOC_FIELDS = `id title publisher published url citation`;
const EVIDENCE_FIELDS = `id quote start end page document { ${DOC_FIELDS} }`;

export const REL_FRAGMENT = `fragment Rel on Relation {
  id type confidence method modality date published version review { status by at note }
  from { ${NODE_FIELDS} } to { ${NODE_FIELDS} }
  properties { key value }
  evidence { ${EVIDENCE_FIELDS} }
}`;

const SEARCH = `query Search($q: String!, $first: Int) {
  search(query: $q, first: $first) { node { ${NODE_FIELDS} } score snippet matched }
}`;

const NODES = `query Nodes($ids: [ID!]!) { nodes(ids: $ids) { ${NODE_FIELDS} } }`;

const NODE_DETAIL = `query NodeDetail($id: ID!) {
  node(id: $id) {
    ${NODE_FIELDS} source
    evidence { ${EVIDENCE_FIELDS} }
    ... on Country { code }
    ... on Person { roles { title from to organization { id kind name } } }
    ... on Organization { organizationKind }
    ... on CyberOperation { date }
    ... on Event { date location }
    ... on Doctrine { doctrineKind description date }
    ... on Statement { text date }
    ... on Attribution { date modality basis }
    relations(first: 100) { totalCount pageInfo { hasNextPage endCursor } edges { node { ...Rel } } }
  }
}
${REL_FRAGMENT}`;

const NODE_RELATIONS = `query NodeRelations($id: ID!, $types: [RelType!], $first: Int, $after: String) {
  node(id: $id) {
    id
    relations(types: $types, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { ...Rel } }
    }
  }
}
${REL_FRAGMENT}`;

const REL_TYPE_COUNTS = `query RelTypeCounts($id: ID!) {
  node(id: $id) { id relations(first: 100) { totalCount edges { node { id type } } } }
}`;

const RELATION = `query Relation($id: ID!) { relation(id: $id) { ...Rel } }
${REL_FRAGMENT}`;

const PATHS = `query Paths($from: ID!, $to: ID!, $first: Int, $maxHops: Int, $exclude: [ID!], $minConfidence: Float, $relations: [RelType!]) {
  paths(from: $from, to: $to, first: $first, maxHops: $maxHops, exclude: $exclude, minConfidence: $minConfidence, relations: $relations) {
    nodes { ${NODE_FIELDS} }
    relations { ...Rel }
  }
}
${REL_FRAGMENT}`;

const DOCUMENT = `query Document($id: ID!) {
  document(id: $id) { ${DOC_FIELDS} text evidence { id quote start end } }
}`;

const DOCUMENTS = `query Documents($after: String) {
  documents(first: 100, after: $after) { edges { node { id title publisher published } } pageInfo { hasNextPage endCursor } }
}`;

const ENTITIES = `query Entities($kind: NodeKind, $after: String) {
  entities(kind: $kind, first: 100, after: $after) { edges { node { ${NODE_FIELDS} } } pageInfo { hasNextPage endCursor } }
}`;

const ATTRIBUTIONS = `query Attributions($after: String) {
  attributions(first: 100, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes {
      id name date modality basis
      by { ${NODE_FIELDS} } blames { ${NODE_FIELDS} actsFor { ${NODE_FIELDS} } } concerns { ${NODE_FIELDS} } backedBy { ${NODE_FIELDS} }
      evidence { ${EVIDENCE_FIELDS} }
    }
  }
}`;

const STATEMENTS = `query Statements($after: String) {
  statements(first: 100, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes {
      id text date
      speakers { ${NODE_FIELDS} } about { ${NODE_FIELDS} }
      evidence { ${EVIDENCE_FIELDS} }
    }
  }
}`;

const REVIEW_QUEUE = `query ReviewQueue($first: Int, $after: String) {
  reviewQueue(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { ...Rel } } }
  reviewCounts { unreviewed confirmed rejected corrected }
}
${REL_FRAGMENT}`;

const REVIEW_CLAIM = `mutation ReviewClaim($id: ID!, $status: ReviewStatus!, $note: String, $ifVersion: Int) {
  reviewClaim(id: $id, status: $status, note: $note, ifVersion: $ifVersion) { ...Rel }
}
${REL_FRAGMENT}`;

const CORRECT_CLAIM = `mutation CorrectClaim($id: ID!, $input: CorrectClaimInput!, $ifVersion: Int) {
  correctClaim(id: $id, input: $input, ifVersion: $ifVersion) { ...Rel }
}
${REL_FRAGMENT}`;

const ADD_CLAIM = `mutation AddClaim($input: AddClaimInput!) {
  addClaim(input: $input) { ...Rel }
}
${REL_FRAGMENT}`;
