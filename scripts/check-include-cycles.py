#!/usr/bin/env python3
"""Fails when the folders of the code include each other in a cycle.

Reads every `#include "..."` of the C++ files under provider/, client/, sim/ and common/ (headers are
included from the repository root, so an include names its folder). A folder is a node; an include from a
file in folder A of a file in folder B (A != B) is an edge A -> B. An edge between two folders of the same
strongly connected component closes a cycle: the script names every such include and exits 1. Otherwise it
prints the folder graph, one folder per line with the folders it includes, and exits 0.

    python3 scripts/check-include-cycles.py [REPO_ROOT]
"""
import os
import re
import sys

ROOTS = ("common", "provider", "client", "sim")
SUFFIXES = (".h", ".hpp", ".cpp", ".cc")
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def folder_of(path):
    return os.path.dirname(path) or "."


def read_edges(root):
    """{(from_folder, to_folder): [(file, line_number, included)]} over includes between folders."""
    edges = {}
    folders = set()
    for top in ROOTS:
        for dirpath, _, names in os.walk(os.path.join(root, top)):
            for name in sorted(names):
                if not name.endswith(SUFFIXES):
                    continue
                path = os.path.relpath(os.path.join(dirpath, name), root)
                source = folder_of(path)
                folders.add(source)
                with open(os.path.join(root, path), encoding="utf-8", errors="replace") as f:
                    for number, line in enumerate(f, 1):
                        match = INCLUDE.match(line)
                        if not match:
                            continue
                        included = match.group(1)
                        # Only the repository's own headers (from the root) are edges; generated
                        # headers (proto/...) and a folder's own files are not.
                        if not os.path.exists(os.path.join(root, included)):
                            continue
                        target = folder_of(included)
                        if target != source:
                            edges.setdefault((source, target), []).append((path, number, included))
    return folders, edges


def components(folders, edges):
    """Tarjan's strongly connected components: {folder: component index}."""
    graph = {f: sorted({b for (a, b) in edges if a == f}) for f in folders}
    for (_, b) in edges:
        graph.setdefault(b, [])
    index, low, on_stack, stack, component = {}, {}, set(), [], {}
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component[w] = v
                if w == v:
                    break

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return graph, component


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    folders, edges = read_edges(root)
    graph, component = components(folders, edges)
    closing = sorted(e for e in edges if component[e[0]] == component[e[1]])
    if closing:
        print("check-include-cycles: these includes close a cycle between folders:", file=sys.stderr)
        for (a, b) in closing:
            for (path, number, included) in edges[(a, b)]:
                print(f"  {path}:{number}: #include \"{included}\"  ({a} -> {b})", file=sys.stderr)
        return 1
    print("check-include-cycles: no cycle between folders. The folder graph (folder -> what it includes):")
    for folder in sorted(graph):
        print(f"  {folder} -> {', '.join(graph[folder]) or '(nothing)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
