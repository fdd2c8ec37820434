RETURN [x IN [1, 2] | x * 2]
