// Search over the quotes of evidence: a node mentioned only in a source.
CREATE FULLTEXT INDEX evidence_text IF NOT EXISTS
FOR (e:Evidence) ON EACH [e.quote]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}}
