#!/usr/bin/env python3
"""Regenerate lexicons/en/vader.tsv from the upstream VADER 3.3.2 lexicon.

Usage: python3 tools/gen_vader.py ../shared/lexicon-sources/vader/vader_lexicon.txt > lexicons/en/vader.tsv

Transformations (documented in the file header):
- keep columns 1-2 (token, mean valence); drop SD and raw ratings;
- 14 tokens appear twice upstream with different values: keep the *last* occurrence, which is what
  vaderSentiment 3.3.2 does (it fills a dict line by line), so VADER mode stays exact;
- drop entries whose token has upper-case letters: vaderSentiment lowercases every token before the
  lookup, so such entries are unreachable there and would clash with their lower-case twins here;
- sort by byte order.
"""
import sys

src = sys.argv[1]
entries = {}
order_seen = []
with open(src, encoding="utf-8") as f:
    for raw in f:
        raw = raw.rstrip("\n")
        if not raw.strip():
            continue
        cols = raw.split("\t")
        term, val = cols[0], cols[1]
        if term != term.lower():
            continue
        entries[term] = val  # last occurrence wins, as in vaderSentiment
print("# VADER sentiment lexicon: token <TAB> mean valence (-4 .. +4)")
print("# source: vaderSentiment 3.3.2 vader_lexicon.txt (cjhutto/vaderSentiment), 7,520 lines")
print("# licence: MIT, Copyright (c) 2016 C.J. Hutto; full notice in lexicons/README.md")
print("# transformations: columns 1-2 kept; of the 14 duplicated tokens the last value is kept")
print("#   (as vaderSentiment does); tokens with upper-case letters dropped (unreachable in")
print("#   vaderSentiment, which lowercases before lookup); sorted by byte order.")
print("# regenerate: python3 tools/gen_vader.py ../shared/lexicon-sources/vader/vader_lexicon.txt")
for term in sorted(entries, key=lambda s: s.encode("utf-8")):
    print(f"{term}\t{entries[term]}")
