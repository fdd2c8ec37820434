MATCH (a:country), (b:country) WHERE (a)-[:borders]-(b) RETURN a.id, b.id
