site.conf:4: error: search ska vara ja eller nej (true eller false): om bygget gör ett sökindex med Pagefind, inte 'kanske'
planpress: bygget misslyckades med 1 fel; ingenting skrevs
