content/mphla/arsredovisning-2016.md:20: error: Årets resultat, 2016 är 1 234 här, men Summa eget kapital, 2016 − Summa eget kapital, 2015 i Tabell 2 (balansrakning) ger 231
content/mphla/arsredovisning-2016.md:54: error: Likvida medel vid årets slut, 2016 är 3 835 här, men Kassa och bank, 2016 i Tabell 2 (balansrakning) ger 3 889
content/mphla/delarsrapport-2016.md:14: error: Aktiv, Budget helår är 1 020 här, men Aktiv, Budget i Tabell 1 (ekonomi) i content/mphla/verksamhetsplan-2016.md ger 1 200
