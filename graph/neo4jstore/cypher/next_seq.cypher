// The next number of the sequence $name (history entries, notes), under the
// counter's write lock.
MERGE (c:Counter {name: $name})
SET c.value = coalesce(c.value, 0) + 1
RETURN c.value AS seq
