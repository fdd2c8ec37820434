OPTIONAL MATCH (a)-[r:sanctions]->(b) RETURN a, r, b
