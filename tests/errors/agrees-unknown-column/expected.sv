content/sida.md:14: error: agrees: Tabell 1 (balansrakning) har ingen kolumn med siffror '2017' (dess kolumner med siffror är '2016', '2015')
