content/sida.md:8: error: blocket table behöver 'file: NAMN.csv' med namnet på sin CSV-fil
