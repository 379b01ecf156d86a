content/sida.md:13: error: kolumnen 'Avvikelse': här saknas ')'
