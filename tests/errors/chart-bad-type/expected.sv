content/sida.md:6: error: diagramtypen 'pie' finns inte: det ska vara bar, stacked bar eller donut
