// Appends one entry to the history (never changed afterwards).
CREATE (:Change {seq: $seq, at: $at, author: $author, action: $action, subject: $subject, before: $before, after: $after})
