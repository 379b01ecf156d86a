content/dr.md:1:1: error: huvudet som börjar med '---' avslutas aldrig: det ska följas av en rad med '---'
