//! The analyser: document → sentences → tokens → rules → one score.
//!
//! # Document rules
//!
//! What `Analyzer::analyze` does with the sentence sums, and how `combine` makes one score of
//! them (moved from `ARCHITECTURE.md`, which keeps the outline).
//!
//! - A middling verdict ("mixed feelings", "three stars", "3/5": `middling.tsv`, midpoint ratings;
//!   not negated, not conceded) scales the compound ×0.05 (`MIDDLING`; a faint-praise verdict,
//!   "nothing special", scales only a positive one): a pros-and-cons review is neither praise nor
//!   complaint, however long its list of pros.
//! - Phatic formulas (`phatic.tsv`: "Best regards", "Thanks in advance", "Sorry for the
//!   inconvenience") are dropped first when the rest of the message leans the other way
//!   (`analyzer::dropped_phatic`; salutations and sign-offs such as "Kind regards" are 0 always).
//! - A closing one-word sentence after nothing but complaints (no clause of praise either) is read
//!   as sarcasm when it is praise ("... Fantastic.", `rules::IRONIC_VERDICTS`: its sign turns) and
//!   as a courtesy when it is thanks ("Thanks.": 0), as closing thanks after a request also is
//!   ("Please update my address. Thanks.", `SentenceRaw::asks`) (`analyzer::closing_reaction`; an
//!   intensifier may come first: "Super helpful.", not the writer's feeling: "Really grateful.").
//! - A message of 30 words or more that asks for something and holds only mild praise (no sentence
//!   past 0.5, no complaint) is a courteous request and scores nothing
//!   (`analyzer::courteous_request`, explained as `Modifier::Request`).
//! - A message that opens as a note for other readers ("For anyone wondering, ...", "Replying to
//!   the question about ...", "Fit notes:", "FYI"; `SentenceRaw::informs`) and has no sentence
//!   at ±0.6 or beyond is an informational report and scores nothing
//!   (`analyzer::informational_report`, explained as `Modifier::Informational`).
//! - In a chat transcript (`transcript::turns`), the sentences of the side not scored
//!   (`Speaker`) are silent (`SentenceRaw::silent`): no score, no affect, and the rules here read
//!   the other side without them (the agent's "Have a great day!" does not close the
//!   customer's message); a customer turn that only acknowledges ("ok thanks", `hear`) is a
//!   courtesy, and the customer's side of a chat is a request however short (below).
//! - A sentence reporting the writer's apprehension before later praise ("I was so nervous about
//!   hiring a contractor ...", `SentenceRaw::setup`) is a setup and weighs 0.25, and is not the
//!   strong negative of a `Mixed` label.
//! - An exclamation with no opinion word ("Already booked for next summer!!"; not about waiting or
//!   contact, not a greeting: `SentenceRaw::exclaimed`) is mild enthusiasm (+0.5) in a document
//!   with no complaint and no request (`analyzer::bare_exclamations`).
//! - Then the contrast-weighted mean raw sum of opinionated sentences × √(their number, up to 4; a
//!   closing one-word sentence after other opinions, "... Ugh!", weighs ×1.5 as the verdict),
//!   normalised like a sentence: agreeing sentences add evidence, opposite ones cancel, and length
//!   alone never saturates the score.
//! - `Mixed` when a strongly positive and a strongly negative sentence or clause coexist
//!   (`SentenceRaw::clauses`: clauses split at commas and contrast words).

use std::cell::RefCell;
use std::sync::{Arc, LazyLock};

use crate::affect::{Affect, SentenceAffect};
use crate::builder::AnalyzerBuilder;
use crate::explain::{Contribution, Explanation};
use crate::lexicon::Lexicon;
use crate::lexicon::vocab::Vocab;
use crate::model::Model;
use crate::rules::{self, Config, Lone, Middling, NoRecord, Recorder, Scratch, SentenceRaw};
use crate::score::{DocumentScore, Polarity, SentenceScore, label};
use crate::stem::Stemmer;
use crate::tokenize::{Token, sentences, tokenize};
use crate::transcript::{self, Side, Speaker, Turn};

/// A sentence opening with `but`/`however` weighs ×1.5 in the document, the sentence before it
/// ×0.5: the same contrast as within a sentence (VADER's `but` weights).
const LEADING_CONTRAST: f64 = 1.5;
/// See [`LEADING_CONTRAST`].
const BEFORE_LEADING_CONTRAST: f64 = 0.5;
/// A closing sentence of one word or symbol after other opinions ("... now I'm off to wrap.
/// Ugh!", "Called three times. Useless.") is the writer's verdict: it weighs like a `but` clause.
const CLOSING_VERDICT: f64 = 1.5;
/// The strongest sentence a courteous request may hold (`courteous_request`): a sentence
/// compound of 0.5 is one clear word of praise ("It works well.").
const REQUEST_CEILING: f64 = 0.5;
/// The fewest words of a courteous request: shorter messages that ask are chat ("hey friend!
/// Where you gonna be today?"), whose mild praise is the mood.
const REQUEST_WORDS: usize = 30;

/// The strongest sentence an informational report may hold (a compound, either sign): "They're
/// true to length and snug" (0.56) is description; a sentence at 0.6 or beyond is a verdict,
/// and the message keeps its score.
const INFORMATION_CEILING: f64 = 0.6;
/// Weight of a sentence reporting the writer's apprehension before later praise ("I was nervous
/// about hiring a contractor. ... Our kitchen looks amazing."): a setup, not the verdict.
const SETUP: f64 = 0.25;
/// Scale of the compound when the writer states a middling verdict (`SentenceRaw::middling`):
/// the opinions are the pros and cons of a three-star review, so the document lands in the
/// neutral band (below ±0.05 whatever the pros and cons: a long review's pile of them reached
/// ±0.6 and stayed positive at the earlier 0.1). After faint praise ("nothing special", "hit and
/// miss") only a positive compound is scaled: critics' faint praise is a complaint.
const MIDDLING: f64 = 0.05;
/// Words the sentences before a closing word of praise or thanks must have for it to be read as
/// their verdict (`closing_reaction`): not after a one-word complaint ("Weird. Rewarding.").
const IRONY_CONTEXT: usize = 3;
/// Agreeing opinionated sentences strengthen a document up to this many (√n growth, as a plain
/// sum over √n would); beyond it, length adds nothing. 4 was chosen on the tune half of the VADER
/// tweet set (r 0.868 for 3 to 6; a plain mean of sentence compounds gave 0.849).
const EVIDENCE_SENTENCES: usize = 4;

/// Scores text. Immutable, `Send + Sync`, and cheap to clone (an `Arc`): build one and share it.
///
/// ```
/// use empathic::{Analyzer, Polarity};
///
/// let analyzer = Analyzer::new();
/// let score = analyzer.analyze("The kettle looks great but it stopped working after a week.");
/// assert_eq!(score.polarity(), Polarity::Negative);
/// assert!(score.compound() < 0.0);
/// ```
#[derive(Clone)]
pub struct Analyzer {
    inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub lexicon: Arc<Lexicon>,
    /// The lexicon and the emotion lexicon as one table for the hot path.
    pub vocab: Arc<Vocab>,
    pub config: Config,
    pub mixed_threshold: f64,
    pub model: Model,
    pub affect: Affect,
    /// Whose turns of a chat transcript are scored.
    pub speaker: Speaker,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("lexicon", &self.inner.lexicon)
            .field("config", &self.inner.config)
            .field("mixed_threshold", &self.inner.mixed_threshold)
            .field("model", &self.inner.model)
            .field("affect", &self.inner.affect)
            .field("speaker", &self.inner.speaker)
            .finish()
    }
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer::new()
    }
}

static DEFAULT: LazyLock<Analyzer> = LazyLock::new(Analyzer::new);

/// Scores `text` with the default analyser (bundled lexicons, default settings).
///
/// ```
/// let score = empathic::analyze("Works like a charm, highly recommend!");
/// assert!(score.compound() > 0.5);
/// ```
pub fn analyze(text: &str) -> DocumentScore {
    DEFAULT.analyze(text)
}

impl Analyzer {
    /// The default analyser: bundled English lexicons, default settings.
    pub fn new() -> Self {
        AnalyzerBuilder::default()
            .build()
            .expect("default settings are valid")
    }

    /// A builder to configure an analyser.
    ///
    /// ```
    /// let analyzer = empathic::Analyzer::builder().negation_window(3).build().unwrap();
    /// assert!(analyzer.analyze("not good").compound() < 0.0);
    /// ```
    pub fn builder() -> AnalyzerBuilder {
        AnalyzerBuilder::default()
    }

    pub(crate) fn from_inner(inner: Inner) -> Self {
        Analyzer {
            inner: Arc::new(inner),
        }
    }

    /// Scores one document. Never fails: empty or unreadable text scores neutral with
    /// `tokens() == 0`.
    ///
    /// ```
    /// let s = empathic::Analyzer::new().analyze("");
    /// assert_eq!((s.compound(), s.tokens(), s.neutral()), (0.0, 0, 1.0));
    /// ```
    pub fn analyze(&self, text: &str) -> DocumentScore {
        match self.inner.model {
            Model::Default => self.run(text, &mut NoRecord),
            Model::Vader => crate::vader::analyze(text),
        }
    }

    /// Scores one document and lists every term that contributed, with the rules applied to it.
    ///
    /// ```
    /// let e = empathic::Analyzer::new().explain("not very good");
    /// let good = &e.contributions[0];
    /// assert_eq!(good.text, "good");
    /// assert_eq!(good.modifiers.len(), 2); // boosted by "very", negated by "not"
    /// assert!(good.contribution < 0.0);
    /// ```
    ///
    /// With [`Model::Vader`] the contribution list is empty: that model reports only the score.
    pub fn explain(&self, text: &str) -> Explanation {
        if self.inner.model == Model::Vader {
            return Explanation {
                score: crate::vader::analyze(text),
                contributions: Vec::new(),
            };
        }
        let mut contributions: Vec<Contribution> = Vec::new();
        let score = self.run(text, &mut contributions);
        contributions.sort_by_key(|c| (c.start, c.end));
        Explanation {
            score,
            contributions,
        }
    }

    fn run<R: Recorder>(&self, text: &str, rec: &mut R) -> DocumentScore {
        thread_local! {
            /// This thread's buffers, kept from one document to the next so that scoring
            /// allocates nothing but the returned score. Not shared: each thread has its own.
            static WORKSPACE: RefCell<Option<Workspace<'static>>> = const { RefCell::new(None) };
        }
        /// The workspace while a document is scored, handed back when dropped: the score is
        /// then written straight into the caller's place, where one made before the hand-back
        /// was copied out.
        struct Lent<'a>(Option<Workspace<'a>>);
        impl Drop for Lent<'_> {
            fn drop(&mut self) {
                if let Some(ws) = self.0.take() {
                    WORKSPACE.with(|cell| *cell.borrow_mut() = Some(ws.recycle()));
                }
            }
        }
        // Taken out while in use, so a nested call would get a fresh one.
        let mut lent = Lent(Some(
            (WORKSPACE.with(|cell| cell.borrow_mut().take()))
                .unwrap_or_default()
                .recycle(),
        ));
        match &mut lent.0 {
            Some(ws) => self.run_in(text, ws, rec),
            None => unreachable!("lent above"),
        }
    }

    /// [`explain`](Self::explain) reusing a batch worker's buffers.
    pub(crate) fn explain_in<'a>(&'a self, text: &str, ws: &mut Workspace<'a>) -> Explanation {
        if self.inner.model == Model::Vader {
            return self.explain(text);
        }
        let mut contributions: Vec<Contribution> = Vec::new();
        let score = self.run_in(text, ws, &mut contributions);
        contributions.sort_by_key(|c| (c.start, c.end));
        Explanation {
            score,
            contributions,
        }
    }

    /// Scores one document with buffers that outlive it, so a batch allocates them once per
    /// worker rather than once per text.
    fn run_in<'a, R: Recorder>(
        &'a self,
        text: &str,
        ws: &mut Workspace<'a>,
        rec: &mut R,
    ) -> DocumentScore {
        let inner = &*self.inner;
        let lex = &*inner.lexicon;
        // CAPS emphasis only counts when the writer was not shouting everything (VADER). An
        // ASCII lower-case byte is a lower-case character in any UTF-8 text, and most texts
        // have one near their start: no scan of the whole text for non-ASCII first.
        let caps_ok = text.bytes().any(|b| b.is_ascii_lowercase())
            || (!text.is_ascii() && text.chars().any(char::is_lowercase));
        let Workspace { scratch, bufs } = ws;
        let Buffers {
            tokens,
            raws,
            affects,
            stemmer,
            turns,
        } = &mut **bufs;
        let aff = inner.affect.lexicon.as_deref();
        raws.clear();
        affects.clear();
        // A chat transcript: each sentence's side is its latest turn's, and a speaker label
        // opening a sentence is no part of what is said.
        let sentences = sentences(text);
        let chat = inner.speaker != Speaker::Everyone
            && sentences.may_break_lines()
            && transcript::turns(text, turns);
        let (mut next_turn, mut side) = (0, Side::Nobody);
        for (start, sentence) in sentences {
            let (start, sentence) = if chat {
                next_label(text, turns, &mut next_turn, &mut side, start, sentence)
            } else {
                (start, sentence)
            };
            tokens.clear();
            tokenize(sentence, start, &|e| lex.is_emoticon(e), tokens);
            let index = raws.len();
            let mut affect = SentenceAffect::default();
            let mut raw = rules::score_sentence(
                text,
                tokens,
                lex,
                &inner.vocab,
                stemmer,
                &inner.config,
                caps_ok,
                index,
                scratch,
                rec,
                aff,
                &mut affect,
            );
            if chat {
                hear(
                    inner.speaker,
                    side,
                    sentence,
                    index,
                    &mut raw,
                    &mut affect,
                    rec,
                );
            }
            if aff.is_some() {
                affects.push(affect);
            }
            raws.push((raw, start, start + sentence.len()));
        }
        if let Some(praise) = dropped_phatic(raws) {
            for (raw, ..) in raws.iter_mut() {
                *raw = raw.without_phatic(praise);
            }
            if R::ON {
                rec.drop_phatic(praise);
            }
        }
        if let Some((k, lone)) = closing_reaction(raws) {
            if R::ON {
                rec.closing(k, lone);
            }
        }
        bare_exclamations(text, raws, rec);
        if courteous_request(raws, chat) {
            for (raw, ..) in raws.iter_mut() {
                raw.neu += raw.pos;
                (raw.sum, raw.pos, raw.clauses, raw.matched) = (0.0, 0.0, (0.0, 0.0), 0);
            }
            if R::ON {
                rec.courtesy();
            }
        }
        if informational_report(raws) {
            for (raw, ..) in raws.iter_mut() {
                raw.neu += raw.pos + raw.neg;
                (raw.sum, raw.pos, raw.neg, raw.clauses, raw.matched) =
                    (0.0, 0.0, 0.0, (0.0, 0.0), 0);
            }
            if R::ON {
                rec.informational();
            }
        }
        let score = combine(raws, inner.mixed_threshold, &inner.affect, affects);
        if R::ON && middling_applies(raws, score.compound) {
            rec.middling(MIDDLING);
        }
        score
    }
}

/// What a sentence of a chat transcript said by `side` counts for: nothing when that side is
/// not scored, a courtesy when it only acknowledges ("ok thanks"), else what it says. Out of
/// line: most texts are no transcript.
#[inline(never)]
fn hear<R: Recorder>(
    speaker: Speaker,
    side: Side,
    sentence: &str,
    index: usize,
    raw: &mut SentenceRaw,
    affect: &mut SentenceAffect,
    rec: &mut R,
) {
    if !speaker.scores(side) {
        if R::ON {
            rec.unscored_speaker(index);
        }
        *raw = SentenceRaw {
            silent: true,
            ..SentenceRaw::default()
        };
        *affect = SentenceAffect::default();
    } else if transcript::acknowledges(sentence) {
        if R::ON {
            rec.acknowledgment(index);
        }
        *raw = SentenceRaw {
            neu: raw.neu + raw.pos + raw.neg,
            tokens: raw.tokens,
            ..SentenceRaw::default()
        };
    }
}

/// The sentence at `start` of a chat transcript without the speaker label that opens it, and
/// its side (`side`: the latest turn's, kept from one sentence to the next with `next`, the
/// first turn not yet reached).
fn next_label<'t>(
    text: &'t str,
    turns: &[Turn],
    next: &mut usize,
    side: &mut Side,
    start: usize,
    sentence: &'t str,
) -> (usize, &'t str) {
    let end = start + sentence.len();
    let mut from = start;
    while let Some(t) = turns.get(*next).filter(|t| t.line < end) {
        *side = t.side;
        from = t.body.clamp(start, end);
        *next += 1;
    }
    (from, &text[from..end])
}

/// A closing word of praise or thanks after nothing but complaints (`SentenceRaw::lone`): praise
/// is sarcasm, the complaint's verdict ("The return label doesn't scan. Fantastic.", "... could
/// be this incompetent. Congrats"), so its sign turns; thanks is a courtesy ("Please send a
/// replacement. Thanks."), which counts for nothing, like "Thanks in advance" (phatic.tsv). Not
/// after a one-word complaint ("Weird. Rewarding."). Returns what the sentence was read as, and its index.
fn closing_reaction(raws: &mut [(SentenceRaw, usize, usize)]) -> Option<(usize, Lone)> {
    // The last sentence of the side scored: the agent's "Have a great day!" may follow.
    let said = raws.iter().rposition(|(r, ..)| !r.silent)? + 1;
    let ((last, ..), before) = raws[..said].split_last_mut()?;
    if last.lone == Lone::No || before.iter().map(|(r, ..)| r.tokens).sum::<usize>() < IRONY_CONTEXT
    {
        return None;
    }
    // Nothing but complaints or requests: no clause of praise either ("Lost my card, the new one
    // came in 2 days. Brilliant." tells a problem solved).
    let complaint = before.iter().any(|(r, ..)| r.sum < 0.0);
    let praise = before
        .iter()
        .any(|(r, ..)| r.sum > 0.0 || r.clauses.0 > 0.0);
    let asked = before.iter().any(|(r, ..)| r.asks);
    if praise || !(complaint || asked && last.lone == Lone::Thanks) {
        return None;
    }
    if last.lone == Lone::Praise {
        last.sum = -last.sum;
        std::mem::swap(&mut last.pos, &mut last.neg);
        last.clauses = (-last.clauses.1, -last.clauses.0);
    } else {
        last.neu += last.pos;
        (last.sum, last.pos, last.clauses, last.matched) = (0.0, 0.0, (0.0, 0.0), 0);
    }
    Some((said - 1, last.lone))
}

/// A message of several sentences that asks for something (a question, a "please") and whose
/// opinion words are all mild and positive ("I'd like to schedule a move-out inspection. ... I'll
/// have the keys ready. Please let me know ... Thanks!") is a courteous request: its words of
/// praise are politeness and topic, not a verdict, so it scores nothing. A complaint anywhere,
/// or one sentence of clear praise, and the message keeps its score.
fn courteous_request(raws: &[(SentenceRaw, usize, usize)], chat: bool) -> bool {
    // The customer's side of a support chat is a request, however short and however it is
    // punctuated ("hi, what's the rate on the 1 year fixed savings").
    let words = if chat { 0 } else { REQUEST_WORDS };
    raws.iter().filter(|(r, ..)| !r.silent).count() > 1
        && raws.iter().map(|(r, ..)| r.tokens).sum::<usize>() >= words
        && (chat || raws.iter().any(|(r, ..)| r.asks))
        && raws.iter().any(|(r, ..)| r.sum > 0.0)
        && raws.iter().all(|(r, ..)| {
            r.sum >= 0.0 && r.clauses.1 >= 0.0 && rules::normalize(r.sum) < REQUEST_CEILING
        })
}

/// A message that opens as a note for other readers (`SentenceRaw::informs`: "For anyone
/// wondering, ...", "Replying to the question about the accessible room.", "Fit notes:") and
/// states no strong opinion in any sentence is an informational report: sizes, prices, opening
/// hours and answers, whose words ("free", "welcome", "true to size", "no cash") describe rather
/// than judge, so it scores nothing. One sentence of clear praise or complaint ("For anyone
/// thinking about it: the numbers lie.") and the message keeps its score.
fn informational_report(raws: &[(SentenceRaw, usize, usize)]) -> bool {
    raws.first().is_some_and(|(r, ..)| r.informs)
        && raws
            .iter()
            .all(|(r, ..)| rules::normalize(r.sum).abs() < INFORMATION_CEILING)
}

/// Buffers reused from one document to the next: one set per thread (a thread-local one for
/// `analyze`, one per worker in a batch).
#[derive(Default)]
pub(crate) struct Workspace<'a> {
    scratch: Scratch<'a>,
    /// The buffers that borrow nothing, boxed so that the workspace moves in registers (it
    /// changes hands twice per document: `recycle`).
    bufs: Box<Buffers>,
}

/// See [`Workspace::bufs`].
#[derive(Default)]
struct Buffers {
    tokens: Vec<Token>,
    raws: Vec<(SentenceRaw, usize, usize)>,
    affects: Vec<SentenceAffect>,
    stemmer: Stemmer,
    turns: Vec<Turn>,
}

impl Workspace<'_> {
    /// The same buffers, emptied, for another borrow of an analyser.
    fn recycle<'b>(self) -> Workspace<'b> {
        Workspace {
            scratch: self.scratch.recycle(),
            bufs: self.bufs,
        }
    }
}

/// Empties `v` and returns its allocation as a vector of another lifetime. The standard library
/// collects a consumed `Vec` into one of the same layout in place, so nothing is allocated
/// (tests/alloc.rs checks it).
pub(crate) fn recycle<T, U>(mut v: Vec<T>) -> Vec<U> {
    v.clear();
    v.into_iter()
        .map(|_| unreachable!("the vector is empty"))
        .collect()
}

/// Valence of an exclamation with no opinion word (`SentenceRaw::exclaimed`): mild praise,
/// under "ok" (0.9), enough to leave the neutral band. People exclaim over what pleases them
/// ("Already booked for next summer!!", "This place has it!", "Of course they could!").
const EXCLAIMED: f64 = 0.5;

/// Scores the document's bare exclamations (`SentenceRaw::exclaimed`) as mild praise, unless a
/// sentence complains or asks: in a ticket "Do something!" urges, in a request "Hi!" greets.
fn bare_exclamations<R: Recorder>(
    text: &str,
    raws: &mut [(SentenceRaw, usize, usize)],
    rec: &mut R,
) {
    if !raws.iter().any(|(r, ..)| r.exclaimed) || raws.iter().any(|(r, ..)| r.sum < 0.0 || r.asks) {
        return;
    }
    for (k, (raw, start, end)) in raws.iter_mut().enumerate() {
        if raw.exclaimed {
            raw.sum += EXCLAIMED;
            raw.pos += EXCLAIMED;
            raw.matched += 1;
            if R::ON {
                rec.exclaimed(text, k, *start, *end, EXCLAIMED);
            }
        }
    }
}

/// Whether the document's middling verdict scales a compound of this sign ([`MIDDLING`]).
fn middling_applies(raws: &[(SentenceRaw, usize, usize)], compound: f64) -> bool {
    match raws.iter().map(|(r, ..)| r.middling).max() {
        Some(Middling::Neutral) => compound != 0.0,
        Some(Middling::Faint) => compound > 0.0,
        _ => false,
    }
}

/// Combines sentence scores into the document score.
///
/// The document's raw sum is the contrast-weighted mean of its opinionated sentences' raw sums
/// (sentences without a sentiment term do not dilute it), times the square root of their number
/// up to [`EVIDENCE_SENTENCES`], then mapped to [−1, 1] like a sentence. A sentence opening with
/// `but`/`however` weighs ×1.5 and the opinionated sentence before it ×0.5. So two or three
/// agreeing sentences say more than one (as people rate short posts), opposite sentences cancel,
/// and length alone never drives a long review to ±0.99 as VADER's plain sum does. Emotions,
/// signals and escalation come from the sentences' `affects` (see [`Affect::attach`]).
fn combine(
    raws: &[(SentenceRaw, usize, usize)],
    mixed_threshold: f64,
    affect: &Affect,
    affects: &[SentenceAffect],
) -> DocumentScore {
    let (mut weighted, mut total_weight, mut opinions) = (0.0, 0.0, 0usize);
    // The last opinionated sentence, added once no later sentence can reweigh it: (sum, weight).
    let mut last_opinion: Option<(f64, f64)> = None;
    let mut add = |(sum, w): (f64, f64)| {
        weighted += sum * w;
        total_weight += w;
        opinions += 1;
    };
    // The end of what the side scored says (a transcript's other side may follow).
    let said = raws
        .iter()
        .rposition(|(r, ..)| !r.silent)
        .map_or(0, |k| k + 1);
    // The last sentence of praise: apprehension reported before it was a setup.
    let last_praise = raws.iter().rposition(|(r, ..)| r.sum > 0.0);
    let setup = |k: usize, raw: &SentenceRaw| {
        raw.setup && raw.sum < 0.0 && last_praise.is_some_and(|p| p > k)
    };
    for (k, (raw, ..)) in raws.iter().enumerate() {
        let mut w = 1.0;
        if setup(k, raw) {
            w *= SETUP;
        }
        if k + 1 == said && raw.tokens == 1 && last_opinion.is_some() {
            w *= CLOSING_VERDICT;
        }
        if raw.leading_contrast {
            if let Some(p) = &mut last_opinion {
                p.1 *= BEFORE_LEADING_CONTRAST;
                w *= LEADING_CONTRAST;
            }
        }
        if raw.sum != 0.0 {
            if let Some(p) = last_opinion.replace((raw.sum, w)) {
                add(p);
            }
        }
    }
    if let Some(p) = last_opinion {
        add(p);
    }
    let mut compound = if opinions == 0 {
        0.0
    } else {
        let evidence = (opinions.min(EVIDENCE_SENTENCES) as f64).sqrt();
        rules::normalize(weighted / total_weight * evidence)
    };
    if middling_applies(raws, compound) {
        compound *= MIDDLING;
    }

    let (mut pos, mut neg, mut neu) = (0.0, 0.0, 0.0);
    let (mut tokens, mut matched) = (0, 0);
    let (mut strong_pos, mut strong_neg) = (false, false);
    let mut sentences: Vec<SentenceScore> = raws
        .iter()
        .enumerate()
        .map(|(k, &(raw, start, end))| {
            pos += raw.pos;
            neg += raw.neg;
            neu += raw.neu;
            tokens += raw.tokens;
            matched += raw.matched;
            let (p, n, u) = shares(raw.pos, raw.neg, raw.neu);
            let compound = rules::normalize(raw.sum);
            strong_pos |= compound.max(rules::normalize(raw.clauses.0)) >= mixed_threshold;
            // A setup's fears are not the verdict: the story is not mixed for them.
            strong_neg |= compound.min(rules::normalize(raw.clauses.1)) <= -mixed_threshold
                && !setup(k, &raw);
            SentenceScore {
                start,
                end,
                compound,
                positive: p,
                negative: n,
                neutral: u,
                emotions: Default::default(),
                signals: Default::default(),
            }
        })
        .collect();
    let (positive, negative, neutral) = shares(pos, neg, neu);
    let polarity = if strong_pos && strong_neg {
        Polarity::Mixed
    } else {
        label(compound)
    };
    // Before the score is built, so that it is built in the caller's place.
    let (emotions, signals, escalation, escalate) =
        affect.attach(&mut sentences, compound, affects);
    DocumentScore {
        compound,
        positive,
        negative,
        neutral,
        polarity,
        tokens,
        matched,
        sentences,
        emotions,
        signals,
        escalation,
        escalate,
    }
}

/// Which of the document's phatic formulas count for nothing: praise (`Some(true)`) when what
/// else it says is a complaint, apology (`Some(false)`) when it is praise. Formulas are ritual:
/// "Thanks in advance" closing a complaint is no gratitude, "Sorry for the inconvenience"
/// before a full refund no grievance; agreeing with the message, or alone, they keep their
/// tone ("Good morning everyone!").
fn dropped_phatic(raws: &[(SentenceRaw, usize, usize)]) -> Option<bool> {
    let formulas = |raw: &SentenceRaw| raw.phatic[0].matched + raw.phatic[1].matched;
    if raws.iter().all(|(raw, ..)| formulas(raw) == 0)
        || !raws.iter().any(|(raw, ..)| raw.has_content())
    {
        return None;
    }
    let content: f64 = raws.iter().map(|(raw, ..)| raw.content_sum()).sum();
    (content != 0.0).then_some(content < 0.0)
}

/// Positive, negative and neutral masses as shares summing to 1 (all neutral when empty).
fn shares(pos: f64, neg: f64, neu: f64) -> (f64, f64, f64) {
    let total = pos + neg + neu;
    if total <= 0.0 {
        return (0.0, 0.0, 1.0);
    }
    let (p, n) = (pos / total, neg / total);
    (p, n, (1.0 - p - n).max(0.0))
}
