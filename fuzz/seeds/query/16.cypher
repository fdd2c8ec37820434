RETURN -9223372036854775808, 1.5e3, 'it\'s', "a\u00e9\n", [1, [2, {a: null}]], true, false
