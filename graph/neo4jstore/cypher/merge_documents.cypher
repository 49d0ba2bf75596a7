// Writes a batch of documents ($rows: maps of the document's fields). A
// document's id is the hash of its text, so the text never changes; the
// other fields take the new values.
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
ON CREATE SET d.text = row.text
SET d.title = row.title,
    d.publisher = row.publisher,
    d.url = row.url,
    d.published = row.published,
    d.source = row.source
