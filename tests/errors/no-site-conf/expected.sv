site.conf: error: kan inte läsa webbplatsens inställningar: Filen eller katalogen finns inte (är det här en planpress-webbplats? den behöver en site.conf)
