content/sida.md:10: error: sums: "Totalt" räknar in "S:a", en summa längre ner; en summa kommer efter de summor den lägger ihop, så flytta "Totalt" under "S:a" i CSV-filen eller ta bort "S:a"
