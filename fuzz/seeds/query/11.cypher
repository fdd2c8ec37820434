MATCH (a)-->(b) WITH a, count(DISTINCT b) AS n WHERE n > 2 RETURN a.name, n ORDER BY n DESC LIMIT 5
