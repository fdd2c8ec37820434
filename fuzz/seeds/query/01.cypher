MATCH (c:country) RETURN c.name
