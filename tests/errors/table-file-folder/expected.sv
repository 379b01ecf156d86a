content/a/sida.md:6: error: '.' är en mapp; ange CSV-filen i den, som 'file: budget.csv'
