MATCH (a) WHERE (a:country)-[:x]->() AND ()<--(a {k: 1}) RETURN a
