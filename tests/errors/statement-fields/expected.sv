content/tillganglighet.md:7: error: okänd nyckel 'shortcoming' i accessibility: menade du 'shortcomings'? (nycklarna är body, service, compliance, shortcomings, burden, not_covered, method, assessed, updated, published, feedback, digg)
content/tillganglighet.md:4: error: accessibility: 'service' saknas: det ska stå vilken digital tjänst redogörelsen gäller, till exempel 'webbplatsen sofs.se'
content/tillganglighet.md:6: error: accessibility: compliance 'delvist' är ingen av Diggs nivåer: det ska stå helt, delvis eller inte
content/tillganglighet.md:10: error: accessibility: 'assessed' är inget datum: det ska skrivas ÅÅÅÅ-MM-DD, till exempel 2016-11-01
content/tillganglighet.md:4: error: accessibility: 'feedback' saknas: det ska stå hur man rapporterar ett problem, med minst en av email, phone och url
