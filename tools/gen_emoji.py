#!/usr/bin/env python3
"""Regenerate lexicons/en/emoji.tsv (emoji -> valence) for empathic's default scorer.

Usage (from the repository root, after vader.tsv, afinn.tsv and negators.tsv exist):
    python3 tools/gen_emoji.py ../shared/lexicon-sources/vader/emoji_utf8_lexicon.txt lexicons/en > lexicons/en/emoji.tsv

Step 1, description scores (VADER's idea: an emoji means what its CLDR description says):
- keys are normalised like the tokenizer does before a lookup: U+FE0F and the skin-tone modifiers
  U+1F3FB..U+1F3FF are removed; upstream keys that collapse together keep the description of the
  key that was already in normal form, else of the first one in file order;
- the description is lower-cased and split into words at every character that is not a letter,
  digit or apostrophe; each word is looked up in vader.tsv, then afinn.tsv (the default scorer's
  priority); a word right after a negator (negators.tsv) has its valence multiplied by -0.74
  (VADER's N_SCALAR);
- the score is the mean valence of the words that were found (the filler words "face", "with"...
  are not averaged in, so a description's length does not dilute it); no word found -> 0.
Step 2, OVERRIDES below: hand-set values for the emoji most used in customer text, where the
  description method is wrong or too weak for that register ("pile of poo", "face with tears of
  joy", "face with steam from nose"...). An override also applies to the gendered ZWJ forms
  (e.g. woman/man facepalming) and may add emoji that upstream (Unicode 10 era) lacks.
NEUTRAL: emoji forced to 0 because their description is literal ("game die", "raised hand",
  "United States"), and every flag.
Finally entries with |valence| < 0.3 are dropped (neutral), values rounded to 0.1, sorted by byte
order. Python standard library only; deterministic.
"""
import os
import re
import sys

N_SCALAR = -0.74
MIN_ABS = 0.3
STRIP = {0xFE0F} | set(range(0x1F3FB, 0x1F400))
GENDER_SUFFIXES = ("\u200d\u2640", "\u200d\u2642")

# Hand-curated valences (VADER's -4..+4 scale) for customer text. Keys in normal form.
OVERRIDES = {
    # happy / amused faces: the description method over- or under-shoots for customer text
    "😅": 0.5, "🤣": 1.5, "😂": 1.2, "🙂": 1.0, "🙃": -0.4, "😉": 1.0, "😋": 2.0, "🥳": 2.5,
    "🤤": 1.2, "😛": 0.8, "😜": 0.8, "🤪": 0.6, "😝": 0.6, "🤩": 2.8, "🤭": 0.5, "🤓": 0.5,
    "🤑": 0.5, "😼": 0.5,
    # moved, grateful (Unicode 14: not in upstream)
    "🥹": 1.5, "🫶": 2.5,
    # hearts and love (descriptions already score most hearts about +3.2)
    "💓": 2.5, "💔": -2.5, "🖤": 1.5, "🤍": 3.0, "🤎": 3.0,
    "💏": 1.5, "💑": 1.5,
    "\U0001F468\u200d\u2764\u200d\U0001F468": 1.5, "\U0001F469\u200d\u2764\u200d\U0001F468": 1.5,
    "\U0001F469\u200d\u2764\u200d\U0001F469": 1.5,
    "\U0001F468\u200d\u2764\u200d\U0001F48B\u200d\U0001F468": 1.5,
    "\U0001F469\u200d\u2764\u200d\U0001F48B\u200d\U0001F468": 1.5,
    "\U0001F469\u200d\u2764\u200d\U0001F48B\u200d\U0001F469": 1.5,
    # unimpressed / sceptical / awkward: descriptions have no lexicon word
    "🤔": -0.4, "🤨": -0.8, "😐": -0.5, "😑": -0.8, "😶": -0.4, "😏": -0.3, "😒": -1.8,
    "🙄": -1.8, "😳": -0.5, "🧐": -0.3,
    # ambiguous in customer text: kept neutral (0 = dropped)
    "🤐": 0.0, "🤫": 0.0, "🤯": 0.0, "😲": 0.0, "😮": 0.0, "😯": 0.0, "💀": 0.0, "👀": 0.0,
    "🙈": 0.0, "🙉": 0.0, "🙊": 0.0, "👊": 0.0, "✊": 0.0,
    # sad / worried / tired
    "☹": -1.8, "😔": -1.5, "😥": -1.2, "😭": -1.8, "🥺": -0.8, "🥲": 0.3, "😧": -1.2,
    "😰": -1.8, "😖": -2.0, "😣": -1.6, "😩": -2.0, "😪": -1.0, "🥱": -1.0, "😴": -0.8,
    "💤": -0.8,
    # angry / disgusted / sick
    "😤": -2.0, "😡": -2.5, "🤬": -3.0, "😈": -0.5, "😾": -1.8, "🤢": -2.2, "🤮": -2.8,
    "🤒": -1.2, "🤕": -1.2, "😷": -0.8, "🤧": -0.8, "🥴": -0.8, "🥵": -0.8, "🥶": -0.8,
    "💩": -2.5, "🤡": -1.8, "☠": -1.5, "👹": -1.0, "👺": -1.0, "🖕": -3.0, "🗯": -1.8,
    # gestures
    "👍": 1.8, "👎": -1.8, "✌": 1.0, "🤞": 0.8, "🤘": 1.2, "🤙": 1.0, "👏": 2.0, "🙌": 2.2,
    "🤝": 1.3, "🙏": 1.5, "💪": 1.5, "🤦": -1.5, "🤷": -0.5,
    # symbols
    "💯": 2.2, "🔥": 1.8, "⭐": 1.0, "🌟": 1.8, "🎉": 2.2, "🎊": 2.0, "🏆": 2.0, "🎁": 1.0,
    "👑": 1.5, "🥂": 1.8, "🍾": 1.8, "🚀": 1.5, "🎯": 1.2, "🌈": 1.0, "🌞": 1.2, "🍀": 1.0,
    "💐": 1.5, "✅": 1.3, "✔": 1.2, "☑": 1.0, "❌": -1.5, "🚫": -1.2, "🆘": -1.8, "💸": -1.0,
    "📉": -1.0, "📈": 0.8, "🗑": -1.5, "🐌": -1.0, "❇": 1.0, "☮": 1.0, "㊗": 2.0,
}
# Emoji whose description words are used literally (objects, signs, gestures, places): the
# description method scores them ("game die" -> "die", "raised hand" -> "raised", "United States"
# -> "united", "FREE button" -> "free") but they carry no sentiment. Set to 0 (so dropped). Flags
# (pairs of regional indicators) are always neutral.
NEUTRAL = set(
    "♋🎲💣🏚⚱🍂💥⏰🚒🧯👻⏹🈵📵🔞🚏🚭🚯🚳🚷🛑🔈🔕🥩💫📪📭🔡🥟🃏🕹🉐🎩🎴🔝🤽🤾📏🛐🉑⏯▶♦💠🔶🔷🔸🔹"
    "💳🌲🖖🥠🧷🔆🍠🎖🥈🥉✋✍👋💁🖐🙋🤚⛑🆓🈚🗽🏩🈶"
)


def normal(key):
    return "".join(c for c in key if ord(c) not in STRIP)


def read_lexicon(path, columns):
    out = {}
    with open(path, encoding="utf-8") as f:
        for raw in f:
            raw = raw.rstrip("\n")
            if not raw.strip() or raw.startswith("#"):
                continue
            cols = raw.split("\t")
            out[cols[0]] = float(cols[1]) if columns == 2 else True
    return out


def describe_score(desc, lexicon, negators):
    words = [w for w in re.split(r"[^\w']+", desc.lower()) if w]
    found = []
    for i, w in enumerate(words):
        if w in lexicon:
            val = lexicon[w]
            if i > 0 and words[i - 1] in negators:
                val *= N_SCALAR
            found.append(val)
    return sum(found) / len(found) if found else 0.0


def is_flag(key):
    return len(key) == 2 and all(0x1F1E6 <= ord(c) <= 0x1F1FF for c in key)


def override_for(key):
    if key in NEUTRAL or is_flag(key):
        return 0.0
    if key in OVERRIDES:
        return OVERRIDES[key]
    for suffix in GENDER_SUFFIXES:
        if key.endswith(suffix):
            base = key[: -len(suffix)]
            if base in NEUTRAL:
                return 0.0
            if base in OVERRIDES:
                return OVERRIDES[base]
    return None


def fmt(x):
    s = f"{x:.1f}"
    return "0.0" if s == "-0.0" else s


def main():
    src, lexdir = sys.argv[1], sys.argv[2]
    lexicon = read_lexicon(os.path.join(lexdir, "afinn.tsv"), 2)
    lexicon.update(read_lexicon(os.path.join(lexdir, "vader.tsv"), 2))  # vader wins over afinn
    negators = read_lexicon(os.path.join(lexdir, "negators.tsv"), 1)

    descs = {}
    exact = set()
    upstream = 0
    with open(src, encoding="utf-8") as f:
        for line in f.read().rstrip("\n").split("\n"):
            if not line.strip():
                continue
            upstream += 1
            key, desc = line.strip().split("\t")[0:2]
            nkey = normal(key)
            if key == nkey:
                descs[nkey] = desc
                exact.add(nkey)
            elif nkey not in descs:
                descs[nkey] = desc

    scores = {}
    n_desc = n_over = n_added = 0
    for key, desc in descs.items():
        val = describe_score(desc, lexicon, negators)
        ov = override_for(key)
        if ov is not None:
            val = ov
            n_over += 1
        scores[key] = val
    for key, val in OVERRIDES.items():
        if key not in scores:
            scores[key] = val
            n_over += 1
            n_added += 1
    kept = {k: round(v, 1) for k, v in scores.items() if abs(round(v, 1)) >= MIN_ABS}
    n_desc = sum(1 for k in kept if override_for(k) is None)

    print("# Emoji valence for the default scorer: emoji <TAB> valence (-4 .. +4)")
    print(f"# source: vaderSentiment 3.3.2 emoji_utf8_lexicon.txt ({upstream:,} emoji -> CLDR description;")
    print("#   cjhutto/vaderSentiment, MIT, Copyright (c) 2016 C.J. Hutto; full notice in")
    print("#   lexicons/README.md) scored with vader.tsv + afinn.tsv, plus a hand-curated override table")
    print("# licence: MIT (upstream data); the overrides are empathic's own (MIT OR Apache-2.0)")
    print("# keys: U+FE0F and skin-tone modifiers U+1F3FB..U+1F3FF removed, as the tokenizer does before")
    print(f"#   a lookup ({len(descs):,} distinct keys); look keys up after the same normalisation.")
    print("# step 1: valence = mean vader.tsv/afinn.tsv valence (vader first) of the description's words")
    print("#   found in them (unknown words are not averaged in), a word right after a negator scaled")
    print("#   by -0.74 (VADER's N_SCALAR); no word found -> 0.")
    print("# step 2: hand-set values from the OVERRIDES table in tools/gen_emoji.py for the emoji most")
    print("#   used in customer text (e.g. pile of poo -2.5, face with tears of joy +1.2, face with")
    print("#   steam from nose -2.0, loudly crying face -1.8, smiling face with horns -0.5); they also")
    print("#   cover gendered ZWJ forms and add some newer emoji; 0 marks an ambiguous emoji (skull,")
    print("#   eyes, exploding head), so it is dropped. A NEUTRAL set (and every flag) is forced to 0:")
    print("#   objects/signs/gestures whose description words are literal (\"game die\", \"raised hand\",")
    print("#   \"United States\", \"FREE button\").")
    print(f"# kept: |valence| >= {MIN_ABS} after rounding to 0.1: {len(kept):,} entries ({len(kept) - n_desc}")
    print(f"#   from overrides, {n_added} of them not in upstream; {n_desc} from descriptions)")
    print("# regenerate: python3 tools/gen_emoji.py ../shared/lexicon-sources/vader/emoji_utf8_lexicon.txt lexicons/en")
    for key in sorted(kept, key=lambda s: s.encode("utf-8")):
        print(f"{key}\t{fmt(kept[key])}")


if __name__ == "__main__":
    main()
