#!/usr/bin/env python3
"""A differential test of incremental builds (issue 19).

A seeded random sequence of edits to a copy of the example site, of every
kind: page text, titles and summaries, CSV and chart files, static files
(among them replacements of the same size and time, as 'cp -p' makes),
the site's own assets and templates, site.conf, drafts, renames,
deletions, and output files edited by hand. After each step the site is
built with its cache (in place), a copy is built whole, and the two
public/ folders must be the same (`diff -r`). A step whose edit makes the
site wrong must fail both builds alike and leave public/ as it was.

usage: incremental_random.py PLANPRESS WORKDIR [SEED] [STEPS]
Prints one "ok ..." or "FAIL ..." line (tests/run.sh counts it).
"""
import filecmp
import os
import random
import shutil
import subprocess
import sys
import time

planpress, work = sys.argv[1], sys.argv[2]
seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
steps = int(sys.argv[4]) if len(sys.argv) > 4 else 200
rng = random.Random(seed)
here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
site = os.path.join(work, "incr-site")
whole = os.path.join(work, "incr-whole")
shutil.rmtree(site, ignore_errors=True)
os.makedirs(site)
for name in ("content", "site.conf", "assets", "templates"):
    src = os.path.join(here, name)
    if os.path.isdir(src):
        shutil.copytree(src, os.path.join(site, name))
    elif os.path.exists(src):
        shutil.copy(src, os.path.join(site, name))
content = os.path.join(site, "content")
os.makedirs(os.path.join(content, "prov"), exist_ok=True)
with open(os.path.join(content, "prov", "budget.csv"), "w") as f:
    f.write("Post;Belopp\nA;100\nB;200\nSumma;300\n")
with open(os.path.join(content, "prov", "diagram.csv"), "w") as f:
    f.write("Post;Antal\nA;10\nB;20\n")
with open(os.path.join(content, "prov", "sida.md"), "w") as f:
    f.write("---\ntitle: Provsida\n---\n\nFörsta stycket.\n\n```table\nfile: budget.csv\n```\n\n"
            "```chart\ntype: bar\nfile: diagram.csv\n```\n")
with open(os.path.join(content, "prov", "fil.txt"), "w") as f:
    f.write("hej\n")


def pages():
    out = []
    for d, _, files in os.walk(content):
        out += [os.path.join(d, f) for f in files if f.endswith(".md")]
    return sorted(out)


def files_of(ext):
    out = []
    for d, _, files in os.walk(content):
        out += [os.path.join(d, f) for f in files if f.endswith(ext)]
    return sorted(out)


def edit_text(path, fn):
    with open(path, encoding="utf-8") as f:
        t = f.read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(fn(t))


def front(path, key, value):
    """Sets (value) or removes (None) a front matter key."""
    def fn(t):
        if not t.startswith("---\n"):
            return t
        end = t.index("\n---", 3)
        lines = [l for l in t[4:end].split("\n") if not l.startswith(key + ":")]
        if value is not None:
            lines.append(f"{key}: {value}")
        return "---\n" + "\n".join(lines) + t[end:]
    edit_text(path, fn)


words = ["samverkan", "rehabilitering", "insats", "budget", "förbundet", "kommunen", "Arbetsförmedlingen"]


def step_kind():
    return rng.choice(["text", "text", "summary", "title", "csv", "chart", "static", "static_same",
                       "asset", "template", "conf", "draft", "undraft", "rename", "delete", "new",
                       "output_edit", "output_delete", "nothing"])


def act(kind):
    """Makes one edit of the kind; returns words for the log."""
    ps = [p for p in pages() if not p.endswith("_index.md")]
    if kind == "text" and ps:
        p = rng.choice(ps)
        edit_text(p, lambda t: t + "\n" + " ".join(rng.choice(words) for _ in range(8)) + ".\n")
        return f"text of {p}"
    if kind == "summary" and ps:
        p = rng.choice(ps)
        edit_text(p, lambda t: t.replace("\n\n", "\n\n" + rng.choice(words).capitalize() + " först. ", 1) if t.count("---") >= 2 else t)
        return f"first paragraph of {p}"
    if kind == "title" and ps:
        p = rng.choice(ps)
        front(p, "title", "Ny titel " + str(rng.randint(1, 99)))
        return f"title of {p}"
    if kind == "csv":
        a, b = rng.randint(1, 500), rng.randint(1, 500)
        with open(os.path.join(content, "prov", "budget.csv"), "w") as f:
            f.write(f"Post;Belopp\nA;{a}\nB;{b}\nSumma;{a + b}\n")
        return "budget.csv"
    if kind == "chart":
        with open(os.path.join(content, "prov", "diagram.csv"), "w") as f:
            f.write(f"Post;Antal\nA;{rng.randint(1, 99)}\nB;{rng.randint(1, 99)}\n")
        return "diagram.csv"
    if kind == "static":
        with open(os.path.join(content, "prov", "fil.txt"), "w") as f:
            f.write("rad " * rng.randint(1, 9) + "\n")
        return "fil.txt"
    if kind == "static_same":
        path = os.path.join(content, "prov", "fil.txt")
        st = os.stat(path)
        with open(path, "rb") as f:
            data = f.read()
        new = bytes((c + 1 - 97) % 26 + 97 if 97 <= c <= 122 else c for c in data)
        tmp = path + ".tmp"
        with open(tmp, "wb") as f:
            f.write(new)
        os.utime(tmp, ns=(st.st_atime_ns, st.st_mtime_ns))
        os.replace(tmp, path)
        return "fil.txt replaced, same size and time"
    if kind == "asset":
        os.makedirs(os.path.join(site, "assets"), exist_ok=True)
        with open(os.path.join(site, "assets", "extra.css"), "w") as f:
            f.write(f"body {{ margin: {rng.randint(0, 9)}px; }}\n")
        return "assets/extra.css"
    if kind == "template":
        d = os.path.join(site, "templates", "partials")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "footer.mustache"), "w") as f:
            f.write(f'<footer class="site-footer"><p>Sidfot {rng.randint(1, 99)}</p></footer>\n')
        return "templates/partials/footer.mustache"
    if kind == "conf":
        conf = os.path.join(site, "site.conf")
        edit_text(conf, lambda t: t.replace("news_per_page = 2", "news_per_page = 3") if "news_per_page = 2" in t
                  else t.replace("news_per_page = 3", "news_per_page = 2"))
        return "site.conf"
    if kind == "draft" and ps:
        # a draft nothing links to or lists: the news items and the
        # accessibility page are referred to, so leave them
        cands = [p for p in ps if "/nyheter/" not in p and "tillganglighet" not in p and "informationsbrev" not in p]
        if cands:
            p = rng.choice(cands)
            front(p, "draft", "true")
            return f"draft {p}"
    if kind == "undraft":
        for p in ps:
            with open(p, encoding="utf-8") as f:
                if "\ndraft: true" in f.read():
                    front(p, "draft", None)
                    return f"undraft {p}"
    if kind == "rename":
        cands = [p for p in ps if "/prov/" in p and not p.endswith("sida.md")]
        if cands:
            p = rng.choice(cands)
            q = os.path.join(os.path.dirname(p), f"sida-{rng.randint(100, 999)}.md")
            os.rename(p, q)
            return f"rename {p} -> {q}"
    if kind == "delete":
        cands = [p for p in ps if "/prov/" in p and not p.endswith("sida.md")]
        if cands:
            p = rng.choice(cands)
            os.remove(p)
            return f"delete {p}"
    if kind == "new":
        p = os.path.join(content, "prov", f"ny-{rng.randint(100, 999)}.md")
        with open(p, "w") as f:
            f.write(f"---\ntitle: Ny {rng.randint(1, 99)}\ndate: 2016-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}\n---\n\nText.\n")
        return f"new {p}"
    if kind in ("output_edit", "output_delete"):
        pub = os.path.join(site, "public")
        outs = []
        for d, _, files in os.walk(pub):
            outs += [os.path.join(d, f) for f in files if not f.startswith(".")]
        if outs:
            o = rng.choice(sorted(outs))
            if kind == "output_edit":
                with open(o, "a") as f:
                    f.write("<!-- ändrad för hand -->\n")
            else:
                os.remove(o)
            return f"{kind} {o}"
    return "nothing"


def build(root, whole_build):
    args = [planpress, "build", "-q", "-j", "2", root]
    return subprocess.run(args, capture_output=True, text=True)


def same_tree(a, b):
    r = subprocess.run(["diff", "-r", a, b], capture_output=True, text=True)
    return r.returncode == 0, r.stdout[:600]


r = build(site, False)
if r.returncode != 0:
    print(f"FAIL incremental random: the first build failed: {r.stderr[:400]}")
    sys.exit(0)
log = []
for n in range(steps):
    kind = step_kind()
    what = act(kind)
    log.append(what)
    # files made within the same clock tick look unchanged to any cache:
    # the steps are a few milliseconds apart, as an editor's saves are not
    time.sleep(0.002)
    inc = build(site, False)
    shutil.rmtree(whole, ignore_errors=True)
    shutil.copytree(site, whole, symlinks=True, ignore=shutil.ignore_patterns(".planpress", "public"))
    full = build(whole, True)
    if (inc.returncode == 0) != (full.returncode == 0):
        print(f"FAIL incremental random (seed {seed}) step {n + 1} ({what}): incremental exit "
              f"{inc.returncode}, whole exit {full.returncode}: {(inc.stderr or full.stderr)[:300]}")
        sys.exit(0)
    if inc.returncode != 0:
        continue
    same, diff = same_tree(os.path.join(site, "public"), os.path.join(whole, "public"))
    if not same:
        print(f"FAIL incremental random (seed {seed}) step {n + 1} ({what}): public/ differs from a whole build: {diff}")
        print("steps: " + "; ".join(log[-5:]))
        sys.exit(0)
print(f"ok incremental random: {steps} steps (seed {seed}) each equal a whole build")
