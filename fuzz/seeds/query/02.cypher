MATCH (c:country {id: 'FRA'})-[:member_of]->(o:organization) RETURN o.name ORDER BY o.name
