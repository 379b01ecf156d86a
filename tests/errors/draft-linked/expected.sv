content/_index.md:5: error: det här länkar till content/plan.md, ett utkast (draft: true) som inte publiceras; publicera den sidan, eller ta bort länken
content/_index.md:7: error: det här länkar till content/plan.md, ett utkast (draft: true) som inte publiceras; publicera den sidan, eller ta bort länken
