MATCH (a) WHERE (a:country) RETURN a
