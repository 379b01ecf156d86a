content/atom.xml: error: skulle skrivas till atom.xml, som planpress skriver själv (ett flöde, webbplatskartan, en fil i temat eller en sida som planpress gör: startsidan, ett avsnitt, nyheterna, 404.html); välj ett annat namn
content/plan/tabeller/tabell-1.csv: error: skulle skrivas till plan/tabeller/tabell-1.csv, precis som content/plan.md; byt namn på en av dem
content/plan/utskrift.html: error: skulle skrivas till plan/utskrift.html, precis som content/plan.md; byt namn på en av dem
