content/sida.md:8: error: table: alternativet 'show total' fungerar bara med 'show: summary'; lägg till det, eller ta bort 'show total'
