// A token's name signs the changes made with it, so it is unique.
CREATE CONSTRAINT token_name IF NOT EXISTS
FOR (t:Token) REQUIRE t.name IS UNIQUE
