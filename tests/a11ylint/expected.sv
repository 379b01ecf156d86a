content/sida.md:5:23: warning: bilden sida/diagram.svg saknar alternativtext: skriv vad den visar mellan hakparenteserna, till exempel ![Diagram över deltagare per år](sida/diagram.svg)
content/sida.md:6:1: warning: länktexten 'länk' säger inte vart länken leder, och skärmläsare listar länkar utan sitt sammanhang: skriv vad läsaren hittar där, till exempel [verksamhetsplanen för 2017](…)
content/sida.md:6:35: warning: länktexten 'klicka här' säger inte vart länken leder, och skärmläsare listar länkar utan sitt sammanhang: skriv vad läsaren hittar där, till exempel [verksamhetsplanen för 2017](…)
content/sida.md:8:1: warning: en rubrik på nivå 4 följer på en på nivå 1: i skärmläsarens lista över rubriker saknas då en nivå; skriv ## (sidans titel är rubriken på nivå 1)
content/sida.md:10:5: warning: länktexten 'Läs mer.' säger inte vart länken leder, och skärmläsare listar länkar utan sitt sammanhang: skriv vad läsaren hittar där, till exempel [verksamhetsplanen för 2017](…)
content/sida.md:10:42: warning: bilden sida/logo.svg saknar alternativtext: skriv vad den visar mellan hakparenteserna, till exempel ![Diagram över deltagare per år](sida/logo.svg)
content/sida.md:12:1: warning: tabellen har inga kolumnrubriker (den första raden är tom): skriv vad varje kolumn innehåller i första raden, så att en skärmläsare kan säga vilken kolumn en siffra står i
