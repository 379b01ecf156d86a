content/sida.md:11: error: chart: alternativen 'table' och 'file' kan inte användas tillsammans; ta bort det ena
