#!/bin/sh
# Command-line behaviour of planpress: exit codes, help, the mustache
# command's exact output, check, and the output directory's safety rules.
# Prints "ok NAME" or "FAIL NAME: why" per test.

P=${PLANPRESS:?}
T=$(pwd)/tests/out/cli
rm -rf "$T"
mkdir -p "$T"
# English messages unless asked for Swedish (in_swedish: LANG=sv_SE.UTF-8,
# the locale made by tests/sv-locale.sh, as run.sh does)
export LC_ALL=C.UTF-8
unset LANGUAGE
SV_LOCPATH=${SV_LOCPATH:-$T/locale}
sh tests/sv-locale.sh "$SV_LOCPATH" || echo "sv_SE.UTF-8 cannot be made (apt-get install locales)"
in_swedish() { LOCPATH="$SV_LOCPATH" LC_ALL= LANG=sv_SE.UTF-8 "$@"; }

ok() { echo "ok $1"; }
bad() { echo "FAIL $1: $2"; }
expect_rc() { # name want cmd...
	name=$1 want=$2
	shift 2
	"$@" > "$T/out" 2> "$T/err"
	rc=$?
	if [ "$rc" = "$want" ]; then ok "$name"; else bad "$name" "exit $rc, wanted $want: $(head -c 300 "$T/err")"; fi
}

expect_rc "help exits 0" 0 "$P" --help
grep -q 'planpress mustache\|mustache TEMPLATE' "$T/out" && ok "help lists the commands" || bad "help lists the commands" "no mustache in --help"
expect_rc "version exits 0" 0 "$P" --version
grep -q '^planpress [0-9]' "$T/out" && ok "version prints the version" || bad "version prints the version" "$(cat "$T/out")"
expect_rc "no command is a usage error" 2 "$P"
expect_rc "unknown command is a usage error" 2 "$P" frobnicate
expect_rc "unknown option is a usage error" 2 "$P" build --frobnicate
expect_rc "missing site is a usage error" 2 "$P" build "$T/nowhere"
expect_rc "build help" 0 "$P" build --help
# help that answers what was asked, and errors that suggest the nearest word
expect_rc "help build shows build's help" 0 "$P" help build
grep -q '^usage: planpress build' "$T/out" && ok "help build is build's help" || bad "help build is build's help" "$(head -c 200 "$T/out")"
expect_rc "a mistyped command is a usage error" 2 "$P" biuld
grep -qF "error: unknown command 'biuld'; did you mean 'build'?" "$T/err" && ok "a mistyped command gets a suggestion" ||
	bad "a mistyped command gets a suggestion" "$(cat "$T/err")"
expect_rc "an option before the command is a usage error" 2 "$P" -q build
grep -qF "error: options come after the command: try 'planpress build -q'" "$T/err" &&
	ok "an option before the command says where it goes" || bad "an option before the command says where it goes" "$(cat "$T/err")"
expect_rc "check --pdf is a usage error" 2 "$P" check --pdf
grep -qF "error: --pdf belongs to build" "$T/err" && ok "check --pdf says why" || bad "check --pdf says why" "$(cat "$T/err")"
"$P" --help > "$T/out"
grep -q -- '--drafts' "$T/out" && ok "the help mentions --drafts" || bad "the help mentions --drafts" "missing"
expect_rc "-j beyond 64 is a usage error" 2 "$P" build -j 65 .

# mustache: exact bytes, no newline added
printf 'Hej {{name}}!{{>p}}' > "$T/t.mustache"
printf '{"name": "Åsa & <Bo>"}' > "$T/d.json"
mkdir -p "$T/parts"
printf ' [{{name}}]' > "$T/parts/p.mustache"
expect_rc "mustache renders" 0 "$P" mustache "$T/t.mustache" "$T/d.json" --partials "$T/parts"
printf 'Hej Åsa &amp; &lt;Bo&gt;! [Åsa &amp; &lt;Bo&gt;]' > "$T/want"
cmp -s "$T/out" "$T/want" && ok "mustache writes exactly the rendered bytes" || bad "mustache writes exactly the rendered bytes" "$(od -c "$T/out" | head -3)"
printf '{"name": oops}' > "$T/bad.json"
expect_rc "mustache rejects bad JSON" 1 "$P" mustache "$T/t.mustache" "$T/bad.json"
grep -q "bad.json:1:10: error: invalid JSON" "$T/err" && ok "bad JSON names file:line:col" || bad "bad JSON names file:line:col" "$(cat "$T/err")"
printf 'x\n{{#a}}' > "$T/u.mustache"
expect_rc "mustache syntax error exits 1" 1 "$P" mustache "$T/u.mustache"
grep -qF "u.mustache:2:1: error: {{#a}} is never closed: expected {{/a}}" "$T/err" && ok "template error names template:line:col" || bad "template error names template:line:col" "$(cat "$T/err")"
expect_rc "mustache on a missing template" 1 "$P" mustache "$T/none.mustache"

# a site of only site.conf and content/ builds with the built-in theme
S="$T/minimal"
mkdir -p "$S/content/sjuharad"
printf '[site]\ntitle = Minimal\nbase_url = https://example.org/vg/\n\n[forbund.sjuharad]\nname = Sjuhärads samordningsförbund\n' > "$S/site.conf"
printf -- '---\ntitle: Verksamhetsplan 2016\ndate: 2016-11-24\ntype: verksamhetsplan\nnumbered: true\ntoc: true\n---\n\n## Mål\n\nText.\n' > "$S/content/sjuharad/vp.md"
printf 'Plats;Antal\nBorås;100\n' > "$S/content/sjuharad/ekonomi.csv"
expect_rc "build a site without templates/" 0 "$P" build -q "$S"
[ -f "$S/public/sjuharad/vp/index.html" ] && ok "pretty URL a/b.md -> a/b/index.html" || bad "pretty URL" "$(find "$S/public")"
[ -f "$S/public/sjuharad/ekonomi.csv" ] && ok "files beside pages are copied" || bad "files beside pages are copied" "no ekonomi.csv"
[ -f "$S/public/assets/planpress.css" ] && ok "theme assets are copied" || bad "theme assets are copied" "no css"
grep -q 'href="/vg/sjuharad/"' "$S/public/index.html" && ok "links use base_url's path" || bad "links use base_url's path" "$(grep -o 'href="[^"]*"' "$S/public/index.html" | head -5)"
grep -q '<h2 id="mal"><span class="secno">1</span> Mål</h2>' "$S/public/sjuharad/vp/index.html" && ok "numbered heading in the built page" || bad "numbered heading in the built page" "missing"
grep -q 'lang="sv"' "$S/public/index.html" && ok "lang=sv by default" || bad "lang=sv by default" "missing"

# -j and -o in the forms people type; a bad value names the option and
# what it needs
for form in "-j 1" "-j2" "--jobs 3" "--jobs=4"; do
	rm -rf "$T/o-forms"
	expect_rc "build $form" 0 "$P" build -q $form -o "$T/o-forms" "$S"
	[ -f "$T/o-forms/sjuharad/vp/index.html" ] || bad "build $form" "no page written"
done
expect_rc "build -oDIR" 0 "$P" build -q "-o$T/o-attached" "$S"
[ -f "$T/o-attached/sjuharad/vp/index.html" ] || bad "build -oDIR" "no page in $T/o-attached"
expect_rc "build --output=DIR" 0 "$P" build -q "--output=$T/o-equals" "$S"
[ -f "$T/o-equals/sjuharad/vp/index.html" ] || bad "build --output=DIR" "no page in $T/o-equals"
for form in "-j 0" "-j x" "-j 2x" "--jobs=" "-j 99999999999999999999" "-j"; do
	expect_rc "build $form is a usage error" 2 "$P" build -q "$S" $form
	grep -q "error: -\{1,2\}j\(obs\)\{0,1\} needs a number of threads from 1 to 64" "$T/err" &&
		ok "build $form says what -j needs" || bad "build $form says what -j needs" "$(cat "$T/err")"
done
# one dash too few: not -o with the directory "utput=..."
for form in "-output=$T/o-dash" "-output"; do
	expect_rc "build $form is a usage error" 2 "$P" build -q "$S" "$form"
	grep -q "error: unknown option '-output.*': did you mean '--output" "$T/err" &&
		ok "build $form suggests --output" || bad "build $form suggests --output" "$(cat "$T/err")"
	[ ! -e "$(pwd)/utput=$T/o-dash" ] && [ ! -e "$T/o-dash" ] || bad "build $form writes nothing" "a directory was made"
done
expect_rc "build --output= is a usage error" 2 "$P" build -q "$S" --output=
grep -q "error: --output needs a directory" "$T/err" && ok "--output= says what it needs" || bad "--output= says what it needs" "$(cat "$T/err")"

# check writes nothing and exits 0 on a good site
rm -rf "$S/public"
expect_rc "check on a good site exits 0" 0 "$P" check "$S"
[ ! -e "$S/public" ] && ok "check writes nothing" || bad "check writes nothing" "public/ exists"

# the output directory: a rebuild replaces it whole; foreign directories are refused
"$P" build -q "$S" 2>/dev/null
echo stale > "$S/public/stale.html"
expect_rc "rebuild succeeds" 0 "$P" build -q "$S"
[ ! -e "$S/public/stale.html" ] && ok "rebuild replaces the output whole" || bad "rebuild replaces the output whole" "stale file survived"
mkdir -p "$T/foreign"
echo "mine" > "$T/foreign/keep.txt"
expect_rc "refuse a foreign non-empty output" 1 "$P" build -o "$T/foreign" "$S"
[ "$(cat "$T/foreign/keep.txt")" = mine ] && ok "a foreign directory is left alone" || bad "a foreign directory is left alone" "keep.txt changed"
grep -q "refusing to replace" "$T/err" && ok "refusal says why" || bad "refusal says why" "$(cat "$T/err")"
expect_rc "refuse output = the site itself" 1 "$P" build -o "$S" "$S"
expect_rc "refuse output inside content/" 1 "$P" build -o "$S/content/out" "$S"
[ ! -e "$S/content/out" ] && ok "nothing written inside content/" || bad "nothing written inside content/" "content/out exists"

# drafts stay out unless asked for
printf -- '---\ntitle: Utkast\ndraft: true\n---\nHemligt.\n' > "$S/content/sjuharad/utkast.md"
"$P" build -q "$S" 2>/dev/null
[ ! -e "$S/public/sjuharad/utkast" ] && ok "drafts are left out" || bad "drafts are left out" "draft published"
"$P" build -q --drafts "$S" 2>/dev/null
[ -f "$S/public/sjuharad/utkast/index.html" ] && ok "--drafts includes drafts" || bad "--drafts includes drafts" "missing"

# the example site in the repository builds without warnings
rm -rf "$T/example"
expect_rc "example site builds" 0 "$P" build -o "$T/example" .
grep -q "warning" "$T/err" && bad "example site has no warnings" "$(grep warning "$T/err" | head -3)" || ok "example site has no warnings"

# the accessibility statement ages: a year after its assessment a build
# warns at the line of 'assessed:', an incremental build after a clean one
# too (the statement's page is never taken from the build cache, as its
# check depends on the date as well as on its text)
stale="content/tillganglighet.md:19: warning: accessibility: the assessment of 2016-11-01 is more than a year old (today is 2017-11-01): review the site and the statement, and give the new date"
rm -rf "$T/aging"
SOURCE_DATE_EPOCH=1509408000 "$P" build -o "$T/aging" . > "$T/out" 2> "$T/err"
! grep -q "warning" "$T/err" && ok "a statement assessed 364 days ago does not warn" ||
	bad "a statement assessed 364 days ago does not warn" "$(cat "$T/err")"
SOURCE_DATE_EPOCH=1509494400 "$P" build -o "$T/aging" . > "$T/out" 2> "$T/err"
grep -qxF "$stale" "$T/err" && ! grep -q "(0 rendered" "$T/err" && ok "a statement assessed a year ago warns at its line, in an incremental build too" ||
	bad "a statement assessed a year ago warns at its line, in an incremental build too" "$(cat "$T/err")"
# on the same day nothing depends on the date anew: a rebuild renders
# nothing
SOURCE_DATE_EPOCH=1509408000 "$P" build -o "$T/aging2" . > "$T/out" 2> "$T/err"
SOURCE_DATE_EPOCH=1509408000 "$P" build -o "$T/aging2" . > "$T/out" 2> "$T/err"
grep -q "(0 rendered" "$T/err" && ok "the pages that depend on the date come from the cache on the same day" ||
	bad "the pages that depend on the date come from the cache on the same day" "$(cat "$T/err")"
SOURCE_DATE_EPOCH=1509494400 "$P" build -o "$T/aging2" . > "$T/out" 2> "$T/err"
! grep -q "(0 rendered" "$T/err" && ok "and are rendered again the next day" ||
	bad "and are rendered again the next day" "$(cat "$T/err")"

# check: what an author can fix for screen reader and keyboard users
# (images without alt text, skipped heading levels, vague link texts, a
# table without headings), each a warning at file:line:col, in English and
# Swedish; a build stays quiet about them
rm -rf "$T/a11ylint"
cp -R tests/a11ylint/site "$T/a11ylint"
(cd "$T/a11ylint" && "$P" check .) > "$T/out" 2> "$T/err"
grep -v '^planpress:' "$T/err" > "$T/got"
diff tests/a11ylint/expected "$T/got" > "$T/diff" && ok "check reports what an author can fix for accessibility, at its line" ||
	bad "check reports what an author can fix for accessibility, at its line" "$(cat "$T/diff")"
(cd "$T/a11ylint" && LANGUAGE=sv LC_ALL=C.UTF-8 "$P" check .) > "$T/out" 2> "$T/err"
grep -v '^planpress:' "$T/err" > "$T/got"
diff tests/a11ylint/expected.sv "$T/got" > "$T/diff" && ok "check reports them in Swedish" ||
	bad "check reports them in Swedish" "$(cat "$T/diff")"
(cd "$T/a11ylint" && "$P" build -q .) > "$T/out" 2> "$T/err"
! grep -q "warning" "$T/err" && ok "a build does not report them" || bad "a build does not report them" "$(cat "$T/err")"

# a letter's sender whose name has a comma and parentheses, and no letter
# outside ASCII, is one address in the .eml (a quoted name), and the
# message opens in Outlook as one to send (X-Unsent)
rm -rf "$T/comma"
mkdir -p "$T/comma/content/f"
printf '[site]\ntitle = Prov\nbase_url = https://prov.example/\n\n[forbund.f]\nname = Samordningsforbundet Sjuharad (SOFS), Boras\nemail = kansli@sofs.example\n' > "$T/comma/site.conf"
printf -- '---\ntitle: Informationsbrev 1\ntype: informationsbrev\ndate: 2016-11-01\n---\n\nText.\n' > "$T/comma/content/f/brev.md"
"$P" build -q "$T/comma" > "$T/out" 2> "$T/err"
got=$(python3 -c 'import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
a = m["From"].addresses
print(len(a), a[0].display_name, a[0].addr_spec, m["X-Unsent"])' "$T/comma/public/f/brev/brev.eml" 2>&1)
[ "$got" = "1 Samordningsforbundet Sjuharad (SOFS), Boras kansli@sofs.example 1" ] &&
	ok "a sender's name with a comma is one address, and the .eml is marked unsent" ||
	bad "a sender's name with a comma is one address, and the .eml is marked unsent" "$got"

# Markdown saved in another encoding than UTF-8: a warning at the first
# bad byte, the rest of the page still built
U=$T/latin1
mkdir -p "$U/content"
printf '[site]\ntitle = T\nbase_url = https://e.org/\n' > "$U/site.conf"
printf -- '---\ntitle: Test\n---\n\nFörsta raden\nAndra r\344den\n' > "$U/content/a.md"
expect_rc "a page not in UTF-8 builds" 0 "$P" build "$U"
rc=$(printf '\357\277\275') # U+FFFD
grep -qx "$U/content/a.md:6:8: warning: the text is not UTF-8 here (byte 0xE4), shown as $rc; save the file as UTF-8" "$T/err" \
	&& grep -q "Andra r${rc}den" "$U/public/a/index.html" \
	&& ok "a page not in UTF-8 is named with line and column" || bad "a page not in UTF-8 is named with line and column" "$(cat "$T/err")"
# overlong forms and surrogates are not UTF-8 either
printf -- '---\ntitle: Test\n---\n\nett \300\257 två \355\240\200\n' > "$U/content/a.md"
"$P" build "$U" 2> "$T/err" >/dev/null
grep -q "a.md:5:5: warning: the text is not UTF-8 here (byte 0xC0)" "$T/err" && ! grep -q "$(printf '\355\240\200')" "$U/public/a/index.html" \
	&& ok "overlong UTF-8 and surrogates are replaced" || bad "overlong UTF-8 and surrogates are replaced" "$(cat "$T/err")"

# a staging directory left by a build that crashed is cleaned up
mkdir -p "$S/.public.planpress-new-999999"
echo junk > "$S/.public.planpress-new-999999/x"
"$P" build -q "$S" 2>/dev/null
[ ! -e "$S/.public.planpress-new-999999" ] && ok "stale staging directories are removed" || bad "stale staging directories are removed" "still there"

# PDFs: without an engine the build goes on and says so once
R="$T/reports"
mkdir -p "$R/content/a"
printf '[site]\ntitle = R\npdf = true\n' > "$R/site.conf"
for n in 1 2 3; do printf -- '---\ntitle: Plan %s\ntype: verksamhetsplan\n---\n\n## Mål\n\nText %s.\n' $n $n > "$R/content/a/plan-$n.md"; done
PLANPRESS_PDF_ENGINE=/nonexistent/engine "$P" build "$R" > "$T/out" 2> "$T/err"
rc=$?
[ $rc = 0 ] && ok "a build without a PDF engine succeeds" || bad "a build without a PDF engine succeeds" "exit $rc"
[ "$(grep -c 'no PDF engine found' "$T/err")" = 1 ] && ok "the missing engine is reported once" || bad "the missing engine is reported once" "$(cat "$T/err")"
[ -f "$R/public/a/plan-1/utskrift.html" ] && ok "print pages are built without an engine" || bad "print pages are built without an engine" "no utskrift.html"
[ ! -e "$R/public/a/plan-1/plan-1.pdf" ] && ok "no PDF without an engine" || bad "no PDF without an engine" "a PDF exists"

# with an engine: PDFs are made in parallel, and an unchanged rebuild makes none
export FAKE_ENGINE_LOG="$T/engine.log"
: > "$FAKE_ENGINE_LOG"
PLANPRESS_PDF_ENGINE="$(pwd)/tests/print/fake-engine.sh" "$P" build -q "$R" 2> "$T/err"
[ "$(wc -l < "$FAKE_ENGINE_LOG")" = 3 ] && ok "three reports make three PDFs" || bad "three reports make three PDFs" "$(wc -l < "$FAKE_ENGINE_LOG") renderings: $(cat "$T/err")"
[ -f "$R/public/a/plan-2/plan-2.pdf" ] && ok "the PDF lies beside the print page" || bad "the PDF lies beside the print page" "missing"
grep -q 'href="/a/plan-2/plan-2.pdf"' "$R/public/a/plan-2/index.html" && ok "the web page links its PDF" || bad "the web page links its PDF" "no link"
grep -q 'href="/a/plan-2/utskrift.html"' "$R/public/a/plan-2/index.html" && ok "the web page links its print page" || bad "the web page links its print page" "no link"
: > "$FAKE_ENGINE_LOG"
PLANPRESS_PDF_ENGINE="$(pwd)/tests/print/fake-engine.sh" "$P" build -q "$R" 2> "$T/err"
[ ! -s "$FAKE_ENGINE_LOG" ] && ok "an unchanged rebuild renders no PDF" || bad "an unchanged rebuild renders no PDF" "rendered: $(cat "$FAKE_ENGINE_LOG")"
[ -s "$R/public/a/plan-3/plan-3.pdf" ] && ok "unchanged PDFs are kept" || bad "unchanged PDFs are kept" "missing or empty"
printf -- '---\ntitle: Plan 2\ntype: verksamhetsplan\n---\n\n## Mål\n\nÄndrad text.\n' > "$R/content/a/plan-2.md"
PLANPRESS_PDF_ENGINE="$(pwd)/tests/print/fake-engine.sh" "$P" build -q "$R" 2> "$T/err"
n=$(wc -l < "$FAKE_ENGINE_LOG")
[ "$n" = 1 ] && grep -q 'plan-2.pdf' "$FAKE_ENGINE_LOG" && ok "a changed report renders only its own PDF" || bad "a changed report renders only its own PDF" "$(cat "$FAKE_ENGINE_LOG")"
# the print pages link one style sheet, found beside the file; a new one
# makes every PDF again
grep -q '<link rel="stylesheet" href="../../assets/print.css">' "$R/public/a/plan-1/utskrift.html" && [ -f "$R/public/a/plan-1/../../assets/print.css" ] \
	&& ok "a print page links print.css by a relative address" || bad "a print page links print.css by a relative address" "$(grep -n 'stylesheet' "$R/public/a/plan-1/utskrift.html")"
mkdir -p "$R/assets"
printf '@page { size: A5; }\n' > "$R/assets/print.css"
: > "$FAKE_ENGINE_LOG"
PLANPRESS_PDF_ENGINE="$(pwd)/tests/print/fake-engine.sh" "$P" build -q "$R" 2> "$T/err"
[ "$(wc -l < "$FAKE_ENGINE_LOG")" = 3 ] && ok "a new print.css renders every PDF again" || bad "a new print.css renders every PDF again" "rendered: $(cat "$FAKE_ENGINE_LOG")"
rm -r "$R/assets"
unset FAKE_ENGINE_LOG

# a rebuild rewrites no output file whose bytes did not change (rsync deploys)
"$P" build -q "$S" 2>/dev/null
find "$S/public" -type f -printf '%i %T@ %p\n' | sort -k3 > "$T/before"
sleep 1
"$P" build -q "$S" 2>/dev/null
find "$S/public" -type f -printf '%i %T@ %p\n' | sort -k3 > "$T/after"
cmp -s "$T/before" "$T/after" && ok "building twice rewrites no file the second time" || bad "building twice rewrites no file the second time" "$(diff "$T/before" "$T/after" | head -4)"
printf -- '---\ntitle: Verksamhetsplan 2016\ndate: 2016-11-24\ntype: verksamhetsplan\n---\n\nNy text.\n' > "$S/content/sjuharad/vp.md"
"$P" build -q "$S" 2>/dev/null
find "$S/public" -type f -printf '%i %T@ %p\n' | sort -k3 > "$T/changed"
n=$(diff "$T/after" "$T/changed" | grep -c '^>')
diff "$T/after" "$T/changed" | grep '^>' | grep -q 'sjuharad/vp/index.html' && ok "a changed page is rewritten ($n files changed)" || bad "a changed page is rewritten" "$(diff "$T/after" "$T/changed" | head -4)"
# a failed build after such a rebuild leaves the previous output byte for byte
cp -R "$S/public" "$T/public-copy"
printf -- '---\ntitle: [trasig\n---\n' > "$S/content/sjuharad/trasig.md"
"$P" build -q "$S" 2>/dev/null
diff -r "$S/public" "$T/public-copy" > /dev/null && ok "a failed build after a reusing build leaves public/ as it was" || bad "a failed build after a reusing build leaves public/ as it was" "differs"
rm -f "$S/content/sjuharad/trasig.md"

# the example site too: feeds, e-mails and redirects are not rewritten either
"$P" build -q -o "$T/ex" . 2>/dev/null
find "$T/ex" -type f -printf '%i %T@ %p\n' | sort -k3 > "$T/ex-before"
sleep 1
"$P" build -q -o "$T/ex" . 2>/dev/null
find "$T/ex" -type f -printf '%i %T@ %p\n' | sort -k3 > "$T/ex-after"
n=$(wc -l < "$T/ex-after")
cmp -s "$T/ex-before" "$T/ex-after" && ok "the example site built twice: none of its $n files rewritten" || bad "the example site built twice" "$(diff "$T/ex-before" "$T/ex-after" | head -4)"

# check: a fixed link is no longer reported
L="$T/links"
cp -R tests/errors/broken-links/site "$L"
"$P" check "$L" 2> "$T/err" > /dev/null
grep -q 'broken link "/a/vp-2016/"' "$T/err" && ok "check reports the broken link" || bad "check reports the broken link" "$(cat "$T/err")"
sed -i 's|(/a/vp-2016/)|(/a/)|' "$L/content/a/sida.md"
"$P" check "$L" 2> "$T/err" > /dev/null
! grep -q 'vp-2016' "$T/err" && grep -q 'saknas.png' "$T/err" && ok "a fixed link is no longer reported" || bad "a fixed link is no longer reported" "$(cat "$T/err")"

# an informationsbrev by date range; an alias's redirect page
N="$T/brev"
mkdir -p "$N/content/f/nyheter"
printf '[site]\ntitle = T\nbase_url = https://t.example/\n[forbund.f]\nname = F\nemail = k@t.example\n' > "$N/site.conf"
for d in 2016-03-01 2016-05-10 2016-06-20 2016-09-01; do
	printf -- '---\ntitle: Nyhet %s\ntype: nyhet\ndate: %s\n---\n\nText %s.\n' "$d" "$d" "$d" > "$N/content/f/nyheter/n-$d.md"
done
printf -- '---\ntitle: Brev 2016:1\nnumber: "2016:1"\ntype: informationsbrev\ndate: 2016-09-02\nfrom: 2016-05-01\nto: 2016-08-31\naliases: [/brev/]\n---\n\nHej.\n' > "$N/content/f/brev.md"
"$P" build -q "$N" 2> "$T/err"
got=$(grep -o 'Nyhet 2016-[0-9-]*' "$N/public/f/brev/epost.txt" | tr '\n' ' ')
[ "$got" = "Nyhet 2016-06-20 Nyhet 2016-05-10 " ] && ok "an informationsbrev by date range picks the news from..to" || bad "an informationsbrev by date range" "got: $got $(cat "$T/err")"
grep -q 'http-equiv="refresh" content="0; url=/f/brev/"' "$N/public/brev/index.html" && ok "an alias gets a redirect page" || bad "an alias gets a redirect page" "$(cat "$N/public/brev/index.html" 2>&1 | head -3)"
printf -- '---\ntitle: Brev\ntype: informationsbrev\n---\n\nHej.\n' > "$N/content/f/tomt.md"
"$P" build -q "$N" 2> "$T/err"
[ -s "$N/public/f/tomt/tomt.eml" ] && ! grep -q 'Nyhet' "$N/public/f/tomt/epost.txt" && ok "an informationsbrev without a news selection is its own text" || bad "an informationsbrev without a news selection" "$(cat "$T/err")"

# Pages parsed on many threads at once come out as on one: links and
# strikethrough were once lost at random, because cmark-gfm's extensions
# switch characters on and off in a table the whole process shares.
R="$T/parallel"
mkdir -p "$R/content"
printf '[site]\ntitle = T\n' > "$R/site.conf"
i=0
while [ $i -lt 300 ]; do
	printf -- '---\ntitle: Sida %d\n---\n\nLäs mer på www.samverkanvg.se, https://example.org/%d och skriv till kansli%d@example.se.\nBudget ~~1 794~~ 1 994 tkr.\n\n| A | B |\n|---|---|\n| ~~1~~ | www.example.se |\n' $i $i $i > "$R/content/sida-$i.md"
	i=$((i + 1))
done
"$P" build -q -j 8 "$R" 2> "$T/err"
whole=0
for f in "$R"/public/sida-*/index.html; do
	n=$(grep -o '<a href="http://www.samverkanvg.se">\|<a href="https://example.org/[0-9]*">\|<a href="mailto:kansli[0-9]*@example.se">\|<del>1 794</del>\|<del>1</del>\|<a href="http://www.example.se">' "$f" | wc -l)
	[ "$n" = 6 ] && whole=$((whole + 1))
done
[ "$whole" = 300 ] && ok "300 pages on 8 threads: every autolink and strikethrough is there" || bad "parallel parsing" "only $whole of 300 pages have all their links and struck text $(head -c 300 "$T/err")"

# Static files are copied by a thread of idle priority from the scan on,
# and by the last stage's pool: each one once, whole, whoever takes it.
i=0
mkdir -p "$R/content/filer/a" "$R/content/filer/b"
while [ $i -lt 400 ]; do
	printf 'Post;Belopp\nRad %d;%d\n' $i $i > "$R/content/filer/a/f$i.csv"
	head -c $((i * 37)) /dev/urandom > "$R/content/filer/b/f$i.bin"
	i=$((i + 1))
done
for j in 2 8; do
	rm -rf "$R/public"
	"$P" build -q -j $j "$R" 2> "$T/err"
	if [ $? -eq 0 ] && diff -r "$R/content/filer" "$R/public/filer" > "$T/diff" 2>&1; then
		ok "800 static files on $j threads: each copied whole"
	else
		bad "static files on $j threads" "$(head -c 300 "$T/diff") $(head -c 300 "$T/err")"
	fi
done

# planpress new: a site in one command that builds and passes check; pages
# of each kind; never over anything
N="$T/ny-sajt"
rm -rf "$N"
expect_rc "new SITE" 0 "$P" new "$N"
expect_rc "the new site builds" 0 "$P" build -q "$N"
expect_rc "the new site passes check" 0 "$P" check -q "$N"
grep -q 'Summa' "$N/public/exempel/verksamhetsplan/index.html" && grep -q '2.000' "$N/public/exempel/verksamhetsplan/index.html" &&
	ok "the new site's plan has its budget table and total" || bad "the new site's plan has its budget table and total" "missing"
# its accessibility statement is built from the facts in its front
# matter, under Digg's headings
missing=
for h in "Hur tillgänglig är webbplatsen?" "Vad kan du göra om du inte kan använda delar av webbplatsen?" \
	"Rapportera brister i webbplatsens tillgänglighet" "Tillsyn" "Teknisk information om webbplatsens tillgänglighet" \
	"Innehåll som inte är tillgängligt" "Bristande förenlighet med lagkraven" "Hur vi testat webbplatsen"; do
	grep -q ">$h</h[234]>" "$N/public/tillganglighet/index.html" || missing="$missing '$h'"
done
[ -z "$missing" ] && ok "the new site's accessibility statement has Digg's headings" ||
	bad "the new site's accessibility statement has Digg's headings" "missing:$missing"
expect_rc "new refuses a folder that is not empty" 1 "$P" new "$N"
for kind in page plan rapport arsredovisning brev nyhet; do
	(cd "$N" && "$P" new $kind "content/exempel/ny-$kind.md") > "$T/out" 2> "$T/err" || bad "new $kind" "$(cat "$T/err")"
done
expect_rc "the site with a page of each kind builds" 0 "$P" build -q "$N"
expect_rc "and passes check" 0 "$P" check -q "$N"
grep -q '^type: verksamhetsplan$' "$N/content/exempel/ny-plan.md" && [ -f "$N/public/exempel/ny-plan/utskrift.html" ] &&
	ok "new plan is a verksamhetsplan with a print version" || bad "new plan is a verksamhetsplan with a print version" "missing"
(cd "$N" && "$P" new page content/exempel/ny-page.md) > "$T/out" 2> "$T/err"
[ $? = 1 ] && grep -q 'there is a file here already' "$T/err" && ok "new KIND refuses to write over a file" ||
	bad "new KIND refuses to write over a file" "$(cat "$T/err")"
(cd "$N" && "$P" new brev brev2.md) > "$T/out" 2> "$T/err"
[ $? = 2 ] && [ ! -e "$N/brev2.md" ] &&
	grep -qxF "brev2.md: error: a page goes in the site's content/ folder: give a path such as content/brev2.md" "$T/err" &&
	ok "new KIND writes only below content/" || bad "new KIND writes only below content/" "$(cat "$T/err")"
expect_rc "an unknown kind is a usage error" 2 "$P" new plna "$N/content/x.md"
grep -qF "did you mean 'plan'?" "$T/err" && ok "an unknown kind gets a suggestion" || bad "an unknown kind gets a suggestion" "$(cat "$T/err")"
# a letter written as a folder's _index.md is named after the folder
mkdir -p "$N/content/exempel/brev-2016-2"
printf -- '---\ntitle: Brev\ntype: informationsbrev\nnumber: "2"\ndate: 2016-09-01\n---\n\nText.\n' > "$N/content/exempel/brev-2016-2/_index.md"
"$P" build -q "$N" > "$T/out" 2> "$T/err"
[ -f "$N/public/exempel/brev-2016-2/brev-2016-2.eml" ] && [ ! -e "$N/public/exempel/brev-2016-2/_index.eml" ] &&
	ok "a letter in a folder's _index.md gets the folder's name" ||
	bad "a letter in a folder's _index.md gets the folder's name" "$(ls "$N/public/exempel/brev-2016-2") $(cat "$T/err")"
rm -rf "$N/content/exempel/brev-2016-2"
rm -rf "$T/tema"
expect_rc "theme export" 0 "$P" theme export "$T/tema"
[ -f "$T/tema/templates/base.mustache" ] && [ -f "$T/tema/assets/planpress.css" ] &&
	ok "theme export writes the templates and assets" || bad "theme export writes the templates and assets" "$(ls -R "$T/tema" | head)"
expect_rc "theme export refuses a folder that is not empty" 1 "$P" theme export "$T/tema"

# in Swedish: the help of every command, the messages; "error:" as it is
expect_rc "help in Swedish exits 0" 0 in_swedish "$P" --help
[ "$(head -n 1 "$T/out")" = "användning: planpress KOMMANDO [ARGUMENT]" ] &&
	grep -q '^  theme export MAPP skriv en kopia av standardtemat' "$T/out" &&
	ok "help in Swedish" || bad "help in Swedish" "$(head -c 300 "$T/out")"
for c in build check serve new theme mustache; do
	in_swedish "$P" help $c > "$T/out" 2> "$T/err"
	head -n 1 "$T/out" | grep -q '^användning: planpress ' && head -n 2 "$T/out" | grep -q "planpress $c " &&
		ok "help $c in Swedish" ||
		bad "help $c in Swedish" "$(head -c 200 "$T/out") $(head -c 200 "$T/err")"
done
expect_rc "a mistyped command in Swedish is a usage error" 2 in_swedish "$P" biuld
grep -qxF "planpress: error: okänt kommando 'biuld'; menade du 'build'? (prova 'planpress --help')" "$T/err" &&
	ok "a mistyped command in Swedish, with error: as compilers write it" || bad "a mistyped command in Swedish, with error: as compilers write it" "$(cat "$T/err")"
# LANGUAGE chooses too, without a Swedish locale; gettext ignores it only
# in the plain C locale
LC_ALL=C.UTF-8 LANGUAGE=sv "$P" --help > "$T/out"
grep -q '^användning:' "$T/out" && ok "LANGUAGE=sv with C.UTF-8 gives Swedish" || bad "LANGUAGE=sv with C.UTF-8 gives Swedish" "$(head -n 1 "$T/out")"
LC_ALL=C LANGUAGE=sv "$P" --help > "$T/out"
grep -q '^usage:' "$T/out" && ok "the C locale gives English" || bad "the C locale gives English" "$(head -n 1 "$T/out")"
# the locale chooses the messages and nothing else: with every category
# Swedish (LC_NUMERIC's decimal comma too) the site is the same, byte for byte
rm -rf "$T/site-en" "$T/site-sv"
"$P" build -q -j 2 -o "$T/site-en" . > "$T/out" 2> "$T/err-en"
LOCPATH="$SV_LOCPATH" LC_ALL=sv_SE.UTF-8 "$P" build -j 2 -o "$T/site-sv" . > "$T/out" 2> "$T/err"
if diff -r "$T/site-en" "$T/site-sv" > "$T/diff" && grep -q '^planpress: byggde [0-9]* sidor och [0-9]* filer' "$T/err"; then
	ok "a build in Swedish makes the same site, and says so in Swedish"
else
	bad "a build in Swedish makes the same site, and says so in Swedish" "$(head -n 20 "$T/diff") $(tail -n 2 "$T/err")"
fi
# make install puts the catalogue where the installed program looks
rm -rf "$T/inst"
if make -s install DESTDIR="$T/inst" PREFIX=/usr > "$T/out" 2>&1 &&
   [ -f "$T/inst/usr/share/locale/sv/LC_MESSAGES/planpress.mo" ]; then
	ok "make install installs the Swedish catalogue"
else
	bad "make install installs the Swedish catalogue" "$(tail -n 5 "$T/out")"
fi
