// Every node of the graph has :Entity; its id is unique across all kinds,
// which is what lets Upsert refuse an id reused with another kind.
CREATE CONSTRAINT entity_id IF NOT EXISTS
FOR (n:Entity) REQUIRE n.id IS UNIQUE
