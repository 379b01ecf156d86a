content/budget.csv:5: error: S:a kassa och bank "Belopp" är 3 982 289 men raderna blir tillsammans 3 982 288
