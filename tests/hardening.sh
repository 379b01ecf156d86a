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
