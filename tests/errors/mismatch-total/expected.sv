content/budget.csv:4: error: Summa "Förbundsmedel, tkr" är 1 603 men raderna blir tillsammans 1 630
