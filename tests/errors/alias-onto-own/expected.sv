content/a.md: error: skulle skrivas till 404.html, som planpress skriver själv (ett flöde, webbplatskartan, en fil i temat eller en sida som planpress gör: startsidan, ett avsnitt, nyheterna, 404.html); välj ett annat namn
content/a.md: error: skulle skrivas i sitemap.xml/, men sitemap.xml är en fil som planpress skriver själv (ett flöde, webbplatskartan eller dess märkfil); välj en annan adress
