content/_index.md:3: error: startsidan kan inte vara ett utkast: utan den har webbplatsen ingen förstasida; ta bort 'draft: true' (bygg med --drafts för att förhandsvisa webbplatsen med dess utkast)
