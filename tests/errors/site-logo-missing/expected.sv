site.conf:4: error: logo: kan inte läsa content/bilder/logo.png: Filen eller katalogen finns inte
site.conf:5: error: favicon '../favicon.ico' ska vara en fil i mappen content, skriven som därifrån (som 'bilder/logo.svg' för content/bilder/logo.svg)
