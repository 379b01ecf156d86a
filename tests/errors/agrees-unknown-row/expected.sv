content/sida.md:14: error: agrees: Tabell 1 (balansrakning) har ingen rad 'Kassa o bank'; menade du 'Kassa och bank'?
