// Search over names, aliases (aliasText joins them, one per line) and a
// node's own text. standard-no-stop-words keeps words like "of" so that
// "Bank of Estonia" is found whole.
CREATE FULLTEXT INDEX entity_text IF NOT EXISTS
FOR (n:Entity) ON EACH [n.name, n.aliasText, n.prop_text, n.prop_description]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}}
