templates/page.mustache:4:1: error: {{#page.has_toc}} stängs aldrig: det ska stå {{/page.has_toc}}
