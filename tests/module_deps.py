#!/usr/bin/env python3
"""The modules of generator/ call each other without cycles.

Reads which functions and data each object file defines and which it uses
(nm), makes the graph "module A calls into module B", and reports every
group of modules that depend on each other in a ring (the strongly
connected components with more than one member). The pipeline reads from
the bottom up: base, text, figures, the site model, the page, the output
forms, the commands; a module that calls into a later stage (the figures
code loading a page, the site model naming a form's code) closes a ring.

usage: module_deps.py OBJDIR      (exit 1 when there is a ring)
"""
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
        uses[m] = set()
        out = subprocess.run(['nm', o], capture_output=True, text=True, check=True).stdout
        for line in out.splitlines():
            f = line.split()
            if len(f) == 3 and f[1] in 'TDRBV':
                defs[f[2]] = m
            elif len(f) == 2 and f[0] == 'U':
                uses[m].add(f[1])
    return {m: sorted({defs[s] for s in u if s in defs and defs[s] != m}) for m, u in uses.items()}


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
    print(f'module_deps: {len(g)} modules, {len(found)} rings')
    return 1 if found else 0


if __name__ == '__main__':
    sys.exit(main())
