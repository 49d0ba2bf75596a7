CREATE CONSTRAINT investigation_id IF NOT EXISTS
FOR (i:Investigation) REQUIRE i.id IS UNIQUE
