package neo4jstore

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/actorgraph/actorgraph/graph"
)

// claimMatch is the selection shared by every claims statement: the claims
// that pass a resolved graph.ClaimWhere (parts already added, ids known to
// exist; IncludeParts expanded by partsOf), bound as r from a to b. It is
// written once here and generated into each statement, so the page, its count and the counts by group cannot
// disagree about which claims pass. Words of $words match whole words of a
// quote, case-insensitively ((?U) makes \b Unicode-aware); they come from
// graph.SearchWords, so they hold letters, digits and marks only, never a
// regular-expression operator.
var claimMatch = `WITH ` + partsOf("from") + ` AS fromIds,
  ` + partsOf("to") + ` AS toIds,
  ` + partsOf("touches") + ` AS touchIds
MATCH (a:Entity)-[r]->(b:Entity)
WHERE ($types = [] OR type(r) IN $types)
  AND ($from = [] OR a.id IN fromIds)
  AND ($to = [] OR b.id IN toIds)
  AND ($touches = [] OR a.id IN touchIds OR b.id IN touchIds)
  AND ($fromKinds = [] OR any(l IN labels(a) WHERE l IN $fromKinds))
  AND ($toKinds = [] OR any(l IN labels(b) WHERE l IN $toKinds))
  AND ($modalities = [] OR coalesce(r.modality, '') IN $modalities)
  AND r.confidence >= $minConfidence
  AND coalesce(r.status, 'UNREVIEWED') IN $statuses
  AND ($maxConfidence IS NULL OR r.confidence < $maxConfidence)
  AND ($methods = [] AND $methodPrefixes = [] OR r.method IN $methods OR any(p IN $methodPrefixes WHERE r.method STARTS WITH p))
  AND ($since = '' OR (r.effectiveDate <> '' AND substring(r.effectiveDate, 0, size($since)) >= substring($since, 0, size(r.effectiveDate))))
  AND ($until = '' OR (r.effectiveDate <> '' AND substring(r.effectiveDate, 0, size($until)) <= substring($until, 0, size(r.effectiveDate))))
  AND ($documents = [] AND $publishers = [] AND $words = [] OR EXISTS {
    MATCH (e:Evidence)
    WHERE e.subject = r.id
      AND ($documents = [] OR e.documentId IN $documents)
      AND ($publishers = [] OR EXISTS { MATCH (d:Document) WHERE d.id = e.documentId AND d.publisher IN $publishers })
      AND all(w IN $words WHERE toLower(e.quote) =~ ($wordBefore + w + $wordAfter))
  })
`

// partsOf is the list parameter $name, widened when $includeParts with
// everything acting for its ids (graph.Parts): the nodes reaching one of
// them through 1 to graph.MaxPartsDepth visible PART_OF or HOLDS_ROLE
// claims. A quantified path repeats no relationship, so a cycle ends, and
// the bound ends every walk.
func partsOf(name string) string {
	return `$` + name + ` + CASE WHEN $includeParts AND $` + name + ` <> [] THEN COLLECT {
    MATCH (part:Entity)-[p:PART_OF|HOLDS_ROLE WHERE coalesce(p.status, 'UNREVIEWED') IN $visible]->{1,` + strconv.Itoa(graph.MaxPartsDepth) + `}(whole:Entity)
    WHERE whole.id IN $` + name + ` AND NOT part.id IN $` + name + `
    RETURN DISTINCT part.id
  } ELSE [] END`
}

// claimKeys computes the order keys of graph.ClaimOrder: a string key and a
// number key (confidence), then the claim id breaks ties.
const claimKeys = `WITH r, a, b,
  CASE WHEN $orderByType THEN type(r) ELSE coalesce(r[$orderByProperty], '') END AS skey,
  CASE WHEN $orderByConfidence THEN r.confidence ELSE 0.0 END AS nkey
`

// claimStatements are the generated statements of Claims and ClaimCounts.
func claimStatements(header string) []generatedFile {
	page := func(cmp, dir string) string {
		return `// One page of the claims that pass a claim filter (graph.ClaimWhere), in the
// order of $orderByType, $orderByConfidence or $orderByProperty, after the cursor ($afterKey, $afterNum, $after), ` + dir + `ending.
` + claimMatch + claimKeys +
			`WHERE $after = '' OR nkey ` + cmp + ` $afterNum OR (nkey = $afterNum AND (skey ` + cmp + ` $afterKey OR (skey = $afterKey AND r.id ` + cmp + ` $after)))
RETURN r, a.id AS from, b.id AS to
ORDER BY nkey ` + dir + `, skey ` + dir + `, r.id ` + dir + `
LIMIT $limit
`
	}
	return []generatedFile{
		{"gen_claims_page_asc", header + page(">", "ASC")},
		{"gen_claims_page_desc", header + page("<", "DESC")},
		{"gen_claim_ends", header + `// The distinct nodes at one end ($atFrom: the subject) of the claims that pass
// a claim filter (graph.ClaimWhere), by id: how many, and the $limit after $after.
` + claimMatch + `WITH DISTINCT CASE WHEN $atFrom THEN a.id ELSE b.id END AS id
ORDER BY id
WITH collect(id) AS ids
RETURN size(ids) AS total, [id IN ids WHERE id > $after][0..$limit] AS page
`},
		{"gen_claims_count", header + "// How many claims pass a claim filter (graph.ClaimWhere).\n" + claimMatch + "RETURN count(r) AS total\n"},
		{"gen_claim_counts", header + `// The claims that pass a claim filter counted by the keys whose $by... flag is
// set (graph.ClaimGroup; the others are ''), with the distinct documents of their
// evidence; the largest $limit groups after $minCount and $minDocuments, each
// a list [claims, documents, then the keys in the order of
// graph.ClaimGroups], and how many groups passed.
` + claimMatch + `OPTIONAL MATCH (e:Evidence)
WHERE e.subject = r.id
OPTIONAL MATCH (d:Document)
WHERE d.id = e.documentId
WITH r, e, coalesce(r.effectiveDate, '') AS ed,
  CASE WHEN $byType THEN type(r) ELSE '' END AS kType,
  CASE WHEN $byFrom THEN a.id ELSE '' END AS kFrom,
  CASE WHEN $byTo THEN b.id ELSE '' END AS kTo,
  CASE WHEN $byPublisher THEN coalesce(d.publisher, '') ELSE '' END AS kPublisher,
  CASE WHEN $byDocument THEN coalesce(e.documentId, '') ELSE '' END AS kDocument,
  CASE WHEN $byMethod THEN r.method ELSE '' END AS kMethod,
  CASE WHEN NOT $byModality THEN '' WHEN coalesce(r.modality, '') = '' THEN $asserted ELSE r.modality END AS kModality,
  CASE WHEN $byReview THEN coalesce(r.status, 'UNREVIEWED') ELSE '' END AS kReview
WITH r, e, kType, kFrom, kTo, kPublisher, kDocument, kMethod, kModality, kReview,
  CASE WHEN $byYear AND size(ed) >= 4 THEN substring(ed, 0, 4) ELSE '' END AS kYear,
  CASE WHEN $byMonth AND size(ed) >= 7 THEN substring(ed, 0, 7) ELSE '' END AS kMonth
WITH kType, kFrom, kTo, kYear, kMonth, kPublisher, kDocument, kMethod, kModality, kReview,
  count(DISTINCT r) AS claims, count(DISTINCT e.documentId) AS documents
WHERE claims >= $minCount AND documents >= $minDocuments
ORDER BY claims DESC, kType, kFrom, kTo, kYear, kMonth, kPublisher, kDocument, kMethod, kModality, kReview
WITH collect([claims, documents, kType, kFrom, kTo, kYear, kMonth, kPublisher, kDocument, kMethod, kModality, kReview]) AS groups
RETURN size(groups) AS total, groups[0..$limit] AS groups
`},
	}
}

// claimParams renders a resolved ClaimWhere as the parameters of claimMatch.
func claimParams(w graph.ClaimWhere) map[string]any {
	types := make([]string, len(w.Types))
	for i, t := range w.Types {
		types[i] = string(t)
	}
	kinds := func(ks []graph.NodeKind) []any {
		out := make([]any, len(ks))
		for i, k := range ks {
			out[i] = string(k)
		}
		return out
	}
	// A claim stored without a modality is asserted.
	mods := []any{}
	for _, m := range w.Modalities {
		mods = append(mods, string(m))
		if m == graph.Asserted {
			mods = append(mods, "")
		}
	}
	ms, _ := graph.MethodMatches(w.Methods) // validated by Resolve
	exact, prefixes := []any{}, []any{}
	for _, m := range ms {
		if m.Prefix {
			prefixes = append(prefixes, m.Value)
		} else {
			exact = append(exact, m.Value)
		}
	}
	var maxConf any
	if w.HasMaxConfidence {
		maxConf = w.MaxConfidence
	}
	return map[string]any{
		"types": stringsToAny(types), "from": stringsToAny(w.From), "to": stringsToAny(w.To),
		"touches": stringsToAny(w.Touches), "fromKinds": kinds(w.FromKinds), "toKinds": kinds(w.ToKinds),
		"modalities": mods, "minConfidence": w.MinConfidence, "maxConfidence": maxConf,
		"methods": exact, "methodPrefixes": prefixes, "since": w.Since, "until": w.Until,
		"documents": stringsToAny(w.Documents), "publishers": stringsToAny(w.Publishers),
		"words": stringsToAny(graph.SearchWords(w.Text)), "wordBefore": `(?sU).*\b`, "wordAfter": `\b.*`,
		"asserted":     string(graph.Asserted),
		"statuses":     statusParams(w.Statuses),
		"includeParts": w.IncludeParts, "visible": statusParams(nil),
	}
}

// Claims implements graph.Store.
func (s *Store) Claims(ctx context.Context, q graph.ClaimQuery) (graph.RelationshipPage, error) {
	var page graph.RelationshipPage
	q, err := q.Normalize()
	if err != nil {
		return page, err
	}
	cur, hasCur, err := graph.DecodeClaimCursor(q.Order, q.After)
	if err != nil {
		return page, err
	}
	w, err := q.Where.Resolve(ctx, s)
	if err != nil {
		return page, err
	}
	params := claimParams(w)
	params["orderByType"] = q.Order.Field == graph.OrderByType
	params["orderByConfidence"] = q.Order.Field == graph.OrderByConfidence
	params["orderByProperty"] = map[graph.ClaimOrderField]string{graph.OrderByDate: pEffectiveDate, graph.OrderByFirstSeen: pPublished}[q.Order.Field]
	params["after"], params["afterKey"], params["afterNum"] = "", "", 0.0
	if hasCur {
		params["after"] = cur.ID
		if q.Order.Field == graph.OrderByConfidence {
			params["afterNum"], _ = strconv.ParseFloat(cur.Key, 64)
		} else {
			params["afterKey"] = cur.Key
		}
	}
	params["limit"] = q.First + 1
	stmt := "gen_claims_page_asc"
	if q.Order.Descending {
		stmt = "gen_claims_page_desc"
	}
	err = s.read(ctx, "reading claims", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		var err error
		page, err = s.claimPage(ctx, tx, stmt, "gen_claims_count", params)
		return err
	})
	if err != nil {
		return graph.RelationshipPage{}, err
	}
	if len(page.Relationships) > q.First {
		page.Relationships, page.HasMore = page.Relationships[:q.First], true
	}
	if n := len(page.Relationships); n > 0 {
		page.EndCursor = graph.EncodeClaimCursor(q.Order, page.Relationships[n-1])
	}
	return page, nil
}

// ClaimCounts implements graph.Store.
func (s *Store) ClaimCounts(ctx context.Context, q graph.ClaimCountsQuery) (graph.ClaimCounts, error) {
	var out graph.ClaimCounts
	q, err := q.Normalize()
	if err != nil {
		return out, err
	}
	w, err := q.Where.Resolve(ctx, s)
	if err != nil {
		return out, err
	}
	params := claimParams(w)
	for _, g := range graph.ClaimGroups() {
		params[groupParam(g)] = slices.Contains(q.GroupBy, g)
	}
	params["minCount"], params["minDocuments"], params["limit"] = q.MinCount, q.MinDocuments, q.First
	err = s.read(ctx, "counting claims", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		out = graph.ClaimCounts{}
		_, err := run(ctx, tx, s.st.get("gen_claim_counts"), params, func(rec *neo4j.Record) error {
			total, err := recordValue[int64](rec, "total")
			if err != nil {
				return err
			}
			out.Total = int(total)
			list, err := recordValue[[]any](rec, "groups")
			if err != nil {
				return err
			}
			for _, v := range list {
				row, ok := v.([]any)
				if !ok || len(row) != 2+len(graph.ClaimGroups()) {
					return decodeError("claim counts: a group is %v, not [claims, documents, keys...]", v)
				}
				claims, ok1 := row[0].(int64)
				docs, ok2 := row[1].(int64)
				if !ok1 || !ok2 {
					return decodeError("claim counts: counts are %T and %T, not integers", row[0], row[1])
				}
				c := graph.ClaimCount{Keys: map[graph.ClaimGroup]string{}, Claims: int(claims), Documents: int(docs)}
				if q.SkipDocuments {
					c.Documents = 0 // as the contract says; this store counts them anyway
				}
				for i, g := range graph.ClaimGroups() {
					if !slices.Contains(q.GroupBy, g) {
						continue
					}
					key, ok := row[2+i].(string)
					if !ok {
						return decodeError("claim counts: key %s is %T, not a string", g, row[2+i])
					}
					c.Keys[g] = key
				}
				out.Groups = append(out.Groups, c)
			}
			return nil
		})
		return err
	})
	if err != nil {
		return graph.ClaimCounts{}, err
	}
	out.Truncated = out.Total > len(out.Groups)
	return out, nil
}

// groupParam is the name of the flag parameter of a group key: TYPE is
// $byType, PUBLISHER $byPublisher.
func groupParam(g graph.ClaimGroup) string {
	name := string(g)
	return "by" + name[:1] + strings.ToLower(name[1:])
}

// statusParams are the review states a claims statement keeps: the visible
// ones unless asked for others (graph.Filter.Statuses).
func statusParams(st []graph.ReviewStatus) []any {
	if len(st) == 0 {
		st = graph.VisibleStatuses()
	}
	out := make([]any, len(st))
	for i, s := range st {
		out[i] = string(s)
	}
	return out
}
