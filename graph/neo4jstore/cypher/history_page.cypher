// One page of the history, newest first: of $subjects (all when empty), by
// $author (everyone when ''), at or after $since, before sequence $after
// (0: from the newest).
MATCH (c:Change)
WHERE ($subjects = [] OR c.subject IN $subjects)
  AND ($author = '' OR c.author = $author)
  AND ($since = '' OR c.at >= $since)
  AND ($after = 0 OR c.seq < $after)
RETURN c.seq AS seq, c.at AS at, c.author AS author, c.action AS action, c.subject AS subject, c.before AS before, c.after AS after
ORDER BY c.seq DESC
LIMIT $limit
