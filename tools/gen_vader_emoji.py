#!/usr/bin/env python3
"""Regenerate lexicons/en/vader_emoji.tsv from VADER 3.3.2's emoji_utf8_lexicon.txt, for the
VADER-compatible mode (which replaces an emoji by its description and scores the words).

Usage (from the repository root):
    python3 tools/gen_vader_emoji.py ../shared/lexicon-sources/vader/emoji_utf8_lexicon.txt > lexicons/en/vader_emoji.tsv

Transformations (documented in the file header):
- keys and descriptions byte-for-byte as upstream (U+FE0F, skin tones and case kept);
- duplicated keys: the last occurrence wins, as in vaderSentiment's make_emoji_dict (upstream 3.3.2
  has none);
- keys that start with "#" ("#<U+FE0F><U+20E3>" and "#<U+20E3>", keycap number sign) are left out:
  a line starting with "#" is a comment in the lexicon format. Their description "keycap: #" has no
  lexicon word, so they only change the neutral share of a VADER score;
- sorted by byte order.
"""
import sys

src = sys.argv[1]
entries = {}
total = 0
with open(src, encoding="utf-8") as f:
    for line in f.read().rstrip("\n").split("\n"):
        if not line.strip():
            continue
        total += 1
        key, desc = line.strip().split("\t")[0:2]  # as vaderSentiment parses it
        entries[key] = desc  # last occurrence wins
skipped = sorted(k for k in entries if k.startswith("#"))
for k in skipped:
    del entries[k]

print("# VADER emoji lexicon: emoji <TAB> CLDR description (upstream text, case kept)")
print(f"# source: vaderSentiment 3.3.2 emoji_utf8_lexicon.txt (cjhutto/vaderSentiment), {total:,} lines")
print("# licence: MIT, Copyright (c) 2016 C.J. Hutto. Permission is hereby granted, free of charge, to")
print("#   any person obtaining a copy of this software ... The above copyright notice and this")
print("#   permission notice shall be included in all copies or substantial portions of the Software.")
print("#   Full MIT notice in lexicons/README.md.")
print("# used by: the VADER-compatible mode only (the default scorer uses emoji.tsv)")
print("# transformations: keys and descriptions exactly as upstream (U+FE0F and skin-tone modifiers")
print("#   kept); duplicated keys resolved last-wins (as vaderSentiment does; 3.3.2 has none);")
print(f"#   {len(skipped)} keys starting with '#' (keycap number sign) left out, since '#' starts a comment")
print("#   line; sorted by byte order.")
print("# regenerate: python3 tools/gen_vader_emoji.py ../shared/lexicon-sources/vader/emoji_utf8_lexicon.txt")
for key in sorted(entries, key=lambda s: s.encode("utf-8")):
    print(f"{key}\t{entries[key]}")
