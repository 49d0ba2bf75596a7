// A merged id leads to one node (or claim): graph.Curator.MergeEntities.
CREATE CONSTRAINT redirect_old IF NOT EXISTS
FOR (x:Redirect) REQUIRE x.old IS UNIQUE
