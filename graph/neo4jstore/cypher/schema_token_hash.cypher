// Requests find their token by its hash.
CREATE CONSTRAINT token_hash IF NOT EXISTS
FOR (t:Token) REQUIRE t.hash IS UNIQUE
