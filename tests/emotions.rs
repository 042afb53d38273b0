//! Emotions, customer signals, escalation, and the bundled emotion/signal lexicon files.

use empathic::{Analyzer, Emotion, Signal};

fn emotion(text: &str, e: Emotion) -> f64 {
    empathic::analyze(text).emotions().get(e)
}

fn signal(text: &str, s: Signal) -> f64 {
    empathic::analyze(text).signals().get(s)
}

#[test]
fn each_emotion_fires_on_its_words() {
    let table = [
        ("The support agent made me furious.", Emotion::Anger),
        (
            "I can't wait for the new version to arrive.",
            Emotion::Anticipation,
        ),
        ("The bathroom was absolutely disgusting.", Emotion::Disgust),
        ("I'm scared the battery will catch fire.", Emotion::Fear),
        ("So happy with this purchase, love it!", Emotion::Joy),
        ("I was heartbroken when it broke.", Emotion::Sadness),
        ("Wow, I was shocked how fast it came.", Emotion::Surprise),
        ("A reliable, trustworthy seller.", Emotion::Trust),
    ];
    for (text, want) in table {
        let s = empathic::analyze(text);
        assert_eq!(
            s.emotions().dominant(),
            Some(want),
            "{text}: {:?}",
            s.emotions()
        );
        assert!(s.emotions().get(want) >= 0.5, "{text}: {:?}", s.emotions());
    }
}

#[test]
fn no_emotion_in_plain_text() {
    for text in [
        "",
        "The parcel arrived on Tuesday.",
        "Order 123, size M, colour blue.",
    ] {
        let s = empathic::analyze(text);
        assert_eq!(s.emotions().dominant(), None, "{text}");
        assert!(s.emotions().iter().all(|(_, v)| v == 0.0), "{text}");
    }
}

#[test]
fn negated_emotions_do_not_count_for_themselves() {
    // "not happy" is not joy, and gives some sadness (the Plutchik opposite).
    let happy = emotion("I am happy with the product.", Emotion::Joy);
    let s = empathic::analyze("I am not happy with the product.");
    assert_eq!(s.emotions().get(Emotion::Joy), 0.0);
    assert!(s.emotions().get(Emotion::Sadness) > 0.0);
    assert!(s.emotions().get(Emotion::Sadness) < happy);
    // "not afraid" is not fear, and not anything else either.
    let s = empathic::analyze("I'm not afraid of it.");
    assert_eq!(s.emotions().dominant(), None, "{:?}", s.emotions());
    // "don't trust" turns trust into disgust (distrust), never trust.
    let s = empathic::analyze("I don't trust this seller.");
    assert_eq!(s.emotions().get(Emotion::Trust), 0.0);
    assert!(s.emotions().get(Emotion::Disgust) > 0.0);
    // Double negation restores the emotion, and negation stops at a clause boundary.
    assert!(emotion("Never not happy with them.", Emotion::Joy) > 0.0);
    assert!(emotion("Not cheap, but I'm happy.", Emotion::Joy) > 0.0);
}

#[test]
fn boosters_caps_and_exclamations_raise_intensity() {
    let base = emotion("I am angry about the delay.", Emotion::Anger);
    let very = emotion("I am very angry about the delay.", Emotion::Anger);
    let caps = emotion("I am ANGRY about the delay.", Emotion::Anger);
    let bang = emotion("I am angry about the delay!!", Emotion::Anger);
    let slightly = emotion("I am slightly angry about the delay.", Emotion::Anger);
    assert!(
        very > base && caps > base && bang > base,
        "{base} {very} {caps} {bang}"
    );
    assert!(slightly < base, "{slightly} {base}");
    for v in [base, very, caps, bang, slightly] {
        assert!((0.0..=1.0).contains(&v));
    }
    // All-caps text is not shouting word by word.
    assert_eq!(emotion("I AM ANGRY ABOUT THE DELAY.", Emotion::Anger), base);
}

#[test]
fn more_evidence_means_more_intensity_but_never_above_one() {
    let one = emotion("I'm sad.", Emotion::Sadness);
    let two = emotion("I'm sad and heartbroken.", Emotion::Sadness);
    let many = emotion(
        "Sad, sad, miserable, heartbroken, devastated, depressed!!!",
        Emotion::Sadness,
    );
    assert!(two > one && many > two && many <= 1.0);
    // A document with one furious sentence among neutral ones stays furious.
    let long = "I ordered a kettle. It came in a box. The box was brown. I am furious. It is blue.";
    assert!(emotion(long, Emotion::Anger) >= emotion("I am furious.", Emotion::Anger));
}

#[test]
fn sentences_have_their_own_emotions() {
    let s = empathic::analyze("I love the design. The delay made me furious.");
    let [first, second] = s.sentences() else {
        panic!("two sentences")
    };
    assert_eq!(first.emotions().dominant(), Some(Emotion::Joy));
    assert_eq!(second.emotions().dominant(), Some(Emotion::Anger));
    assert!(s.emotions().get(Emotion::Joy) > 0.0 && s.emotions().get(Emotion::Anger) > 0.0);
}

#[test]
fn signals_fire_on_their_phrases() {
    let table = [
        ("I'm still waiting for a reply.", Signal::Frustration),
        (
            "This is the third time I ask about this.",
            Signal::Frustration,
        ),
        ("Please fix this asap, our shop is down.", Signal::Urgency),
        ("I need this resolved urgently.", Signal::Urgency),
        ("I want to cancel my subscription.", Signal::ChurnIntent),
        // A phrase's "my" stands for any possessive.
        ("We want to end our contract.", Signal::ChurnIntent),
        ("We are switching to another provider.", Signal::ChurnIntent),
        ("Never ordering again.", Signal::ChurnIntent),
        ("Thank you so much for your help!", Signal::Gratitude),
        ("Much appreciated, thanks.", Signal::Gratitude),
        ("How do I reset my password", Signal::Confusion),
        ("The invoice doesn't make sense to me.", Signal::Confusion),
    ];
    for (text, want) in table {
        let sig = *empathic::analyze(text).signals();
        assert!(sig.get(want) >= 0.5, "{text}: {sig:?}");
        for other in Signal::ALL {
            assert!((0.0..=1.0).contains(&sig.get(other)));
        }
    }
    let calm = empathic::analyze("The blender works well and looks nice.");
    assert!(
        calm.signals().iter().all(|(_, v)| v == 0.0),
        "{:?}",
        calm.signals()
    );
}

#[test]
fn negated_signals_do_not_count() {
    assert_eq!(signal("This is not urgent.", Signal::Urgency), 0.0);
    assert_eq!(signal("No rush, whenever you can.", Signal::Urgency), 0.0);
    assert_eq!(
        signal("I will not cancel, don't worry.", Signal::ChurnIntent),
        0.0
    );
    assert_eq!(signal("I'm not confused anymore.", Signal::Confusion), 0.0);
    // "thanks for nothing" is frustration, not gratitude.
    let s = empathic::analyze("Thanks for nothing.");
    assert_eq!(s.signals().gratitude(), 0.0);
    assert!(s.signals().frustration() > 0.5);
}

#[test]
fn waiting_times_punctuation_and_caps_are_cues() {
    // A waiting time adds frustration when the sentence complains, more for longer waits.
    let plain = signal("I have not heard back.", Signal::Frustration);
    let days = signal("I have not heard back for 3 days.", Signal::Frustration);
    let weeks = signal(
        "I have not heard back for three weeks.",
        Signal::Frustration,
    );
    assert!(weeks > days && days > plain, "{plain} {days} {weeks}");
    assert!(signal("No refund and it's been 2 weeks now.", Signal::Frustration) > 0.5);
    // ... but not when it is a happy customer's duration.
    assert_eq!(
        signal(
            "I have used it for 3 years and love it.",
            Signal::Frustration
        ),
        0.0
    );
    // Repeated question marks, and shouting in a complaint.
    let once = signal("Where is my order?", Signal::Frustration);
    let repeated = signal("Where is my order???", Signal::Frustration);
    assert!(repeated > once, "{once} {repeated}");
    assert!(signal("Where is my order???", Signal::Urgency) > 0.0);
    let shout = signal(
        "This is TOTALLY UNACCEPTABLE and broken.",
        Signal::Frustration,
    );
    let quiet = signal(
        "This is totally unacceptable and broken.",
        Signal::Frustration,
    );
    assert!(shout > quiet, "{quiet} {shout}");
    assert_eq!(
        signal("I LOVE THIS PHONE, it's great.", Signal::Frustration),
        0.0
    );
}

#[test]
fn escalate_follows_the_threshold() {
    let angry = "This is the third time I ask! Still no refund after 2 weeks. Cancel my account.";
    let happy = "Thank you so much, the replacement works perfectly.";
    let default = Analyzer::new();
    let (a, h) = (default.analyze(angry), default.analyze(happy));
    assert!(a.escalate() && !h.escalate());
    assert!(a.escalation() > h.escalation());
    assert!((0.0..=1.0).contains(&a.escalation()));
    // The decision is the score against the threshold, set per analyser.
    let t = a.escalation();
    let above = Analyzer::builder()
        .escalation_threshold((t + 0.01).min(1.0))
        .build()
        .unwrap();
    let at = Analyzer::builder().escalation_threshold(t).build().unwrap();
    assert!(!above.analyze(angry).escalate());
    assert!(at.analyze(angry).escalate());
    // Weights pick the cues: without churn weight, a polite cancellation does not escalate.
    let cancel = "Hello, please cancel my subscription.";
    assert!(default.analyze(cancel).escalate());
    let no_churn = Analyzer::builder()
        .escalation_weights(0.5, 0.8, 0.6, 0.0)
        .build()
        .unwrap();
    assert!(!no_churn.analyze(cancel).escalate());
    // Invalid settings are errors.
    assert!(
        Analyzer::builder()
            .escalation_threshold(0.0)
            .build()
            .unwrap_err()
            .is_config()
    );
    assert!(
        Analyzer::builder()
            .escalation_threshold(f64::NAN)
            .build()
            .is_err()
    );
    assert!(
        Analyzer::builder()
            .escalation_weights(1.5, 0.0, 0.0, 0.0)
            .build()
            .is_err()
    );
}

#[test]
fn emotions_can_be_turned_off() {
    let off = Analyzer::builder().emotions(false).build().unwrap();
    let text = "I'm furious, cancel my subscription asap!";
    let s = off.analyze(text);
    assert_eq!(s.emotions().dominant(), None);
    assert!(s.signals().iter().all(|(_, v)| v == 0.0));
    // Valence is unchanged.
    assert_eq!(s.compound(), empathic::analyze(text).compound());
}

#[test]
fn names_parse_and_print() {
    for e in Emotion::ALL {
        assert_eq!(e.as_str().parse::<Emotion>().unwrap(), e);
        assert_eq!(e.to_string(), e.as_str());
    }
    for s in Signal::ALL {
        assert_eq!(s.as_str().parse::<Signal>().unwrap(), s);
    }
    assert!("Joy".parse::<Emotion>().is_err());
    assert!("churn".parse::<Signal>().is_err());
}

#[cfg(feature = "serde")]
#[test]
fn serialises_with_lower_case_names() {
    let s = empathic::analyze("So happy, thank you! But please hurry, it's urgent.");
    let v = serde_json::to_value(&s).unwrap();
    for e in Emotion::ALL {
        assert!(v["emotions"][e.as_str()].is_number(), "{e}");
        assert!(v["sentences"][0]["emotions"][e.as_str()].is_number(), "{e}");
    }
    for sig in Signal::ALL {
        assert!(v["signals"][sig.as_str()].is_number(), "{sig}");
    }
    assert!(v["escalate"].is_boolean() && v["escalation"].is_number());
    let back: empathic::DocumentScore = serde_json::from_value(v).unwrap();
    assert_eq!(back, s);
    assert_eq!(
        serde_json::to_string(&Signal::ChurnIntent).unwrap(),
        "\"churn_intent\""
    );
    assert_eq!(
        serde_json::to_string(&Emotion::Anticipation).unwrap(),
        "\"anticipation\""
    );
}

mod lexicon_files {
    use std::collections::HashSet;

    const EMOTIONS: &str = include_str!("../lexicons/en/emotions.tsv");
    const SIGNALS: &str = include_str!("../lexicons/en/signals.tsv");

    /// Checks one file: header naming sources and licences, sorted unique lower-case terms,
    /// known labels, intensities in (0, 1] with two decimals.
    fn check(text: &str, labels: &[&str], must_mention: &[&str]) -> usize {
        let header: String = text.lines().take_while(|l| l.starts_with('#')).collect();
        for m in must_mention {
            assert!(header.contains(m), "header lacks {m:?}");
        }
        let mut prev: Option<&str> = None;
        let mut n = 0;
        for (i, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.starts_with('#'))
        {
            let (term, spec) = line
                .split_once('\t')
                .unwrap_or_else(|| panic!("line {}: no tab", i + 1));
            assert_eq!(term, term.to_lowercase(), "line {}", i + 1);
            assert_eq!(term.trim(), term, "line {}", i + 1);
            if let Some(p) = prev {
                assert!(p < term, "line {}: {term:?} not after {p:?}", i + 1);
            }
            prev = Some(term);
            let mut seen = HashSet::new();
            for part in spec.split(',') {
                let (label, v) = part
                    .split_once(':')
                    .unwrap_or_else(|| panic!("line {}", i + 1));
                assert!(labels.contains(&label), "line {}: label {label}", i + 1);
                assert!(seen.insert(label), "line {}: {label} twice", i + 1);
                let v: f64 = v.parse().unwrap_or_else(|_| panic!("line {}", i + 1));
                assert!(v > 0.0 && v <= 1.0, "line {}: {v}", i + 1);
            }
            n += 1;
        }
        n
    }

    #[test]
    fn bundled_files_are_well_formed() {
        let emotions = [
            "anger",
            "anticipation",
            "disgust",
            "fear",
            "joy",
            "sadness",
            "surprise",
            "trust",
        ];
        let n = check(
            EMOTIONS,
            &emotions,
            &[
                "Empath",
                "MIT",
                "GoEmotions",
                "Apache-2.0",
                "gen_emotions.py",
            ],
        );
        assert!(n > 1000, "{n} emotion terms");
        let signals = [
            "frustration",
            "urgency",
            "churn_intent",
            "gratitude",
            "confusion",
        ];
        let n = check(
            SIGNALS,
            &signals,
            &["GoEmotions", "Apache-2.0", "gen_emotions.py"],
        );
        assert!(n > 150, "{n} signal terms");
        // No research-only lexicon is named as a source.
        for line in EMOTIONS
            .lines()
            .chain(SIGNALS.lines())
            .filter(|l| l.starts_with('#'))
        {
            assert!(
                !line.contains("EmoLex ") || line.contains("No NRC"),
                "{line}"
            );
        }
    }

    #[test]
    fn every_term_is_reachable() {
        // Each term must be found by the analyser when it is the whole text: a term written in a
        // form the analyser never produces (e.g. "can't" instead of "can not") would be dead.
        let a = empathic::Analyzer::new();
        for text in [EMOTIONS, SIGNALS] {
            for line in text.lines().filter(|l| !l.starts_with('#')) {
                let term = line.split('\t').next().unwrap_or_default();
                let s = a.analyze(term);
                let any = s.emotions().iter().any(|(_, v)| v > 0.0)
                    || s.signals().iter().any(|(_, v)| v > 0.0);
                // A lone modifier word (e.g. "no" in "no one") may be read as negation instead.
                assert!(
                    any || term.split(' ').count() == 1 && a.analyze(term).tokens() == 0,
                    "{term:?} never fires"
                );
            }
        }
    }
}
