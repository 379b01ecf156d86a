content/budget.csv:4: error: filen tar slut inne i en cell inom citattecken (ett avslutande " saknas)
