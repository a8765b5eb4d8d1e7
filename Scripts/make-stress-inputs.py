#!/usr/bin/env python3
"""Writes the inputs of issue 10, item 9, that once made memory grow with findings without limit:

    python3 Scripts/make-stress-inputs.py OUTDIR

- table-33mb.md: a 33 MB GFM table whose every row makes claims and gives statistics;
- line-50mb.md: one 50 MB line of claim sentences (no line break at all);
- empty-paragraphs.md: 3 million paragraphs with nothing to read (a non-breaking space each);
- markers-30mb.md: 30 MB of citation markers that resolve to nothing, each its own finding;
- brackets-3mb.md: 3 MB of unmatched `[` (libcmark keeps a node and a bracket for each: 640 MB).

They are generated, never committed: Scripts/bench.sh measures claimlint's peak memory on each
(goal: at most 512 MiB, with findings capped per file by `max-findings-per-file`, and a page
whose libcmark tree or prose would pass `ParseLimit` refused with a message).
"""
import os
import sys

MB = 1_000_000


def write(path, chunk, size, head=b"", sep=b""):
    """`head`, then `chunk` repeated (joined by `sep`) until the file holds about `size` bytes."""
    with open(path, "wb") as out:
        out.write(head)
        written = len(head)
        block = (chunk + sep) * max(1, 65536 // len(chunk + sep))
        while written + len(block) <= size:
            out.write(block)
            written += len(block)
        while written + len(chunk) + len(sep) <= size:
            out.write(chunk + sep)
            written += len(chunk) + len(sep)
        out.write(b"\n")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip().splitlines()[2].strip())
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    write(
        os.path.join(outdir, "table-33mb.md"),
        b"| Ketamine infusions cure depression | 70% of patients | FDA-approved and risk-free |\n",
        33 * MB,
        head=b"# Results\n\n| Treatment | Outcome | Status |\n| --- | --- | --- |\n",
    )
    write(
        os.path.join(outdir, "line-50mb.md"),
        b"Our ketamine infusions cure depression and 70% of patients are pain-free. ",
        50 * MB,
    )
    write(os.path.join(outdir, "empty-paragraphs.md"), b"&nbsp;\n\n", 3_000_000 * 8)
    write(os.path.join(outdir, "markers-30mb.md"), b"Ketamine works [9]. ", 30 * MB)
    write(os.path.join(outdir, "brackets-3mb.md"), b"[", 3 * MB)
    print(f"make-stress-inputs: 5 files in {outdir}")


if __name__ == "__main__":
    main()
