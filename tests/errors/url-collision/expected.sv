content/sjuharad/plan.md: error: skulle skrivas till sjuharad/plan/index.html, precis som content/sjuharad/plan/_index.md; byt namn på en av dem
