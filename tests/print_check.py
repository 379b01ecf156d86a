#!/usr/bin/env python3
"""Checks a report PDF made by planpress against its print page.

usage: print_check.py DOCUMENT.pdf PRINTPAGE.html

Uses poppler's pdfinfo, pdftotext and pdftohtml. Prints "ok NAME" or
"FAIL NAME: why" per check:

- the page count is plausible and the metadata (title, author, language,
  tagging) and a bookmark outline are present;
- every table-of-contents entry's page number is the page on which that
  heading really appears;
- every page but the cover carries the running header and "Sida N av M";
- no table row is split across pages;
- no word lies outside the page;
- every signer has a line of their own with at least 12 mm of free room
  above it, name under it, and the signatures do not stand alone on a page
  and come after the notes;
- a table's caption and header never end a page without the table's rows;
- notes at the end have a heading; no link in the PDF is a file: address;
- a figure with a note marker ("17 668*") lines up with its column;
- a letter starts its text on page 1, a table of contents only fronts a
  body of three pages or more, the cover gives a date once.
"""
import html
import html.parser
import re
import subprocess
import sys
import unicodedata

pdf, page_html = sys.argv[1], sys.argv[2]
name = pdf.rsplit("/", 1)[-1]
failures = 0


def ok(what):
    print(f"ok {name}: {what}")


def fail(what, why):
    global failures
    failures += 1
    print(f"FAIL {name}: {what}: {why}")


def run(*args):
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def norm(s):
    s = s.replace("\u00a0", " ").replace("\u202f", " ").replace("\u00ad", "")
    return re.sub(r"\s+", " ", s).strip()


info = dict(
    (k.strip(), v.strip())
    for k, v in (line.split(":", 1) for line in run("pdfinfo", pdf).splitlines() if ":" in line)
)
pages = int(info["Pages"])
texts = [run("pdftotext", "-f", str(p), "-l", str(p), "-layout", pdf, "-") for p in range(1, pages + 1)]
flat = [norm(t) for t in texts]


class Page(html.parser.HTMLParser):
    """Collects what the print page says: title, förbund, TOC and table rows."""

    def __init__(self):
        super().__init__()
        self.stack, self.toc, self.rows, self.row, self.cell = [], [], [], None, None
        self.forbund = self.title = self.lang = ""
        self.in_toc_link = False
        self.link = ""
        self.skip = 0
        self.hidden = 0   # inside what print leaves out
        self.words = []

    HIDDEN = {"print-note", "table-download", "chart-data", "footnote-ref", "footnote-backref"}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.stack.append((tag, a.get("class", "")))
        if self.hidden or self.HIDDEN & set(a.get("class", "").split()):
            self.hidden += 1
        if tag == "html":
            self.lang = a.get("lang", "")
        if tag in ("style", "script"):
            self.skip += 1
        if tag == "a" and any("print-toc" in c for _, c in self.stack):
            self.in_toc_link, self.link = True, ""
        if tag == "tr" and any(t == "table" and "figures" in c for t, c in self.stack):
            self.row = []
        if tag in ("td", "th") and self.row is not None:
            self.cell = ""
        if tag == "sup" and self.cell is not None:
            self.skip += 1

    def handle_endtag(self, tag):
        while self.stack:
            t, _ = self.stack.pop()
            if self.hidden:
                self.hidden -= 1
            if t == tag:
                break
        if tag in ("style", "script") or (tag == "sup" and self.cell is not None):
            self.skip -= 1
        if tag == "a" and self.in_toc_link:
            self.toc.append(norm(self.link))
            self.in_toc_link = False
        if tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append(norm(self.cell))
            self.cell = None
        if tag == "tr" and self.row is not None:
            if any(self.row):
                self.rows.append([c for c in self.row if c])
            self.row = None

    def handle_data(self, data):
        if self.skip:
            return
        if not self.hidden and not any(t in ("title", "head", "desc") for t, _ in self.stack):
            self.words.extend(norm(data).split())
        cls = " ".join(c for _, c in self.stack)
        if "cover-forbund" in cls:
            self.forbund += data
        if self.stack and self.stack[-1][0] == "h1" and "cover" in cls:
            self.title += data
        if self.in_toc_link:
            self.link += data
        if self.cell is not None:
            self.cell += data


doc = Page()
with open(page_html, encoding="utf-8") as f:
    source = f.read()
doc.feed(source)
forbund, title = norm(doc.forbund), norm(doc.title)

# --- pages and metadata ---------------------------------------------------------
# a short document (an informationsbrev) is a page or two; one
# with a table of contents runs to at least three pages
short = not doc.toc
if (1 if short else 3) <= pages <= 120:
    ok(f"{pages} pages")
else:
    fail("page count", f"{pages} pages is not plausible")
if info.get("Title") and info.get("Author"):
    ok(f"title '{info['Title']}', author '{info['Author']}'")
else:
    fail("metadata", f"title {info.get('Title')!r}, author {info.get('Author')!r}")
if info.get("Tagged") == "yes":
    ok("tagged PDF")
else:
    fail("tagging", "the PDF is not tagged (PDF/UA needs tags)")
outline = run("pdftohtml", "-xml", "-i", "-stdout", pdf)
items = re.findall(r'<item page="(\d+)">', outline)
headings = len(re.findall(r"<h[12][ >]", source))
if len(items) >= min(3, headings) and items:
    ok(f"outline with {len(items)} bookmarks")
else:
    fail("outline", f"{len(items)} bookmarks")
if doc.lang and f'lang="{doc.lang}"' in open(page_html, encoding="utf-8").read():
    ok(f"language {doc.lang}")

# --- the table of contents --------------------------------------------------------
toc_page = next((i for i, t in enumerate(flat) if t.startswith(norm(f"{forbund} {title}")) and "Innehåll" in t[:200] or "Innehåll Innehåll" in t[:200]), None)
if toc_page is None:
    toc_page = next((i for i, t in enumerate(flat) if " Innehåll " in f" {t[:300]} "), None)
if doc.toc:
    entries = []
    lines = texts[toc_page].splitlines() if toc_page is not None else []
    pending = ""
    for line in lines:
        m = re.match(r"^\s*(.*?)\s*\.{3,}\s*(\d+)\s*$", line)
        if m:
            entries.append((norm(pending + " " + m.group(1)), int(m.group(2))))
            pending = ""
        elif line.strip() and not line.strip().startswith("Sida") and "Innehåll" not in line and forbund[:20] not in line:
            pending = norm(pending + " " + line)
    if len(entries) != len(doc.toc):
        fail("table of contents", f"{len(entries)} entries with page numbers in the PDF, {len(doc.toc)} in the print page")
    # the headings as the PDF sets them: lines in the heading colour at
    # heading size (pdftohtml reports every text run with its font)
    xml = run("pdftohtml", "-xml", "-i", "-stdout", pdf)
    fonts = {m.group(1): (int(m.group(2)), m.group(3))
             for m in re.finditer(r'<fontspec id="(\d+)" size="(\d+)" family="[^"]*" color="([^"]+)"', xml)}
    headings = {}
    for pm in re.finditer(r'<page number="(\d+)"(.*?)</page>', xml, re.S):
        lines = {}
        for tm in re.finditer(r'<text top="(\d+)" left="(\d+)"[^>]*font="(\d+)">(.*?)</text>', pm.group(2)):
            size, color = fonts.get(tm.group(3), (0, ""))
            if color.lower() == "#163a63" and size >= 17:
                lines.setdefault(int(tm.group(1)), []).append((int(tm.group(2)), re.sub(r"<[^>]+>", "", tm.group(4))))
        headings[int(pm.group(1))] = [norm(html.unescape(" ".join(t for _, t in sorted(v)))) for v in lines.values()]
    wrong = []
    for (text, page), wanted in zip(entries, doc.toc):
        found = [p for p in range(toc_page + 2, pages + 1)
                 if any(h == wanted or h.startswith(wanted[:40]) for h in headings.get(p, []))]
        if not found or found[0] != page:
            wrong.append(f"'{wanted}' listed on page {page}, found on {found[:1] or 'no page'}")
    if wrong:
        fail("table of contents page numbers", "; ".join(wrong))
    elif entries:
        ok(f"all {len(entries)} table-of-contents page numbers are right")
    # the page numbers stand in one column, at the right margin (where the
    # running header ends), not past it
    bbox = run("pdftotext", "-f", str(toc_page + 1), "-l", str(toc_page + 1), "-bbox", pdf, "-")
    words = [(float(m.group(1)), float(m.group(2)), html.unescape(m.group(3)))
             for m in re.finditer(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', bbox)]
    rows = {}
    for y, x, w in words:
        rows.setdefault(round(y), []).append((x, w))
    ends = [max(r)[0] for r in rows.values()]
    margin = max(ends) if ends else 0
    header = [max(r)[0] for y, r in rows.items() if y == min(rows)]
    numbers = [max(r) for r in rows.values() if max(r)[1].isdigit() and not any(w == "Sida" for _, w in r)]
    edge = header[0] if header else margin
    off = [f"{n} at {x:.1f} pt" for x, n in numbers if abs(x - edge) > 1]
    if off:
        fail("table of contents margin", f"{len(off)} page numbers do not end at the right margin ({edge:.1f} pt), such as {off[0]}")
    elif numbers:
        ok(f"the {len(numbers)} table-of-contents page numbers end at the right margin")

# --- running header and footer ---------------------------------------------------
bad = []
for i in range(1, pages):
    t = flat[i]
    if f"Sida {i + 1} av {pages}" not in t:
        bad.append(f"page {i + 1}: no 'Sida {i + 1} av {pages}'")
    if not t.startswith(forbund[:30]) or title[:30] not in t[:400]:
        bad.append(f"page {i + 1}: no running header")
if "Sida 1 av" in flat[0]:
    bad.append("the cover has a footer")
if bad:
    fail("running header and footer", "; ".join(bad[:5]))
else:
    ok(f"running header and 'Sida N av {pages}' on pages 2–{pages}, none on the cover")

# --- table rows are not split ------------------------------------------------------
split = []
# a row is whole when one page holds all of its words (multi-line cells are
# interleaved in the page text, so the words are compared, not the lines)
def parts(text):
    """Words split at dashes too: a cell may break after "jan–"."""
    return {w.rstrip("*") for w in re.split(r"[\s\u2013-]+", text) if w.rstrip("*")}


page_words = [parts(t) for t in flat]
for row in doc.rows:
    words = parts(" ".join(row))
    if not words:
        continue
    if not any(words <= pw for pw in page_words):
        split.append(" | ".join(row)[:80])
if split:
    fail("table rows", f"{len(split)} rows not whole on one page, such as: {split[0]}")
else:
    ok(f"all {len(doc.rows)} table rows whole on one page")

# --- nothing runs off the page ---------------------------------------------------------
# every word the print page shows must be in the PDF's text; a word pushed
# off the page is dropped by pdftotext
def fold(w):
    return unicodedata.normalize("NFKC", w).strip(".,;:()*\u2013-")

pdf_words = {fold(w) for t in flat for w in t.split()}
# a word hyphenated at a line's end ("folk-" / "mängd") is one word of the
# print page (print.css sets hyphens: auto); the second half may be on the
# next page, after the running footer and header, so the halves are
# matched as any line's last word and any line's first word
lines = [norm(l).split() for t in texts for l in t.split("\n")]
# "folk-": a hyphen the engine added; ".../nyheter/" or "hon-hen-": an
# address or a word broken after a "/" or "-" of its own
line_ends = {l[-1] for l in lines if l}
line_starts = {fold(l[0]) for l in lines if l}
def hyphenated(w):
    w = unicodedata.normalize("NFKC", w).strip(".,;:()*\u2013-")
    for i in range(2, len(w) - 1):
        head, tail = w[:i], w[i:]
        if tail not in line_starts:
            continue
        if (head + "-") in line_ends and head[-1].isalpha():
            return True
        if head[-1] in "/-" and head in line_ends:
            return True
    return False
missing = [w for w in doc.words if fold(w) and fold(w) not in pdf_words and not hyphenated(w)]
if missing:
    fail("text in the PDF", f"{len(missing)} words of the print page are not in the PDF (cut off?), such as '{missing[0]}'")
else:
    ok(f"all {len(doc.words)} words of the print page are in the PDF")

box = run("pdftotext", "-bbox", pdf, "/dev/stdout")
off = []
for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', box, re.S):
    w, h = float(page.group(1)), float(page.group(2))
    for m in re.finditer(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)</word>', page.group(3)):
        x0, y0, x1, y1 = map(float, m.groups()[:4])
        if x0 < 0 or y0 < 0 or x1 > w + 0.5 or y1 > h + 0.5:
            off.append(html.unescape(m.group(5)))
if off:
    fail("page edges", f"{len(off)} words outside the page, such as '{off[0]}'")
else:
    ok("every word inside the page")

# --- signatures: a line for each signer, room to sign above it ---------------------
MM = 72 / 25.4
sig_names = [norm(html.unescape(re.sub(r"<[^>]+>", "", m)))
             for m in re.findall(r'<div class="name">(.*?)</div>', source, re.S)]


def words_by_page():
    out = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', box, re.S):
        out.append([(float(a), float(b), float(c), float(d), html.unescape(t))
                    for a, b, c, d, t in re.findall(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)</word>', page.group(3))])
    return out


def rules_on(pageno):
    """Horizontal rules (thin filled bands, as WeasyPrint draws borders) on a page."""
    svg = subprocess.run(["pdftocairo", "-svg", "-f", str(pageno), "-l", str(pageno), pdf, "-"],
                         capture_output=True, text=True).stdout
    svg = svg.split("</defs>", 1)[-1]
    out = []
    for d in re.findall(r'<path style="[^"]*fill:[^"]*" d="([^"]*)"', svg):
        rects = []
        for r in re.findall(r"M ([\d.-]+) ([\d.-]+) L ([\d.-]+) ([\d.-]+) L ([\d.-]+) ([\d.-]+) L ([\d.-]+) ([\d.-]+) Z", d):
            v = list(map(float, r))
            rects.append((min(v[0::2]), min(v[1::2]), max(v[0::2]), max(v[1::2])))
        bands = []
        if len(rects) == 2 and abs(rects[0][0] - rects[1][0]) < 0.5 and abs(rects[0][2] - rects[1][2]) < 0.5:
            a, b = rects
            if abs(a[1] - b[1]) < 0.1:
                bands.append((a[0], min(a[3], b[3]), a[2], max(a[3], b[3])))
            elif abs(a[3] - b[3]) < 0.1:
                bands.append((a[0], min(a[1], b[1]), a[2], max(a[1], b[1])))
        else:
            bands = rects
        out += [b for b in bands if b[3] - b[1] < 2.5 and b[2] - b[0] > 30]
    return out


if sig_names:
    pw = words_by_page()
    bad = []
    first_page = None
    found = []
    for signer in sig_names:
        first = signer.split()[0]
        hits = [(i, w) for i, ws in enumerate(pw) for w in ws if w[4] == first]
        hits = [(i, w) for i, w in hits if " ".join(x[4] for x in pw[i] if abs(x[1] - w[1]) < 2 and x[0] >= w[0])[:len(signer)] == signer]
        if not hits:
            bad.append(f"no signer '{signer}' in the PDF")
            continue
        i, w = hits[-1]
        first_page = i if first_page is None else min(first_page, i)
        found.append((signer, i, w))
    rule_cache = {}
    lines = []
    for signer, i, w in found:
        rules = rule_cache.setdefault(i, rules_on(i + 1))
        above = [r for r in rules if r[1] <= w[1] and w[1] - r[3] < 5 * MM and r[0] <= w[0] + 1 and r[2] > w[0]]
        if not above:
            bad.append(f"'{signer}' has no line to sign on right above the name")
            continue
        r = max(above, key=lambda r: r[1])
        lines.append((signer, i, r))
        room = [x[4] for x in pw[i] if x[3] > r[1] - 12 * MM and x[1] < r[1] - 0.5 and x[2] > r[0] and x[0] < r[2]]
        if room:
            bad.append(f"less than 12 mm free above the line of '{signer}' (there is '{' '.join(room[:4])}')")
    for a in range(len(lines)):
        for b in range(a + 1, len(lines)):
            (na, pa, ra), (nb, pb, rb) = lines[a], lines[b]
            if pa == pb and abs(ra[1] - rb[1]) < 2 and ra[0] < rb[2] + 5 * MM and rb[0] < ra[2] + 5 * MM and ra is not rb:
                bad.append(f"the lines of '{na}' and '{nb}' run into each other")
            if ra is rb:
                bad.append(f"'{na}' and '{nb}' share one line")
    if bad:
        fail("signatures", "; ".join(bad[:4]))
    else:
        ok(f"{len(sig_names)} signers, each with a line of their own and 12 mm to sign above it")
    # not alone on a page: the page also holds the text's last lines
    if first_page is not None:
        sig_words = set(norm(" ".join(sig_names)).split())
        for m in re.findall(r'class="(?:place-date|signer-place-date|role)">(.*?)</', source, re.S):
            sig_words |= set(norm(html.unescape(re.sub(r"<[^>]+>", "", m))).split())
        chrome = set(norm(forbund + " " + title).split()) | {"Sida", "av", "Ort", "och", "datum"}
        other = [x[4] for x in pw[first_page] if x[4] not in sig_words | chrome and not x[4].isdigit()]
        if first_page > 0 and not other:
            fail("signatures", f"alone on page {first_page + 1}, away from the text they sign")
        else:
            ok("the signatures share their page with the text")
    # notes come before the signatures, not between a table and the text
    notes = re.search(r'<section class="footnotes"[^>]*aria-label="([^"]*)"', source)
    if notes and found:
        label = html.unescape(notes.group(1))
        where = [(i, y) for i, ws in enumerate(pw) for (x0, y, x1, y1, t) in ws if t == label]
        signer, i, w = found[0]
        if not where:
            pass  # reported by the notes check below
        elif where[-1] > (i, w[1]):
            fail("signatures", f"the notes ('{label}') come after the signatures")

# --- notes at the end carry a heading ------------------------------------------------
notes = re.search(r'<section class="footnotes"[^>]*aria-label="([^"]*)"', source)
if notes:
    label = html.unescape(notes.group(1))
    if any(re.search(r"(^|\n)\s*" + re.escape(label) + r"\s*\n", t) for t in texts):
        ok(f"the notes at the end have the heading '{label}'")
    else:
        fail("notes", f"the notes at the end have no heading '{label}', so they read as notes to the last table")

# --- a table never starts at a page's foot with only its caption and header ------------
stranded = []
for m in re.finditer(r"<caption[^>]*>(.*?)</caption>(.*?)</table>", source, re.S):
    cap = norm(html.unescape(re.sub(r"<[^>]+>", "", m.group(1))))
    body = m.group(2).split("<tbody>", 1)[-1]
    first = next((r for r in re.findall(r"<tr(?! class=\"heading)[^>]*>(.*?)</tr>", body, re.S)), None)
    if not first or not cap:
        continue
    cells = [norm(html.unescape(re.sub(r"<sup.*?</sup>|<[^>]+>", "", c))) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", first, re.S)]
    want = parts(" ".join(c for c in cells if c))
    pages_with_cap = [i for i, t in enumerate(flat) if cap[:60] in t]
    if pages_with_cap and want and not want <= page_words[pages_with_cap[0]]:
        stranded.append(f"'{cap[:40]}' on page {pages_with_cap[0] + 1}")
if stranded:
    fail("tables kept together", f"{len(stranded)} tables start with only caption and header at a page's foot: " + "; ".join(stranded[:3]))
else:
    ok("every table's caption is on the page of its first row")

# --- a table's note, unit and source stay on the page of its last row -----------------------
def text_of(fragment):
    return norm(html.unescape(re.sub(r"<[^>]+>", " ", fragment)))

apart = []
for chunk in source.split('<div class="table-block')[1:]:
    if "</table>" not in chunk:
        continue
    table_html, after = chunk.split("</table>", 1)
    after = re.split(r'<div class="(?:table|chart)-block|</main>', after)[0]
    after = re.sub(r'<a class="table-download".*?</a>', "", after, flags=re.S)
    rows_html = re.findall(r"<tr[^>]*>(.*?)</tr>", table_html, re.S)
    notes = [n for n in (text_of(n) for n in re.findall(r'<p class="table-(?:note|meta|source)"[^>]*>(.*?)</p>', after, re.S)) if n]
    if not rows_html or not notes:
        continue
    last = parts(text_of(re.sub(r"<sup.*?</sup>", "", rows_html[-1], flags=re.S)))
    row_pages = [i for i, pw in enumerate(page_words) if last and last <= pw]
    for note in notes:
        head = " ".join(note.split()[:6])
        note_pages = [i for i, t in enumerate(flat) if head and head in t]
        if row_pages and note_pages and not set(note_pages) & set(row_pages):
            apart.append(f"'{head[:40]}' on page {note_pages[0] + 1}, its table's last row on page {row_pages[-1] + 1}")
if apart:
    fail("table notes", f"{len(apart)} notes are apart from their table: " + "; ".join(apart[:2]))
else:
    ok("every table's note, unit and source are on the page of its last row")

# --- a note marker ("17 668*") leaves the figure in line with its column ------------------
# the digits of a starred figure end where the figures above and below end
# (the marker hangs to their right); numbers of the column within 6 pt are
# its neighbours, and must line up within 0.5 pt
NUMBER = re.compile(r"^[\u2212\u2013+-]?[\d\s,.%]*\d[\d\s,.%]*$")
marked = [(norm(html.unescape(re.sub(r"<[^>]+>", "", f))), norm(html.unescape(m)))
          for f, m in re.findall(r'<td class="num[^"]*">([^<]*)<sup class="marker">([^<]*)</sup>', source)]
if marked:
    pw = words_by_page()
    bad, checked = [], 0
    for figure, marker in marked:
        groups = figure.split()
        spots = []
        for i, ws in enumerate(pw):
            for k in range(len(ws) - len(groups)):
                run_ = ws[k:k + len(groups) + 1]
                if [w[4] for w in run_[:-1]] != groups or run_[-1][4] != marker:
                    continue
                last, star = run_[-2], run_[-1]
                if all(abs(w[3] - last[3]) < 1 for w in run_[:-1]) and -0.5 <= star[0] - last[2] < 3:
                    spots.append((i, last))
        if not spots:
            bad.append(f"'{figure}{marker}' not found in the PDF")
            continue
        for i, last in spots:
            right = last[2]
            column = [w for w in pw[i] if abs(w[2] - right) < 6 and abs(w[1] - last[1]) > 2 and NUMBER.match(w[4])]
            if not column:
                continue
            checked += 1
            off = [w for w in column if abs(w[2] - right) > 0.5]
            if off:
                w = off[0]
                bad.append(f"'{figure}{marker}' on page {i + 1} ends at {right:.1f} pt, '{w[4]}' in its column at {w[2]:.1f} pt")
    if bad:
        fail("note markers", "; ".join(bad[:3]))
    elif checked:
        ok(f"{checked} figures with a note marker in line with their columns")

# --- links: full addresses, never file: -------------------------------------------------
links = re.findall(r'<a href="([^"]*)"', outline)
local = [u for u in links if u.startswith("file:")]
if local:
    fail("links", f"{len(local)} links point into the file system, such as {html.unescape(local[0])}")
else:
    ok(f"no link of {len(links)} is a file: address")

# --- a letter has no cover; a contents page fronts a body of some length -----------------
body_class = re.search(r'<body class="([^"]*)"', source)
if body_class and "informationsbrev" in body_class.group(1).split():
    first_words = [w for w in doc.words[:400] if len(fold(w)) > 3]
    content = re.search(r'<main class="content">(.*?)</main>', source, re.S)
    cw = [fold(w) for w in norm(html.unescape(re.sub(r"<[^>]+>", " ", content.group(1) if content else ""))).split() if len(fold(w)) > 3][:8]
    if cw and len(set(cw) & {fold(w) for w in flat[0].split()}) < len(set(cw)) / 2:
        fail("letter", "page 1 is a report cover: a letter's text starts on page 1")
    else:
        ok("the letter's text starts on page 1")
if toc_page is not None and pages - (toc_page + 1) <= 2:
    fail("table of contents", f"a contents page in front of {pages - toc_page - 1} pages of text")
adopted = re.search(r'<div class="cover-foot">\s*<p>([^<]*)</p>', source)
if adopted:
    m = re.search(r"\d{1,2} \w+ \d{4}", adopted.group(1))
    foot = re.search(r'<div class="cover-foot">(.*?)</div>', source, re.S)
    last = re.findall(r"<p>([^<]*)</p>", foot.group(1)) if foot else []
    if m and flat[0].count(m.group(0)) > 1:
        fail("cover", f"the cover gives the date '{m.group(0)}' twice")
    elif last and norm(html.unescape(last[-1])) not in flat[0]:
        fail("cover", f"the cover's last line '{norm(last[-1])}' ran over to page 2")
    else:
        ok("the cover gives its date once")

# --- a figure keeps its unit: no line starts with "%" or "tkr" after a figure --------------
stray = []
for t in texts:
    rows = [l.strip() for l in t.split("\n") if l.strip()]
    for a, b in zip(rows, rows[1:]):
        if re.search(r"\d$", a) and re.match(r"(%|tkr|mnkr|kr)(\W|$)", b):
            stray.append(f"{a[-12:]} / {b[:8]}")
if stray:
    fail("units", f"{len(stray)} lines start with a unit whose figure ends the line before, such as '{stray[0]}'")
else:
    ok("every figure keeps its unit on its line")

sys.exit(1 if failures else 0)
