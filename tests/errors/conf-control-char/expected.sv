site.conf:6: error: värdet av 'email' innehåller ett styrtecken (byte 0x0D); skriv om raden, eller spara filen som vanlig UTF-8-text
