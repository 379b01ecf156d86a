content/b/tva.md: error: skulle skrivas till gammal/index.html, precis som content/a/ett.md; byt namn på en av dem
content/gammal.md: error: skulle skrivas till gammal/index.html, precis som content/b/tva.md; byt namn på en av dem
