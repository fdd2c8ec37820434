MATCH (a) RETURN (a) - 1 < -3, (a)<-3
