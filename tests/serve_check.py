#!/usr/bin/env python3
"""`planpress serve` under a little load, bounded in count and time, on
127.0.0.1 only (issue 19, defects 16 and 17):

- a foreign Host header (DNS rebinding) is refused; 127.0.0.1 and
  localhost are served;
- 1100 idle connections (the attack that starved it) do not starve a real
  request, and do not become 1100 threads;
- a slow client does not hold up others;
- a content folder named public is watched like any other; only the site's
  own output folder is left out.

usage: serve_check.py PLANPRESS WORKDIR
Prints "ok ..." or "FAIL ..." lines (tests/run.sh counts them).
"""
import os
import resource
import shutil
import socket
import subprocess
import sys
import time

planpress, work = sys.argv[1], sys.argv[2]
site = os.path.join(work, "serve-load")
shutil.rmtree(site, ignore_errors=True)
os.makedirs(os.path.join(site, "content", "a", "public"))
with open(os.path.join(site, "site.conf"), "w") as f:
    f.write("[site]\ntitle = Prov\n")
with open(os.path.join(site, "content", "a", "public", "sida.md"), "w") as f:
    f.write("---\ntitle: Sida\n---\n\nText.\n")

port = 20000 + os.getpid() % 20000
proc = subprocess.Popen([planpress, "serve", "-p", str(port), site],
                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def request(path="/", host=None, timeout=5.0):
    """(status, body) of one GET, or (None, reason)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            h = host if host is not None else f"127.0.0.1:{port}"
            s.sendall(f"GET {path} HTTP/1.1\r\nHost: {h}\r\nConnection: close\r\n\r\n".encode())
            data = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        return int(head.split()[1]), body
    except (OSError, IndexError, ValueError) as e:
        return None, str(e)


def threads():
    try:
        return len(os.listdir(f"/proc/{proc.pid}/task"))
    except OSError:
        return -1


try:
    deadline = time.time() + 20
    while time.time() < deadline and request("/_planpress/version")[0] != 200:
        time.sleep(0.1)
    if request("/_planpress/version")[0] != 200:
        print("FAIL serve load: the preview did not start")
        sys.exit(0)

    # Host
    got = [request("/", host)[0] for host in (f"127.0.0.1:{port}", f"localhost:{port}", "localhost")]
    bad = request("/", "evil.example")[0], request("/", f"evil.example:{port}")[0]
    if all(g in (200, 302) for g in got) and bad == (403, 403):
        print("ok serve load: a foreign Host is refused, 127.0.0.1 and localhost are served")
    else:
        print(f"FAIL serve load: Host answers {got} for our names and {bad} for a foreign one")

    # idle connections
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 4096), hard))
    idle = []
    for _ in range(1100):
        try:
            idle.append(socket.create_connection(("127.0.0.1", port), timeout=2))
        except OSError:
            break
    time.sleep(0.5)
    most = threads()
    start = time.time()
    status = None
    while time.time() - start < 15 and status != 200:
        status = request("/_planpress/version", timeout=2)[0]
        if status != 200:
            time.sleep(0.5)
    took = time.time() - start
    for s in idle:
        s.close()
    if status == 200 and 0 < most <= 80:
        print(f"ok serve load: {len(idle)} idle connections, {most} threads, a real request served in {took:.1f} s")
    else:
        print(f"FAIL serve load: with {len(idle)} idle connections {most} threads, a real request got {status} after {took:.1f} s")

    # a slow client
    slow = socket.create_connection(("127.0.0.1", port), timeout=5)
    slow.sendall(b"GET / HTTP/1.1\r\nHo")
    start = time.time()
    status = request("/_planpress/version")[0]
    took = time.time() - start
    slow.close()
    if status == 200 and took < 2:
        print(f"ok serve load: a slow client does not hold up others ({took:.2f} s)")
    else:
        print(f"FAIL serve load: beside a slow client a request got {status} after {took:.1f} s")

    # a content folder named public is watched
    v0 = request("/_planpress/version")[1]
    with open(os.path.join(site, "content", "a", "public", "sida.md"), "a") as f:
        f.write("\nMer text.\n")
    deadline = time.time() + 10
    v1 = v0
    while time.time() < deadline and v1 == v0:
        time.sleep(0.2)
        v1 = request("/_planpress/version")[1]
    if v1 != v0:
        print("ok serve load: a change in a content folder named public rebuilds the preview")
    else:
        print("FAIL serve load: a change in content/a/public/ did not rebuild the preview")
finally:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
