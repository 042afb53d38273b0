//! The public API as users rely on it: thread safety, configuration errors, custom lexicons,
//! input that must never break analysis, the serialised shape, and document aggregation.

use empathic::{
    Analyzer, AnalyzerBuilder, Contribution, DocumentScore, Error, Explanation, Modifier, Polarity,
    SentenceScore, Source,
};

fn assert_send_sync<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}

#[test]
fn public_types_are_send_sync_and_unwind_safe() {
    assert_send_sync::<Analyzer>();
    assert_send_sync::<AnalyzerBuilder>();
    assert_send_sync::<DocumentScore>();
    assert_send_sync::<SentenceScore>();
    assert_send_sync::<Explanation>();
    assert_send_sync::<Contribution>();
    assert_send_sync::<Modifier>();
    assert_send_sync::<Polarity>();
    assert_send_sync::<Source>();
    assert_send_sync::<Error>();
}

#[test]
fn one_analyzer_serves_many_threads_with_identical_results() {
    let analyzer = Analyzer::new();
    let text = "Support never answered, so I'm cancelling. Shame, the kettle itself is lovely.";
    let expected = analyzer.analyze(text);
    std::thread::scope(|s| {
        for _ in 0..4 {
            let a = analyzer.clone();
            let expected = &expected;
            s.spawn(move || assert_eq!(&a.analyze(text), expected));
        }
    });
}

#[test]
fn free_function_matches_default_analyzer() {
    let text = "Great value, fast delivery.";
    assert_eq!(empathic::analyze(text), Analyzer::new().analyze(text));
}

#[test]
fn builder_rejects_bad_settings_with_typed_errors() {
    let err = Analyzer::builder().negation_window(0).build().unwrap_err();
    assert!(err.is_config());
    assert_eq!(err.line(), None);
    assert!(
        Analyzer::builder()
            .mixed_threshold(1.5)
            .build()
            .unwrap_err()
            .is_config()
    );
    assert!(
        Analyzer::builder()
            .mixed_threshold(f64::NAN)
            .build()
            .unwrap_err()
            .is_config()
    );
    assert!(
        Analyzer::builder()
            .term("great", 9.0)
            .build()
            .unwrap_err()
            .is_config()
    );
    assert!(
        Analyzer::builder()
            .booster("mega", f64::INFINITY)
            .build()
            .unwrap_err()
            .is_config()
    );
}

#[test]
fn malformed_lexicon_files_name_the_line() {
    let cases = [
        (
            "# header\ngood\t1.5\nbad\n",
            3,
            "expected 2 tab-separated field(s), found 1",
        ),
        ("good\tnice\n", 1, "expected a number in column 2"),
        ("good\t7\n", 1, "outside [-4, 4]"),
        ("good\t1\nfine\t1\ngood\t2\n", 3, "duplicate term \"good\""),
        ("good\t1\t2\n", 1, "found 3"),
        (" good\t1\n", 1, "stray whitespace"),
    ];
    for (text, line, message) in cases {
        let err = Analyzer::builder().lexicon_tsv(text).build().unwrap_err();
        assert_eq!(err.line(), Some(line), "{text:?}: {err}");
        assert!(err.to_string().contains(message), "{text:?}: {err}");
        assert!(
            err.to_string()
                .starts_with(&format!("lexicon line {line}: "))
        );
    }
}

#[test]
fn lexicon_files_load_from_disk_and_missing_ones_error() {
    let dir = std::env::temp_dir().join(format!("empathic-api-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("custom.tsv");
    std::fs::write(
        &path,
        "# our product words\nflorbulous\t2.5\nout of stock\t-1.8\n",
    )
    .unwrap();
    let analyzer = Analyzer::builder().lexicon_file(&path).build().unwrap();
    assert!(analyzer.analyze("florbulous!").compound() > 0.3);
    assert!(analyzer.analyze("Out of stock again.").compound() < -0.2);
    let e = analyzer.explain("florbulous");
    assert_eq!(e.contributions[0].source, Source::User);

    let err = Analyzer::builder()
        .lexicon_file(dir.join("nope.tsv"))
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("nope.tsv"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn user_terms_override_bundled_ones_and_add_modifiers() {
    let default = Analyzer::new();
    assert!(default.analyze("The lid is tight.").compound().abs() < 0.05);
    let custom = Analyzer::builder()
        .term("tight", -2.0)
        .booster("hella", 0.4)
        .negator("nae")
        .build()
        .unwrap();
    assert!(custom.analyze("The lid is tight.").compound() < -0.2);
    let plain = custom.analyze("good").compound();
    assert!(custom.analyze("hella good").compound() > plain);
    assert!(custom.analyze("nae good").compound() < 0.0);
    // Nothing but user terms: bundled valences gone, bundled negators still apply.
    let bare = Analyzer::builder()
        .builtin_lexicons(false)
        .term("yay", 2.0)
        .build()
        .unwrap();
    assert_eq!(bare.analyze("great").compound(), 0.0);
    assert!(bare.analyze("not yay").compound() < 0.0);
}

#[test]
fn options_switch_rules_off() {
    let plain = Analyzer::builder().emphasis(false).build().unwrap();
    assert_eq!(
        plain.analyze("GOOD!!!").compound(),
        plain.analyze("good").compound()
    );
    let no_stem = Analyzer::builder().stemming(false).build().unwrap();
    // "annoyingly" is in no lexicon; its stem finds "annoy".
    let text = "It annoyingly beeps";
    assert!(
        Analyzer::new()
            .explain(text)
            .contributions
            .iter()
            .any(|c| c.by_stem)
    );
    assert!(
        no_stem
            .explain(text)
            .contributions
            .iter()
            .all(|c| !c.by_stem)
    );
    assert_eq!(no_stem.analyze(text).compound(), 0.0);
}

#[test]
fn analysis_never_fails_on_odd_input() {
    let analyzer = Analyzer::new();
    let long_review = "The kettle is lovely. ".repeat(500_000); // ~11 MB
    let emoji_run = "😡".repeat(100_000);
    let binary: String = (0u8..=255).map(char::from).collect();
    let inputs: Vec<&str> = vec![
        "",
        "   \n\t  ",
        "!!!???...",
        "\u{0}\u{1}\u{7f}",
        &binary,
        "\u{200d}\u{fe0f}\u{1f3fd}",
        "a\u{301}\u{301}\u{301}\u{301}",
        &long_review,
        &emoji_run,
        "'''''''",
        "n't n't n't",
    ];
    for text in inputs {
        let s = analyzer.analyze(text);
        assert!((-1.0..=1.0).contains(&s.compound()));
        let total = s.positive() + s.negative() + s.neutral();
        assert!((total - 1.0).abs() < 1e-9, "shares sum to {total}");
    }
    let empty = analyzer.analyze("");
    assert_eq!(
        (empty.tokens(), empty.matched(), empty.polarity()),
        (0, 0, Polarity::Neutral)
    );
    assert!(analyzer.analyze(&emoji_run).compound() < -0.9);
}

#[test]
fn long_text_does_not_saturate_and_balanced_text_is_mixed() {
    let a = Analyzer::new();
    let glowing = "I absolutely love this kettle, it is wonderful. ";
    let furious = "The lid broke on day two and support was useless and rude. ";
    let balanced = format!("{}{}", glowing.repeat(10), furious.repeat(10));
    let s = a.analyze(&balanced);
    assert!(
        s.compound().abs() < 0.3,
        "balanced review scored {}",
        s.compound()
    );
    assert_eq!(s.polarity(), Polarity::Mixed);
    assert_eq!(s.sentences().len(), 20);

    let one = a.analyze(glowing).compound();
    let many = a.analyze(&glowing.repeat(20)).compound();
    assert!(
        many >= one - 1e-12,
        "more agreeing sentences should not weaken the score"
    );
    assert!(many < 0.99, "twenty glowing sentences saturated at {many}");
}

#[test]
fn sentences_carry_spans_and_their_own_scores() {
    let text = "Fast delivery, great price. The handle broke within a week!";
    let s = Analyzer::new().analyze(text);
    let spans: Vec<&str> = s
        .sentences()
        .iter()
        .map(|x| &text[x.start()..x.end()])
        .collect();
    assert_eq!(
        spans,
        [
            "Fast delivery, great price.",
            "The handle broke within a week!"
        ]
    );
    assert_eq!(s.sentences()[0].polarity(), Polarity::Positive);
    assert_eq!(s.sentences()[1].polarity(), Polarity::Negative);
    for x in s.sentences() {
        assert!((x.positive() + x.negative() + x.neutral() - 1.0).abs() < 1e-9);
    }
    assert!(
        s.tokens() >= 10 && s.matched() >= 3,
        "tokens {} matched {}",
        s.tokens(),
        s.matched()
    );
}

#[test]
fn explanation_lists_every_contribution_with_its_rules() {
    let a = Analyzer::new();
    let text = "The app is NOT very reliable, but support was amazing!!";
    let e = a.explain(text);
    assert_eq!(
        e.score,
        a.analyze(text),
        "explain must not change the score"
    );
    let reliable = e
        .contributions
        .iter()
        .find(|c| c.entry == "reliable")
        .expect("reliable");
    assert_eq!(&text[reliable.start..reliable.end], "reliable");
    assert!(reliable.contribution < 0.0);
    let rules: Vec<&Modifier> = reliable.modifiers.iter().collect();
    assert!(
        rules
            .iter()
            .any(|m| matches!(m, Modifier::Boosted { by, .. } if by == "very"))
    );
    assert!(
        rules
            .iter()
            .any(|m| matches!(m, Modifier::Negated { by, .. } if by == "NOT"))
    );
    assert!(
        rules
            .iter()
            .any(|m| matches!(m, Modifier::Contrast { weight, .. } if *weight < 1.0))
    );
    let amazing = e
        .contributions
        .iter()
        .find(|c| c.entry == "amazing")
        .expect("amazing");
    assert!(
        amazing
            .modifiers
            .iter()
            .any(|m| matches!(m, Modifier::Contrast { weight, .. } if *weight > 1.0))
    );
    assert!(
        e.contributions
            .iter()
            .any(|c| c.source == Source::Rule && c.text == "!")
    );
    // The contributions add up to each sentence's raw sum, so they explain the score exactly.
    let sum: f64 = e.contributions.iter().map(|c| c.contribution).sum();
    let compound = sum / (sum * sum + 15.0).sqrt();
    assert!((compound - e.score.compound()).abs() < 1e-9);
    assert!(e.to_string().contains("negated by \"NOT\""));
}

#[test]
fn stem_fallback_is_reported() {
    let e = Analyzer::new().explain("The instructions were confusing and it annoyingly beeps");
    let stemmed: Vec<_> = e.contributions.iter().filter(|c| c.by_stem).collect();
    assert_eq!(stemmed.len(), 1, "{e}");
    // A stem match names the lexicon word it found, not the text.
    assert_eq!(
        (stemmed[0].text.as_str(), stemmed[0].entry.as_str()),
        ("annoyingly", "annoy")
    );
    assert!(stemmed[0].contribution < 0.0);
}

#[cfg(feature = "serde")]
#[test]
fn serialised_shape_is_stable() {
    let s = Analyzer::new().analyze("Great kettle. Terrible lid.");
    let v: serde_json::Value = serde_json::to_value(&s).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    for k in [
        "compound",
        "positive",
        "negative",
        "neutral",
        "polarity",
        "tokens",
        "matched",
        "sentences",
    ] {
        assert!(keys.contains(&k), "missing {k} in {keys:?}");
    }
    assert!(v["polarity"].is_string());
    assert_eq!(v["sentences"][0]["start"], 0);
    let back: DocumentScore = serde_json::from_value(v).unwrap();
    assert_eq!(back, s);
    let e = Analyzer::new().explain("not great");
    let ev = serde_json::to_value(&e).unwrap();
    assert_eq!(ev["contributions"][0]["modifiers"][0]["rule"], "negated");
    assert_eq!(ev["contributions"][0]["source"], "vader");
}

#[test]
fn explanation_shows_a_phatic_formula_dropped_from_a_complaint() {
    let a = Analyzer::new();
    let text = "Hi, I hope you're well. The parcel arrived broken. Best regards, Sam";
    let e = a.explain(text);
    assert_eq!(e.score, a.analyze(text));
    assert!(e.score.compound() < -0.2, "{e}");
    let greeting = e
        .contributions
        .iter()
        .find(|c| &text[c.start..c.end] == "hope you're well")
        .expect("the greeting formula is listed");
    assert_eq!(greeting.source, Source::Phatic);
    assert_eq!(greeting.contribution, 0.0);
    assert_eq!(greeting.modifiers, [Modifier::Phatic]);
    // Alone, the same formula keeps its tone, and its contribution.
    let alone = a.explain("Hope you're well, Sam!");
    assert!(alone.score.compound() > 0.2, "{alone}");
    assert!(alone.contributions.iter().all(|c| c.modifiers.is_empty()));
    // A sign-off is no opinion at all: it frames a plain request without making it praise.
    let request = "Please update the billing address on my account. Kind regards, Sam";
    assert_eq!(a.analyze(request).polarity(), Polarity::Neutral);
}

#[test]
fn chat_transcripts_are_scored_on_the_customers_turns() {
    use empathic::{Analyzer, Modifier, Speaker};
    let chat = "[10:02] Agent Priya: Hi! Thanks for contacting Northwave, happy to help :)\n\
                [10:03] Joy (customer): my internet has been down for 3 days. this is ridiculous\n\
                [10:05] Agent Priya: I'm so sorry for the inconvenience! Have a wonderful day!";
    let customer = Analyzer::new().analyze(chat);
    assert!(customer.compound() < -0.3, "{}", customer.compound());
    // The agent's sentences are listed but score nothing, and contribute no emotion.
    assert_eq!(customer.sentences().len(), 5);
    assert_eq!(customer.sentences()[0].compound(), 0.0);
    let support = Analyzer::builder()
        .speaker(Speaker::Support)
        .build()
        .unwrap();
    assert!(support.analyze(chat).compound() > 0.3);
    let everyone = Analyzer::builder()
        .speaker(Speaker::Everyone)
        .build()
        .unwrap();
    assert!(everyone.analyze(chat).compound() > customer.compound());

    // The label is no part of what is said: a customer called Joy is no joy.
    let e = Analyzer::new().explain(chat);
    assert!(e.contributions.iter().all(|c| c.text != "Joy"));
    let silenced: Vec<_> = (e.contributions.iter())
        .filter(|c| c.modifiers.contains(&Modifier::OtherSpeaker))
        .collect();
    assert!(silenced.iter().any(|c| c.text == "wonderful"));
    assert!(silenced.iter().all(|c| c.contribution == 0.0));

    // A customer who only acknowledges ("ok thanks") is courteous, not pleased.
    let routine = "Agent: Your new address is saved.\nCustomer: ok great thanks";
    assert_eq!(Analyzer::new().analyze(routine).compound(), 0.0);
    // ... but one who says more is pleased.
    let fixed = "Agent: Done, the refund is on its way.\nCustomer: brilliant, you've been amazing";
    assert!(Analyzer::new().analyze(fixed).compound() > 0.5);
}

#[test]
fn text_that_is_no_transcript_is_scored_whole() {
    use empathic::{Analyzer, Speaker};
    let support = Analyzer::builder()
        .speaker(Speaker::Support)
        .build()
        .unwrap();
    for text in [
        "Pros: light, cheap, great screen\nCons: the battery is awful",
        "Update: still broken after the repair\nEdit: support never replied",
        "Customer: great phone\nCustomer: terrible case",
        "Loved it.\nWould buy again: yes",
    ] {
        assert_eq!(
            support.analyze(text).compound(),
            Analyzer::new().analyze(text).compound(),
            "{text}"
        );
    }
    assert_eq!("Support".parse::<Speaker>().unwrap(), Speaker::Support);
    assert!("bystander".parse::<Speaker>().is_err());
    let vader = Analyzer::builder()
        .model(empathic::Model::Vader)
        .speaker(Speaker::Support)
        .build();
    assert!(vader.is_err_and(|e| e.is_config()));
}
