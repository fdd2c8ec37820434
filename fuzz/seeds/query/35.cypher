MATCH (n:a:b|c) RETURN n
