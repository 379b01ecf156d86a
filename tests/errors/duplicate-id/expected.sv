content/prov.md:7:4: error: id "dubbel" förekommer mer än en gång på /prov/index.html
