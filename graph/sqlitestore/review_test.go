package sqlitestore

// undoV5 takes a file back to before migration v5 (review), for tests of
// older files; it first undoes v6 (the claim tally), whose triggers read
// the review columns.
var undoV5 = []string{
	`DROP TRIGGER rels_tally_insert`,
	`DROP TRIGGER rels_tally_delete`,
	`DROP TRIGGER rels_tally_update`,
	`DROP TABLE claim_tally`,
	`DROP TRIGGER rels_status_rewritten`,
	`DROP INDEX rels_review_queue`,
	`DROP TABLE redirects`,
	`DROP TABLE notes`,
	`DROP TABLE history`,
	`DROP TABLE tokens`,
	`ALTER TABLE rels DROP COLUMN status`,
	`ALTER TABLE rels DROP COLUMN version`,
	`ALTER TABLE rels DROP COLUMN edited`,
	`ALTER TABLE rels DROP COLUMN reviewed_by`,
	`ALTER TABLE rels DROP COLUMN reviewed_at`,
	`ALTER TABLE rels DROP COLUMN review_note`,
	`ALTER TABLE rels DROP COLUMN corrected_by`,
	`ALTER TABLE nodes DROP COLUMN version`,
	`ALTER TABLE nodes DROP COLUMN edited`,
}
