content/a/sida.md: error: id "dubbel" förekommer mer än en gång på /a/sida/index.html
content/a/sida.md:5:24: error: trasig länk "/a/vp-2016/": webbplatsen har ingen sida eller fil /a/vp-2016/
content/a/sida.md:5:46: error: trasig länk "/a/#malen": /a/index.html har inget element med id "malen"
content/a/sida.md:6:12: error: trasig länk "budget.csv": webbplatsen har ingen sida eller fil /a/sida/budget.csv
content/a/sida.md:6:59: error: länken "../../../utanfor/" leder ut ur webbplatsen
content/a/sida.md:8:28: error: trasig länk "saknas.png": webbplatsen har ingen sida eller fil /a/sida/saknas.png
