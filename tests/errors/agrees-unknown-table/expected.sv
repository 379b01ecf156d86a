content/sida.md:14: error: agrees: det finns ingen tabell med id 'balansrakningen' på sidan (dess tabeller är 'balansrakning', 'kassaflode'); menade du 'balansrakning'?
