templates/page.mustache:1:19: error: mallnamnet '../../secret' pekar ut ur mappen templates (när content/sida.md skapades)
