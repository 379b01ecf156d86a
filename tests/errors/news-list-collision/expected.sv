content/a/nyheter/2.md: error: skulle skrivas till a/nyheter/2/index.html, som är sidan 2 i nyhetslistan för a/; byt namn på den, eller flytta den ut ur mappen
