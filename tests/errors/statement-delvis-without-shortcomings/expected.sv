content/tillganglighet.md:7: error: accessibility: compliance 'delvis' kräver bristerna som gör det så: lista var och en under 'shortcomings:' med 'what' och 'reason'
