// Adds a note.
CREATE (:Note {seq: $seq, subject: $subject, text: $text, author: $author, at: $at})
