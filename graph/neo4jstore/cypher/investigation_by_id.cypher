MATCH (i:Investigation {id: $id})
RETURN i
