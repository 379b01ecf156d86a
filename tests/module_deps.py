#!/usr/bin/env python3
"""The modules of generator/ call each other without cycles, and each
folder calls only into the folders below it.

Reads which functions and data each object file defines and which it uses
(nm), makes the graph "module A calls into module B", and reports every
group of modules that depend on each other in a ring (the strongly
connected components with more than one member). Then, with the objects
in OBJDIR/<folder>/ as generator/<folder>/ has the sources, every call
from a folder into one above it in LAYERS: the pipeline reads from the
bottom up, and a module that calls into a later stage (the figures code
loading a page, the site model naming a form's code) is in the wrong place
or needs the later stage handed to it.

usage: module_deps.py OBJDIR      (exit 1 when there is a ring or a call up)
"""

# generator/'s folders, lowest first (README.md shows the picture)
LAYERS = ['fast', 'base', 'out', 'text', 'template', 'figures', 'site', 'forms', 'cmd']
import glob
import os
import subprocess
import sys


def graph(objdir):
    defs, uses = {}, {}
    for o in sorted(glob.glob(os.path.join(objdir, '**', '*.o'), recursive=True)):
        m = os.path.basename(o)[:-2]
        if m in ('theme_data', 'main') or m.startswith('test_'):
            continue
        folder = os.path.relpath(os.path.dirname(o), objdir)
        FOLDER[m] = folder if folder in LAYERS else None
        uses[m] = set()
        out = subprocess.run(['nm', o], capture_output=True, text=True, check=True).stdout
        for line in out.splitlines():
            f = line.split()
            if len(f) == 3 and f[1] in 'TDRBV':
                defs[f[2]] = m
            elif len(f) == 2 and f[0] == 'U':
                uses[m].add(f[1])
    return {m: sorted({defs[s] for s in u if s in defs and defs[s] != m}) for m, u in uses.items()}


FOLDER = {}


def calls_up(g):
    """Calls from a module into a module of a folder above its own."""
    out = []
    for a, targets in sorted(g.items()):
        fa = FOLDER.get(a)
        for b in targets:
            fb = FOLDER.get(b)
            if fa and fb and LAYERS.index(fb) > LAYERS.index(fa):
                out.append(f'{fa}/{a} -> {fb}/{b}')
    return out


def rings(g):
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in g[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in g:
        if v not in index:
            visit(v)
    return out


def main():
    g = graph(sys.argv[1])
    if len(g) < 10:
        print(f'module_deps: only {len(g)} objects in {sys.argv[1]}')
        return 1
    found = rings(g)
    for comp in found:
        inside = set(comp)
        edges = [f'{a} -> {b}' for a in comp for b in g[a] if b in inside]
        print('ring of modules that call each other: ' + ', '.join(comp))
        print('  ' + '; '.join(edges))
    up = calls_up(g)
    for e in up:
        print('a call into a folder above: ' + e)
    unplaced = sorted(m for m, f in FOLDER.items() if f is None)
    if unplaced:
        print('objects in no folder of LAYERS: ' + ', '.join(unplaced))
    print(f'module_deps: {len(g)} modules, {len(found)} rings, {len(up)} calls up, '
          f'{len(unplaced)} outside the folders')
    return 1 if found or up or unplaced else 0


if __name__ == '__main__':
    sys.exit(main())
