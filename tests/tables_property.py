#!/usr/bin/env python3
"""Property test of tables through the whole build (issue 20).

Generates random tables (sizes, signs, empty cells, decimals, headings
with nested subtotals, a grand total, share and difference columns) with
declared totals that are right, and others with one declared total made
wrong on purpose. Then:

- the site of right tables must build, and every table, read back from
  the built HTML, must add up as a reader re-adds it: each subtotal is the
  sum of its shown rows, the grand total the sum of the shown rows and
  subtotals (each subtotal once), shares add up to 100,0 %, every shown
  figure is the one the file or the formula gives;
- the site of wrong totals must fail `check` with an error at each wrong
  total's file and line.

The reader of the HTML must be able to fail: one figure of the built site
is changed on purpose and the same reader must report it.

usage: tables_property.py PLANPRESS WORKDIR [SEED] [COUNT]
Prints "ok ..." or "FAIL ..." lines (tests/run.sh counts them).
"""
import html
import os
import random
import re
import shutil
import subprocess
import sys
from fractions import Fraction

planpress, work = sys.argv[1], sys.argv[2]
seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
count = int(sys.argv[4]) if len(sys.argv) > 4 else 1200
rng = random.Random(seed)
PER_PAGE = 40


def fmt(value, dec):
    """A figure as the CSV files write it: '1 794', '-3 817,5'."""
    q = Fraction(value)
    neg = q < 0
    q = abs(q)
    whole = int(q)
    frac = q - whole
    digits = f"{whole:,}".replace(",", " ")
    s = digits
    if dec:
        s += "," + str(int(frac * 10 ** dec)).rjust(dec, "0")
    return ("-" if neg else "") + s


def round_half_away(q, dec):
    """Rounded to dec places, halves away from zero (as planpress rounds)."""
    unit = Fraction(1, 10 ** dec)
    a = abs(q)
    r = int((a + unit / 2) / unit) * unit
    return -r if q < 0 else r


def shown_value(text):
    """The reader's figure of a shown cell, as a Fraction, or None."""
    t = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2212", "-").strip()
    t = t.rstrip("*").strip()
    pct = t.endswith("%")
    if pct:
        t = t[:-1].strip()
    if t in ("", "\u2013"):
        return None, pct
    t = t.replace(" ", "").replace(",", ".")
    return Fraction(t), pct


class Table:
    """One random table: its CSV, its block, and what each row is."""

    def __init__(self, n, wrong):
        self.id = f"t{n}"
        self.ncols = rng.choice([1, 1, 2, 3])
        self.dec = [rng.choice([0, 0, 0, 1, 2]) for _ in range(self.ncols)]
        self.rows = []  # (label, kind, values, parts): kind data|heading|sub|total
        groups = rng.choice([0, 0, 1, 2, 3])
        nested = []
        def data_rows(k, prefix):
            out = []
            for i in range(k):
                vals = []
                # a row with no figure at all is a heading: one is always filled
                filled = rng.randrange(self.ncols)
                for c in range(self.ncols):
                    if c != filled and rng.random() < 0.12:
                        vals.append(None)
                    else:
                        units = rng.randint(-2_000_000, 9_000_000) if rng.random() < 0.8 else rng.randint(-50, 50)
                        if rng.random() < 0.5:
                            units = abs(units)
                        vals.append(Fraction(units, 10 ** self.dec[c]))
                out.append((f"{prefix} {i + 1}", "data", vals, None))
            return out
        if groups:
            for g in range(groups):
                name = f"Grupp {chr(65 + g)}"
                self.rows.append((name, "heading", None, None))
                first = len(self.rows)
                self.rows.extend(data_rows(rng.randint(1, 6), f"Post {chr(65 + g)}"))
                parts = list(range(first, len(self.rows)))
                self.rows.append((f"S:a {name.lower()}", "sub", None, parts))
                nested.append(len(self.rows) - 1)
            # rows outside any group
            first = len(self.rows)
            self.rows.extend(data_rows(rng.randint(0, 3), "Övrigt"))
            grand_parts = nested + list(range(first, len(self.rows)))
        else:
            self.rows.extend(data_rows(rng.randint(1, 12), "Post"))
            grand_parts = list(range(len(self.rows)))
        self.rows.append(("Summa", "total", None, grand_parts))
        # the totals' values: sums of their parts, each part once
        for i, (label, kind, vals, parts) in enumerate(self.rows):
            if kind in ("sub", "total"):
                sums = []
                for c in range(self.ncols):
                    got = [self.rows[p][2][c] for p in parts if self.rows[p][2][c] is not None]
                    sums.append(sum(got, Fraction(0)) if got else None)
                self.rows[i] = (label, kind, sums, parts)
        # declared in the file, or left to planpress
        self.declared = [rng.random() < 0.7 for _ in self.rows]
        self.wrong = None
        if wrong:
            cands = [i for i, r in enumerate(self.rows) if r[1] in ("sub", "total") and
                     any(v is not None for v in r[2])]
            if cands:
                i = rng.choice(cands)
                c = rng.choice([k for k in range(self.ncols) if self.rows[i][2][k] is not None])
                self.declared[i] = True
                self.wrong = (i, c, Fraction(rng.choice([1, -1, 10, 100]), 10 ** self.dec[c]))
        # shares need a whole other than zero
        whole = sum((r[2][0] for r in self.rows if r[1] == "data" and r[2][0] is not None), Fraction(0))
        self.share = whole != 0 and rng.random() < 0.3
        self.diff = self.ncols >= 2 and rng.random() < 0.4

    def csv(self):
        head = ["Post"] + [f"V{c + 1}" for c in range(self.ncols)]
        lines = [";".join(head)]
        for i, (label, kind, vals, _) in enumerate(self.rows):
            cells = [label]
            for c in range(self.ncols):
                if kind == "heading" or vals[c] is None or (kind in ("sub", "total") and not self.declared[i]):
                    cells.append("")
                else:
                    v = vals[c]
                    if self.wrong and self.wrong[0] == i and self.wrong[1] == c:
                        v += self.wrong[2]
                    cells.append(fmt(v, self.dec[c]))
            lines.append(";".join(cells))
        return "\n".join(lines) + "\n"

    def block(self):
        cols = ["  Post: text"] + [f"  V{c + 1}: number {self.dec[c]}" for c in range(self.ncols)]
        if self.diff:
            cols.append("  Diff: = [V1] − [V2]")
        if self.share:
            cols.append("  Andel: = [V1] ÷ sum([V1]), percent 1")
        return "```table\nfile: %s.csv\nid: %s\ncolumns:\n%s\n```\n" % (self.id, self.id, "\n".join(cols))


def make_site(root, tables, letters=False):
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(os.path.join(root, "content", "t"))
    with open(os.path.join(root, "site.conf"), "w") as f:
        f.write("[site]\ntitle = Egenskapsprov\nbase_url = https://example.org/\n")
    pages = [tables[i:i + PER_PAGE] for i in range(0, len(tables), PER_PAGE)]
    for p, chunk in enumerate(pages):
        kind = "type: informationsbrev\nnumber: \"%d\"\n" % (p + 1) if letters else ""
        body = "---\ntitle: Tabeller %d\n%s---\n\n" % (p + 1, kind)
        for t in chunk:
            with open(os.path.join(root, "content", "t", t.id + ".csv"), "w") as f:
                f.write(t.csv())
            body += t.block() + "\n"
        with open(os.path.join(root, "content", "t", "sida-%d.md" % (p + 1)), "w") as f:
            f.write(body)
    return len(pages)


def read_tables(public, npages):
    """Every table of the built pages: id -> rows of shown cell texts."""
    out = {}
    for p in range(npages):
        text = open(os.path.join(public, "t", "sida-%d" % (p + 1), "index.html"), encoding="utf-8").read()
        for m in re.finditer(r'<div class="table-block[^"]*" id="([^"]+)">(.*?)</table>', text, re.S):
            body = m.group(2)
            body = body[body.index("<tbody>"):]
            rows = []
            for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
                cells = [html.unescape(re.sub(r"<[^>]+>", "", c)).strip()
                         for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)]
                rows.append(cells)
            out[m.group(1)] = rows
    return out


def read_text_tables(public, npages):
    """Every table of the letters' plain text (epost.txt), as the HTML's
    rows: id order per page, cells cut at the columns the dashes mark."""
    out = []
    for p in range(npages):
        lines = open(os.path.join(public, "t", "sida-%d" % (p + 1), "epost.txt"), encoding="utf-8").read().split("\n")
        i = 0
        while i < len(lines):
            if not re.match(r"Tabell \d+\.", lines[i]):
                i += 1
                continue
            dashes = lines[i + 2]
            spans = [(m.start(), m.end()) for m in re.finditer(r"-+", dashes)]
            rows = []
            i += 3
            while i < len(lines) and lines[i].strip():
                line = lines[i]
                cells = [line[a:b].strip() for a, b in spans]
                rows.append(cells)
                i += 1
            out.append(rows)
    return out


def audit(t, rows):
    """What a reader finds wrong in one table as shown (a list of words)."""
    bad = []
    if len(rows) != len(t.rows):
        return [f"{t.id}: {len(rows)} rows shown, {len(t.rows)} in the file"]
    ncols = t.ncols + t.diff + t.share
    got = []
    for r, cells in zip(t.rows, rows):
        if r[1] == "heading":
            got.append(None)
            continue
        if len(cells) != 1 + ncols or cells[0] != r[0]:
            bad.append(f"{t.id}: row {r[0]!r} shows {cells!r}")
            got.append(None)
            continue
        got.append([shown_value(c) for c in cells[1:]])
    if bad:
        return bad
    for i, r in enumerate(t.rows):
        if got[i] is None:
            continue
        for c in range(t.ncols):
            v, _ = got[i][c]
            if r[1] == "data" and v != r[2][c]:
                bad.append(f"{t.id}: {r[0]} V{c + 1} shows {v} for {r[2][c]}")
            if r[1] in ("sub", "total"):
                parts = [got[p][c][0] for p in r[3] if got[p] is not None and got[p][c][0] is not None]
                want = sum(parts, Fraction(0)) if parts else None
                if v != want:
                    bad.append(f"{t.id}: {r[0]} V{c + 1} shows {v}, its parts as shown add up to {want}")
        k = t.ncols
        if t.diff:
            v, _ = got[i][k]
            if r[1] == "data":
                a, b = r[2][0], r[2][1]
                want = round_half_away(a - b, t.dec[0]) if a is not None and b is not None else None
                if v != want:
                    bad.append(f"{t.id}: {r[0]} Diff shows {v} for {want}")
            else:
                parts = [got[p][k][0] for p in r[3] if got[p] is not None and got[p][k][0] is not None]
                want = sum(parts, Fraction(0)) if parts else None
                if v != want:
                    bad.append(f"{t.id}: {r[0]} Diff shows {v}, its parts add up to {want}")
            k += 1
        if t.share and r[1] == "total":
            shares = [got[p][k][0] for p in range(len(t.rows)) if t.rows[p][1] == "data" and
                      got[p] is not None and got[p][k][0] is not None]
            v, _ = got[i][k]
            if shares and (sum(shares) != 100 or v != 100):
                bad.append(f"{t.id}: shares add up to {sum(shares)} under a total of {v}")
    return bad


def run(cmd, cwd):
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)


# --- right tables: the built site adds up -------------------------------
right = [Table(n, False) for n in range(count)]
root = os.path.join(work, "property-right")
npages = make_site(root, right, letters=True)
r = run([planpress, "build", "-q", "-j", "2", "."], root)
if r.returncode != 0:
    print(f"FAIL property: {count} right tables (seed {seed}) do not build: {r.stderr[:600]}")
    sys.exit(0)
shown = read_tables(os.path.join(root, "public"), npages)
problems = []
for t in right:
    if t.id not in shown:
        problems.append(f"{t.id}: not in the built page")
        continue
    problems += audit(t, shown[t.id])
if problems:
    print(f"FAIL property: {len(problems)} problems in {count} tables (seed {seed}): " + "; ".join(problems[:5]))
else:
    print(f"ok property: {count} random tables (seed {seed}) build and add up as shown")

# the e-mail's plain text, made from the table model, shows the same cells
# as the page (a heading row: its label)
texts = read_text_tables(os.path.join(root, "public"), npages)
order = [t.id for t in right]
differ = []
for tid, text_rows in zip(order, texts):
    page_rows = shown.get(tid, [])
    for a, b in zip(page_rows, text_rows):
        if len(a) == 1:
            b = [b[0]]
        if [c.replace("\u00a0", " ") for c in a] != [c.replace("\u00a0", " ") for c in b]:
            differ.append(f"{tid}: page {a!r}, e-mail {b!r}")
            break
    if len(page_rows) != len(text_rows):
        differ.append(f"{tid}: {len(page_rows)} rows on the page, {len(text_rows)} in the e-mail")
if len(texts) != len(order):
    differ.append(f"{len(texts)} tables in the e-mails, {len(order)} made")
if differ:
    print(f"FAIL property: the e-mail's text of {len(differ)} tables differs from the page: " + "; ".join(differ[:3]))
else:
    print(f"ok property: the e-mail's text of {len(texts)} tables shows the page's cells")

# the reader must fail when a shown figure is wrong: change one
victim = next(t for t in right if any(r[1] == "total" and r[2][0] is not None for r in t.rows))
rows = [list(x) for x in shown[victim.id]]
last = rows[-1]
v, _ = shown_value(last[1])
last[1] = fmt(v + 1, 0)
if audit(victim, rows):
    print("ok property: the reader of the HTML catches a changed figure")
else:
    print("FAIL property: the reader of the HTML did not catch a changed figure")

# --- wrong declared totals: check names each one ---------------------------
nwrong = max(count // 4, 10)
wrong = [t for t in (Table(count + n, True) for n in range(nwrong)) if t.wrong]
root = os.path.join(work, "property-wrong")
make_site(root, wrong)
r = run([planpress, "check", "-j", "2", "."], root)
missed = []
for t in wrong:
    i = t.wrong[0]
    line = i + 2  # the header is line 1
    where = f"content/t/{t.id}.csv:{line}: error: {t.rows[i][0]} \"V{t.wrong[1] + 1}\" is "
    if where not in r.stderr:
        missed.append(where)
if r.returncode == 1 and not missed:
    print(f"ok property: {len(wrong)} wrong declared totals are each an error at their line")
else:
    print(f"FAIL property: check exit {r.returncode}; {len(missed)} of {len(wrong)} wrong totals not reported: "
          + "; ".join(missed[:3]) + " | " + r.stderr[:400])
