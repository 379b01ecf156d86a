content/budget.csv:4: error: 3. Resultat "Utfall" är 1 823 men raderna blir tillsammans 1 832
