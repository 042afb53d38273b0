//! Configuring an [`Analyzer`].

use std::path::PathBuf;
use std::sync::Arc;

use crate::affect::{self, Affect, DEFAULT_ESCALATION_THRESHOLD, DEFAULT_ESCALATION_WEIGHTS};
use crate::analyzer::{Analyzer, Inner};
use crate::error::Error;
use crate::lexicon::vocab::{self, Vocab};
use crate::lexicon::{self, BOOSTER_RANGE, Lexicon, Role, Source, VALENCE_RANGE};
use crate::model::Model;
use crate::rules::Config;
use crate::transcript::Speaker;

/// Builds an [`Analyzer`]. Setters take and return `&mut Self`; [`build`](Self::build) checks the
/// settings and loads the lexicons, so a built analyser never pays a first-use cost.
///
/// ```
/// use empathic::Analyzer;
///
/// let analyzer = Analyzer::builder()
///     .term("meh", -1.2)                       // a new word
///     .term("out of stock", -1.5)              // a new phrase
///     .lexicon_tsv("sluggish\t-1.4\n")         // a TSV in the lexicons/ format
///     .build()?;
/// assert!(analyzer.analyze("It was meh").compound() < 0.0);
/// assert!(analyzer.analyze("Out of stock again").compound() < 0.0);
/// # Ok::<(), empathic::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct AnalyzerBuilder {
    model: Model,
    builtin: bool,
    stemming: bool,
    emphasis: bool,
    negation_window: usize,
    mixed_threshold: f64,
    emotions: bool,
    escalation_threshold: f64,
    escalation_weights: [f64; 4],
    terms: Vec<(String, f64)>,
    boosters: Vec<(String, f64)>,
    negators: Vec<String>,
    tsv: Vec<String>,
    files: Vec<PathBuf>,
    speaker: Speaker,
}

impl Default for AnalyzerBuilder {
    fn default() -> Self {
        AnalyzerBuilder {
            model: Model::Default,
            builtin: true,
            stemming: true,
            emphasis: true,
            negation_window: DEFAULT_NEGATION_WINDOW,
            mixed_threshold: DEFAULT_MIXED_THRESHOLD,
            emotions: true,
            escalation_threshold: DEFAULT_ESCALATION_THRESHOLD,
            escalation_weights: DEFAULT_ESCALATION_WEIGHTS,
            terms: Vec::new(),
            boosters: Vec::new(),
            negators: Vec::new(),
            tsv: Vec::new(),
            files: Vec::new(),
            speaker: Speaker::Customer,
        }
    }
}

/// Words after a negator that it still reaches, within its clause. VADER looks three words
/// back; four catches "don't think it's good" and a comma or `but` still ends the scope.
pub const DEFAULT_NEGATION_WINDOW: usize = 4;
/// A sentence at or beyond ±this compound counts as strongly positive/negative for
/// [`Polarity::Mixed`](crate::Polarity::Mixed).
pub const DEFAULT_MIXED_THRESHOLD: f64 = 0.5;

impl AnalyzerBuilder {
    /// The scoring model (default [`Model::Default`]). [`Model::Vader`] reproduces Python
    /// vaderSentiment 3.3.2 and accepts no other setting.
    ///
    /// ```
    /// use empathic::{Analyzer, Model};
    ///
    /// let vader = Analyzer::builder().model(Model::Vader).build()?;
    /// // vaderSentiment 3.3.2 gives 0.3832 ("kind of" dampens "good", which alone gives 0.4404).
    /// assert_eq!(vader.analyze("The book was only kind of good.").compound(), 0.3832);
    /// assert!(Analyzer::builder().model(Model::Vader).term("meh", -1.0).build().is_err());
    /// # Ok::<(), empathic::Error>(())
    /// ```
    pub fn model(&mut self, model: Model) -> &mut Self {
        self.model = model;
        self
    }

    /// Whether to start from the bundled lexicons (default `true`). With `false` only the terms
    /// you add count (the bundled negators, boosters and contrast words still apply).
    pub fn builtin_lexicons(&mut self, yes: bool) -> &mut Self {
        self.builtin = yes;
        self
    }

    /// Whether unknown words fall back to their English stem (default `true`), so that
    /// "disappointingly" finds the "disappoint…" family.
    pub fn stemming(&mut self, yes: bool) -> &mut Self {
        self.stemming = yes;
        self
    }

    /// Whose turns of a chat transcript count (default [`Speaker::Customer`]): in text whose
    /// lines open with speaker labels ("Agent: ...", "Customer: ..."), the other side's
    /// sentences score nothing, so the agent's scripted apologies and thanks do not hide how
    /// the customer feels. [`Speaker::Everyone`] scores every line; text that is not a
    /// transcript is scored whole whatever the setting.
    ///
    /// ```
    /// use empathic::{Analyzer, Speaker};
    ///
    /// let chat = "Support: We're so sorry! Happy to help :)\nCustomer: ok. still no refund.";
    /// assert!(Analyzer::new().analyze(chat).compound() < 0.0);
    /// let all = Analyzer::builder().speaker(Speaker::Everyone).build()?;
    /// assert!(all.analyze(chat).compound() > Analyzer::new().analyze(chat).compound());
    /// # Ok::<(), empathic::Error>(())
    /// ```
    pub fn speaker(&mut self, speaker: Speaker) -> &mut Self {
        self.speaker = speaker;
        self
    }

    /// Whether ALL CAPS, elongation and `!`/`?` add emphasis (default `true`).
    pub fn emphasis(&mut self, yes: bool) -> &mut Self {
        self.emphasis = yes;
        self
    }

    /// How many words after a negator it reaches, within its clause (default
    /// [`DEFAULT_NEGATION_WINDOW`]; 1 to 20).
    pub fn negation_window(&mut self, words: usize) -> &mut Self {
        self.negation_window = words;
        self
    }

    /// The compound beyond which a sentence, or a clause of one (split at commas and contrast
    /// words), counts as strong for
    /// [`Polarity::Mixed`](crate::Polarity::Mixed) (default [`DEFAULT_MIXED_THRESHOLD`];
    /// in (0, 1], and 1 never reports mixed... except for ±1 sentences).
    pub fn mixed_threshold(&mut self, threshold: f64) -> &mut Self {
        self.mixed_threshold = threshold;
        self
    }

    /// Whether to score emotions and customer signals (default `true`). With `false` the emotion
    /// pass is skipped: [`DocumentScore::emotions`](crate::DocumentScore::emotions) and
    /// [`signals`](crate::DocumentScore::signals) are all 0, and escalation reads valence only.
    pub fn emotions(&mut self, yes: bool) -> &mut Self {
        self.emotions = yes;
        self
    }

    /// The escalation score at or above which
    /// [`DocumentScore::escalate`](crate::DocumentScore::escalate) is `true` (default
    /// [`DEFAULT_ESCALATION_THRESHOLD`]; in (0, 1]). Lower it to route more tickets to a person.
    ///
    /// ```
    /// let text = "I've been waiting for two weeks for a reply.";
    /// let strict = empathic::Analyzer::builder().escalation_threshold(0.95).build()?;
    /// let eager = empathic::Analyzer::builder().escalation_threshold(0.2).build()?;
    /// assert!(!strict.analyze(text).escalate());
    /// assert!(eager.analyze(text).escalate());
    /// # Ok::<(), empathic::Error>(())
    /// ```
    pub fn escalation_threshold(&mut self, threshold: f64) -> &mut Self {
        self.escalation_threshold = threshold;
        self
    }

    /// The weights, each in [0, 1], of negative valence (`max(0, −compound)`), frustration,
    /// urgency and churn intent in the escalation score (default
    /// [`DEFAULT_ESCALATION_WEIGHTS`]: 0.5, 0.8, 0.6, 0.9). A weight of 0 ignores that cue.
    ///
    /// ```
    /// // Route only churn risks: "cancel" escalates, an angry complaint does not.
    /// let a = empathic::Analyzer::builder().escalation_weights(0.0, 0.0, 0.0, 1.0).build()?;
    /// assert!(a.analyze("Please cancel my subscription.").escalate());
    /// assert!(!a.analyze("This is the third time I ask, terrible service!").escalate());
    /// # Ok::<(), empathic::Error>(())
    /// ```
    pub fn escalation_weights(
        &mut self,
        negative: f64,
        frustration: f64,
        urgency: f64,
        churn_intent: f64,
    ) -> &mut Self {
        self.escalation_weights = [negative, frustration, urgency, churn_intent];
        self
    }

    /// Adds or overrides a word or phrase with a valence on VADER's scale (−4 … +4).
    pub fn term(&mut self, term: &str, valence: f64) -> &mut Self {
        self.terms.push((term.to_owned(), valence));
        self
    }

    /// Adds a booster (positive scalar, e.g. 0.293 like "very") or a dampener (negative).
    pub fn booster(&mut self, term: &str, scalar: f64) -> &mut Self {
        self.boosters.push((term.to_owned(), scalar));
        self
    }

    /// Adds a negator.
    pub fn negator(&mut self, term: &str) -> &mut Self {
        self.negators.push(term.to_owned());
        self
    }

    /// Adds the terms of a valence file in the `lexicons/` format (`term<TAB>valence`, `#`
    /// comments). Parsed at [`build`](Self::build).
    pub fn lexicon_tsv(&mut self, text: &str) -> &mut Self {
        self.tsv.push(text.to_owned());
        self
    }

    /// Adds the terms of a valence file on disk; read and parsed at [`build`](Self::build).
    pub fn lexicon_file(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.files.push(path.into());
        self
    }

    /// Checks the settings, loads the lexicons and builds the analyser.
    ///
    /// The bundled lexicons are parsed once per process, by the first analyser that needs them
    /// (about 4 ms; with emotions on, the emotion lexicon is parsed on a short-lived second
    /// thread meanwhile, or on this one where threads are unavailable) and shared afterwards.
    ///
    /// # Errors
    /// A setting out of range, a valence or booster scalar out of range, or a lexicon file that
    /// cannot be read or is malformed (the error names the line).
    ///
    /// ```
    /// let err = empathic::Analyzer::builder().lexicon_tsv("good\t1\nbad\n").build().unwrap_err();
    /// assert_eq!(err.line(), Some(2));
    /// assert!(empathic::Analyzer::builder().negation_window(0).build().unwrap_err().is_config());
    /// ```
    pub fn build(&self) -> Result<Analyzer, Error> {
        if !(1..=20).contains(&self.negation_window) {
            return Err(Error::config("negation window must be 1 to 20 words"));
        }
        if !(self.mixed_threshold > 0.0 && self.mixed_threshold <= 1.0) {
            return Err(Error::config("mixed threshold must be in (0, 1]"));
        }
        if !(self.escalation_threshold > 0.0 && self.escalation_threshold <= 1.0) {
            return Err(Error::config("escalation threshold must be in (0, 1]"));
        }
        if !self
            .escalation_weights
            .iter()
            .all(|w| (0.0..=1.0).contains(w))
        {
            return Err(Error::config("escalation weights must be in [0, 1]"));
        }
        if self.model == Model::Vader {
            return self.build_vader();
        }
        let customised = !self.builtin
            || !self.terms.is_empty()
            || !self.boosters.is_empty()
            || !self.negators.is_empty()
            || !self.tsv.is_empty()
            || !self.files.is_empty();
        if self.emotions {
            lexicon::load_both(!customised);
        }
        let affect = self.emotions.then(affect::builtin);
        let (lexicon, vocab) = if customised {
            let lexicon = self.custom_lexicon()?;
            let vocab = Vocab::new(&lexicon, affect.as_deref());
            (Arc::new(lexicon), Arc::new(vocab))
        } else {
            (lexicon::builtin(), vocab::builtin(self.emotions))
        };
        Ok(Analyzer::from_inner(Inner {
            lexicon,
            vocab,
            config: Config {
                negation_window: self.negation_window,
                stemming: self.stemming,
                emphasis: self.emphasis,
            },
            mixed_threshold: self.mixed_threshold,
            model: Model::Default,
            affect: Affect {
                lexicon: affect,
                threshold: self.escalation_threshold,
                weights: self.escalation_weights,
            },
            speaker: self.speaker,
        }))
    }

    /// VADER's scorer has its own fixed lexicon and rules: any other setting is an error rather
    /// than silently ignored.
    fn build_vader(&self) -> Result<Analyzer, Error> {
        if !self.builtin
            || !self.terms.is_empty()
            || !self.boosters.is_empty()
            || !self.negators.is_empty()
            || !self.tsv.is_empty()
            || !self.files.is_empty()
        {
            return Err(Error::config(
                "the vader model uses VADER's own lexicon: custom terms need the default model",
            ));
        }
        let d = AnalyzerBuilder::default();
        if (
            self.stemming,
            self.emphasis,
            self.negation_window,
            self.mixed_threshold,
            self.speaker,
        ) != (
            d.stemming,
            d.emphasis,
            d.negation_window,
            d.mixed_threshold,
            d.speaker,
        ) {
            return Err(Error::config(
                "the vader model takes no stemming, emphasis, negation window, mixed threshold or speaker setting",
            ));
        }
        crate::vader::preload();
        Ok(Analyzer::from_inner(Inner {
            lexicon: Arc::new(Lexicon::default()),
            vocab: Arc::default(),
            config: Config {
                negation_window: self.negation_window,
                stemming: self.stemming,
                emphasis: self.emphasis,
            },
            mixed_threshold: self.mixed_threshold,
            model: Model::Vader,
            // VADER scores the text as one unit, transcripts included.
            speaker: Speaker::Everyone,
            // VADER mode scores valence only.
            affect: Affect {
                lexicon: None,
                threshold: self.escalation_threshold,
                weights: self.escalation_weights,
            },
        }))
    }

    fn custom_lexicon(&self) -> Result<Lexicon, Error> {
        let mut lex = if self.builtin {
            (*lexicon::builtin()).clone()
        } else {
            let mut l = Lexicon::default();
            lexicon::insert_builtin_modifiers(&mut l)?;
            l
        };
        for text in &self.tsv {
            lex.insert_valence_tsv(text, Source::User)?;
        }
        for path in &self.files {
            let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, &e))?;
            lex.insert_valence_tsv(&text, Source::User)?;
        }
        for (term, v) in &self.terms {
            check_range(term, *v, VALENCE_RANGE)?;
            lex.insert(term, Some(*v as f32), None, Source::User);
        }
        for (term, k) in &self.boosters {
            check_range(term, *k, BOOSTER_RANGE)?;
            lex.insert(term, None, Some(Role::Booster(*k as f32)), Source::User);
        }
        for term in &self.negators {
            lex.insert(term, None, Some(Role::Negator), Source::User);
        }
        lex.finish();
        Ok(lex)
    }
}

fn check_range(term: &str, v: f64, (lo, hi): (f32, f32)) -> Result<(), Error> {
    if v.is_finite() && (f64::from(lo)..=f64::from(hi)).contains(&v) {
        Ok(())
    } else {
        Err(Error::config(format!(
            "value {v} for {term:?} is outside [{lo}, {hi}]"
        )))
    }
}
