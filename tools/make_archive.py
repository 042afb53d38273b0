#!/usr/bin/env python3
"""Make a large JSONL archive for throughput and memory measurements.

Usage: python3 tools/make_archive.py MEGABYTES OUT.jsonl

Repeats examples/data/reviews.jsonl with fresh ids (r0001 -> x000001-r0001 ...) until the file
reaches MEGABYTES (10 gives ~10 MB, 1000 ~1 GB). Deterministic.
"""
import json
import sys
from pathlib import Path

def main():
    megabytes, out = float(sys.argv[1]), Path(sys.argv[2])
    src = Path(__file__).resolve().parent.parent / "examples/data/reviews.jsonl"
    rows = [json.loads(l) for l in src.read_text(encoding="utf-8").splitlines() if l.strip()]
    limit = int(megabytes * 1_000_000)
    written, n = 0, 0
    with out.open("w", encoding="utf-8") as f:
        while written < limit:
            for r in rows:
                n += 1
                line = json.dumps(dict(r, id=f"x{n:07d}-{r['id']}"), ensure_ascii=False) + "\n"
                f.write(line)
                written += len(line.encode("utf-8"))
                if written >= limit:
                    break
    print(f"{n} records, {written} bytes -> {out}", file=sys.stderr)

if __name__ == "__main__":
    main()
