content/mphla/delarsrapport-2016/nettokostnad.csv:15: error: Totalt "Utfall jan-aug" är 10 238 men raderna blir tillsammans −10 238 (tecknet är fel)
content/mphla/delarsrapport-2016/nettokostnad.csv:15: error: Totalt "Aktuell Budget Helår" är −17 703 men raderna blir tillsammans −17 705
content/mphla/delarsrapport-2016/ekonomisk-sammanfattning.csv:4: error: 3. Resultat efter finansiella intäkter "Aktuell budget jan-aug" är −261 men raderna blir tillsammans −23 321
content/sjuharad/verksamhetsplan-2015/finansiering.csv:5: error: Kommuner "Andel" är 0,25 men raderna blir tillsammans 0,24
content/sjuharad/verksamhetsplan-2016/styrning.csv:6: error: Summa tkr "tkr" är −1 994 men raderna blir tillsammans 1 594
content/sjuharad/verksamhetsplan-2016/finansiering.csv:5: error: Kommuner "2016" är 4 417 men raderna blir tillsammans 4 418
content/sjuharad/verksamhetsplan-2016/finansiering.csv:5: error: Kommuner "2017" är 3 817,5 men raderna blir tillsammans 3 818,0
content/sjuharad/verksamhetsplan-2016/finansiering.csv:5: error: Kommuner "2018" är 3 817,5 men raderna blir tillsammans 3 818,0
