MATCH (a) WHERE a.name =~ 'F.*' RETURN a
