site.conf:5: error: 'footnotes = page' finns inte längre: fotnoterna skrivs ut sist i dokumentet, under en egen rubrik; ta bort raden
