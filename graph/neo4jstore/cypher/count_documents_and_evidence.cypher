// Both answered from the count store.
CALL () {
  MATCH (d:Document)
  RETURN count(d) AS documents
}
CALL () {
  MATCH (e:Evidence)
  RETURN count(e) AS evidence
}
RETURN documents, evidence
