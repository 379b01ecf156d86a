#!/usr/bin/env python3
"""Checks a built example site as its readers' programs would see it.

usage: site_check.py PUBLIC_DIR BASE_URL

- the Atom feeds and sitemap.xml parse as XML, every URL in them is
  absolute under BASE_URL and names a built page, dates are RFC 3339,
  and each förbund's feed lists only that förbund's pages;
- the sitemap lists every page and not the 404 page or redirects;
- each informationsbrev's .eml parses as a MIME message
  (multipart/alternative, UTF-8, quoted-printable) whose parts are the
  epost.txt and epost.html beside it; epost.html is self-contained;
- every förbund has documents of at least two years, news and an
  informationsbrev.

Prints "ok NAME" or "FAIL NAME: why" per check.
"""
import email
import email.policy
import os
import re
import sys
import xml.etree.ElementTree as ET

public, base = sys.argv[1], sys.argv[2]
ATOM = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")


def ok(name):
    print(f"ok {name}")


def fail(name, why):
    print(f"FAIL {name}: {why}")


def check(name, cond, why):
    ok(name) if cond else fail(name, why)


def file_for(url):
    """The built file an absolute URL of the site names, or None."""
    if not url.startswith(base):
        return None
    rel = url[len(base):]
    path = os.path.join(public, rel)
    if rel == "" or rel.endswith("/"):
        path = os.path.join(path, "index.html")
    return path if os.path.isfile(path) else None


def parse(path):
    try:
        return ET.parse(path).getroot()
    except (ET.ParseError, OSError) as e:
        fail(f"{os.path.relpath(path, public)} parses", str(e))
        return None


# --- feeds ----------------------------------------------------------------------
forbund = sorted(d for d in os.listdir(public)
                 if os.path.isfile(os.path.join(public, d, "atom.xml")))
check("a feed per förbund", len(forbund) >= 2, f"feeds for {forbund}")
for feed in ["atom.xml"] + [f"{d}/atom.xml" for d in forbund]:
    root = parse(os.path.join(public, feed))
    if root is None:
        continue
    entries = root.findall(f"{ATOM}entry")
    bad = []
    for e in entries:
        link = e.find(f"{ATOM}link").get("href")
        if not file_for(link):
            bad.append(f"{link} is no built page")
        for t in ("updated", "published"):
            v = e.findtext(f"{ATOM}{t}")
            if v is not None and not RFC3339.match(v):
                bad.append(f"{t} {v!r} is not RFC 3339")
        if "/" in feed and not link.startswith(base + feed.split("/")[0] + "/"):
            bad.append(f"{link} is another förbund's")
    self_link = [l.get("href") for l in root.findall(f"{ATOM}link") if l.get("rel") == "self"]
    if self_link != [base + feed]:
        bad.append(f"self link {self_link}")
    if not RFC3339.match(root.findtext(f"{ATOM}updated") or ""):
        bad.append("feed updated is not RFC 3339")
    check(f"{feed}: {len(entries)} entries with absolute URLs of built pages", entries and not bad,
          "; ".join(bad[:5]) or "no entries")

# --- sitemap ----------------------------------------------------------------------
root = parse(os.path.join(public, "sitemap.xml"))
if root is not None:
    locs = [u.findtext(f"{SM}loc") for u in root.findall(f"{SM}url")]
    missing = [l for l in locs if not file_for(l)]
    check(f"sitemap: {len(locs)} URLs, each a built page", locs and not missing, f"not built: {missing[:5]}")
    check("sitemap leaves out the 404 page", not any("404" in l for l in locs), "404 listed")
    pages = []
    for d, _, files in os.walk(public):
        for f in files:
            if f != "index.html":
                continue
            text = open(os.path.join(d, f), encoding="utf-8").read()
            if 'http-equiv="refresh"' in text:
                continue
            rel = os.path.relpath(d, public)
            pages.append(base + ("" if rel == "." else rel + "/"))
    unlisted = sorted(set(pages) - set(locs))
    check(f"sitemap lists all {len(pages)} pages", not unlisted, f"unlisted: {unlisted[:5]}")
    lastmod = [u.findtext(f"{SM}lastmod") for u in root.findall(f"{SM}url") if u.find(f"{SM}lastmod") is not None]
    check("sitemap dates are W3C dates", all(re.match(r"^\d{4}-\d{2}-\d{2}", d) for d in lastmod), lastmod[:3])

# --- the informationsbrev in its four forms ------------------------------------
letters = []
for d, _, files in os.walk(public):
    for f in files:
        if f.endswith(".eml"):
            letters.append(os.path.join(d, f))
check("informationsbrev .eml files", len(letters) >= 2, f"found {letters}")
for eml in sorted(letters):
    d = os.path.dirname(eml)
    name = os.path.relpath(eml, public)
    with open(eml, "rb") as f:
        raw = f.read()
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    problems = list(msg.defects)
    if msg.get_content_type() != "multipart/alternative":
        problems.append(f"type {msg.get_content_type()}")
    parts = list(msg.iter_parts()) if msg.is_multipart() else []
    types = [p.get_content_type() for p in parts]
    if types != ["text/plain", "text/html"]:
        problems.append(f"parts {types}")
    for p in parts:
        problems += p.defects
        if p.get_content_charset() != "utf-8" or p["Content-Transfer-Encoding"] != "quoted-printable":
            problems.append(f"{p.get_content_type()}: {p.get_content_charset()} {p['Content-Transfer-Encoding']}")
    head, _, body = raw.partition(b"\r\n\r\n")
    if any(len(line) > 998 for line in head.split(b"\r\n")):
        problems.append("a header line longer than 998 bytes")
    if any(len(line) > 76 for line in body.split(b"\r\n")):
        problems.append("a body line longer than 76 bytes")
    if b"\n" in raw.replace(b"\r\n", b""):
        problems.append("a bare LF line end")
    for h in ("From", "Subject", "Date", "Message-ID", "MIME-Version"):
        if not msg[h]:
            problems.append(f"no {h} header")
    if msg["X-Unsent"] != "1":
        problems.append("no X-Unsent: 1 (Outlook would open it as a received message)")
    if msg["From"] and len(msg["From"].addresses) != 1:
        problems.append(f"From is {len(msg['From'].addresses)} addresses: {msg['From']!r}")
    check(f"{name} is a valid MIME message", not problems, problems[:4])
    if len(parts) == 2:
        text = open(os.path.join(d, "epost.txt"), encoding="utf-8").read()
        html = open(os.path.join(d, "epost.html"), encoding="utf-8").read()
        check(f"{name}: the text part is epost.txt", parts[0].get_content().replace("\r\n", "\n") == text,
              "differs")
        check(f"{name}: the HTML part is epost.html", parts[1].get_content().replace("\r\n", "\n") == html,
              "differs")
        web = open(os.path.join(d, "index.html"), encoding="utf-8").read()
        title = re.search(r"<h1[^>]*>(.*?)</h1>", web).group(1)
        check(f"{name}: the subject is the letter's title", str(msg["Subject"]) == title,
              f"{msg['Subject']!r} != {title!r}")
        problems = []
        if re.search(r"<link|<style|<script", html):
            problems.append("external or embedded CSS or scripts")
        for attr, url in re.findall(r'\b(href|src)="([^"]*)"', html):
            if not re.match(r"^(https?://|mailto:)", url):
                problems.append(f"{attr}={url} is not absolute")
            elif url.startswith(base) and not file_for(url.split("#")[0]):
                problems.append(f"{url} is no built page")
        for tag in ("p", "a", "h2", "li"):
            for m in re.finditer(rf"<{tag}\b([^>]*)>", html):
                if "style=" not in m.group(1):
                    problems.append(f"<{tag}{m.group(1)}> has no inline style")
                    break
        if not re.search(r'width="600"', html) or "max-width:600px" not in html:
            problems.append("no 600 px layout")
        items = re.findall(r'<h3><a href="([^"]*)"', web)
        for u in items:
            if base + u.lstrip("/") not in html and u not in html:
                problems.append(f"item {u} missing from the e-mail")
        check(f"{os.path.relpath(d, public)}/epost.html is self-contained with {len(items)} items",
              items and not problems, problems[:4] or "no items")
        check(f"{os.path.relpath(d, public)}/epost.txt has every item",
              all(base + u.lstrip("/") in text for u in items) and len(text) > 200,
              "items missing")

# --- the example site's shape ----------------------------------------------------
for f in forbund:
    page = open(os.path.join(public, f, "index.html"), encoding="utf-8").read()
    years = set(re.findall(r"<h4>(\d{4})</h4>", page))
    news = re.search(r'<section class="news"', page)
    brev = os.path.isdir(public) and any(n.startswith("informationsbrev") for n in os.listdir(os.path.join(public, f)))
    contact = os.path.isfile(os.path.join(public, f, "kontakt", "index.html"))
    check(f"{f}: documents of {sorted(years)}, news, an informationsbrev and a contact page",
          len(years) >= 2 and news and brev and contact,
          f"years {sorted(years)}, news {bool(news)}, informationsbrev {brev}, contact {contact}")
not_found = os.path.join(public, "404.html")
check("a 404 page", os.path.isfile(not_found) and "<h1>" in open(not_found, encoding="utf-8").read(), "missing")
