content/budget.csv:2: error: filen är varken UTF-8 eller Windows-1252 (byte 0x81); spara den från Excel som "CSV UTF-8"
