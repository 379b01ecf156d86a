content/sida.md:11: error: kolumnen 'A': dess formel beror på sig själv genom andra kolumner
