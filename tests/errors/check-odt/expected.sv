planpress: error: --odt hör till build: check skriver ingenting, inte heller ODT-filer (prova 'planpress build --odt')
