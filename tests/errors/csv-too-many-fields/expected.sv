content/budget.csv:2:3: error: raden har 3 fält men rubrikraden har 2 kolumner (cellen "17")
