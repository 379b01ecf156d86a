#!/bin/sh
# Incremental builds: after each kind of change, a build that uses the
# cache must leave exactly the output a whole build makes, and must
# render only what the change reaches. Prints "ok NAME" or "FAIL NAME: why".

P=${PLANPRESS:?}
T=$(pwd)/tests/out/incremental
rm -rf "$T"
mkdir -p "$T"
S="$T/site"

ok() { echo "ok $1"; }
bad() { echo "FAIL $1: $2"; }

# the example site, with a CSV table and a static file of its own
cp -R content site.conf "$T/" 2>/dev/null
mkdir -p "$S"
mv "$T/content" "$T/site.conf" "$S/"
[ -d assets ] && cp -R assets "$S/"
mkdir -p "$S/content/prov"
printf 'Post;Belopp\nA;100\nB;200\nSumma;300\n' > "$S/content/prov/budget.csv"
printf -- '---\ntitle: Provsida\n---\n\nFörsta stycket.\n\nAndra stycket.\n\n```table\nfile: budget.csv\n```\n' > "$S/content/prov/sida.md"
printf 'hej\n' > "$S/content/prov/fil.txt"

# builds SITE incrementally; the whole build goes to a copy of the site
step() { # name what-to-grep-in-the-summary
	name=$1 want=$2
	"$P" build "$S" > /dev/null 2> "$T/err"
	rc=$?
	summary=$(tail -n 1 "$T/err")
	rm -rf "$T/whole"
	cp -R "$S" "$T/whole"
	rm -rf "$T/whole/.planpress" "$T/whole/public"
	"$P" build -q "$T/whole" 2> /dev/null
	if [ $rc -ne 0 ]; then
		bad "$name" "the build failed: $(cat "$T/err")"
	elif ! diff -r "$S/public" "$T/whole/public" > "$T/diff" 2>&1; then
		bad "$name" "differs from a whole build: $(head -c 400 "$T/diff")"
	elif ! printf '%s' "$summary" | grep -q -- "$want"; then
		bad "$name" "expected '$want' in: $summary"
	else
		ok "$name"
	fi
}

step "a first build is whole" "built [0-9]* pages and"
[ -f "$S/.planpress/cache" ] && ok "the first build leaves a cache in .planpress/" || bad "cache" "no $S/.planpress/cache"
[ "$(cat "$S/.planpress/.gitignore" 2>/dev/null)" = "*" ] && ok "the cache directory keeps itself out of git" || bad "gitignore" "no .planpress/.gitignore"
step "nothing changed: nothing rendered" "(0 rendered"
echo "Ett nytt sista stycke." >> "$S/content/prov/sida.md"
step "a page's last paragraph changed: that page alone" "(1 rendered"
sed -i 's/^Första stycket\./Ett nytt första stycke./' "$S/content/prov/sida.md"
step "its first paragraph (the summary lists show) changed: all rendered" "rendered"
sed -i 's/^title: Provsida/title: Ny titel/' "$S/content/prov/sida.md"
step "a title changed" "rendered"
printf 'Post;Belopp\nA;150\nB;200\nSumma;350\n' > "$S/content/prov/budget.csv"
step "a CSV file changed: its page alone" "(1 rendered"
printf 'hej igen\n' > "$S/content/prov/fil.txt"
step "a static file changed" "(0 rendered"
printf -- '---\ntitle: Ny sida\n---\n\nText.\n' > "$S/content/prov/ny.md"
step "a page added: a whole build" "built [0-9]* pages and"
rm "$S/content/prov/ny.md"
step "a page removed: a whole build" "built [0-9]* pages and"
step "and then nothing changed again" "(0 rendered"
# a cache cut short (a full disk, a crash) or damaged is no cache
head -c 1000 "$S/.planpress/cache" > "$T/torn" && cp "$T/torn" "$S/.planpress/cache"
step "a torn cache: a whole build" "built [0-9]* pages and"
printf 'X' | dd of="$S/.planpress/cache" bs=1 seek=300 conv=notrunc 2> /dev/null
step "a damaged cache: a whole build" "built [0-9]* pages and"
step "and the cache it leaves works" "(0 rendered"
news=$(ls "$S"/content/sjuharad/nyheter/*.md 2>/dev/null | head -n 1)
if [ -n "$news" ]; then
	echo "Ett tillägg längst ner i nyheten." >> "$news"
	step "a news item changed: it and the letters that carry it" "rendered"
fi
echo "<!-- ändrad för hand -->" >> "$S/public/prov/sida/index.html"
step "an output file edited by hand is made again" "(1 rendered"
rm "$S/public/prov/sida/index.html"
step "an output file removed by hand is made again" "(1 rendered"
sed -i 's/^title = .*/title = Ny webbplats/' "$S/site.conf"
step "site.conf changed: a whole build" "built [0-9]* pages and"

# a failed build leaves the output and the cache as they were
cp -R "$S/public" "$T/before"
cp "$S/.planpress/cache" "$T/cache-before"
printf -- '---\ntitle: [trasig\n---\n\nText.\n' > "$S/content/prov/sida.md"
"$P" build -q "$S" > /dev/null 2> "$T/err"
if [ $? -ne 0 ] && diff -r "$S/public" "$T/before" > /dev/null && cmp -s "$S/.planpress/cache" "$T/cache-before" &&
	! find "$S/public" -name '*.planpress-new-*' | grep -q .; then
	ok "a failed incremental build leaves the output and the cache as they were"
else
	bad "failed build" "rc or output or cache changed: $(head -c 300 "$T/err")"
fi
printf -- '---\ntitle: Lagad\n---\n\nText igen.\n' > "$S/content/prov/sida.md"
step "after the fix the build is right again" "rendered"

# check neither reads nor writes the cache
cp "$S/.planpress/cache" "$T/cache-before"
"$P" check "$S" > /dev/null 2>&1
cmp -s "$S/.planpress/cache" "$T/cache-before" && ok "check leaves the cache alone" || bad "check" "the cache changed"

# one build of a site at a time: a second one waits for the first
if command -v flock > /dev/null 2>&1; then
	(flock "$S/.planpress/lock" sleep 2) &
	holder=$!
	sleep 0.5
	start=$(date +%s)
	"$P" build "$S" > /dev/null 2> "$T/err"
	rc=$?
	waited=$(( $(date +%s) - start ))
	wait $holder
	if [ $rc -eq 0 ] && grep -q "another build of this site is running: waiting" "$T/err" && [ $waited -ge 1 ]; then
		ok "a second build of the site waits for the first"
	else
		bad "lock" "rc $rc, waited ${waited} s: $(cat "$T/err")"
	fi
else
	echo "skipped: the build lock test needs flock (util-linux)"
fi
