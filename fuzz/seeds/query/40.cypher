MATCH (a:country)
WHERE a.x = 1 AND
  a.y IN [1, 2]
RETURN a.name,
       count(*) AS n
ORDER BY n DESC
