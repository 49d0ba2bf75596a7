// One page of the documents that pass the filters, after the id $after, in
// id order, and how many pass. Empty filters pass all: $publisher (compared
// without regard to case), $url (the document's url or source), $since and
// $until (inclusive; dates compare at the precision of the coarser of the
// two, as graph.DateInRange does; an undated document fails a set bound).
// Only the ids of the matches are collected, so the count costs no texts.
MATCH (d:Document)
WHERE ($publisher = '' OR toLower(d.publisher) = toLower($publisher))
  AND ($url = '' OR d.url = $url OR d.source = $url)
  AND ($since = '' OR (coalesce(d.published, '') <> ''
       AND left(d.published, CASE WHEN size(d.published) < size($since) THEN size(d.published) ELSE size($since) END)
        >= left($since, CASE WHEN size(d.published) < size($since) THEN size(d.published) ELSE size($since) END)))
  AND ($until = '' OR (coalesce(d.published, '') <> ''
       AND left(d.published, CASE WHEN size(d.published) < size($until) THEN size(d.published) ELSE size($until) END)
        <= left($until, CASE WHEN size(d.published) < size($until) THEN size(d.published) ELSE size($until) END)))
WITH d.id AS id
ORDER BY id
WITH collect(id) AS ids
CALL (ids) {
  UNWIND [i IN ids WHERE i > $after][0..$limit] AS pageId
  MATCH (p:Document {id: pageId})
  RETURN collect(p) AS docs
}
RETURN size(ids) AS total, docs
