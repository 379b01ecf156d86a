content/sida.md:10: error: sums: "Summa" räknar in sin egen rad; en summa lägger ihop andra rader, så ange rader som inte tar med den
