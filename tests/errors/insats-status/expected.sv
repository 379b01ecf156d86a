content/a.md:6: error: status 'pagaende' stämmer inte med perioden 2014-01-01 till 2015-12-31: i dag, 2016-11-24, är insatsen avslutad; ta bort 'status' (planpress räknar ut den från perioden) eller rätta datumen
content/b.md:5: error: status 'klar' är ingen status för en insats: det kan vara planerad, pagaende eller avslutad
