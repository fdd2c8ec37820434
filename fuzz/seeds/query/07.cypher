MATCH p = allShortestPaths((a)-[:x*2..4]->(b)) RETURN length(p) AS hops
