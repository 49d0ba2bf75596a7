// The shapes of what the GraphQL API returns (schema/schema.graphqls), as the
// UI asks for them.

export const NODE_KINDS = [
  "Country",
  "Person",
  "Organization",
  "CyberOperation",
  "Event",
  "Doctrine",
  "Statement",
  "Attribution",
] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export const REL_TYPES = [
  "MEMBER_OF", "PART_OF", "HOLDS_ROLE", "SAID", "ABOUT", "ATTRIBUTED", "BLAMES", "CONCERNS",
  "BACKED", "DENIED", "TARGETED", "PROPOSED", "ADOPTED", "RESPONDS_TO", "MODELED_ON",
  "CONVENED", "ATTENDED", "HELD_DURING", "MADE_AT", "ACCUSED", "CRITICIZED", "WARNED",
  "THREATENED", "SANCTIONED", "SUPPORTED", "CALLED_FOR", "REACTED_TO",
] as const;
export type RelType = (typeof REL_TYPES)[number];

export type Modality = "asserted" | "alleged" | "denied";

export interface NodeRef {
  id: string;
  kind: NodeKind;
  name: string;
}

export interface NodeSummary extends NodeRef {
  aliases: string[];
}

export interface DocumentRef {
  id: string;
  title: string;
  publisher: string | null;
  published: string | null;
  url: string | null;
  /** "publisher, date, URL", as the API formats it (absent in older fixtures). */
  citation?: string;
}

export interface Evidence {
  id: string;
  quote: string;
  start: number;
  end: number;
  /** The page the quote starts on, for a document read from a PDF. */
  page?: number | null;
  document: DocumentRef;
}

export interface Property {
  key: string;
  value: string;
}

export type ReviewStatus = "UNREVIEWED" | "CONFIRMED" | "REJECTED" | "CORRECTED";

export interface Review {
  status: ReviewStatus;
  by: string | null;
  at: string | null;
  note: string | null;
}

export interface Relation {
  id: string;
  /** Raised by every change a person makes (ifVersion of the mutations). */
  version?: number;
  /** Where the claim stands in review; absent in data from before review existed. */
  review?: Review;
  type: RelType;
  from: NodeSummary;
  to: NodeSummary;
  confidence: number;
  method: string;
  modality: Modality;
  date: string | null;
  published: string | null;
  properties: Property[];
  evidence: Evidence[];
}

export interface Role {
  title: string;
  organization: NodeRef | null;
  from: string | null;
  to: string | null;
}

export interface NodeDetail extends NodeSummary {
  source: string | null;
  evidence: Evidence[];
  roles?: Role[];
  text?: string;
  date?: string | null;
  location?: string | null;
  description?: string | null;
  organizationKind?: string | null;
  doctrineKind?: string | null;
  modality?: Modality;
  basis?: string | null;
  code?: string;
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface RelationPage {
  totalCount: number;
  pageInfo: PageInfo;
  relations: Relation[];
}

export interface SearchHit {
  node: NodeSummary;
  score: number;
  snippet: string | null;
  matched: string;
}

export interface Path {
  nodes: NodeSummary[];
  relations: Relation[];
}

export interface DocumentFull extends DocumentRef {
  text: string;
  evidence: { id: string; quote: string; start: number; end: number }[];
}

/** A node an attribution blames, with the chain up to the state it acts for (APT28 → GRU → Russia). */
export interface BlamedNode extends NodeSummary {
  actsFor: NodeSummary[];
}

/** A page-by-page list read whole up to a cap: what came, and how many there are. */
export interface Listed<T> {
  rows: T[];
  totalCount: number;
}

export interface AttributionRow {
  id: string;
  name: string;
  by: NodeSummary[];
  blames: BlamedNode[];
  concerns: NodeSummary | null;
  backedBy: NodeSummary[];
  date: string | null;
  modality: Modality;
  basis: string | null;
  evidence: Evidence[];
}

export interface StatementRow {
  id: string;
  text: string;
  date: string | null;
  speakers: NodeSummary[];
  about: NodeSummary[];
  evidence: Evidence[];
}

/** Who is asking, and whether they may change the graph. */
export interface Viewer {
  name: string | null;
  role: string;
  canEdit: boolean;
  reason: string | null;
}

export interface Note {
  id: string;
  subject: string;
  text: string;
  by: string;
  at: string;
}

export interface Change {
  id: string;
  at: string;
  by: string;
  action: string;
  subject: string;
  before: string | null;
  after: string | null;
}

export interface ReviewCounts {
  unreviewed: number;
  confirmed: number;
  rejected: number;
  corrected: number;
}

export interface Span {
  document: string;
  start: number;
  end: number;
}
