#!/bin/sh
# ODT export of reports (form_odt.c, issue 22): the example site built with
# --odt and a small site with odt = ja. Each .odt must be a real
# OpenDocument package (mimetype first and stored, well-formed XML parts,
# title, author and date in meta.xml, Swedish in the styles), and
# LibreOffice must open it: converted to PDF with soffice --headless, its
# text must hold the headings, a table's figures and its total. A copy
# with one figure changed must fail that check, so the check can fail.
# Prints "ok NAME" or "FAIL NAME: why"; tests/run.sh counts them.

P=${PLANPRESS:?}
T=$(pwd)/tests/out/odt
rm -rf "$T"
mkdir -p "$T"

ok() { echo "ok $1"; }
bad() { echo "FAIL $1: $2"; }

# --- the example site, with --odt --------------------------------------------
if "$P" build -q --odt -o "$T/site" . > "$T/build.log" 2>&1; then
	ok "odt build"
else
	bad "odt build" "the example site does not build with --odt"
	cat "$T/build.log"
fi
# one .odt beside each print page, named like its PDF (the folder's name)
n=0 missing=
for print in $(find "$T/site" -name utskrift.html | sort); do
	d=$(dirname "$print")
	n=$((n + 1))
	[ -f "$d/$(basename "$d").odt" ] || missing="$missing $d"
done
others=$(find "$T/site" -name '*.odt' | wc -l)
if [ "$n" -gt 0 ] && [ -z "$missing" ] && [ "$others" = "$n" ]; then
	ok "odt files: $n, one beside each print page"
else
	bad "odt files" "$n print pages, $others .odt files, missing:$missing"
fi
web=$T/site/mphla/arsredovisning-2016/index.html
if grep -q 'href="/mphla/arsredovisning-2016/arsredovisning-2016.odt" type="application/vnd.oasis.opendocument.text">Ladda ner för Word/LibreOffice (ODT)<' "$web"; then
	ok "odt link on the web page"
else
	bad "odt link" "the report's web page does not offer its .odt"
fi

# --- a small site with odt = ja: a pipe table, a footnote, a quote, a list ----
S=$T/small
mkdir -p "$S/content/forb"
cat > "$S/site.conf" <<'EOF'
[site]
title = Provsajt
base_url = https://prov.example/
odt = ja

[forbund.forb]
name = Provförbundet
EOF
cat > "$S/content/forb/plan.md" <<'EOF'
---
title: Verksamhetsplan 2030
type: verksamhetsplan
date: 2029-11-30
numbered: true
---

Inledande text med *betoning*, **fetstil** och en [länk](https://exempel.example/).[^1]

## Mål

> Ett citat om målen.

1. Första punkten
2. Andra punkten

| Post | Belopp |
|------|-------:|
| Hyra | 1 200 |
| Lön | 3 400 |

[^1]: En fotnot om texten.
EOF
if "$P" build -q "$S" > "$T/small.log" 2>&1 && [ -f "$S/public/forb/plan/plan.odt" ]; then
	ok "odt = ja in site.conf"
else
	bad "odt = ja" "the small site made no plan.odt"
	cat "$T/small.log"
fi

# --- the package -------------------------------------------------------------
# structure FILE: mimetype first, stored, no extra field; the parts there
structure() {
	python3 - "$1" <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
first = z.infolist()[0]
raw = open(sys.argv[1], "rb").read()
assert first.filename == "mimetype", "first entry is %s" % first.filename
assert first.compress_type == zipfile.ZIP_STORED, "mimetype is compressed"
assert raw[30:38] == b"mimetype" and raw[38:77] == b"application/vnd.oasis.opendocument.text", "mimetype not at offset 30"
names = set(z.namelist())
for part in ("META-INF/manifest.xml", "content.xml", "styles.xml", "meta.xml"):
    assert part in names, "no " + part
PY
}
for f in "$T/site/mphla/arsredovisning-2016/arsredovisning-2016.odt" "$S/public/forb/plan/plan.odt"; do
	name=$(basename "$f")
	if why=$(structure "$f" 2>&1); then
		ok "odt zip $name: mimetype first and stored"
	else
		bad "odt zip $name" "$(echo "$why" | tail -n 1)"
	fi
	rm -rf "$T/parts"
	mkdir -p "$T/parts"
	(cd "$T/parts" && unzip -q "$f")
	if xmllint --noout "$T/parts/content.xml" "$T/parts/styles.xml" "$T/parts/meta.xml" \
		"$T/parts/META-INF/manifest.xml" 2> "$T/xmllint.log"; then
		ok "odt xml $name: the four parts are well-formed"
	else
		bad "odt xml $name" "$(head -n 3 "$T/xmllint.log")"
	fi
	if grep -q 'fo:language="sv" fo:country="SE"' "$T/parts/styles.xml" &&
	   grep -q 'style:name="Table_20_Total_20_Figure"' "$T/parts/styles.xml" &&
	   grep -q 'style:page-width="21cm"\|fo:page-width="21cm"' "$T/parts/styles.xml"; then
		ok "odt styles $name: Swedish, A4, named table styles"
	else
		bad "odt styles $name" "no Swedish language, A4 page or Table Total Figure style"
	fi
done
# meta.xml: the document's title, the förbund as its author, its date
if grep -q '<dc:title>Verksamhetsplan 2030</dc:title>' "$T/parts/meta.xml" &&
   grep -q '<dc:creator>Provförbundet</dc:creator>' "$T/parts/meta.xml" &&
   grep -q '<dc:date>2029-11-30T00:00:00</dc:date>' "$T/parts/meta.xml"; then
	ok "odt meta: title, author and date"
else
	bad "odt meta" "$(cat "$T/parts/meta.xml")"
fi
# the small site's text: outline levels, a footnote, a link, the pipe table
c=$T/parts/content.xml
if grep -q '<text:h text:style-name="Heading_20_1" text:outline-level="1">1 Mål</text:h>' "$c" &&
   grep -q '<text:note text:note-class="footnote">' "$c" &&
   grep -q 'xlink:href="https://exempel.example/"' "$c" &&
   grep -q '<text:span text:style-name="Strong_20_Emphasis">fetstil</text:span>' "$c" &&
   grep -q '<text:p text:style-name="Table_20_Figure">3 400</text:p>' "$c" &&
   grep -q '<text:p text:style-name="Quotations">' "$c"; then
	ok "odt content: heading with outline level, footnote, link, strong, quote, right-aligned figure"
else
	bad "odt content" "a heading, footnote, link, quote or figure is missing from content.xml"
fi

# --- LibreOffice opens it ------------------------------------------------------
# figures PDFTEXT: the årsredovisning's text and its table of activities:
# a row's figures, and the total row, each on its own line
figures() {
	grep -q 'Förvaltningsberättelse' "$1" &&
	grep -q 'Styrelsens ledamöter vid årsredovisningens undertecknande' "$1" &&
	grep -q 'Balder *5 000 *5 288 *−288' "$1" &&
	grep -q 'Summa insatser *14 450 *14 575 *−125' "$1" &&
	grep -q 'Totalt *17 687 *17 860 *−173' "$1"
}
if command -v soffice > /dev/null 2>&1 && command -v pdftotext > /dev/null 2>&1; then
	# the same document with one figure of its total changed
	python3 - "$T/site/mphla/arsredovisning-2016/arsredovisning-2016.odt" "$T/broken.odt" <<'PY'
import sys, zipfile
src, dst = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], "w")
for info in src.infolist():
    data = src.read(info)
    if info.filename == "content.xml":
        # (the figures' spaces are no-break spaces, as on the web page)
        assert "14\u00a0575".encode() in data, "no 14 575 in content.xml"
        data = data.replace("14\u00a0575".encode(), "14\u00a0557".encode(), 1)
    dst.writestr(info, data)
dst.close()
PY
	# a profile of its own, so that no other LibreOffice is disturbed
	if soffice -env:UserInstallation="file://$T/profile" --headless --convert-to pdf --outdir "$T/pdf" \
		"$T/site/mphla/arsredovisning-2016/arsredovisning-2016.odt" "$T/broken.odt" \
		"$S/public/forb/plan/plan.odt" > "$T/soffice.log" 2>&1 &&
	   pdftotext -layout "$T/pdf/arsredovisning-2016.pdf" "$T/arsredovisning.txt" &&
	   pdftotext -layout "$T/pdf/broken.pdf" "$T/broken.txt" &&
	   pdftotext -layout "$T/pdf/plan.pdf" "$T/plan.txt"; then
		if figures "$T/arsredovisning.txt"; then
			ok "odt in LibreOffice: the årsredovisning's text, figures and total"
		else
			bad "odt in LibreOffice" "the text or a figure is missing from $T/arsredovisning.txt"
		fi
		if figures "$T/broken.txt"; then
			bad "odt check" "a changed total passed the figures check"
		else
			ok "odt check: a changed figure in the total fails it"
		fi
		if grep -q 'Verksamhetsplan 2030' "$T/plan.txt" && grep -q 'En fotnot om texten' "$T/plan.txt" &&
		   grep -q 'Lön *3 400' "$T/plan.txt"; then
			ok "odt in LibreOffice: the small site's title, footnote and table"
		else
			bad "odt in LibreOffice" "the small site's PDF lacks its title, footnote or table ($T/plan.txt)"
		fi
	else
		bad "odt in LibreOffice" "soffice could not convert the files to PDF"
		cat "$T/soffice.log"
	fi
elif [ "${CI:-}" = true ]; then
	bad "odt in LibreOffice" "soffice is not installed (apt-get install --no-install-recommends libreoffice-writer-nogui; make test-deps)"
else
	echo "odt in LibreOffice: SKIPPED, soffice is not installed (make test-deps)"
fi
