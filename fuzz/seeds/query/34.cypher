MATCH (a)-[*3..1]->(b) RETURN a
