content/budget.csv:3:2: error: cellen "12,5x" i kolumnen "Belopp" är inte ett belopp (som 1 794 000 kr, −1 994 eller 3 817,5)
