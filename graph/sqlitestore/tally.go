package sqlitestore

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// The claim tally: how many claims there are of each type, effective month,
// method, modality and review status, kept up to date by triggers on rels
// in the transaction that changes a claim. claimCounts grouped by those keys
// (TYPE, YEAR, MONTH, METHOD, MODALITY, REVIEW) and filtered only by them
// sums a few thousand tally rows instead of reading every claim: counting 10M
// claims by type and year was a scan of seconds, and stays a few
// milliseconds. Every other question (by end, publisher, document,
// confidence, evidence text, or with day-precise dates) reads the claims.
//
// The month key is the effective date cut to YYYY-MM (a YYYY date stays
// YYYY, an undated claim the empty string), which answers since/until of year or month
// precision exactly: dates compare at the coarser precision of the two
// (graph.DateInRange), and a month-cut date compares with a month or year
// bound as the whole date does. Rows whose count falls to zero stay (a
// later claim may use them again) and are skipped when summing.
//
// Statements inside a trigger end in "; " on their line: the migration
// runner splits scripts at ";\n".
//
// Every write path of this store goes through INSERT, UPDATE or DELETE on
// rels (no REPLACE: its deletes would not fire the trigger without
// recursive_triggers), so the triggers see every change; Check compares
// the tally with a recount.
const tallyMigration = `
CREATE TABLE claim_tally (
	type     TEXT NOT NULL,
	eff_date TEXT NOT NULL,
	method   TEXT NOT NULL,
	modality TEXT NOT NULL,
	status   TEXT NOT NULL,
	n        INTEGER NOT NULL,
	PRIMARY KEY (type, eff_date, method, modality, status)
) WITHOUT ROWID;
INSERT INTO claim_tally
	SELECT type, substr(eff_date, 1, 7), method, coalesce(nullif(modality, ''), 'asserted'), status, count(*)
	FROM rels GROUP BY 1, 2, 3, 4, 5;
CREATE TRIGGER rels_tally_insert AFTER INSERT ON rels BEGIN
	INSERT INTO claim_tally VALUES (NEW.type, substr(NEW.eff_date, 1, 7), NEW.method, coalesce(nullif(NEW.modality, ''), 'asserted'), NEW.status, 1)
		ON CONFLICT DO UPDATE SET n = n + 1; END;
CREATE TRIGGER rels_tally_delete AFTER DELETE ON rels BEGIN
	UPDATE claim_tally SET n = n - 1
	WHERE type = OLD.type AND eff_date = substr(OLD.eff_date, 1, 7) AND method = OLD.method
		AND modality = coalesce(nullif(OLD.modality, ''), 'asserted') AND status = OLD.status; END;
CREATE TRIGGER rels_tally_update AFTER UPDATE OF type, date, published, method, modality, status ON rels
	WHEN OLD.type IS NOT NEW.type OR substr(OLD.eff_date, 1, 7) IS NOT substr(NEW.eff_date, 1, 7)
		OR OLD.method IS NOT NEW.method OR OLD.status IS NOT NEW.status
		OR coalesce(nullif(OLD.modality, ''), 'asserted') IS NOT coalesce(nullif(NEW.modality, ''), 'asserted')
BEGIN
	UPDATE claim_tally SET n = n - 1
	WHERE type = OLD.type AND eff_date = substr(OLD.eff_date, 1, 7) AND method = OLD.method
		AND modality = coalesce(nullif(OLD.modality, ''), 'asserted') AND status = OLD.status; INSERT INTO claim_tally
	VALUES (NEW.type, substr(NEW.eff_date, 1, 7), NEW.method, coalesce(nullif(NEW.modality, ''), 'asserted'), NEW.status, 1)
		ON CONFLICT DO UPDATE SET n = n + 1; END;
`

// tallyMismatchSQL counts the tally rows that differ from a recount of rels
// (Check runs it).
const tallyMismatchSQL = `SELECT count(*) FROM (
	SELECT sum(n) AS n FROM (
		SELECT type, eff_date, method, modality, status, n FROM claim_tally
		UNION ALL
		SELECT type, substr(eff_date, 1, 7), method, coalesce(nullif(modality, ''), 'asserted'), status, -count(*)
		FROM rels GROUP BY 1, 2, 3, 4, 5)
	GROUP BY type, eff_date, method, modality, status HAVING sum(n) <> 0)`

// tallyGroups are the keys the tally holds.
var tallyGroups = []graph.ClaimGroup{graph.GroupType, graph.GroupYear, graph.GroupMonth, graph.GroupMethod, graph.GroupModality, graph.GroupReview}

// tallyAnswers reports whether the tally answers q with the resolved
// filter w: only keys it holds, no documents to count, and conditions on
// nothing but type, method, modality, review status and dates of year or
// month precision.
func tallyAnswers(q graph.ClaimCountsQuery, w graph.ClaimWhere) bool {
	for _, g := range q.GroupBy {
		if !slices.Contains(tallyGroups, g) {
			return false
		}
	}
	return q.SkipDocuments &&
		len(w.From)+len(w.To)+len(w.Touches)+len(w.FromKinds)+len(w.ToKinds) == 0 &&
		len(w.Documents)+len(w.Publishers) == 0 && w.Text == "" &&
		w.MinConfidence <= 0 && !w.HasMaxConfidence &&
		len(w.Since) <= len("2006-01") && len(w.Until) <= len("2006-01")
}

// tallyCounts answers a claimCounts query from the tally (tallyAnswers
// must hold). The tally's columns carry the names of rels' (type, eff_date,
// method, modality, status), so claimWhereSQL renders the filter over it
// unchanged.
func (s *Store) tallyCounts(ctx context.Context, q graph.ClaimCountsQuery, w graph.ClaimWhere) (graph.ClaimCounts, error) {
	var out graph.ClaimCounts
	where, args := claimWhereSQL(w)
	var keys, orderKeys []string
	for i, g := range q.GroupBy {
		keys = append(keys, groupColumns[g])
		orderKeys = append(orderKeys, strconv.Itoa(i+1))
	}
	keyList := strings.Join(keys, ", ")
	stmt := `WITH sel AS (SELECT r.type, r.eff_date, r.method, r.modality, r.status, r.n FROM claim_tally r WHERE r.n > 0 AND ` + where + `)
		SELECT ` + keyList + `, sum(sel.n), 0, count(*) OVER ()
		FROM sel
		GROUP BY ` + keyList + `
		HAVING sum(sel.n) >= :mincount AND :mindocs <= 1
		ORDER BY ` + strconv.Itoa(len(keys)+1) + ` DESC, ` + strings.Join(orderKeys, ", ") + `
		LIMIT :lim`
	args = append(args, sql.Named("mincount", q.MinCount), sql.Named("mindocs", q.MinDocuments), sql.Named("lim", q.First))
	err := queryEach(ctx, s.read, stmt, args, func(rows *sql.Rows) error {
		return scanGroup(rows, q.GroupBy, &out)
	})
	if err != nil {
		return graph.ClaimCounts{}, s.wrap(ctx, "counting claims", err)
	}
	out.Truncated = out.Total > len(out.Groups)
	return out, nil
}
