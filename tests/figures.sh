#!/bin/sh
# The figures a reader sees (issue 20): each way planpress published a
# wrong figure silently, as a test of the built page or of the exact error.
# Prints "ok NAME" or "FAIL NAME: why" per test; tests/run.sh counts them.

P=${PLANPRESS:?}
T=$(pwd)/tests/out/figures
rm -rf "$T"
mkdir -p "$T"

ok() { echo "ok $1"; }
bad() { echo "FAIL $1: $2"; }

# block NAME CSV-FILE KIND BLOCK-LINES...: a one-page site with one block of
# KIND (table or chart) reading the CSV file; site and chart say which
block() {
	name=$1 csv=$2 kind=$3
	shift 3
	rm -rf "$T/$name"
	mkdir -p "$T/$name/content"
	printf '[site]\ntitle = Prov\n' > "$T/$name/site.conf"
	cp "$csv" "$T/$name/content/data.csv"
	{
		printf -- '---\ntitle: Prov\n---\n\n```%s\nfile: data.csv\n' "$kind"
		for l in "$@"; do printf '%s\n' "$l"; done
		printf '```\n'
	} > "$T/$name/content/sida.md"
}
site() { n=$1 c=$2; shift 2; block "$n" "$c" table "$@"; }
chart() { n=$1 c=$2; shift 2; block "$n" "$c" chart "$@"; }
build() { (cd "$T/$1" && "$P" build -q .) > "$T/$1.log" 2>&1; }
# rows NAME: the built table's rows as "label|cell|cell…", figures with
# plain spaces
rows() {
	python3 - "$T/$1/public/sida/index.html" <<'PY'
import html, re, signal, sys
signal.signal(signal.SIGPIPE, signal.SIG_DFL)
t = open(sys.argv[1], encoding="utf-8").read()
body = t[t.index("<tbody>"):t.index("</tbody>")]
for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
    cells = [html.unescape(re.sub(r"<[^>]+>", "", c)).replace("\u00a0", " ").replace("\u2212", "-").strip()
             for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)]
    print("|".join(cells))
PY
}
csvfile() { printf '%b' "$2" > "$T/$1.csv"; echo "$T/$1.csv"; }

# 1. A Summa row whose label is in the second column is a total, not data
#    counted into a second "Summa" (before: Summa 35 336, twice the sum).
site double content/sjuharad/verksamhetsplan-2016/ekonomi.csv "caption: Förbundsmedel" "total: Summa"
if build double && [ "$(rows double | grep -c 'Summa')" = 1 ] && rows double | grep -q '^Summa|.*|17 668$' &&
   ! rows double | grep -q '35 336'; then
	ok "figures 1: a Summa row with its label in the second column is the total"
else
	bad "figures 1: a Summa row with its label in the second column is the total" "$(rows double | tail -3) $(head -c 300 "$T/double.log")"
fi

# 2. total: Totalt on a file with a Totalt row checks that row, once
site twice content/mphla/verksamhetsplan-2015/bidrag.csv "total: Totalt"
if build twice && [ "$(rows twice | grep -c '^Totalt')" = 1 ]; then
	ok "figures 2: total: Totalt on a file with its own Totalt prints it once"
else
	bad "figures 2: total: Totalt on a file with its own Totalt prints it once" "$(rows twice | tail -3)"
fi
f=$(csvfile twice-wrong 'Part;Belopp\nA;100\nB;200\nTotalt;301\n')
site twice-wrong "$f" "total: Totalt"
build twice-wrong
grep -qxF 'content/data.csv:4: error: Totalt "Belopp" is 301 but the rows add up to 300' "$T/twice-wrong.log" &&
	ok "figures 2: ... and that row is checked" || bad "figures 2: ... and that row is checked" "$(cat "$T/twice-wrong.log")"
f=$(csvfile twice-other 'Part;Belopp\nA;100\nB;200\nSumma;300\n')
site twice-other "$f" "total: Totalt"
build twice-other
grep -qF 'content/sida.md:7: error: total: Totalt would add a second total: data.csv already ends with the total row "Summa" (line 4)' "$T/twice-other.log" &&
	ok "figures 2: a second total under another name is refused" || bad "figures 2: a second total under another name is refused" "$(cat "$T/twice-other.log")"

# 5. A subtotal listed in sums: counts once in the total below it
f=$(csvfile nested 'Post;Belopp\nInsats A;100\nInsats B;200\nSumma insatser;300\nStyrelse och revision;50\nKansli och administration;25\nTotal budget;375\nTotalt;375\n')
site nested "$f" "sums:" "  - Summa insatser = Insats A + Insats B" "  - Total budget = Summa insatser + Styrelse och revision + Kansli och administration"
if build nested && rows nested | grep -q '^Totalt|375$'; then
	ok "figures 5: nested totals in sums: count once"
else
	bad "figures 5: nested totals in sums: count once" "$(cat "$T/nested.log")"
fi

# 8. "Summa:" is a total, and is checked; "Kostnader totalt" can be data
f=$(csvfile colon 'Post;Belopp\nA;100\nB;200\nSumma:;301\n')
site colon "$f"
build colon
grep -qxF 'content/data.csv:4: error: Summa: "Belopp" is 301 but the rows add up to 300' "$T/colon.log" &&
	ok "figures 8: Summa: with a colon is a total and is checked" || bad "figures 8: Summa: with a colon is a total and is checked" "$(cat "$T/colon.log")"
f=$(csvfile datarow 'Post;Belopp\nLöner;100\nKostnader totalt;200\nSumma;300\n')
site datarow "$f" "data rows:" "  - Kostnader totalt"
if build datarow && rows datarow | grep -q '^Summa|300$'; then
	ok "figures 8: data rows: makes a total-like label data"
else
	bad "figures 8: data rows: makes a total-like label data" "$(cat "$T/datarow.log")"
fi
site datarow-typo "$f" "data rows:" "  - Kostnader totalr"
build datarow-typo
grep -qxF "content/sida.md:8: error: data rows: no row labelled 'Kostnader totalr' in data.csv" "$T/datarow-typo.log" &&
	ok "figures 8: data rows: names a row that exists" || bad "figures 8: data rows: names a row that exists" "$(cat "$T/datarow-typo.log")"

# 7. One mistyped figure is an error at its cell, not a column of text
#    whose declared Summa goes unchecked
f=$(csvfile typo 'Post;Belopp\nA;100\nB;5x6\nSumma;999\n')
site typo "$f"
build typo
grep -qxF "content/data.csv:3:2: error: cell \"5x6\" in column \"Belopp\" is not a number (such as 1 794, −3 817,5 or 12), as the column's other cells are; if the column is text, say so in the block: 'columns:' with 'Belopp: text'" "$T/typo.log" &&
	ok "figures 7: a mistyped figure is an error at file:line:col" || bad "figures 7: a mistyped figure is an error at file:line:col" "$(cat "$T/typo.log")"
site typo-text "$f" "columns:" "  Post: text" "  Belopp: text"
build typo-text && ok "figures 7: a column said to be text is text" || bad "figures 7: a column said to be text is text" "$(cat "$T/typo-text.log")"

# 3. Empty is not zero: a row with no budget has no deviation
site empty content/mphla/delarsrapport-2016/ekonomisk-sammanfattning.csv "columns:" "  Belopp i tkr: text" "  Utfall jan–aug: tkr" "  Aktuell budget jan–aug: tkr" "  Avvikelse jan–aug: = [Utfall jan–aug] − [Aktuell budget jan–aug]" "  Aktuell budget 2016: tkr" "sums:" "  - 3. Resultat efter finansiella intäkter = 1. Nettokostnad och finansnetto + 2. Bidrag"
if build empty && rows empty | grep -q '^4. Utgående eget kapital\*|2 846|||$'; then
	ok "figures 3: an empty budget gives an empty deviation, not 2 846"
else
	bad "figures 3: an empty budget gives an empty deviation, not 2 846" "$(rows empty | grep Utgående) $(cat "$T/empty.log")"
fi

# 4. A computed column is totalled as the sum of its parts on the file's own
#    total rows, nested subtotals once, and an empty part adds nothing
f=$(csvfile change 'Post;2016;2017\nInsats A;100 000;150 000\nInsats B;200 000;260 000\nInsats C;;40 000\nTotal budget;300 000;450 000\nKansli;50 000;55 000\nTotalt;350 000;505 000\n')
site change "$f" "columns:" "  Post: text" "  2016: number" "  2017: number" "  Förändring: = [2017] − [2016]"
if build change && rows change | grep -q '^Insats C||40 000|$' && rows change | grep -q '^Total budget|300 000|450 000|110 000$' &&
   rows change | grep -q '^Totalt|350 000|505 000|115 000$'; then
	ok "figures 4: a computed column's totals are the sums of its shown parts"
else
	bad "figures 4: a computed column's totals are the sums of its shown parts" "$(rows change | paste -sd' ') $(cat "$T/change.log")"
fi

# 6. Shares as shown add up to the shown whole (before: 13 + 72 + 12 + 1 + 1
#    = 99 % above "Summa 100 %", and the example's 99,9 %)
f=$(csvfile shares 'Slag;Post;Belopp\nA;a;134\nB;b;724\nC;c;124\nD;d;9\nE;e;9\n')
site shares "$f" "columns:" "  Post: text" "  Belopp: number" "group by: Slag" "show: summary"
build shares
if python3 - "$T/shares/public/sida/index.html" <<'PY'
import re, sys
t = open(sys.argv[1], encoding="utf-8").read()
cells = re.findall(r'<td class="num">([^<]*)</td>', t[t.index("<tbody>"):t.index("</tbody>")])
shares = [int(c.replace("\u00a0%", "").replace(" %", "")) for c in cells[1::2]]
assert shares[-1] == 100 and sum(shares[:-1]) == 100, shares
PY
then ok "figures 6: a summary's shares add up to 100 %"; else bad "figures 6: a summary's shares add up to 100 %" "$(rows shares | paste -sd' ')"; fi
site share-col content/sjuharad/verksamhetsplan-2015/kommuner.csv "columns:" "  Kommun: text" "  2015: tkr 1" "  Andel: = [2015] ÷ sum([2015]), percent 1"
if build share-col && rows share-col | grep -q '^Kommunerna, summa|3 817,5|100,0 %$' &&
   [ "$(rows share-col | grep -v summa | sed 's/.*|//; s/ %//; s/,//' | awk '{ s += $1 } END { print s }')" = 1000 ]; then
	ok "figures 6: a share column adds up to 100,0 %"
else
	bad "figures 6: a share column adds up to 100,0 %" "$(rows share-col | paste -sd' ')"
fi

# 9. Charts draw what was asked, or say why not
f=$(csvfile costs 'Post;Belopp\nLöner;-300\nLokaler;-100\n')
chart donut-neg "$f" "type: donut"
if build donut-neg && [ "$(grep -c '<path d="M' "$T/donut-neg/public/sida/index.html")" = 2 ] &&
   grep -q 'chart-value">75' "$T/donut-neg/public/sida/index.html" && grep -q '−300' "$T/donut-neg/public/sida/index.html"; then
	ok "figures 9: a donut of costs draws their magnitudes, the figures keep their signs"
else
	bad "figures 9: a donut of costs draws their magnitudes, the figures keep their signs" "$(cat "$T/donut-neg.log")"
fi
f=$(csvfile mixed 'Post;Belopp\nIntäkter;300\nKostnader;-100\n')
chart donut-mixed "$f" "type: donut"
build donut-mixed
grep -qxF "content/sida.md:6: error: a donut shows the parts of a whole, but 'Belopp' has figures both above and below zero; draw it as 'type: bar'" "$T/donut-mixed.log" &&
	ok "figures 9: a donut of both signs is an error" || bad "figures 9: a donut of both signs is an error" "$(cat "$T/donut-mixed.log")"
f=$(csvfile zeros 'Post;Belopp\nA;0\nB;\n')
chart donut-zero "$f" "type: donut"
build donut-zero
grep -qxF "content/sida.md:6: error: the donut would be empty: 'Belopp' has no figures other than zero" "$T/donut-zero.log" &&
	ok "figures 9: an empty donut is an error" || bad "figures 9: an empty donut is an error" "$(cat "$T/donut-zero.log")"
f=$(csvfile twocols 'Post;Kvinnor;Män\nA;10;20\nB;30;40\n')
chart bar-first "$f" "type: bar"
if build bar-first && ! grep -q 'Män' "$T/bar-first/public/sida/index.html"; then
	ok "figures 9: a bar chart without values: draws the first figure column"
else
	bad "figures 9: a bar chart without values: draws the first figure column" "$(grep -c 'Män' "$T/bar-first/public/sida/index.html") $(cat "$T/bar-first.log")"
fi

# 6. A summary's groups in the block's order and names, without Summa,
#    and shares of figures on both sides of zero only when said how
f=$(csvfile groups 'Slag;Post;Belopp\nB;b1;300\nA;a1;100\nC;c1;600\n')
site groups "$f" "columns:" "  Post: text" "  Belopp: number" "group by: Slag" "show: summary" \
	"groups:" "  - C = Samverkan" "  - A" "  - B = Bidrag" "show total: no"
if build groups && [ "$(rows groups | paste -sd' ')" = "Samverkan|600|60 % A|100|10 % Bidrag|300|30 %" ]; then
	ok "figures 6: a summary's groups renamed and ordered, without Summa"
else
	bad "figures 6: a summary's groups renamed and ordered, without Summa" "$(rows groups | paste -sd' ') $(cat "$T/groups.log")"
fi
site groups-missing "$f" "columns:" "  Post: text" "  Belopp: number" "group by: Slag" "show: summary" "groups:" "  - C" "  - A"
build groups-missing
grep -qxF "content/sida.md:12: error: groups: the group 'B' is not listed; list every group, in the order to show them" "$T/groups-missing.log" &&
	ok "figures 6: groups: lists every group" || bad "figures 6: groups: lists every group" "$(cat "$T/groups-missing.log")"
f=$(csvfile signs 'Slag;Post;Belopp\nIntäkter;i;150\nKostnader;k;-30\n')
site signs "$f" "columns:" "  Post: text" "  Belopp: number" "group by: Slag" "show: summary"
build signs
grep -qF "error: the groups' figures in 'Belopp' are both above and below zero" "$T/signs.log" &&
	ok "figures 6: shares of both signs ask how" || bad "figures 6: shares of both signs ask how" "$(cat "$T/signs.log")"
site signs-sizes "$f" "columns:" "  Post: text" "  Belopp: number" "group by: Slag" "show: summary" "shares: sizes"
if build signs-sizes && [ "$(rows signs-sizes | paste -sd' ')" = "Intäkter|150|83 % Kostnader|-30|17 % Summa|120|100 %" ]; then
	ok "figures 6: shares: sizes"
else
	bad "figures 6: shares: sizes" "$(rows signs-sizes | paste -sd' ') $(cat "$T/signs-sizes.log")"
fi
site signs-signed "$f" "columns:" "  Post: text" "  Belopp: number" "group by: Slag" "show: summary" "shares: signed"
if build signs-signed && [ "$(rows signs-signed | paste -sd' ')" = "Intäkter|150|125 % Kostnader|-30|-25 % Summa|120|100 %" ]; then
	ok "figures 6: shares: signed keep their signs"
else
	bad "figures 6: shares: signed keep their signs" "$(rows signs-signed | paste -sd' ') $(cat "$T/signs-signed.log")"
fi

# 5. A subtotal the file lacks is added in the block, between the rows
f=$(csvfile subtotal 'Post;Belopp\nInsats A;100\nInsats B;200\nStyrelse och revision;50\nKansli och administration;25\nTotalt;375\n')
site subtotal "$f" "subtotals:" "  - Summa insatser = Insats A … Insats B"
if build subtotal && [ "$(rows subtotal | paste -sd' ')" = "Insats A|100 Insats B|200 Summa insatser|300 Styrelse och revision|50 Kansli och administration|25 Totalt|375" ] &&
   grep -q '<tr class="total">' "$T/subtotal/public/sida/index.html"; then
	ok "figures 5: subtotals: adds a subtotal between the rows, counted once below"
else
	bad "figures 5: subtotals: adds a subtotal between the rows, counted once below" "$(rows subtotal | paste -sd' ') $(cat "$T/subtotal.log")"
fi
site subtotal-list "$f" "subtotals:" "  - Övrigt = Styrelse och revision + Kansli och administration"
if build subtotal-list && [ "$(rows subtotal-list | paste -sd' ')" = "Insats A|100 Insats B|200 Styrelse och revision|50 Kansli och administration|25 Övrigt|75 Totalt|375" ]; then
	ok "figures 5: subtotals: as a list"
else
	bad "figures 5: subtotals: as a list" "$(rows subtotal-list | paste -sd' ') $(cat "$T/subtotal-list.log")"
fi
site subtotal-typo "$f" "subtotals:" "  - Summa insatser = Insats A … Insats X"
build subtotal-typo
grep -qxF "content/sida.md:8: error: subtotals: no row labelled 'Insats X' in data.csv" "$T/subtotal-typo.log" &&
	ok "figures 5: subtotals: names rows that exist" || bad "figures 5: subtotals: names rows that exist" "$(cat "$T/subtotal-typo.log")"

# 6. Figures shown rounded (kr shown as tkr) add up as shown: largest
#    remainder, from the outermost total in
f=$(csvfile tkr 'Post;Belopp\nA;1 400\nB;1 400\nC;1 300\nS:a;\nD;2 600\nSumma;\n')
site tkr "$f" "columns:" "  Post: text" "  Belopp: kr → tkr"
if build tkr && [ "$(rows tkr | paste -sd' ')" = "A|2 B|1 C|1 S:a|4 D|3 Summa|7" ]; then
	ok "figures 6: kronor shown as tkr add up as shown"
else
	bad "figures 6: kronor shown as tkr add up as shown" "$(rows tkr | paste -sd' ') $(cat "$T/tkr.log")"
fi

# A ratio on a total row is computed from the totals as they are, not as
# rounded for showing (before: 4 100 kr against 3 500 kr showed 100 %, as
# both totals show as 4 tkr; it is 117 %)
f=$(csvfile ratio 'Post;Utfall;Budget\nA;1 400;1 000\nB;1 400;2 000\nC;1 300;500\n')
site ratio "$f" "columns:" "  Post: text" "  Utfall: kr -> tkr" "  Budget: kr -> tkr" "  Andel: = Utfall / Budget, percent" "total: Summa"
if build ratio && [ "$(rows ratio | tail -n 1)" = "Summa|4|4|117 %" ]; then
	ok "figures: a ratio on a total row is computed from the exact totals"
else
	bad "figures: a ratio on a total row is computed from the exact totals" "$(rows ratio | paste -sd' ') $(cat "$T/ratio.log")"
fi
