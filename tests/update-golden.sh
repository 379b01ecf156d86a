#!/bin/sh
# Rebuilds the expected output of every golden site with ./planpress.
# Review `git diff tests/golden` before committing: the point of a golden
# test is that every change in output is looked at by a person.
set -e
export SOURCE_DATE_EPOCH=1479945600
for case in tests/golden/*/; do
	work=$(mktemp -d)
	cp -R "$case/site/." "$work/"
	(cd "$work" && "$OLDPWD/planpress" build -q -j 2 --no-search .)
	rm -rf "$case/expected"
	cp -R "$work/public" "$case/expected"
	rm -f "$case/expected/assets/planpress.css" "$case/expected/assets/print.css" "$case/expected/assets/search.js"
	rmdir "$case/expected/assets" 2>/dev/null || true
	rm -rf "$work"
done
# the example årsredovisning, a golden document: web, print and PDF text
work=$(mktemp -d)
./planpress build -q -o "$work/site" .
cp "$work/site/mphla/arsredovisning-2016/index.html" "$work/site/mphla/arsredovisning-2016/utskrift.html" tests/golden-docs/arsredovisning-2016/
if command -v weasyprint >/dev/null 2>&1; then
	./planpress build -q --pdf -o "$work/print" .
	pdftotext -layout "$work/print/mphla/arsredovisning-2016/arsredovisning-2016.pdf" tests/golden-docs/arsredovisning-2016/pdf.txt
fi
rm -rf "$work"
