#!/bin/sh
# Accessibility and HTML validity of a built site: html-validate over every
# page, axe-core (WCAG 2.1 A and AA) in headless Chromium over every page but
# the redirects. Prints "ok ..." or "FAIL ..." lines; tests/run.sh counts them.
#
# usage: tests/a11y/run.sh PUBLIC_DIR
# Needs node, chromium and `npm ci` in tests/a11y (make deps does both).
here=$(cd "$(dirname "$0")" && pwd)
public=$(cd "$1" && pwd)
cd "$here" || exit 2

pages=$(cd "$public" && find . -name '*.html' | sed 's|^\./||' | sort)
site_pages=$(echo "$pages" | grep -v 'epost\.html$')
mail_pages=$(echo "$pages" | grep 'epost\.html$')

validate() { # config files...
	config=$1
	shift
	[ $# -gt 0 ] || return 0
	(cd "$public" && node "$here/node_modules/html-validate/bin/html-validate.mjs" --config "$here/$config" \
		--formatter json "$@") > "$here/.validate.json" 2>/dev/null
	python3 - "$here/.validate.json" "$public" "$@" <<'PY'
import json, os, sys
try:
    results = json.load(open(sys.argv[1]))
except ValueError:
    results = None
if results is None:
    print("FAIL html-validate: it did not run")
    sys.exit()
public = sys.argv[2]
bad = {os.path.relpath(os.path.join(public, r["filePath"]), public): r["messages"]
       for r in results if r["errorCount"]}
for f in sys.argv[3:]:
    if f in bad:
        why = "; ".join(f"{m['line']}:{m['column']} {m['message']} ({m['ruleId']})" for m in bad[f][:3])
        print(f"FAIL html-validate {f}: {why}")
    else:
        print(f"ok html-validate {f}")
PY
	rm -f "$here/.validate.json"
}
# shellcheck disable=SC2086
validate htmlvalidate.json $site_pages
# shellcheck disable=SC2086
validate htmlvalidate-email.json $mail_pages

# a redirect page leaves before axe can look at it
axe_pages=""
for f in $pages; do
	grep -q 'http-equiv="refresh"' "$public/$f" && continue
	case $f in
	index.html) f="./" ;;
	*/index.html) f=${f%index.html} ;;
	esac
	axe_pages="$axe_pages $f"
done
# shellcheck disable=SC2086
node axe.mjs "$public" $axe_pages 2>&1
