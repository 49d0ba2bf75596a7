// Stores a token by its hash ($name is unique: token_name).
CREATE (:Token {name: $name, role: $role, hash: $hash, created: $created})
