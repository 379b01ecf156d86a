content/passwd.md: error: den symboliska länken leder ut ur webbplatsen eller till en mapp; planpress läser bara filer inuti webbplatsen
