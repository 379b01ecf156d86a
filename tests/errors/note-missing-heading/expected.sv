content/sida.md:6: error: tabellen hänvisar till not 5, men sidan har ingen rubrik för den: skriv en som '### Not 5 …' (dess id blir då not-5)
