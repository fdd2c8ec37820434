MATCH p = shortestPath((a:country {id: 'IND'})-[*..6]-(b:country {id: 'CHN'})) RETURN p
