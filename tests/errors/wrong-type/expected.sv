content/plan.md:3: error: 'numbered' ska vara true eller false
