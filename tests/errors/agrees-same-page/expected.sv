content/arsredovisning.md:13: error: Årets resultat, 2016 är 231 här, men Summa eget kapital, 2016 − Summa eget kapital, 2015 i Tabell 2 (balansrakning) ger 213
