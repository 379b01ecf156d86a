content/budget.csv:1: error: fler än 200 kolumner
