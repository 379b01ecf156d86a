content/budget.csv: error: inte en textfil (den innehåller NUL-byte; är det en .xlsx? spara den som CSV)
