content/sida.md:10: error: kolumnen 'Dubbel' är i kr, men formeln räknar i tkr, den enhet som 'Utfall' visas i; skriv 'tkr' för den här kolumnen, eller visa 'Utfall' i kr
