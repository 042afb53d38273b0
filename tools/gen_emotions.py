#!/usr/bin/env python3
"""Regenerate lexicons/en/emotions.tsv and lexicons/en/signals.tsv.

Usage (from the crate root, with the shared data beside it):

    python3 tools/gen_emotions.py ../shared

Python 3 standard library only; the output is deterministic (sorted, fixed rounding, no hash
order). Three sources, documented in lexicons/README.md:

1. Empath 0.89 categories (MIT, (c) 2016 Ethan Fast): `lexicon-sources/empath/categories.tsv`.
   Words of the eight Plutchik categories and of a few close ones (rage -> anger, ...) get a low,
   fixed intensity, spread over the emotions the word is listed under, and are dropped where
   GoEmotions shows the word is common but not associated with that emotion.
2. GoEmotions train split (Apache-2.0, Demszky et al. 2020): `eval/goemotions/train.jsonl`.
   The 27 labels are mapped to the eight emotions and to two signals (LABEL_MAP below). For
   every word seen in at least MIN_DOCS comments, the smoothed probability that a comment
   containing it carries the target, P(T|w) = (a + M * p0) / (n + M), is compared with the base
   rate p0; words whose one-vs-rest log-odds z-score (informative Dirichlet prior, Monroe et al.
   2008) reaches MIN_Z get the intensity (P(T|w) - p0) / (1 - p0). Only the train split is read.
3. Curated rows: `tools/emotions_curated.tsv` and `tools/signals_curated.tsv`, written for this
   crate. A curated row replaces whatever the other sources say about that term.
"""

import json
import math
import re
import sys
from collections import Counter
from pathlib import Path

EMOTIONS = ["anger", "anticipation", "disgust", "fear", "joy", "sadness", "surprise", "trust"]
SIGNALS = ["frustration", "urgency", "churn_intent", "gratitude", "confusion"]

# GoEmotions label -> the Plutchik emotions and crate signals it is evidence for. For the six
# emotions Ekman and Plutchik share this is GoEmotions' own Ekman grouping (ekman_mapping.json).
# Trust and anticipation have no GoEmotions label: trust takes admiration, approval, caring and
# love (Plutchik: admiration is intense trust, love is joy + trust); anticipation takes desire,
# curiosity, excitement and optimism (Plutchik: interest is mild anticipation, optimism is
# anticipation + joy). Signals: gratitude <- gratitude, confusion <- confusion,
# frustration <- annoyance and disappointment.
LABEL_MAP = {
    "admiration": ["joy", "trust"],
    "amusement": ["joy"],
    "anger": ["anger"],
    "annoyance": ["anger", "frustration"],
    "approval": ["joy", "trust"],
    "caring": ["joy", "trust"],
    "confusion": ["surprise", "confusion"],
    "curiosity": ["surprise", "anticipation"],
    "desire": ["joy", "anticipation"],
    "disappointment": ["sadness", "frustration"],
    "disapproval": ["anger"],
    "disgust": ["disgust"],
    "embarrassment": ["sadness"],
    "excitement": ["joy", "anticipation"],
    "fear": ["fear"],
    "gratitude": ["joy", "gratitude"],
    "grief": ["sadness"],
    "joy": ["joy"],
    "love": ["joy", "trust"],
    "nervousness": ["fear"],
    "optimism": ["joy", "anticipation"],
    "pride": ["joy"],
    "realization": ["surprise"],
    "relief": ["joy"],
    "remorse": ["sadness"],
    "sadness": ["sadness"],
    "surprise": ["surprise"],
    "neutral": [],
}
DERIVED_SIGNALS = ["frustration", "gratitude", "confusion"]

MIN_DOCS = 8  # a word must occur in this many train comments
MIN_Z = 3.0  # log-odds z-score a word needs to count for a target
SMOOTH_M = 10.0  # pseudo-comments at the base rate in P(T|w)
MIN_WEIGHT = 0.08  # lighter associations are dropped as noise
MIN_SIGNAL_WEIGHT = 0.4  # derived signal words are noisier ("reply" -> gratitude): a higher bar

# Empath categories -> emotion, and the intensity their words get (spread over the emotions a
# word is listed under). The eight Plutchik categories count more than the related ones.
EMPATH = {
    "anger": ("anger", 0.35),
    "anticipation": ("anticipation", 0.3),
    "disgust": ("disgust", 0.35),
    "fear": ("fear", 0.35),
    "joy": ("joy", 0.35),
    "sadness": ("sadness", 0.35),
    "surprise": ("surprise", 0.35),
    "trust": ("trust", 0.3),
    "rage": ("anger", 0.25),
    "irritability": ("anger", 0.2),
    "exasperation": ("anger", 0.2),
    "horror": ("fear", 0.25),
    "nervousness": ("fear", 0.25),
    "cheerfulness": ("joy", 0.25),
}
# Empath words that GoEmotions saw this often without an association are dropped.
EMPATH_VETO_DOCS = 30

# Function words, the crate's modifiers and GoEmotions' masking tokens never carry an emotion of
# their own here: negation and boosting are rules, not lexicon entries.
STOP = set(
    """a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had
    has have having he her here hers herself him himself his how i if in into is it its itself just
    me more most my myself no nor not now of off on once only or other our ours ourselves out over
    own same she should so some such than that the their theirs them themselves then there these
    they this those through to too under until up very was we were what when where which while who
    whom why will with would you your yours yourself yourselves name religion one also get got
    really would even still lol much many never nothing ever always like""".split()
)

WORD = re.compile(r"[a-z]+(?:'[a-z]+)*")
NT = {"ca": "can", "wo": "will", "sha": "shall"}
CLITICS = ("'s", "'re", "'ll", "'ve", "'d", "'m")


def keys(text):
    """Lower-case word keys as the crate makes them: n't -> not, clitics dropped."""
    out = []
    for w in WORD.findall(text.lower().replace("\u2019", "'")):
        if w.endswith("n't") and len(w) > 3:
            stem = w[:-3]
            out.append(NT.get(stem, stem))
            out.append("not")
            continue
        if w == "cannot":
            out += ["can", "not"]
            continue
        for c in CLITICS:
            if w.endswith(c) and len(w) > len(c):
                w = w[: -len(c)]
                break
        out.append(w)
    return out


def goemotions(path):
    targets = EMOTIONS + DERIVED_SIGNALS
    docs = 0
    pos = Counter()  # target -> comments
    df = Counter()  # word -> comments
    joint = {t: Counter() for t in targets}
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            assert d["split"] == "train", "only the train split may be read"
            docs += 1
            ts = {t for label in d["emotions"] for t in LABEL_MAP[label]}
            words = set(keys(d["text"]))
            for t in ts:
                pos[t] += 1
            for w in words:
                df[w] += 1
                for t in ts:
                    joint[t][w] += 1
    weights = {}
    for t in targets:
        p0 = pos[t] / docs
        n1, n2 = pos[t], docs - pos[t]
        for w, n in df.items():
            if n < MIN_DOCS or w in STOP or not w.isalpha() or len(w) < 2:
                continue
            a = joint[t][w]
            b = n - a
            # Log-odds with an informative Dirichlet prior (the word's overall rate, 10 counts).
            prior = 10.0 * n / docs
            pa = prior * n1 / docs + 0.01
            pb = prior * n2 / docs + 0.01
            delta = math.log((a + pa) / (n1 - a + 10 - pa)) - math.log((b + pb) / (n2 - b + 10 - pb))
            z = delta / math.sqrt(1.0 / (a + pa) + 1.0 / (b + pb))
            if z < MIN_Z:
                continue
            p = (a + SMOOTH_M * p0) / (n + SMOOTH_M)
            weight = (p - p0) / (1.0 - p0)
            if weight >= MIN_WEIGHT:
                weights.setdefault(w, {})[t] = weight
    return weights, df, joint, pos, docs


def empath(path, df, joint, pos, docs):
    listed = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            cat, *words = line.rstrip("\n").split("\t")
            if cat not in EMPATH:
                continue
            emo, w = EMPATH[cat]
            for word in words:
                word = word.strip().lower()
                if not word or " " in word or word in STOP:
                    continue
                listed.setdefault(word, {})
                listed[word][emo] = max(listed[word].get(emo, 0.0), w)
    out = {}
    for word, emos in listed.items():
        spread = len(emos)
        for emo, w in emos.items():
            n = df.get(word, 0)
            if n >= EMPATH_VETO_DOCS:
                # GoEmotions saw the word often: keep the Empath emotion only if the word is
                # at least at the emotion's base rate there.
                if joint[emo][word] / n < pos[emo] / docs:
                    continue
            out.setdefault(word, {})[emo] = w / math.sqrt(spread)
    return out


def curated(path, labels):
    rows = {}
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            term, spec = line.split("\t")
            assert term not in rows, f"{path}:{i}: duplicate {term!r}"
            rows[term] = parse_spec(spec, labels, f"{path}:{i}")
    return rows


def parse_spec(spec, labels, where):
    out = {}
    for part in spec.split(","):
        name, value = part.split(":")
        assert name in labels, f"{where}: unknown label {name!r}"
        v = float(value)
        assert 0.0 < v <= 1.0, f"{where}: {v} outside (0, 1]"
        out[name] = v
    return out


def merge(*sources):
    """Noisy-OR of the sources' intensities per (term, label)."""
    out = {}
    for src in sources:
        for term, labels in src.items():
            row = out.setdefault(term, {})
            for label, w in labels.items():
                row[label] = 1.0 - (1.0 - row.get(label, 0.0)) * (1.0 - w)
    return out


def render(rows, labels):
    lines = []
    for term in sorted(rows):
        if " " not in term and term in STOP:
            continue
        parts = [
            f"{label}:{rows[term][label]:.2f}"
            for label in labels
            if label in rows[term] and round(rows[term][label], 2) > 0
        ]
        if parts:
            lines.append(f"{term}\t{','.join(parts)}")
    return lines


EMOTIONS_HEADER = """\
# Emotion intensities for empathic: term<TAB>emotion:intensity[,emotion:intensity...]
# Emotions: the eight of Plutchik (anger anticipation disgust fear joy sadness surprise trust);
# intensities in (0, 1]. Terms are lower-case keys as the analyser normalises text (negative
# contractions expanded: "can not believe"). Sorted by term; one row per term.
# licence: MIT (Empath rows), Apache-2.0 (GoEmotions-derived rows), MIT OR Apache-2.0 (curated).
# source: GENERATED by tools/gen_emotions.py from (see lexicons/README.md):
#  - Empath 0.89 categories, MIT licence, Copyright (c) 2016 Ethan Fast
#    (lexicon-sources/empath/LICENSE.txt);
#  - a lexicon derived from the GoEmotions train split (Demszky et al. 2020), Apache-2.0,
#    Copyright 2020 Google LLC (eval/goemotions/LICENSE); labels mapped as in the generator;
#  - curated rows (tools/emotions_curated.tsv), written for this crate (MIT OR Apache-2.0).
# No NRC lexicon (EmoLex, VAD, Affect Intensity), WordNet-Affect or DepecheMood data is used.
"""

SIGNALS_HEADER = """\
# Customer-signal intensities for empathic: term<TAB>signal:intensity[,signal:intensity...]
# Signals: frustration urgency churn_intent gratitude confusion; intensities in (0, 1]. Terms
# are words or phrases, lower-case keys as the analyser normalises text ("does not make sense").
# Sorted by term; one row per term.
# licence: MIT OR Apache-2.0 for the curated rows; Apache-2.0 for the GoEmotions-derived rows.
# source: GENERATED by tools/gen_emotions.py from (see lexicons/README.md):
#  - curated rows (tools/signals_curated.tsv), written for this crate (MIT OR Apache-2.0);
#  - frustration, gratitude and confusion words derived from the GoEmotions train split
#    (Demszky et al. 2020), Apache-2.0, Copyright 2020 Google LLC (eval/goemotions/LICENSE).
"""


def modifiers(root):
    """Single-word negators, boosters and contrast words of the crate: the analyser reads them as
    modifiers, so an emotion entry for them would never fire."""
    out = set()
    for name in ("negators.tsv", "boosters.tsv", "contrast.tsv"):
        for line in (root / "lexicons/en" / name).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                term = line.split("\t")[0]
                if " " not in term:
                    out.add(term)
    # Negative contractions typed without an apostrophe: the tokenizer splits them like their
    # apostrophe twins ("dont" -> "do" + "not"), so they are negators too (src/tokenize.rs,
    # BARE_CONTRACTIONS).
    out.update("""aint arent cant couldnt darent didnt doesnt dont hadnt hasnt havent isnt mightnt
        mustnt neednt oughtnt shant shouldnt wasnt werent wont wouldnt""".split())
    return out


def main():
    shared = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared")
    here = Path(__file__).resolve().parent
    root = here.parent
    STOP.update(modifiers(root))
    derived, df, joint, pos, docs = goemotions(shared / "eval/goemotions/train.jsonl")
    emp = empath(shared / "lexicon-sources/empath/categories.tsv", df, joint, pos, docs)

    emo_derived = {
        w: {t: v for t, v in ts.items() if t in EMOTIONS} for w, ts in derived.items()
    }
    sig_derived = {
        w: {t: v for t, v in ts.items() if t in SIGNALS and v >= MIN_SIGNAL_WEIGHT}
        for w, ts in derived.items()
    }
    emotions = merge(emp, emo_derived)
    emotions.update(curated(here / "emotions_curated.tsv", EMOTIONS))
    signals = merge(sig_derived)
    signals.update(curated(here / "signals_curated.tsv", SIGNALS))

    (root / "lexicons/en/emotions.tsv").write_text(
        EMOTIONS_HEADER + "\n".join(render(emotions, EMOTIONS)) + "\n", encoding="utf-8"
    )
    (root / "lexicons/en/signals.tsv").write_text(
        SIGNALS_HEADER + "\n".join(render(signals, SIGNALS)) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
