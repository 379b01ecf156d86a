content/ar.md:4: error: hittar inte mallen 'rapport-2016': det ska finnas en templates/rapport-2016.mustache eller en mall i standardtemat
