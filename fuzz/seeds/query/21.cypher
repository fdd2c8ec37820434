CREATE (a:country {id: 'XXX'}) RETURN a
