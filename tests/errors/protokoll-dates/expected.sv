content/a.md:4: error: 'meeting' är inget datum: det ska skrivas ÅÅÅÅ-MM-DD, till exempel 2016-11-24
content/b.md:3: error: ett protokoll behöver 'posted:', datumet då det anslogs på anslagstavlan (ÅÅÅÅ-MM-DD): de tre veckorna för överklagande räknas från det
content/c.md:5: error: posted 2016-11-03 är före sammanträdet, 2016-11-10: ett protokoll anslås efter sammanträdet
