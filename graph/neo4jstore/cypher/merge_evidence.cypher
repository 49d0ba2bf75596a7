// Writes a batch of evidence ($rows: maps of the evidence's fields).
// Evidence is never replaced, only added: its id is derived from its
// subject, document and span, so an existing one is already this one.
UNWIND $rows AS row
MERGE (e:Evidence {id: row.id})
ON CREATE SET e.subject = row.subject,
              e.documentId = row.documentId,
              e.startOffset = row.startOffset,
              e.endOffset = row.endOffset,
              e.quote = row.quote
