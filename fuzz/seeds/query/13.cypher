MATCH (a) WHERE exists((a)-[:member_of]->(:organization {id: 'NATO'})) RETURN a
