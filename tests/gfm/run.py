#!/usr/bin/env python3
"""GFM conformance through the real build (see README.md).

usage: run.py PLANPRESS OUT_DIR [--spec SPEC.txt] [--write-deviations]

For each test file and each configuration (default, raw_html = true) it
builds one site with a page per example, normalises each page's body and
the example's HTML as cmark's normalize.py does (heading ids left out),
and compares them, with the reviewed list in deviations.txt.

Prints one "ok gfm ..." or "FAIL gfm ..." line per suite and
configuration, with the counts: passed, deviating as listed, failed.
"""
import os
import re
import shutil
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
import warnings
warnings.simplefilter("ignore", DeprecationWarning)
from normalize import normalize_html  # noqa: E402

FENCE = "`" * 32
CONFIGS = ("default", "raw_html")


def examples(path):
    """The runnable examples of a spec-format file: (number, section,
    markdown, html), numbered as cmark's spec_tests.py numbers them."""
    out, number, state, section = [], 0, 0, ""
    md, html, flags = [], [], []
    with open(path, encoding="utf-8", newline="\n") as f:
        for line in f:
            s = line.strip()
            if s.startswith(FENCE + " example"):
                state, flags = 1, s[len(FENCE + " example"):].split()
            elif s == FENCE:
                number += 1
                if "disabled" not in flags:
                    out.append((number, section, "".join(md).replace("→", "\t"),
                                "".join(html).replace("→", "\t")))
                state, md, html = 0, [], []
            elif s == "." and state == 1:
                state = 2
            elif state == 1:
                md.append(line)
            elif state == 2:
                html.append(line)
            elif state == 0 and re.match(r"#+ ", line):
                section = re.sub(r"#+ ", "", line).strip()
    return out


HEADING_ID = re.compile(r'(<h[1-6])\s+id="[^"]*"')


def norm(html):
    return normalize_html(HEADING_ID.sub(r"\1", html)).strip()


THEME = ('<!DOCTYPE html>\n<html lang="en"><title>gfm</title>\n'
         '<!--BODY-->{{{page.content}}}<!--END-->\n</html>\n')


def build(planpress, work, exs, raw):
    """Builds the site; returns {number: body HTML}."""
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(os.path.join(work, "content", "e"))
    os.makedirs(os.path.join(work, "templates"))
    with open(os.path.join(work, "site.conf"), "w") as f:
        f.write("[site]\ntitle = GFM\nbase_url = https://example.org/\nlanguage = en\n")
        if raw:
            f.write("raw_html = true\n")
    for name in ("page", "section", "home"):
        with open(os.path.join(work, "templates", name + ".mustache"), "w") as f:
            f.write(THEME)
    with open(os.path.join(work, "content", "_index.md"), "w") as f:
        f.write("---\ntitle: GFM\n---\n")
    for number, _, md, _ in exs:
        with open(os.path.join(work, "content", "e", "%04d.md" % number), "w", encoding="utf-8",
                  newline="\n") as f:
            f.write('---\ntitle: "%d"\n---\n' % number)
            f.write(md)
    r = subprocess.run([planpress, "build", "-q", "-j", "2", work], capture_output=True, text=True)
    if r.returncode != 0:
        return None, r.stderr
    bodies = {}
    for number, _, _, _ in exs:
        path = os.path.join(work, "public", "e", "%04d" % number, "index.html")
        try:
            text = open(path, encoding="utf-8").read()
        except OSError:
            continue
        m = re.search(r"<!--BODY-->(.*)<!--END-->", text, re.S)
        bodies[number] = m.group(1) if m else None
    return bodies, r.stderr


def read_deviations(path):
    """{(suite, number, config): (reason, expected normalised output)}"""
    devs = {}
    if not os.path.exists(path):
        return devs
    head, reason, lines, state = None, None, [], 0
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if state == 0 and line.startswith(FENCE + " deviation "):
            head = tuple(line[len(FENCE + " deviation "):].split())
            state, reason, lines = 1, None, []
        elif state == 1 and line.startswith("reason: "):
            reason = line[len("reason: "):]
        elif state == 1 and line == ".":
            state = 2
        elif state == 2 and line == FENCE:
            suite, number, config = head
            devs[(suite, int(number), config)] = (reason, "\n".join(lines))
            state = 0
        elif state == 2:
            lines.append(line)
    return devs


def write_deviations(path, devs):
    order = {"spec": 0, "extensions": 1, "regression": 2}
    with open(path, "w", encoding="utf-8") as f:
        f.write(HEADER)
        for key in sorted(devs, key=lambda k: (order.get(k[0], 9), k[1], CONFIGS.index(k[2]))):
            reason, out = devs[key]
            f.write("%s deviation %s %d %s\nreason: %s\n.\n%s\n%s\n\n" % (FENCE, key[0], key[1], key[2], reason, out, FENCE))


HEADER = """\
# planpress's deliberate differences from GitHub Flavored Markdown
#
# One entry per example and configuration (default site.conf, or
# raw_html = true): the suite (spec, extensions, regression), the
# example's number, the reason, and planpress's output as normalize.py
# leaves it. tests/gfm/run.py fails when an example listed here gives any
# other output, or passes, and when an example not listed here fails.
# docs/writing.md (and writing.en.md), "Markdown: ...", tells authors about each kind.

"""


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    opts = sys.argv[1:]
    planpress, out = args[0], args[1]
    spec = None
    if "--spec" in opts:
        spec = opts[opts.index("--spec") + 1]
        args = [a for a in args if a != spec]
    rewrite = "--write-deviations" in opts
    suites = []
    if spec:
        suites.append(("spec", spec))
    suites.append(("extensions", os.path.join(here, "extensions.txt")))
    suites.append(("regression", os.path.join(here, "regression.txt")))
    devpath = os.path.join(here, "deviations.txt")
    devs = read_deviations(devpath)
    newdevs = {}
    for suite, path in suites:
        exs = examples(path)
        for config in CONFIGS:
            bodies, err = build(planpress, os.path.join(out, "gfm-%s-%s" % (suite, config)), exs, config == "raw_html")
            if bodies is None:
                print("FAIL gfm %s (%s): the site does not build: %s" % (suite, config, err[:800]))
                continue
            passed, deviating, failed, notes = 0, 0, 0, []
            for number, section, _, want in exs:
                got = bodies.get(number)
                key = (suite, number, config)
                if got is None:
                    failed += 1
                    notes.append("example %d (%s): no page was written" % (number, section))
                    continue
                g, w = norm(got), norm(want)
                if w == "<ignore>":
                    w = g  # the example only asks that nothing crashes
                dev = devs.get(key)
                if g == w:
                    if dev:
                        failed += 1
                        notes.append("example %d (%s): listed as deviating, but it passes now: "
                                     "take it out of deviations.txt" % (number, section))
                    else:
                        passed += 1
                    continue
                if rewrite:
                    newdevs[key] = (dev[0] if dev else "TODO", g)
                if dev and dev[1] == g and dev[0] and dev[0] != "TODO":
                    deviating += 1
                elif dev and dev[1] == g:
                    failed += 1
                    notes.append("example %d (%s): listed without a reason" % (number, section))
                else:
                    failed += 1
                    what = "differs from its listed output" if dev else "fails"
                    notes.append("example %d (%s) %s\n  want: %r\n  got:  %r%s" % (
                        number, section, what, w, g, "\n  listed: %r" % dev[1] if dev else ""))
            numbers = {e[0] for e in exs}
            for key in devs:
                if key[0] == suite and key[2] == config and key[1] not in numbers:
                    failed += 1
                    notes.append("example %d is listed in deviations.txt but %s has no such example" % (key[1], suite))
            for n in notes[:40]:
                print("  " + n)
            status = "ok" if failed == 0 else "FAIL"
            print("%s gfm %s (%s): %d passed, %d deviating as listed, %d failed" % (
                status, suite, config, passed, deviating, failed))
    if rewrite:
        keep = {k: v for k, v in devs.items() if k[0] not in ran}
        keep.update(newdevs)
        write_deviations(devpath, keep)
        print("wrote %s: %d entries" % (devpath, len(keep)))


if __name__ == "__main__":
    main()
