content/plan.md:7: error: ```tabell är inte ett block som planpress känner till: menade du ```table?
content/plan.md:11: error: ```diagram är inte ett block som planpress känner till: menade du ```chart?
