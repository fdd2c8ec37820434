MATCH /* inline */ (`odd name`:`odd label`)-[`r`]->() RETURN `odd name`
