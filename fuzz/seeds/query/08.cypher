MATCH (n:country|organization) WHERE n.name STARTS WITH 'Fr' OR n.name ENDS WITH 'ce' RETURN n
