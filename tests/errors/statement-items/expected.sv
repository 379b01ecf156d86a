content/tillganglighet.md:11: error: accessibility: en punkt under 'shortcomings' saknar 'reason': Digg kräver varje brist och skälet till den
content/tillganglighet.md:12: error: accessibility: varje punkt under 'shortcomings' behöver 'what' (bristen) och 'reason' (varför det är så, till exempel vilket WCAG-kriterium som inte uppfylls)
content/tillganglighet.md:17: error: okänd nyckel 'web' i feedback (nycklarna är email, phone, url, text)
content/tillganglighet.md:16: error: accessibility: 'feedback' behöver minst en av email, phone och url
content/tillganglighet.md:14: error: accessibility: assessed 2017-01-15 är efter dagens datum, 2016-11-24: det ska stå datumet då bedömningen gjordes
content/tillganglighet.md:15: error: accessibility: updated 2016-10-01 är före bedömningen som redogörelsen bygger på (assessed 2017-01-15)
