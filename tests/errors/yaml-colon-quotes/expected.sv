content/sida.md:2:10: error: huvudet: ett värde som innehåller ett kolon behöver citattecken: skriv title: 'Om: "Gröna vägen"'
