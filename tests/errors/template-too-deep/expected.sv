templates/page.mustache:3:901: error: fler än 100 avsnitt inuti varandra
