#!/usr/bin/env python3
"""Records rclone's answers into filter_cases.txt (run by hand when cases change).

For every "case" line: builds the tree in a temporary directory, writes the helper files,
runs `rclone lsf -R ARGS TREE` and stores the sorted output (or "!error MESSAGE") on the lines
after the case. For every "dump" line: runs `rclone lsf --dump filters ARGS EMPTY` and stores the
rule lines. Usage: record_rclone_filters.py [CASES_FILE] (needs rclone on PATH).
"""
import os
import subprocess
import sys
import tempfile
import time

FAILED = "Failed to load filters: "


def parse(path):
    entries = []  # (kind, fields) without the expected lines
    with open(path, encoding="utf-8") as f:
        for raw in f.read().split("\n"):
            if raw.startswith("\t") or raw == "":
                continue
            if raw.startswith("#"):
                entries.append(("#", raw))
                continue
            fields = raw.split("\t")
            entries.append((fields[0], fields[1:]))
    return entries


def build_tree(root, entries, now):
    for kind, fields in entries:
        if kind == "tree":
            path, size, mtime = fields
            full = os.path.join(root, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "wb") as out:
                out.write(b"x" * int(size))
            t = now - int(mtime[4:]) if mtime.startswith("now-") else int(mtime)
            os.utime(full, (t, t))
        elif kind == "dir":
            os.makedirs(os.path.join(root, fields[0]), exist_ok=True)


def write_files(root, entries):
    contents = {}
    for kind, fields in entries:
        if kind == "file":
            contents.setdefault(fields[0], []).append(fields[1])
    paths = {}
    for name, lines in contents.items():
        paths[name] = os.path.join(root, name)
        with open(paths[name], "w", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n")
    return paths


def run(args, target, paths, env):
    argv = ["rclone", "lsf"] + [paths.get(a[1:], a) if a.startswith("@") else a for a in args]
    argv.append(target)
    p = subprocess.run(argv, capture_output=True, text=True, env=env)
    if p.returncode != 0:
        for line in p.stderr.splitlines():
            if FAILED in line:
                return ["!error " + line.split(FAILED, 1)[1]]
        return ["!error exit %d: %s" % (p.returncode, p.stderr.strip().splitlines()[-1])]
    return p.stdout


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__),
                                                             "filter_cases.txt")
    entries = parse(path)
    env = dict(os.environ, RCLONE_CONFIG="/dev/null", TZ="UTC")
    now = int(time.time())
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        tree = os.path.join(tmp, "tree")
        empty = os.path.join(tmp, "empty")
        os.makedirs(tree)
        os.makedirs(empty)
        build_tree(tree, entries, now)
        paths = write_files(tmp, entries)
        for kind, fields in entries:
            if kind == "#":
                out.append(fields)
                continue
            out.append("\t".join([kind] + fields))
            if kind == "case":
                result = run(["-R"] + fields, tree, paths, env)
                lines = result if isinstance(result, list) else sorted(result.splitlines())
            elif kind == "dump":
                result = run(["--dump", "filters"] + fields, empty, paths, env)
                if isinstance(result, list):
                    lines = result
                else:
                    body = result.split("--- start filters ---\n", 1)[1]
                    body = body.split("--- end filters ---", 1)[0]
                    lines = [l for l in body.splitlines() if l]
            else:
                continue
            out.extend("\t" + l for l in lines)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
