content/a.md:5: error: end 2015-12-31 är före start 2016-01-01: det ska vara periodens sista dag
content/b.md:3: error: en insats behöver 'start:', den första dagen i perioden (ÅÅÅÅ-MM-DD), eller, så länge den inte är bestämd, 'status: planerad'
content/b.md:4: error: 'parties' ska vara en lista med namn, ett '- namn' på varje rad under det
content/b.md:5: error: okänd nyckel 'mail' i contact: det kan vara name, email och phone
