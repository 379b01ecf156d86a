content/om.md:3: error: 'accessibility' hör till en tillgänglighetsredogörelse: lägg till 'type: tillganglighet' på sidan, eller ta bort blocket
