content/mphla/delarsrapport-2016.md:9: error: Aktiv, Budget helår är 1 250 här, men Aktiv, Budget i Tabell 1 (ekonomi) i content/mphla/verksamhetsplan-2016.md ger 1 200
content/mphla/delarsrapport-2016.md:10: error: Summa, Budget helår är 2 050 här, men Summa, Budget i Tabell 1 (ekonomi) i content/mphla/verksamhetsplan-2016.md ger 2 000
