// Import: a note, unless the same one (subject, author, time, text) is there.
OPTIONAL MATCH (x:Note)
WHERE x.subject = $subject AND x.author = $author AND x.at = $at AND x.text = $text
WITH count(x) AS have
WHERE have = 0
CREATE (:Note {seq: $seq, subject: $subject, text: $text, author: $author, at: $at})
