MATCH (a) RETURN a.name AS name AS OF date('2024-07-04');
