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
- no word lies outside the page.
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
# with footnotes at the foot of the page, the notes' text is in the spans
# and the list at the end is not printed
if '<span class="footnote">' in source:
    Page.HIDDEN = Page.HIDDEN | {"footnotes"}
doc.feed(source)
forbund, title = norm(doc.forbund), norm(doc.title)

# --- pages and metadata ---------------------------------------------------------
# a short document (an informationsbrev) is a cover and a page or two; one
# with a table of contents runs to at least three pages
short = not doc.toc
if (2 if short else 3) <= pages <= 120:
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
missing = [w for w in doc.words if fold(w) and fold(w) not in pdf_words]
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

sys.exit(1 if failures else 0)
