#!/bin/sh
# The defects of the hardening review (issue 19), each as a test that
# failed before its fix. Prints "ok NAME" or "FAIL NAME: why" per test;
# tests/run.sh counts them.

P=${PLANPRESS:?}
T=$(pwd)/tests/out/hardening
rm -rf "$T"
mkdir -p "$T"

ok() { echo "ok $1"; }
bad() { echo "FAIL $1: $2"; }
sanitizer_clean() { ! grep -q 'AddressSanitizer\|runtime error' "$1"; }
example() { # a copy of the example site in $T/$1
	rm -rf "$T/$1"
	mkdir -p "$T/$1"
	cp -R site.conf content "$T/$1/"
	[ -d assets ] && cp -R assets "$T/$1/"
	[ -d templates ] && cp -R templates "$T/$1/"
}

# 1. A draft no page refers to is left out cleanly: build and check pass,
#    and nothing of it is published (before: heap-use-after-free).
example draft
printf -- '---\ntitle: Utkast till redogörelse\ndraft: true\n---\n\nText.\n' > "$T/draft/content/tillganglighet-draft.md"
for cmd in build check; do
	if "$P" $cmd -q "$T/draft" > "$T/draft-$cmd.log" 2>&1 && sanitizer_clean "$T/draft-$cmd.log"; then
		ok "draft: $cmd of the example site with an unlisted draft"
	else
		bad "draft: $cmd of the example site with an unlisted draft" "$(head -c 400 "$T/draft-$cmd.log")"
	fi
done
if [ -f "$T/draft/public/index.html" ] && [ ! -e "$T/draft/public/tillganglighet-draft" ] && ! grep -rq 'tillganglighet-draft' "$T/draft/public"; then
	ok "draft: nothing of a draft is published"
else
	bad "draft: nothing of a draft is published" "$(grep -rl 'tillganglighet-draft' "$T/draft/public" | head -3)"
fi
# --drafts publishes it
"$P" build -q --drafts -o "$T/draft-out" "$T/draft" > "$T/draft-drafts.log" 2>&1
[ -f "$T/draft-out/tillganglighet-draft/index.html" ] && ok "draft: --drafts publishes it" ||
	bad "draft: --drafts publishes it" "$(head -c 300 "$T/draft-drafts.log")"
# a page that becomes a draft while others link to it: the incremental
# build says so too
example draft-inc
"$P" build -q "$T/draft-inc" > /dev/null 2>&1
printf '\nSe [redogörelsen](tillganglighet.md).\n' >> "$T/draft-inc/content/_index.md"
"$P" build -q "$T/draft-inc" > /dev/null 2>&1
sed -i '0,/^title:/s/^title:.*/&\ndraft: true/' "$T/draft-inc/content/tillganglighet.md"
sed -i '/^accessibility/d' "$T/draft-inc/site.conf"
"$P" build -q "$T/draft-inc" > "$T/draft-inc.log" 2>&1
rc=$?
line=$(grep -n 'tillganglighet.md)' "$T/draft-inc/content/_index.md" | cut -d: -f1)
if [ $rc = 1 ] && grep -qF "content/_index.md:$line: error: this links to content/tillganglighet.md, a draft" "$T/draft-inc.log" &&
   sanitizer_clean "$T/draft-inc.log"; then
	ok "draft: an incremental build refuses a link to a page that became a draft"
else
	bad "draft: an incremental build refuses a link to a page that became a draft" "exit $rc: $(head -c 400 "$T/draft-inc.log")"
fi

# 3. A site's own assets/planpress.css stays in public/ through incremental
#    builds with nothing changed (before: it and the default took turns).
example own-css
mkdir -p "$T/own-css/assets"
printf '/* the site'"'"'s own style */\nbody { color: #123; }\n' > "$T/own-css/assets/planpress.css"
turns=""
for i in 1 2 3 4; do
	"$P" build -q "$T/own-css" > "$T/own-css.log" 2>&1 || turns="$turns build $i failed;"
	cmp -s "$T/own-css/assets/planpress.css" "$T/own-css/public/assets/planpress.css" ||
		turns="$turns build $i published another planpress.css;"
done
[ -z "$turns" ] && ok "assets: the site's own planpress.css stays through four builds" ||
	bad "assets: the site's own planpress.css stays through four builds" "$turns"

# 2. No file outside the site is read, whatever its name and however a
#    symbolic link leads there (before: a dot-named link was never checked,
#    and `file: .pw` published /etc/passwd).
outside="$T/outside"
mkdir -p "$outside/tpl"
printf 'Namn;Belopp\nHemligt;4711\n' > "$outside/secret.csv"
printf '[site]\ntitle = Hemlig\n' > "$outside/site.conf"
printf '<p>HEMLIG MALL</p>\n' > "$outside/tpl/page.mustache"
escape() { # name want-diagnostic: builds $T/esc, which must fail with it
	name=$1 want=$2
	"$P" build -q "$T/esc" > "$T/esc.log" 2>&1
	rc=$?
	if [ $rc = 1 ] && grep -qF -- "$want" "$T/esc.log" && ! grep -rqs '4711\|Hemlig\|HEMLIG' "$T/esc/public"; then
		ok "inside the site: $name"
	else
		bad "inside the site: $name" "exit $rc: $(head -c 300 "$T/esc.log")"
	fi
}
newsite() {
	rm -rf "$T/esc"
	mkdir -p "$T/esc/content/a"
	printf '[site]\ntitle = Prov\n' > "$T/esc/site.conf"
	printf -- '---\ntitle: A\n---\n\nText.\n' > "$T/esc/content/a/sida.md"
}
table_page() { printf -- '---\ntitle: A\n---\n\n```table\nfile: %s\n```\n' "$1" > "$T/esc/content/a/sida.md"; }
newsite; ln -s "$outside/secret.csv" "$T/esc/content/a/.pw"; table_page .pw
escape "a dot-named link read as a table" "content/a/sida.md:6: error: file '.pw': it is outside the site"
newsite; ln -s "$outside" "$T/esc/content/a/.d"; table_page .d/secret.csv
escape "a table read through a dot-named link to a folder" "content/a/sida.md:6: error: file '.d/secret.csv': it is outside the site"
newsite; ln -s ../../../outside/secret.csv "$T/esc/content/a/.rel"; table_page .rel
escape "a relative link that climbs out" "content/a/sida.md:6: error: file '.rel': it is outside the site"
newsite; ln -s "$outside/secret.csv" "$T/esc/content/a/data.csv"; table_page data.csv
escape "a plainly named link" "error: symbolic link leads outside the site"
newsite; rm "$T/esc/site.conf"; ln -s "$outside/site.conf" "$T/esc/site.conf"
escape "site.conf as a link out" "site.conf: error: cannot read the site configuration: it is outside the site"
newsite; ln -s "$outside/tpl" "$T/esc/templates"
escape "templates/ as a link out" "error: cannot read template: it is outside the site"
newsite; mkdir -p "$T/esc/templates"; ln -s "$outside/tpl/page.mustache" "$T/esc/templates/.page.mustache"
"$P" build -q "$T/esc" > "$T/esc.log" 2>&1
! grep -rqs 'HEMLIG' "$T/esc/public" && ok "inside the site: a dot-named template link is not loaded" ||
	bad "inside the site: a dot-named template link is not loaded" "the template was used"
newsite; ln -s "$outside" "$T/esc/assets"
escape "assets/ as a link out" "error: cannot read: it is outside the site"
newsite; mkdir -p "$T/esc/content/b"; ln -s "$outside/secret.csv" "$T/esc/content/b/.x"
printf -- '---\ntitle: B\n---\n\n[data](.x)\n' > "$T/esc/content/b/_index.md"
"$P" build -q "$T/esc" > "$T/esc.log" 2>&1
! grep -rqs '4711' "$T/esc/public" && ok "inside the site: a link to a dot-named file copies nothing" ||
	bad "inside the site: a link to a dot-named file copies nothing" "the file was published"
# Every other kind of file planpress reads, each through a link out of
# the site: pages, chart data, templates, partials, assets (the site's own
# planpress.css too), static files, a förbund's logo, a cover image and an
# appendix. A plainly named link is an error at the link; a dot-named one
# is never read. Nothing of the outside file is published either way.
printf -- '---\ntitle: Hemlig\n---\n\nHEMLIG 4711\n' > "$outside/secret.md"
newsite; ln -s "$outside/secret.md" "$T/esc/content/a/hemlig.md"
escape "a page" "content/a/hemlig.md: error: symbolic link leads outside the site"
newsite; ln -s "$outside/secret.csv" "$T/esc/content/a/.d"
printf -- '---\ntitle: A\n---\n\n```chart\ntype: bar\nfile: .d\n```\n' > "$T/esc/content/a/sida.md"
escape "chart data" "content/a/sida.md:7: error: file '.d': it is outside the site"
newsite; mkdir -p "$T/esc/templates"; ln -s "$outside/tpl/page.mustache" "$T/esc/templates/page.mustache"
escape "a template" "templates/page.mustache: error: symbolic link leads outside the site"
newsite; mkdir -p "$T/esc/templates/partials"; ln -s "$outside/tpl/page.mustache" "$T/esc/templates/partials/footer.mustache"
escape "a partial" "templates/partials/footer.mustache: error: symbolic link leads outside the site"
newsite; mkdir -p "$T/esc/assets"; ln -s "$outside/secret.csv" "$T/esc/assets/extra.css"
escape "an asset" "assets/extra.css: error: symbolic link leads outside the site"
newsite; mkdir -p "$T/esc/assets"; ln -s "$outside/secret.csv" "$T/esc/assets/planpress.css"
escape "the site's own planpress.css" "assets/planpress.css: error: symbolic link leads outside the site"
newsite; ln -s "$outside/secret.csv" "$T/esc/content/a/bild.jpg"
escape "a static file" "content/a/bild.jpg: error: symbolic link leads outside the site"
newsite; ln -s "$outside/secret.csv" "$T/esc/content/a/logo.svg"
printf '[forbund.prov]\nname = Prov\nlogo = a/logo.svg\n' >> "$T/esc/site.conf"
escape "a logo" "content/a/logo.svg: error: symbolic link leads outside the site"
for kind in logo cover appendix; do
	newsite; ln -s "$outside/secret.csv" "$T/esc/content/a/.fil.pdf"
	case $kind in
	logo) printf '[forbund.prov]\nname = Prov\nlogo = a/.fil.pdf\n' >> "$T/esc/site.conf" ;;
	cover) printf -- '---\ntitle: Plan\ntype: verksamhetsplan\ncover_image: .fil.pdf\n---\n\nText.\n' > "$T/esc/content/a/sida.md" ;;
	appendix) printf -- '---\ntitle: Plan\ntype: verksamhetsplan\nappendices:\n  - title: Bilaga\n    file: .fil.pdf\n---\n\nText.\n' > "$T/esc/content/a/sida.md" ;;
	esac
	"$P" build -q "$T/esc" > "$T/esc.log" 2>&1
	! grep -rqs '4711' "$T/esc/public" && [ -z "$(find "$T/esc/public" -name '.fil.pdf')" ] &&
		ok "inside the site: a dot-named link as the $kind is never read" ||
		bad "inside the site: a dot-named link as the $kind is never read" "$(grep -rls 4711 "$T/esc/public" | head -3)"
done
# links inside the site are read like files, in templates/ and assets/ too
newsite; mkdir -p "$T/esc/templates" "$T/esc/assets" "$T/esc/delat"
printf '<p>EGEN MALL {{page.title}}</p>\n' > "$T/esc/delat/mall.mustache"
printf 'body { color: #123456 }\n' > "$T/esc/delat/egen.css"
ln -s ../delat/mall.mustache "$T/esc/templates/page.mustache"
ln -s ../delat/egen.css "$T/esc/assets/egen.css"
"$P" build -q "$T/esc" > "$T/esc.log" 2>&1 && grep -q 'EGEN MALL A' "$T/esc/public/a/sida/index.html" &&
	grep -q '#123456' "$T/esc/public/assets/egen.css" &&
	ok "inside the site: links in templates/ and assets/ that stay inside are read" ||
	bad "inside the site: links in templates/ and assets/ that stay inside are read" "$(head -c 300 "$T/esc.log")"
# and a link that stays inside is followed
newsite; cp "$outside/secret.csv" "$T/esc/content/data.csv"; ln -s ../data.csv "$T/esc/content/a/.in"; table_page .in
"$P" build -q "$T/esc" > "$T/esc.log" 2>&1 && grep -q '4.*711' "$T/esc/public/a/sida/index.html" &&
	ok "inside the site: a relative link that stays inside is followed" ||
	bad "inside the site: a relative link that stays inside is followed" "$(head -c 300 "$T/esc.log")"

# 7. A letter's text cannot end a MIME part and start its own (before: the
#    boundary was a fixed string, and quoted-printable leaves '-' alone).
#    10. Nor can a file name add a header through Message-ID.
example mime
letter=$(ls "$T/mime/content/sjuharad/"informationsbrev-*.md | head -n 1)
cat >> "$letter" <<'MAIL'

--planpress-alternative-1f4e79
Content-Type: text/html; charset=UTF-8

<a href="https://example.invalid/">Logga in här</a>

--planpress-alternative-1f4e79--
MAIL
"$P" build -q "$T/mime" > "$T/mime.log" 2>&1
eml=$(find "$T/mime/public" -name "$(basename "$letter" .md).eml")
if [ -n "$eml" ] && python3 - "$eml" <<'PY'
import email, sys
from email import policy
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=policy.default)
parts = [p for p in m.walk() if not p.is_multipart()]
types = [p.get_content_type() for p in parts]
assert types == ["text/plain", "text/html"], types
html = parts[1].get_content()
assert "</html>" in html, "the HTML part was cut short"
assert 'href="https://example.invalid/"' not in html, "an injected link became HTML"
assert m.defects == [] and all(p.defects == [] for p in parts), m.defects
PY
then
	ok "e-mail: text that looks like a MIME boundary stays text"
else
	bad "e-mail: text that looks like a MIME boundary stays text" "$(head -c 300 "$T/mime.log")"
fi
example msgid
mv "$T/msgid/content/sjuharad/informationsbrev-2016-2.md" "$(printf '%s/msgid/content/sjuharad/brev\rBcc: x@example.invalid.md' "$T")"
"$P" build -q "$T/msgid" > "$T/msgid.log" 2>&1
eml=$(find "$T/msgid/public" -name '*.eml' -path '*sjuharad*' | head -n 1)
if [ -n "$eml" ] && ! grep -qa '^Bcc:' "$eml" && ! grep -qa "$(printf '\r')Bcc" "$eml"; then
	ok "e-mail: a file name cannot add a header"
else
	bad "e-mail: a file name cannot add a header" "$(grep -a 'Message-ID\|Bcc' "$eml" | head -3) $(head -c 200 "$T/msgid.log")"
fi

# 6. URLs from front matter are filtered wherever a template writes them
#    (before: the print template's appendices and cover image took
#    javascript: as it came).
example xss-url
f="$T/xss-url/content/sjuharad/verksamhetsplan-2016.md"
python3 - "$f" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
s = s.replace("toc: true\n", 'toc: true\ncover_image: " JaVaScRiPt:alert(1)"\nappendices:\n'
              '  - title: Bilaga A\n    file: "javascript:alert(1)"\n'
              '  - title: Bilaga B\n    file: "java\\tscript:alert(2)"\n'
              '  - title: Bilaga C\n    file: "bilaga-c.pdf"\n', 1)
open(p, "w").write(s)
PY
"$P" build -q "$T/xss-url" > "$T/xss-url.log" 2>&1
pr="$T/xss-url/public/sjuharad/verksamhetsplan-2016/utskrift.html"
if [ -f "$pr" ] && ! grep -qi 'script:' "$pr" && grep -q 'href="[^"]*/bilaga-c.pdf"' "$pr"; then
	ok "URLs: javascript: from front matter never reaches an href or src"
else
	bad "URLs: javascript: from front matter never reaches an href or src" "$(grep -oi '[a-z]*="[^"]*script:[^"]*"' "$pr" | head -3) $(head -c 200 "$T/xss-url.log")"
fi

# 4. A chart's own CSV file is a dependency of its page (before: an edit
#    to it left the old figures published, "0 rendered")
rm -rf "$T/chart-dep"
mkdir -p "$T/chart-dep/content"
printf '[site]\ntitle = Prov\n' > "$T/chart-dep/site.conf"
printf 'Post;Belopp\nA;100\nB;200\n' > "$T/chart-dep/content/data.csv"
printf -- '---\ntitle: Prov\n---\n\n```chart\ntype: bar\nfile: data.csv\n```\n' > "$T/chart-dep/content/sida.md"
"$P" build -q "$T/chart-dep" > /dev/null 2>&1
sleep 0.01
printf 'Post;Belopp\nA;900\nB;200\n' > "$T/chart-dep/content/data.csv"
"$P" build -q "$T/chart-dep" > "$T/chart-dep.log" 2>&1
rm -rf "$T/chart-dep-full"
"$P" build -q -o "$T/chart-dep-full" "$T/chart-dep" > /dev/null 2>&1
if grep -q '>900<' "$T/chart-dep/public/sida/index.html" && diff -r "$T/chart-dep/public" "$T/chart-dep-full" > /dev/null; then
	ok "incremental: an edited chart file shows its new figures, as a whole build does"
else
	bad "incremental: an edited chart file shows its new figures, as a whole build does" "$(grep -o '>[0-9]00<' "$T/chart-dep/public/sida/index.html" | head -3)"
fi

# 9. Heading ids are made in linear time (before: 4000 "## Kommentar"
#    headings took 36 s, and Ctrl-C waited for them)
rm -rf "$T/ids"
mkdir -p "$T/ids/content"
printf '[site]\ntitle = Prov\n' > "$T/ids/site.conf"
{ printf -- '---\ntitle: Kommentarer\n---\n\n'; i=0; while [ $i -lt 4000 ]; do printf '## Kommentar\n\nText.\n\n'; i=$((i + 1)); done; } > "$T/ids/content/sida.md"
start=$(date +%s)
"$P" build -q "$T/ids" > "$T/ids.log" 2>&1
took=$(($(date +%s) - start))
if [ "$took" -le 5 ] && grep -q 'id="kommentar-4000"' "$T/ids/public/sida/index.html"; then
	ok "4000 headings of one name get their ids in $took s"
else
	bad "4000 headings of one name get their ids in $took s" "$(head -c 200 "$T/ids.log")"
fi

# 9. A signal stops a build within a second, even in the middle of one
#    page that takes far longer (before: Ctrl-C and SIGTERM waited for the
#    page to end). Whole and in-place builds; the previous output stays.
rm -rf "$T/sig"
mkdir -p "$T/sig/content"
printf '[site]\ntitle = Prov\n' > "$T/sig/site.conf"
printf -- '---\ntitle: Liten\n---\n\nText.\n' > "$T/sig/content/liten.md"
"$P" build -q "$T/sig" > /dev/null 2>&1
cp -R "$T/sig/public" "$T/sig-before"
python3 - "$T/sig/content/stor.md" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("---\ntitle: Stor\n---\n\n")
    for i in range(150000):
        f.write("Stycke %d med *lite* text och [en länk](https://example.org/%d).\n\n" % (i, i))
PY
for kind in whole in-place; do
	"$P" build "$T/sig" > /dev/null 2> "$T/sig-$kind.log" &
	pid=$!
	sleep 1
	kill -TERM $pid
	sent=$(date +%s%N)
	wait $pid
	rc=$?
	ms=$(( ($(date +%s%N) - sent) / 1000000 ))
	if [ $rc = 130 ] && [ $ms -lt 1000 ] && diff -r "$T/sig-before" "$T/sig/public" > /dev/null &&
	   [ -z "$(find "$T/sig" -name '*planpress-new*')" ] && grep -q 'interrupted; the previous output was left' "$T/sig-$kind.log"; then
		ok "signal: SIGTERM in one long page stops a $kind build in $ms ms"
	else
		bad "signal: SIGTERM in one long page stops a $kind build in $ms ms" "exit $rc; $(find "$T/sig" -name '*planpress-new*' | head -3) $(head -c 300 "$T/sig-$kind.log")"
	fi
	# for the update in place: a finished build with a short stor.md,
	# then the long one again (the same pages, so the cache holds)
	if [ $kind = whole ]; then
		mv "$T/sig/content/stor.md" "$T/sig/stor.md"
		printf -- '---\ntitle: Stor\n---\n\nKort.\n' > "$T/sig/content/stor.md"
		"$P" build -q "$T/sig" > /dev/null 2>&1
		rm -rf "$T/sig-before"
		cp -R "$T/sig/public" "$T/sig-before"
		mv "$T/sig/stor.md" "$T/sig/content/stor.md"
	fi
done

# ... and the PDF engine it runs stops with it (before: a SIGTERM left
#    every PDF still to be made, one after another). The engine sleeps
#    29.7 s, so that no other sleep on the machine is taken for it.
rm -rf "$T/sig-pdf"
"$P" new "$T/sig-pdf" > /dev/null 2>&1
printf '#!/bin/sh\ncase "$1" in --version) echo slow-engine 1 ;; --help) echo ;; *) exec sleep 29.7 ;; esac\n' > "$T/slow-engine"
chmod +x "$T/slow-engine"
PLANPRESS_PDF_ENGINE="$T/slow-engine" "$P" build --pdf "$T/sig-pdf" > /dev/null 2> "$T/sig-pdf.log" &
pid=$!
sleep 1
kill -TERM $pid
sent=$(date +%s%N)
wait $pid
rc=$?
ms=$(( ($(date +%s%N) - sent) / 1000000 ))
sleep 0.2
if [ $rc = 130 ] && [ $ms -lt 1000 ] && ! pgrep -fx "sleep 29.7" > /dev/null && [ ! -e "$T/sig-pdf/public" ]; then
	ok "signal: SIGTERM stops the PDF engine and the build in $ms ms"
else
	bad "signal: SIGTERM stops the PDF engine and the build in $ms ms" "exit $rc; $(pgrep -afx 'sleep 29.7') $(head -c 300 "$T/sig-pdf.log")"
	pkill -fx "sleep 29.7"
fi

# 5. An update in place never writes through a symbolic link in public/
#    (before: public/a -> a folder outside got index.html written there)
rm -rf "$T/link-out" "$T/link-target" "$T/link-full"
mkdir -p "$T/link-out/content/a" "$T/link-target"
printf '[site]\ntitle = Prov\n' > "$T/link-out/site.conf"
printf -- '---\ntitle: A\n---\n\nText.\n' > "$T/link-out/content/a/_index.md"
printf -- '---\ntitle: B\n---\n\nB.\n' > "$T/link-out/content/a/b.md"
"$P" build -q "$T/link-out" > /dev/null 2>&1
rm -rf "$T/link-out/public/a"
ln -s "$T/link-target" "$T/link-out/public/a"
"$P" build -q "$T/link-out" > "$T/link-out.log" 2>&1
rc=$?
"$P" build -q -o "$T/link-full" "$T/link-out" > /dev/null 2>&1
if [ $rc = 0 ] && [ -z "$(ls -A "$T/link-target")" ] && [ ! -L "$T/link-out/public/a" ] &&
   diff -r "$T/link-out/public" "$T/link-full" > /dev/null; then
	ok "output: an update in place replaces a link in public/, never writes through it"
else
	bad "output: an update in place replaces a link in public/, never writes through it" "exit $rc, outside: $(ls "$T/link-target" | head -3) $(head -c 200 "$T/link-out.log")"
fi

# 15. A total of exactly 1 000 000 000 000 is refused, as the same figure
#     in a cell is (before: it was printed)
rm -rf "$T/big"
mkdir -p "$T/big/content"
printf '[site]\ntitle = Prov\n' > "$T/big/site.conf"
printf 'Post;Belopp\nA;999 999 999 999\nB;1\n' > "$T/big/content/data.csv"
printf -- '---\ntitle: Prov\n---\n\n```table\nfile: data.csv\ntotal: Summa\n```\n' > "$T/big/content/sida.md"
(cd "$T/big" && "$P" build -q .) > "$T/big.log" 2>&1
rc=$?
[ $rc = 1 ] && grep -qxF 'content/sida.md:7: error: Summa "Belopp": the rows add up to more than 999 999 999 999' "$T/big.log" &&
	ok "figures: a total of 10^12 is refused like a cell of 10^12" ||
	bad "figures: a total of 10^12 is refused like a cell of 10^12" "exit $rc: $(cat "$T/big.log")"

# 20. planpress mustache names a partial that leaves its folder as an error
#     (before: {{>/etc/passwd}} rendered empty, exit 0)
printf 'A{{>/etc/passwd}}B' > "$T/escape.mustache"
"$P" mustache "$T/escape.mustache" > "$T/escape.out" 2> "$T/escape.err"
rc=$?
[ $rc = 1 ] && grep -qF "escape.mustache:1:2: error: template name '/etc/passwd' leaves the templates directory" "$T/escape.err" &&
	ok "mustache: {{>/etc/passwd}} is an error" || bad "mustache: {{>/etc/passwd}} is an error" "exit $rc: $(cat "$T/escape.err")"
