content/sida.md:11: error: kolumnen 'Belopp': förstod inte 'i' (det ska vara antal decimaler, '→ tkr' eller truncate)
