content/ekonomi.csv: error: kan inte läsa CSV-filen: Filen eller katalogen finns inte
