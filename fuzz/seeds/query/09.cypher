MATCH (n) WHERE n.name CONTAINS 'an' AND NOT n.id IN ['FRA', 'DEU'] RETURN n.name
