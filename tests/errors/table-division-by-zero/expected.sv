content/budget.csv:3: error: kolumnen 'Utfall i procent' på raden "Mark": division med noll
