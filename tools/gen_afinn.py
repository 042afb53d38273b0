#!/usr/bin/env python3
"""Regenerate lexicons/en/afinn.tsv from AFINN-165 (words) and AFINN emoticon-8, keeping only
what VADER lacks and putting AFINN's integer scale onto VADER's.

Usage (from the repository root):
    python3 tools/gen_afinn.py ../shared/lexicon-sources/afinn lexicons/en/vader.tsv > lexicons/en/afinn.tsv

Transformations (all documented in the file header):
- terms lower-cased (only the emoticons have capitals: ":D", "XD"...); curly apostrophes made straight;
  after lower-casing, AFINN's own twins (":P"/":p", "XOXO"/"xoxo"...) are merged, first occurrence wins
  (the twins have equal values upstream);
- in multi-word entries, negative contractions are expanded the way the tokenizer normalises them:
  "can't" -> "can not", "won't" -> "will not", "xxn't" -> "xx not", "cannot" -> "can not", and the
  apostrophe-less spellings ("dont" -> "do not", "cant" -> "can not"...);
- entries with value 0 are dropped ("kind of", "some kind", "://"): they carry no sentiment;
- entries whose normalised term equals a vader.tsv term, or the normalised form of one (vader.tsv
  keeps "can't stand" verbatim for VADER mode), are dropped: afinn.tsv only adds what VADER lacks;
- AFINN's integers -5..+5 are rescaled with a data-driven monotone table: for each AFINN value, the
  median vader.tsv valence of the AFINN-165 words both lexicons share with that value (the value x 0.8
  where fewer than 5 words are shared); the table is then made strictly monotone walking outwards
  from 0 (each step at least 0.1 further from 0 than the previous one) so AFINN's ordering survives;
- sorted by byte order.
The script uses the Python standard library only and is deterministic.
"""
import os
import re
import statistics
import sys

MIN_SHARED = 5
FALLBACK_FACTOR = 0.8
MIN_STEP = 0.1

# Apostrophe-less negative spellings users type, expanded like their "n't" forms.
BARE_NEGATIVES = {
    "aint": "is not", "arent": "are not", "cant": "can not", "cannot": "can not",
    "couldnt": "could not", "didnt": "did not", "doesnt": "does not", "dont": "do not",
    "hadnt": "had not", "hasnt": "has not", "havent": "have not", "isnt": "is not",
    "mustnt": "must not", "neednt": "need not", "shouldnt": "should not", "wasnt": "was not",
    "werent": "were not", "wont": "will not", "wouldnt": "would not",
}
IRREGULAR_NT = {"can't": "can not", "won't": "will not", "ain't": "is not", "shan't": "shall not"}


def normalise(term):
    """Lower-case, straighten apostrophes, collapse spaces; expand negatives in phrases."""
    term = term.replace("\u2019", "'").replace("\u2018", "'").lower()
    words = term.split()
    if len(words) > 1:
        out = []
        for w in words:
            if w in IRREGULAR_NT:
                out.append(IRREGULAR_NT[w])
            elif w.endswith("n't") and len(w) > 3:
                out.append(w[:-3] + " not")
            elif w in BARE_NEGATIVES:
                out.append(BARE_NEGATIVES[w])
            else:
                out.append(w)
        words = " ".join(out).split()
    return " ".join(words)


def read_pairs(path):
    with open(path, encoding="utf-8") as f:
        for raw in f:
            raw = raw.rstrip("\n").rstrip("\r")
            if not raw.strip():
                continue
            term, val = raw.split("\t")
            yield term, int(val)


def read_vader(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for raw in f:
            raw = raw.rstrip("\n")
            if not raw.strip() or raw.startswith("#"):
                continue
            term, val = raw.split("\t")
            out[term] = float(val)
    return out


def fmt(x):
    s = f"{x:.2f}"
    if s.endswith("0"):
        s = s[:-1]
    return "0.0" if s in ("-0.0", "0.0") else s


def main():
    afinn_dir, vader_path = sys.argv[1], sys.argv[2]
    words = list(read_pairs(os.path.join(afinn_dir, "AFINN-en-165.txt")))
    emoticons = list(read_pairs(os.path.join(afinn_dir, "AFINN-emoticon-8.txt")))
    vader = read_vader(vader_path)
    vader_keys = set(vader) | {normalise(t) for t in vader}

    # 1. the mapping table, from AFINN-165 words shared with VADER
    shared = {}
    for term, val in words:
        if term in vader:
            shared.setdefault(val, []).append(vader[term])
    raw_map = {}
    for val in range(-5, 6):
        if val == 0:
            continue
        got = shared.get(val, [])
        if len(got) >= MIN_SHARED:
            raw_map[val] = (statistics.median(got), len(got), "median")
        else:
            raw_map[val] = (val * FALLBACK_FACTOR, len(got), "x0.8")
    mapping = {}
    for sign in (1, -1):
        prev = 0.0
        for k in range(1, 6):
            val = sign * k
            m = round(abs(raw_map[val][0]), 2)
            if m < prev + MIN_STEP:
                m = round(prev + MIN_STEP, 2)
            mapping[val] = sign * m
            prev = m

    # 2. the entries
    entries = {}
    dropped_zero = dropped_vader = merged = 0
    for term, val in words + emoticons:
        t = normalise(term)
        if val == 0:
            dropped_zero += 1
            continue
        if t in vader_keys:
            dropped_vader += 1
            continue
        if t in entries:
            merged += 1
            continue
        entries[t] = mapping[val]

    print("# AFINN sentiment lexicon, VADER-scaled: term <TAB> valence (-4 .. +4)")
    print("# source: AFINN-en-165.txt (3,382 entries) + AFINN-emoticon-8.txt (96), fnielsen/afinn")
    print("# licence: Apache-2.0, Copyright Finn Aarup Nielsen and Technical University of Denmark;")
    print("#   full notice in lexicons/README.md")
    print("# transformations: terms lower-cased, curly apostrophes straightened, AFINN's lower-case")
    print("#   twins merged; in phrases negative contractions expanded as the tokenizer does (\"can't\"")
    print("#   -> \"can not\", \"dont\" -> \"do not\"); value-0 entries dropped; entries equal to a vader.tsv")
    print("#   term (or its normalised form) dropped, afinn.tsv only adds what VADER lacks; values")
    print("#   rescaled with the table below; sorted by byte order.")
    print(f"# counts: {dropped_zero} value-0 dropped, {dropped_vader} already in VADER dropped,")
    print(f"#   {merged} lower-case twins merged, {len(entries)} kept")
    print("# mapping AFINN -> VADER: raw = median vader.tsv valence of the AFINN-165 words both share")
    print(f"#   with that value (value x {FALLBACK_FACTOR} if fewer than {MIN_SHARED} shared); vader = raw made")
    print(f"#   strictly monotone outwards from 0 (each step at least {MIN_STEP} further from 0):")
    print("#   afinn  shared  basis   raw     vader")
    for val in sorted(mapping):
        base, n, how = raw_map[val]
        print(f"#   {val:+d}     {n:5d}   {how:6s}  {fmt(base):>6s}  {fmt(mapping[val]):>5s}")
    print("# regenerate: python3 tools/gen_afinn.py ../shared/lexicon-sources/afinn lexicons/en/vader.tsv")
    for term in sorted(entries, key=lambda s: s.encode("utf-8")):
        print(f"{term}\t{fmt(entries[term])}")


if __name__ == "__main__":
    main()
