// The shapes of what the GraphQL API returns (schema/schema.graphqls), as the
// UI asks for them.

export const NODE_KINDS = [
  "COUNTRY",
  "PERSON",
  "ORGANIZATION",
  "CYBER_OPERATION",
  "EVENT",
  "DOCTRINE",
  "STATEMENT",
  "ATTRIBUTION",
] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export const REL_TYPES = [
  "MEMBER_OF", "PART_OF", "HOLDS_ROLE", "SAID", "ABOUT", "ATTRIBUTED", "BLAMES", "CONCERNS",
  "BACKED", "DENIED", "TARGETED", "PROPOSED", "ADOPTED", "RESPONDS_TO", "MODELED_ON",
  "CONVENED", "ATTENDED", "HELD_DURING", "MADE_AT", "ACCUSED", "CRITICIZED", "WARNED",
  "THREATENED", "SANCTIONED", "SUPPORTED", "CALLED_FOR", "REACTED_TO",
] as const;
export type RelType = (typeof REL_TYPES)[number];

export const MODALITIES = ["ASSERTED", "ALLEGED", "DENIED"] as const;
export type Modality = (typeof MODALITIES)[number];

// The API spells node kinds and modalities in SCREAMING_CASE (COUNTRY,
// CYBER_OPERATION, ALLEGED) since it follows the GraphQL convention; before,
// it spelled them as the stores do (Country, CyberOperation, alleged). Links
// and saved investigations written then hold the old spelling, so whatever
// reads a kind or a modality a person kept goes through these.

/** The API spelling of a kind in either spelling ("CyberOperation" or "CYBER_OPERATION"); null when it names no kind. */
export function toNodeKind(s: string): NodeKind | null {
  const k = screaming(s);
  return (NODE_KINDS as readonly string[]).includes(k) ? (k as NodeKind) : null;
}

/** The API spelling of a modality in either spelling ("alleged" or "ALLEGED"); null when it names none. */
export function toModality(s: string): Modality | null {
  const m = s.toUpperCase();
  return (MODALITIES as readonly string[]).includes(m) ? (m as Modality) : null;
}

/**
 * A modality as people read it and as exports and CSS classes spell it:
 * "asserted", "alleged", "denied" (absent reads as asserted).
 */
export function modalityText(m: string | null | undefined): string {
  return (m ?? "ASSERTED").toLowerCase();
}

/**
 * A kind as the stores, the data files and the exports spell it
 * (CYBER_OPERATION is "CyberOperation"): GEXF and CSV files keep the format
 * they had.
 */
export function storedKind(k: string): string {
  if (!(NODE_KINDS as readonly string[]).includes(k)) return k;
  return k.toLowerCase().replace(/(^|_)([a-z])/g, (_, _sep: string, c: string) => c.toUpperCase());
}

/** CyberOperation → CYBER_OPERATION; COUNTRY stays. */
function screaming(s: string): string {
  return s.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();
}

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
