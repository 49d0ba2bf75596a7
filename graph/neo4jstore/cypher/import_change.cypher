// Import: a history entry, unless the same one is there.
OPTIONAL MATCH (c:Change)
WHERE c.subject = $subject AND c.author = $author AND c.at = $at AND c.action = $action AND c.before = $before AND c.after = $after
WITH count(c) AS have
WHERE have = 0
CREATE (:Change {seq: $seq, at: $at, author: $author, action: $action, subject: $subject, before: $before, after: $after})
