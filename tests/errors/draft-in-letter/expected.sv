content/brev.md:7: error: items: 'nyheter/utkast.md' är ett utkast (draft: true), som inte publiceras; publicera det, eller ta bort det från listan
