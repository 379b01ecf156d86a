content/s.md:7: error: 'group by' och 'sums' kan inte användas i samma tabell: grupperna gör sina egna delsummor
