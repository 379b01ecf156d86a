content/sida.md:3: error: mallen '../../../etc/passwd' pekar ut ur mappen templates
