#!/usr/bin/env python3
"""The preview's error page in the language of its messages (issue 18):
heading, hint, lang attribute and the build's diagnostics all English, or
all Swedish, never a Swedish heading over English messages.

usage: serve_lang_check.py PLANPRESS WORKDIR
Runs `planpress serve` on a site with a bad date, once with the messages in
English (LC_ALL=C.UTF-8) and once in Swedish (LANG=sv_SE.UTF-8, the locale
tests/sv-locale.sh made in $SV_LOCPATH). Prints "ok ..." or "FAIL ..."
lines (tests/run.sh counts them).
"""
import os
import shutil
import socket
import subprocess
import sys
import time

planpress, work = sys.argv[1], sys.argv[2]
site = os.path.join(work, "serve-lang")
shutil.rmtree(site, ignore_errors=True)
os.makedirs(os.path.join(site, "content"))
with open(os.path.join(site, "site.conf"), "w") as f:
    f.write("[site]\ntitle = Prov\n")
with open(os.path.join(site, "content", "_index.md"), "w") as f:
    f.write("---\ntitle: Start\ndate: 15 september 2016\n---\n\nText.\n")

english = {"LC_ALL": "C.UTF-8"}
swedish = {"LC_ALL": "", "LANG": "sv_SE.UTF-8", "LOCPATH": os.environ.get("SV_LOCPATH", "")}
wanted = {
    "en": (english, ['<html lang="en">', "<h1>The build failed</h1>",
                     "Correct the mistake in the file",
                     "error: date &#39;15 september 2016&#39; is not a date"]),
    "sv": (swedish, ['<html lang="sv">', "<h1>Bygget misslyckades</h1>",
                     "Rätta felet i filen och spara",
                     "error: datumet &#39;15 september 2016&#39; är inget datum"]),
}


def get(port, path):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
            s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
            data = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        return int(head.split()[1]), body.decode("utf-8", "replace")
    except (OSError, IndexError, ValueError) as e:
        return None, str(e)


for n, (lang, (env_lang, needles)) in enumerate(wanted.items()):
    port = 20000 + (os.getpid() + 7 + n) % 20000
    env = dict(os.environ)
    env.pop("LANGUAGE", None)
    env.update(env_lang)
    proc = subprocess.Popen([planpress, "serve", "-p", str(port), site], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 20
        status, body = None, ""
        while time.time() < deadline and status != 500:
            time.sleep(0.2)
            status, body = get(port, "/")
        missing = [w for w in needles if w not in body]
        if status == 500 and not missing:
            print(f"ok serve language: the error page is all in {'English' if lang == 'en' else 'Swedish'}")
        else:
            print(f"FAIL serve language ({lang}): status {status}, missing {missing}: {body[:600]}")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
