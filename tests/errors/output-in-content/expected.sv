site.conf:4: error: mappen för den byggda webbplatsen, 'content/public', ligger inuti webbplatsens mapp content/; välj en mapp som 'public'
