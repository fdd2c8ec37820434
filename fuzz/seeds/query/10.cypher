MATCH (n) WHERE n.founded IS NULL XOR n.dissolved IS NOT NULL RETURN count(*)
