#!/usr/bin/python3
"""Checks a planpress PDF for what tests/print_check.py does not: its fonts,
its measure and breaks, its tagging (PDF/UA) and, with --pdfa, its PDF/A-2b
identification.

    python3 tests/pdf_check.py [--pdfa] [--strict-ua] PDF PRINT_HTML

Prints one line per check: "ok NAME ...", "FAIL NAME ..." or, for what
WeasyPrint 57 cannot yet do and docs/writing.md says the PDF does not meet,
"unmet NAME ..." (a FAIL with --strict-ua). Exits 1 if any check failed.

Needs pikepdf (Debian python3-pikepdf), pyphen and poppler-utils.
"""
import re
import statistics
import subprocess
import sys
from html.parser import HTMLParser

import pikepdf

FAMILY = "OpenSans"          # the print typeface (assets/print.css)
MEASURE = (60, 75)           # characters per full line of body text
MARGIN_PT = 24 * 72 / 25.4   # the top and bottom page margins of print.css

results = []


def report(status, name, detail):
    results.append(status)
    print(f"{status} {name} {detail}")


def check(name, good, detail, unmet=False, strict=False):
    if good:
        report("ok", name, detail)
    elif unmet and not strict:
        report("unmet", name, detail)
    else:
        report("FAIL", name, detail)


class Html(HTMLParser):
    """What the print page asks for: its language, its pictures, its header cells."""

    def __init__(self):
        super().__init__()
        self.lang = None
        self.figures = 0   # <img> with alt text and <svg role="img">
        self.th = 0
        self.links = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "img" and a.get("alt"):
            self.figures += 1
        elif tag == "svg" and a.get("role") == "img":
            self.figures += 1
        elif tag == "th":
            self.th += 1
        elif tag == "link" and a.get("rel") == "stylesheet":
            self.links.append(a.get("href", ""))


def pdftotext(pdf, *args):
    return subprocess.run(["pdftotext", "-enc", "UTF-8", *args, pdf, "-"], check=True,
                          capture_output=True, text=True).stdout


def family_charset():
    """The characters the print typeface has, from fontconfig."""
    out = subprocess.run(["fc-list", "Open Sans:style=Regular", "charset"], capture_output=True,
                         text=True).stdout
    chars = set()
    for part in re.findall(r"[0-9a-f]+(?:-[0-9a-f]+)?", out.split("charset=", 1)[-1]):
        lo, _, hi = part.partition("-")
        chars.update(range(int(lo, 16), int(hi or lo, 16) + 1))
    return chars


def used_chars(font):
    """The characters a (subset) font draws, from its ToUnicode map."""
    tu = font.get("/ToUnicode")
    if tu is None:
        return set()
    cmap = tu.read_bytes().decode("latin-1")
    chars = set()
    for body in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for dst in re.findall(r"<[0-9a-fA-F]+>\s*<([0-9a-fA-F]+)>", body):
            chars.update(ord(c) for c in bytes.fromhex(dst).decode("utf-16-be", "replace"))
    for body in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for lo, hi, dst in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", body):
            first = int(dst, 16)
            chars.update(range(first, first + int(hi, 16) - int(lo, 16) + 1))
    return chars


def svg_text(html_path):
    """The characters of the text in the print page's SVG pictures (inline
    charts and the SVG files it shows): WeasyPrint sets them in the font the
    picture names, not the page's."""
    import os
    html = open(html_path, encoding="utf-8").read()
    parts = re.findall(r"<svg.*?</svg>", html, re.S)
    for src in re.findall(r'<img [^>]*src="([^"]+\.svg)"', html):
        path = os.path.join(os.path.dirname(html_path), src)
        if os.path.exists(path):
            parts.append(open(path, encoding="utf-8").read())
    text = "".join(re.sub(r"<[^>]*>", "", t) for p in parts for t in re.findall(r"<text.*?</text>", p, re.S))
    return {ord(c) for c in text}


def show(cs):
    return "".join(sorted(chr(c) for c in cs))[:40]


def check_fonts(pdf, doc, html_path):
    """Every font embedded; every one the print typeface, but for a stand-in
    that draws only characters the typeface lacks (which is named)."""
    out = subprocess.run(["pdffonts", pdf], check=True, capture_output=True, text=True).stdout
    bad_embed = []
    for line in out.splitlines()[2:]:
        cols = line.split()
        if len(cols) >= 6 and cols[-5] != "yes":
            bad_embed.append(cols[0])
    check("fonts-embedded", not bad_embed, "every font is embedded" if not bad_embed
          else "not embedded: " + ", ".join(bad_embed))
    has = family_charset()
    wrong, stand_in = {}, {}
    for page in doc.pages:
        res = page.get("/Resources")
        fonts = res.get("/Font") if res is not None and "/Font" in res else pikepdf.Dictionary()
        for _, font in fonts.items():
            name = str(font.get("/BaseFont", "")).split("+")[-1]
            if name.replace("-", "").startswith(FAMILY):
                continue
            chars = used_chars(font)
            lacking = {c for c in chars if c not in has}
            stand_in.setdefault(name, set()).update(lacking)
            if chars - lacking or not chars:
                wrong.setdefault(name, set()).update(chars - lacking)
    in_svg = svg_text(html_path)
    svg_only = {n: c for n, c in wrong.items() if c and c <= in_svg}
    for n in svg_only:
        del wrong[n]
    if svg_only:
        report("unmet", "fonts-svg-text", "text in SVG pictures (a logo, a chart) is set in "
               + ", ".join(f"{n}: {show(c)!r}" for n, c in svg_only.items())
               + f": the picture names no font the engine has, or not {FAMILY}")
    check("fonts-family", not wrong,
          f"every font is {FAMILY}" + "".join(f"; {n} only for {show(c)!r}, which {FAMILY} lacks"
                                               for n, c in stand_in.items() if n not in wrong)
          if not wrong else f"fonts other than {FAMILY} for characters it has: "
          + "; ".join(f"{n}: {show(c)!r}" for n, c in wrong.items()))


def check_measure(pdf):
    """The median length of the full lines of running text: lines of paragraphs
    of at least three lines, all but the last, with at least six words."""
    xml = pdftotext(pdf, "-bbox-layout")
    lengths = []
    for block in re.findall(r"<block [^>]*>(.*?)</block>", xml, re.S):
        lines = re.findall(r"<line [^>]*>(.*?)</line>", block, re.S)
        if len(lines) < 3:
            continue
        for line in lines[:-1]:
            words = re.findall(r"<word [^>]*>(.*?)</word>", line, re.S)
            if len(words) >= 6:
                lengths.append(len(" ".join(words)))
    if not lengths:
        report("ok", "measure", "no paragraph of three lines or more")
        return
    med = statistics.median(lengths)
    check("measure", MEASURE[0] <= med <= MEASURE[1],
          f"median {med:g} characters in {len(lengths)} full lines (want {MEASURE[0]}-{MEASURE[1]})")


def check_dash_breaks(pdf):
    bad = []
    lines = pdftotext(pdf).splitlines()
    for a, b in zip(lines, lines[1:]):
        if a.rstrip().endswith("\u2013") and re.match(r"\w", b.lstrip()) and not a.rstrip().endswith(" \u2013"):
            bad.append(f"'{a.strip()[-20:]}' / '{b.strip()[:20]}'")
    check("dash-breaks", not bad, "no line breaks right after an en dash between words" if not bad
          else f"{len(bad)} break(s) after an en dash: " + "; ".join(bad[:3]))


def check_language(doc, page):
    lang = str(doc.Root.get("/Lang", ""))
    check("lang", page.lang == "sv" and lang == "sv",
          f"the print page says lang={page.lang!r}, the PDF /Lang={lang!r} (want 'sv')")


def check_hyphenation(html_path, page):
    import os
    import pyphen
    css = ""
    for href in page.links:
        path = os.path.join(os.path.dirname(html_path), href)
        if os.path.exists(path):
            css += open(path, encoding="utf-8").read()
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    rules = [sel for sel, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css)
             if re.search(r"(?<![-\w])hyphens:\s*auto", body)]
    body_rule = any(re.search(r"(^|[\s,])(html|body|p)([\s,]|$)", sel) for sel in rules)
    check("hyphens", body_rule, "hyphens: auto applies to the running text" if body_rule
          else "no hyphens: auto on html, body or p in the print style sheets")
    check("hyphen-dictionary", "sv" in pyphen.LANGUAGES,
          "pyphen has a Swedish dictionary" if "sv" in pyphen.LANGUAGES
          else "pyphen has no Swedish dictionary (apt-get install hyphen-sv)")


def walk(elem, seen, out):
    """Every structure element under elem, once."""
    if not isinstance(elem, pikepdf.Dictionary) or elem.objgen in seen and elem.objgen != (0, 0):
        return
    seen.add(elem.objgen)
    if elem.get("/Type") == "/StructElem" or "/S" in elem:
        out.append(elem)
    kids = elem.get("/K")
    if kids is None:
        return
    if not isinstance(kids, pikepdf.Array):
        kids = [kids]
    for k in kids:
        if isinstance(k, pikepdf.Dictionary):
            walk(k, seen, out)


def mul(a, b):
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def margin_text(page, height):
    """(in artifact, out of artifact) counts of text drawn in the top or bottom
    margin of a page, where the running header and footer are."""
    inside = outside = 0
    ctm, stack, tags, tm = [1, 0, 0, 1, 0, 0], [], [], [1, 0, 0, 1, 0, 0]
    for operands, op in pikepdf.parse_content_stream(page):
        op = str(op)
        if op == "q":
            stack.append(ctm)
        elif op == "Q" and stack:
            ctm = stack.pop()
        elif op == "cm":
            ctm = mul([float(x) for x in operands], ctm)
        elif op in ("BDC", "BMC"):
            tags.append(str(operands[0]))
        elif op == "EMC" and tags:
            tags.pop()
        elif op == "Tm":
            tm = [float(x) for x in operands]
        elif op in ("Tj", "TJ", "'", '"'):
            y = mul(tm, ctm)[5]
            if y > height - MARGIN_PT or y < MARGIN_PT:
                if "/Artifact" in tags:
                    inside += 1
                else:
                    outside += 1
    return inside, outside


def check_tags(doc, page, strict):
    root = doc.Root.get("/StructTreeRoot")
    if root is None:
        report("FAIL", "tagged", "the PDF has no structure tree")
        return
    elems = []
    walk(root, set(), elems)
    report("ok", "tagged", f"{len(elems)} structure elements")

    # running headers and footers are artifacts, not content
    inside = outside = 0
    for p in doc.pages[1:]:
        box = [float(x) for x in p.MediaBox]
        i, o = margin_text(p, box[3] - box[1])
        inside, outside = inside + i, outside + o
    check("ua-artifacts", outside == 0 and inside > 0,
          f"running header and footer text: {inside} piece(s) marked Artifact, {outside} tagged as content",
          unmet=True, strict=strict)

    # pictures and charts are Figures with alternative text
    figures = [e for e in elems if e.get("/S") == "/Figure"]
    with_alt = [e for e in figures if str(e.get("/Alt", "")).strip()]
    check("ua-figures", len(with_alt) >= page.figures,
          f"{page.figures} picture(s) and chart(s) in the print page, {len(figures)} Figure element(s), "
          f"{len(with_alt)} with Alt", unmet=True, strict=strict)

    # every link annotation is reached from the structure tree
    in_tree = set()
    for e in elems:
        kids = e.get("/K")
        for k in (kids if isinstance(kids, pikepdf.Array) else [kids]):
            if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR" and "/Obj" in k:
                in_tree.add(k.Obj.objgen)
    total = outside_tree = 0
    worst = (0, 0, 0)
    for n, p in enumerate(doc.pages, 1):
        links = [a for a in p.get("/Annots", []) if a.get("/Subtype") == "/Link"]
        miss = [a for a in links if "/StructParent" not in a or a.objgen not in in_tree]
        total += len(links)
        outside_tree += len(miss)
        if len(miss) > worst[1]:
            worst = (n, len(miss), len(links))
    detail = f"{outside_tree} of {total} link annotations outside the structure tree"
    if worst[1]:
        detail += f" (page {worst[0]}: {worst[1]} of {worst[2]})"
    check("ua-links", outside_tree == 0, detail, unmet=True, strict=strict)

    # header cells say what they head
    th = [e for e in elems if e.get("/S") == "/TH"]
    scoped = [e for e in th if "/Scope" in str(e.get("/A", ""))]
    check("ua-th-scope", len(th) >= page.th and len(scoped) == len(th),
          f"{page.th} th in the print page, {len(th)} TH element(s), {len(scoped)} with a Scope",
          unmet=True, strict=strict)


def check_pdfa(doc):
    meta = doc.open_metadata()
    part = meta.get("pdfaid:part")
    conf = meta.get("pdfaid:conformance")
    check("pdfa-id", part == "2" and conf == "B", f"pdfaid:part={part!r} conformance={conf!r} (want 2, B)")
    intents = doc.Root.get("/OutputIntents", [])
    good = [i for i in intents if i.get("/S") == "/GTS_PDFA1" and "/DestOutputProfile" in i]
    check("pdfa-outputintent", bool(good), f"{len(good)} GTS_PDFA1 output intent(s) with an ICC profile")
    check("pdfa-version", doc.pdf_version >= "1.4", f"PDF {doc.pdf_version}")
    enc = doc.is_encrypted
    check("pdfa-not-encrypted", not enc, "not encrypted" if not enc else "encrypted")


def main(argv):
    strict = "--strict-ua" in argv
    pdfa = "--pdfa" in argv
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    pdf, html = args
    page = Html()
    with open(html, encoding="utf-8") as f:
        page.feed(f.read())
    doc = pikepdf.open(pdf)
    print(f"# {pdf}")
    check_fonts(pdf, doc, html)
    check_measure(pdf)
    check_dash_breaks(pdf)
    check_language(doc, page)
    check_hyphenation(html, page)
    if pdfa:
        # PDF/A-2b from WeasyPrint 57 is not tagged: it makes one variant
        check_pdfa(doc)
    else:
        check_tags(doc, page, strict)
    return 1 if "FAIL" in results else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
