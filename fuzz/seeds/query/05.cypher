MATCH (a)<-[:allied_with|:at_war_with]-(b) RETURN DISTINCT b.name
