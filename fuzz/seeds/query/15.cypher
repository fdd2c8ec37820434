MATCH (a) WHERE a.x = $x AND a.y <> $`the y` RETURN toUpper(a.name), size(a.name) + 1 * 2 % 3 - 4 / 5
