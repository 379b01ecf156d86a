content/summa.csv:4: error: Summa "Utfall": raderna blir tillsammans mer än 999 999 999 999
content/enheter.csv:2:2: error: cellen "999 999 999 999" i kolumnen "Utfall" är för stor: i kr skulle den bli mer än 999 999 999 999
content/sida.md:23: error: kolumnen 'Andel': raderna i 'Utfall' blir tillsammans mer än 999 999 999 999
content/sida.md:28: error: kolumnen 'Bidrag': vikterna i 'Invånare' får inte vara negativa
