content/budget.csv:4: error: Summa "Andel" är 100 % men raderna blir tillsammans 101 %
