content/sida.md:4:7: error: huvudet: YAML-alias (*bas) stöds inte: skriv ut hela värdet
