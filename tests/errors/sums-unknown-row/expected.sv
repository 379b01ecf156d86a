content/sida.md:10: error: sums: det finns ingen rad som heter 'D' i budget.csv
