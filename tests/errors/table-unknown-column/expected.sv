content/sida.md:11: error: kolumnen 'Förbundsmedel' finns inte i budget.csv (dess kolumner är "Plats", "Belopp")
