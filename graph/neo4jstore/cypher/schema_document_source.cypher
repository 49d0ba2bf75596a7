// ... and by the address they were read from, which documents(where: {url})
// matches as well.
CREATE INDEX document_source IF NOT EXISTS
FOR (d:Document) ON (d.source)
