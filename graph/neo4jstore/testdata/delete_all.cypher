// Empties the database between conformance subtests. Test-only: it lives in
// testdata, outside the statements the store embeds, so no build of
// actorgraph can run it.
MATCH (n)
DETACH DELETE n
