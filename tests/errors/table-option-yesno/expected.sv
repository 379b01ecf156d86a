content/sida.md:7: error: table: alternativet 'download' ska vara ja eller nej (eller yes eller no), inte 'nja'
content/sida.md:8: error: table: alternativet 'landscape' ska vara ja eller nej (eller yes eller no), inte 'jo'
