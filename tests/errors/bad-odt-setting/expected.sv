site.conf:4: error: odt ska vara ja eller nej (true eller false): om rapporterna också ska göras som ODT-filer för Word och LibreOffice, inte 'kanske'
planpress: bygget misslyckades med 1 fel; ingenting skrevs
