content/sida.md:10: error: sums: 'Summa' är namnet på mer än en rad i budget.csv (rad 4 och 7); ge raderna olika namn i CSV-filen, så att det är tydligt vilken som menas
