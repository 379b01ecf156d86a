content/sida.md:8: error: filen '../../../etc/passwd' ligger utanför webbplatsens mapp content; ange en sökväg från sidan
