site.conf:3: error: här ska det stå 'nyckel = värde', men det står 'base_url https://example.org/'
