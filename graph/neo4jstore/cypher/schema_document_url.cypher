// Documents are found by their URL (the versions of a page, documents(where:
// {url}), and whether a watched feed's item is stored already).
CREATE INDEX document_url IF NOT EXISTS
FOR (d:Document) ON (d.url)
