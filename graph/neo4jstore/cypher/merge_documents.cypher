// Writes a batch of documents ($rows: maps of the document's fields). A
// document's id is the hash of its text, so the text never changes; the
// other fields take the new values where they are not empty (a bare file
// loaded later does not erase what the web page said).
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
ON CREATE SET d.text = row.text
SET d.title = CASE WHEN row.title <> '' THEN row.title ELSE coalesce(d.title, '') END,
    d.publisher = CASE WHEN row.publisher <> '' THEN row.publisher ELSE coalesce(d.publisher, '') END,
    d.url = CASE WHEN row.url <> '' THEN row.url ELSE coalesce(d.url, '') END,
    d.published = CASE WHEN row.published <> '' THEN row.published ELSE coalesce(d.published, '') END,
    d.source = CASE WHEN row.source <> '' THEN row.source ELSE coalesce(d.source, '') END,
    d.author = CASE WHEN row.author <> '' THEN row.author ELSE coalesce(d.author, '') END,
    d.language = CASE WHEN row.language <> '' THEN row.language ELSE coalesce(d.language, '') END,
    d.pages = CASE WHEN size(row.pages) > 0 THEN row.pages ELSE coalesce(d.pages, []) END,
    d.supersedes = CASE WHEN row.supersedes <> '' THEN row.supersedes ELSE coalesce(d.supersedes, '') END
