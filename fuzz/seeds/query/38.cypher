RETURN 'unclosed
