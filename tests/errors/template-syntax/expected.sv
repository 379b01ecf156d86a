templates/partials/footer.mustache:2:3: error: taggen stängs aldrig: det ska stå '}}' före mallens slut
