#!/usr/bin/env python3
"""Measures NRCLex 4.1.0 on GoEmotions dev, for the comparison table in README.md.

Measurement only: NRCLex bundles the NRC Emotion Lexicon (research use only), so neither the
library nor its data may enter this repository. Run it in a throw-away virtualenv:

    python3 -m venv /tmp/nrcvenv && /tmp/nrcvenv/bin/pip install nrclex==4.1.0
    /tmp/nrcvenv/bin/python tools/nrclex_baseline.py ../shared/eval/goemotions [NLTK_DATA_DIR]

NRCLex's `load_raw_text` tokenises with TextBlob (NLTK's Punkt sentence splitter, then the
Treebank word tokenizer) and lemmatises every word with NLTK's WordNet lemmatizer, then counts
the NRC emotions of the words found in its lexicon. NLTK's data packages cannot be downloaded
here, so: WordNet 3.0 comes from the distribution's `wordnet-base` and `wordnet-sense-index`
packages copied into NLTK_DATA_DIR/corpora/wordnet (plus the standard `lexnames` list), and the
Punkt sentence splitter runs untrained (`PunktSentenceTokenizer()`: same algorithm, no learned
abbreviation list). Everything after tokenisation is NRCLex's own code, unchanged.

A document is predicted to carry emotion E by three rules, all reported:
  any:  at least one of its words has E in the lexicon (raw_emotion_scores[E] > 0);
  top:  E is among NRCLex's `top_emotions` (ties included) and has a count;
  tuned: affect_frequencies[E] >= t_E, with t_E chosen per emotion on the train split.
The gold labels use GoEmotions' own Ekman mapping (the `ekman` field, ekman_mapping.json).
"""

import json
import sys

EMOTIONS = ["anger", "disgust", "fear", "joy", "sadness", "surprise"]


def setup(nltk_data):
    import nltk
    import nltk.tokenize
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    if nltk_data:
        nltk.data.path.insert(0, nltk_data)
    punkt = PunktSentenceTokenizer()
    nltk.tokenize.sent_tokenize = lambda text, language="english": punkt.tokenize(text)


def score(path, nrc):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            nrc.load_raw_text(d["text"])
            top = {e for e, s in nrc.top_emotions if s > 0}
            out.append((set(d["ekman"]), dict(nrc.raw_emotion_scores), dict(nrc.affect_frequencies), top))
    return out


def prf(rows, pred):
    table = {}
    for e in EMOTIONS:
        tp = sum(1 for r in rows if e in r[0] and pred(r, e))
        fp = sum(1 for r in rows if e not in r[0] and pred(r, e))
        fn = sum(1 for r in rows if e in r[0] and not pred(r, e))
        p = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * rc / (p + rc) if p + rc else 0.0
        table[e] = (p, rc, f)
    return table


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "../shared/eval/goemotions"
    setup(sys.argv[2] if len(sys.argv) > 2 else None)
    from nrclex import NRCLex

    nrc = NRCLex()
    train = score(root + "/train.jsonl", nrc)
    dev = score(root + "/dev.jsonl", nrc)
    # Per-emotion threshold on the share of NRC hits, chosen on train for the best F1.
    thresholds = {}
    for e in EMOTIONS:
        best = (-1.0, 0.0)
        for t in sorted({r[2].get(e, 0.0) for r in train if r[2].get(e, 0.0) > 0}):
            f = prf(train, lambda r, e2, t=t: r[2].get(e2, 0.0) >= t)[e][2]
            best = max(best, (f, -t))
        thresholds[e] = -best[1]
    rules = {
        "any": lambda r, e: r[1].get(e, 0) > 0,
        "top": lambda r, e: e in r[3],
        "tuned": lambda r, e: r[2].get(e, 0.0) >= thresholds[e] and r[1].get(e, 0) > 0,
    }
    for name, rule in rules.items():
        table = prf(dev, rule)
        macro = sum(v[2] for v in table.values()) / len(table)
        print(f"NRCLex 4.1.0 ({name}) on dev: macro-F1 {macro:.3f}")
        for e, (p, rc, f) in table.items():
            print(f"  {e:<9} P {p:.3f}  R {rc:.3f}  F1 {f:.3f}")
    print("tuned thresholds:", {e: round(t, 3) for e, t in thresholds.items()})


if __name__ == "__main__":
    main()
