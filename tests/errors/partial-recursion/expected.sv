templates/partials/igen.mustache:2:1: error: fler än 100 mallar inuti varandra vid 'partials/igen' (tar en delmall med sig själv?) (när content/sida.md skapades)
