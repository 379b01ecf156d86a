site.conf:4: error: accessibility = tillganglighet.md: den sidan är ett utkast (draft: true); tillgänglighetsredogörelsen måste publiceras
