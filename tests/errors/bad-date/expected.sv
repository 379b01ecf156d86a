content/dr.md:3: error: datumet '15 september 2016' är inget datum: det ska skrivas ÅÅÅÅ-MM-DD, till exempel 2016-11-24
