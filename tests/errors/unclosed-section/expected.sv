templates/page.mustache:6:1: error: {{/main}} stänger inte {{#page.has_toc}} som öppnades på rad 4
