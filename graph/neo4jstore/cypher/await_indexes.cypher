// Waits until every index is online ($seconds at most).
CALL db.awaitIndexes($seconds)
