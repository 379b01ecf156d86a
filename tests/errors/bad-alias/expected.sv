content/a/ett.md:5: error: aliaset '../../../etc/x.html' är inte en adress på den här webbplatsen (det ska vara en sökväg som /gammal-sida/)
