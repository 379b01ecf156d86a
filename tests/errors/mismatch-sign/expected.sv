content/budget.csv:4: error: Totalt "tkr" är 160 men raderna blir tillsammans −160 (tecknet är fel)
