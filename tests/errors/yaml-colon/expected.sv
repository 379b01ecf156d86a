content/bilaga.md:2:16: error: huvudet: ett värde som innehåller ett kolon behöver citattecken: skriv title: "Bilaga 2: avtal"
