templates/page.mustache:3:3: error: hittar inte delmallen 'partials/sidebar' (när content/sida.md skapades)
