CALL db.labels()
