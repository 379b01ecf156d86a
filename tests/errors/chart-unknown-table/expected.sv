content/sida.md:7: error: det finns ingen tabell med id 'budget' ovanför diagrammet på sidan
