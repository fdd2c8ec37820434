MATCH (n) SET n.x = 1 RETURN n
