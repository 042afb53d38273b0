//! Valence rules: from a sentence's tokens to its raw sentiment sum.
//!
//! Two passes. The first turns tokens into *items*: lexicon terms (phrases first, longest match,
//! then the word's exact key, its squeezed elongation, its English stem), neutral words, clause
//! boundaries and `!`/`?`, and with emotions on the emotion and signal terms on them (`affect.rs`).
//! The second walks the items left to right applying boosters, CAPS and
//! elongation emphasis, clause-bounded negation and contrast weights, then adds `!`/`?` emphasis;
//! each emotion term gets the same negation and boosters.
//! Every constant is here, with where its value comes from.
//!
//! # The rules, one by one
//!
//! What `find_items` and `score_sentence` apply (moved from `ARCHITECTURE.md`, which keeps the
//! outline). Each rule names its function or constant where it has one; its golden rows are in
//! `tests/data/golden.tsv`.
//!
//! - Boosters/dampeners with VADER's distance decay.
//! - ALL-CAPS, elongation and `!`/`?` emphasis.
//! - Clause-bounded negation (window 4, articles free, commas, contrast words, emoticons and an
//!   "and" opening a new clause end it, an "or" after a negated term carries it on; double negation
//!   only within two words).
//! - `but`/`although` contrast weights.
//! - "like" scores only as a verb ("not like" only after an auxiliary: "don't like", but "not like
//!   the others").
//! - "wow" takes the sign of the opinion terms in the rest of its sentence (a lone "no" is none).
//! - A question that leans positive counts half (its praise is asked about, not asserted).
//! - A discourse marker alone before a comma ("Well, …", "OK, …") scores nothing.
//! - An evaluative adverb opening a sentence ("Unfortunately, …") counts twice, once for the
//!   proposition it judges.
//! - "never … so" is emphasis.
//! - "too" before a word without sentiment or a positive one is a fault unless negated ("too
//!   plastic", "too sweet", "not too great"), "not X enough" is a complaint whatever X ("not loud
//!   enough"), a reverser ("fixes", "eliminates": a negator in `negators.tsv` listed in
//!   `rules::REVERSERS`) reverses only faults, laughter of any length scores as "haha", and
//!   "X-free" reverses X (from vocabulary flags, in `find_items`), a fault reported undone is a
//!   merit ("the bug was fixed", `rules::UNDONE`), and a reaction word opening a sentence before a
//!   comma ("Great, another delay.") follows the sentence like "wow", ironic when only complaints
//!   follow.
//! - A modifier that carries its own valence ("pretty", "no", "missing") is scored as a term when
//!   it modifies nothing.
//! - "see" and "expect" raise a negation only into a clause ("don't expect it to last", not "don't
//!   expect any subtlety").
//! - A negated "get" reaches its infinitive ("couldn't get the wizard to work").
//! - A comma before "ever" keeps the negation ("never, ever").
//! - "work" and a device's other function verbs ("read", "connect", "sync", `rules::WORK_FORMS`)
//!   complain only when negated, not after "I/we/you/they" + do/have ("I didn't read the manual").
//! - An improvement wished for is a lack ("needs a better manual", "should be better":
//!   `rules::wanted_before`, `RuleTerm::Wanted`).
//! - A singular unit after a number ("a 60 hour week", "2 day shipping") is no waiting time.
//! - Praise in "about as X as" is ironic ("about as useful as a chocolate teapot",
//!   `rules::ironic_equative`).
//! - Affirmations ("no doubt", "can't deny") are phrases that consume their negator, and so are
//!   negated aspect verbs ("never stops crashing", "can't stop laughing", "didn't fail to
//!   disappoint", "wouldn't hesitate to recommend"): what follows keeps its own valence.
//! - A hyphen between spaces is a dash and ends a clause (`tokenize.rs`).
//! - "until" between praise and a complaint turns the sentence like "but" (`until_turn`).
//! - A rival praised is the product found wanting ("the old version was better", `rival_praised`).
//! - Thanks or praise joined to a fault is sarcasm ("Great job breaking the app", `praised_fault`),
//!   and so is praise before "how" + a fault not negated ("Love how it crashes", `praised_how`).
//! - A crying face follows its sentence's praise ("so wholesome 😭", `weeping`).
//! - A duration said to be short is no waiting ("took only 2 minutes", `short_duration`).
//! - A request for advice asks for facts ("What router do you recommend?", `info_question`).
//! - "anti-X" reverses X (`anti_compound`).
//! - Praise in "if ... were" or "too X to be" is what the thing is not (`counterfactual_if`,
//!   `too_to_be`).
//! - "all the X of a ..." is irony (`ironic_all_the`).
//! - Two adjacent capitalised words outside a title-case sentence are a name and score nothing
//!   (`in_name`).
//! - "nor" after "neither" carries the negation on.
//! - "hardly"/"barely"/"scarcely" are negators.
//! - A phrase with a modal + "have" also matches "could've"/"couldve" (the loader adds the twins,
//!   `lexicon::MODALS`).
//! - "used to" and claims ("supposed to", "advertised as") deny a merit and leave a fault alone
//!   (`MERIT_ONLY`), and so do shortfalls ("not enough humor", "short on laughs") and a possession
//!   lost ("lost its charm", "losing my patience"), which reaches only its object (`LOSS_REACH`:
//!   not "lost my card at a festival") and alone keeps its loss ("lost my luggage").
//! - What "more X than Y" or "X rather than Y" ranks below counts for nothing ("more depressing
//!   than entertaining", "far more offensive than it is funny", `outranked`; not "more than
//!   happy to help").
//! - "then" turns a sentence like "until".
//! - A count of attempts shortly after a contact verb is a complaint ("called three times",
//!   `repeated_contact`).
//! - A question opening with "why" is a challenge (`why_question`).
//! - Double negation counts words between the negators, not items.
//! - A negated event of a third party with nothing for the negation to reverse is a failure ("the
//!   link doesn't open", "the jokes never click", `failure`; with a service verb whoever the
//!   subject: "haven't received", `SERVICE_VERBS`, and so is a negated passive of what a service
//!   owes: "hasn't been delivered", "I haven't been reimbursed", `OWED`).
//! - A sentence that only denies the one before is a broken promise ("It wasn't.", "Nobody did.",
//!   `elliptic_denial`).
//! - A question asking for facts or help scores no praise ("Does the app support ...?", "Is there a
//!   way to ...?", and any question about a thing: "Is the free upgrade still available?", "Will
//!   the new plan ...?", `info_question`), and a request for facts in one clause not its mild
//!   complaint words either ("Is there a height restriction?", "Are we allowed to ...?"; "Haven't"
//!   without a subject is the writer's, no failure).
//! - A feature wished for is one missing ("would be nice to have", `wished_feature`), but a wish
//!   dated back is praise ("wish I'd bought it years ago", `wished_sooner`).
//! - A function verb used as a noun complains of nothing ("never had a failed sync", `noun_use`).
//! - "waived" undoes a fault like "fixed".
//! - Praise in quotes (one or two words, double or single quotes, not a capitalised title), or
//!   praise in a sentence with 🙄/🙃/😒 or ending "you have there"/"we have here", is sarcasm
//!   (`scare_quoted`, `irony_mark`, `showcase`).
//! - "instead of" denies an expected merit and leaves a fault alone (`MERIT_ONLY`).
//! - A phrase that opens with its own negator other than "not" ("never replied", "zero stars") is
//!   not negated again by an earlier one.
//! - An expletive ("damn", "freaking") boosts only the word right after it and otherwise keeps its
//!   own valence (`EXPLETIVE_REACH`).
//! - A word no lexicon scores and no rule of the pass acts on takes a short path through
//!   `find_items` (`rules::OWN_CUES` lists the words the per-word rules read; a new per-word rule
//!   must add its cues there), and rare rules run only when the union of the sentence's word flags
//!   has their cue.
//! - Every constant is at the top of `rules.rs` with its source (mostly the VADER paper, Table 3).

use crate::affect::{AffectLexicon, Cues, Hit, SentenceAffect};
use crate::explain::{Contribution, Modifier};
use crate::lexicon::vocab::{IdPhrase, SentenceKeys, Vocab, Word, flag};
use crate::lexicon::{Contrast, Entry, Lexicon, Phrase, Role, Source};
use crate::normalize::{WordShape, emoji_key, squeeze, word_key};
use crate::stem::Stemmer;
use crate::tokenize::{Token, TokenKind};

/// Added to a term's magnitude when it is written in ALL CAPS in mixed-case text
/// (VADER paper, Table 3: C_INCR = 0.733).
pub(crate) const CAPS_INCR: f64 = 0.733;
/// Added to an elongated term's magnitude (`goooood`): the weight of a standard booster
/// (VADER's B_INCR = 0.293), since elongation is used like "very".
pub(crate) const ELONGATION_INCR: f64 = 0.293;
/// A booster 1, 2 or 3 words before the term counts fully, ×0.95 or ×0.9 (VADER's decay).
pub(crate) const BOOSTER_DECAY: [f64; 3] = [1.0, 0.95, 0.9];
/// Factor applied to a negated term (VADER's N_SCALAR = −0.74): "not good" is mildly negative,
/// "not bad" mildly positive.
pub(crate) const NEGATION_SCALAR: f64 = -0.74;
/// Weights of the clauses before and after `but` (VADER: ×0.5 and ×1.5).
pub(crate) const BUT_BEFORE: f64 = 0.5;
/// See [`BUT_BEFORE`].
pub(crate) const BUT_AFTER: f64 = 1.5;
/// Weight of a concessive clause ("although it is cheap") and of the main clause next to it:
/// the same contrast as `but`, seen from the other side.
pub(crate) const CONCESSIVE: f64 = 0.5;
/// See [`CONCESSIVE`].
pub(crate) const MAIN_CLAUSE: f64 = 1.5;
/// Weight of a question that leans positive: its praise is asked about, not asserted ("is it any
/// good?", "what's a good site for photos?"), so it counts half, the weight the contrast rules
/// give a subordinate clause. A question that leans negative keeps its weight: it is mostly a
/// rhetorical complaint ("why is it so slow?").
pub(crate) const QUESTION_PRAISE: f64 = 0.5;
/// Weight of praise in a question that asks for facts or help ("Is the premium plan better for
/// teams?", "What's the best way to export my data?", `info_question`): its opinion words are
/// the topic of a request, not the writer's verdict.
pub(crate) const QUESTION_INFO: f64 = 0.0;
/// Per `!`, up to four (VADER: 0.292 each).
pub(crate) const EXCLAIM_INCR: f64 = 0.292;
/// Most `!` that count.
pub(crate) const EXCLAIM_MAX: usize = 4;
/// Per `?` when there are two or more, capped at 0.96 (VADER).
pub(crate) const QUESTION_INCR: f64 = 0.18;
/// See [`QUESTION_INCR`].
pub(crate) const QUESTION_MAX: f64 = 0.96;
/// The compound maps a raw sum `x` to `x / sqrt(x² + α)` (VADER's α = 15).
pub(crate) const ALPHA: f64 = 15.0;
/// A second negator cancels the first ("never not", "not without") only within this many words
/// of it; further on it starts a new negation ("without much sleep was not a good idea").
const DOUBLE_NEGATION_GAP: usize = 2;
/// Valence of a waiting time in a sentence about waiting: a clear complaint, like "still
/// waiting" (-1.8 in customer.tsv) but without the word that names it.
const WAITING_VALENCE: f32 = -1.5;
/// Valence of a repeated attempt to reach someone or to get something to work ("called three
/// times", "emailed them twice"): a complaint, a little stronger than "multiple times" (-0.8)
/// alone, which also counts a film watched again.
const REPEAT_VALENCE: f32 = -1.2;
/// How many words before a count of attempts its verb may stand ("called their support number
/// numerous times").
const CONTACT_REACH: usize = 8;
/// Valence of a sentence that only denies the one before: "They said it was fixed. It wasn't."
const DENIAL_VALENCE: f32 = -1.5;
/// Valence of a negated event of a product or a company ("the link doesn't open"): a mild
/// complaint.
const FAILURE_VALENCE: f32 = -1.0;
/// Valence of the "why" opening a question: a challenge, milder than a named complaint.
const WHY_VALENCE: f32 = -1.0;
/// "again" carries sentiment only when negated ("won't be going there again"); this is its
/// valence before the negation factor, so a negated "again" gives about -1.1.
const AGAIN_VALENCE: f32 = 1.5;
/// "work" likewise scores only when negated: "doesn't work", "couldn't get it to work" are the
/// commonest complaint, while "it works" or "at work" say nothing. A negated "work" gives about
/// -1.7, near "did not work" (-2.2) in customer.tsv.
const WORK_VALENCE: f32 = 2.3;
/// The forms of "work" that [`WORK_VALENCE`] applies to, and the other verbs of a device doing
/// its job, which likewise complain only when negated ("won't read any disc", "doesn't
/// recognize my phone", "never connected", "stopped charging" is the lexicon's). A word that a
/// lexicon scores keeps its own entry ("doesn't fit", "won't play").
pub(crate) const WORK_FORMS: [&str; 45] = [
    "work",
    "works",
    "worked",
    "working",
    "read",
    "reads",
    "recognize",
    "recognizes",
    "recognized",
    "recognise",
    "recognises",
    "recognised",
    "charge",
    "charging",
    "connect",
    "connects",
    "connected",
    "connecting",
    "load",
    "loads",
    "loading",
    "boot",
    "boots",
    "booting",
    "sync",
    "syncs",
    "syncing",
    "print",
    "prints",
    "printing",
    "install",
    "installs",
    "installing",
    "detect",
    "detects",
    "respond",
    "responds",
    "responding",
    "transfer",
    "transfers",
    "update",
    "updates",
    "download",
    "downloads",
    "lasted",
];

/// Whether function verb `i` is something a person does or not: "I/we/you" + negator ("I never
/// read manuals"), or + do/have + negator ("I didn't read the manual", "we don't print much",
/// "I haven't installed it yet"); not that a device fails ("it doesn't read discs", "I can't
/// connect", "they never respond" still complain: "they" is mostly the company). Out of line:
/// only function verbs reach it.
#[inline(never)]
fn own_habit(vocab: &Vocab, keys: &SentenceKeys, i: usize) -> bool {
    let person = |j: usize| matches!(keys.key(j), "i" | "we" | "you");
    i >= 2
        && is_negator(vocab, keys.id(i - 1))
        && (person(i - 2)
            || (i >= 3
                && matches!(
                    keys.key(i - 2),
                    "do" | "does" | "did" | "have" | "has" | "had"
                )
                && person(i - 3)))
}
/// Whether function verb `i` is a noun: after a determiner ("the read", "any sync") or after an
/// adjective a lexicon scores ("never had a failed sync", "a bad connection" is the lexicon's),
/// so that a negation before it denies the fault, not the device's working. Adverbs in "-ly"
/// modify the verb ("doesn't properly connect"). Out of line, like [`own_habit`].
#[inline(never)]
fn noun_use(vocab: &Vocab, keys: &SentenceKeys, i: usize) -> bool {
    let Some(before) = i.checked_sub(1) else {
        return false;
    };
    let key = keys.key(before);
    let scored = || {
        vocab
            .word(keys.id(before))
            .and_then(|w| w.entry.as_ref())
            .is_some_and(|e| e.role == Role::Valence && e.valence != 0.0)
    };
    matches!(
        key,
        "a" | "an" | "the" | "my" | "your" | "our" | "their" | "its" | "each" | "every" | "any"
    ) || (!key.ends_with("ly") && scored())
}
/// Verbs that raise a negation into the clause they introduce ("I don't think it works" means
/// "I think it doesn't work"): the classic neg-raising predicates.
const NEG_RAISING: [&str; 10] = [
    "think", "believe", "see", "feel", "expect", "suppose", "imagine", "seem", "seems", "guess",
];
/// "see" and "expect" raise a negation only into the clause they introduce ("don't see how anyone
/// could enjoy it", "can't see it lasting", "don't expect it to last"); with a plain object the
/// negation is about seeing or expecting ("can't see the videos yet", "don't expect any
/// subtlety").
const SEE_RAISES: [&str; 9] = [
    "how", "why", "what", "that", "it", "this", "anyone", "anybody", "to",
];
/// Words after a negated "get" in which a "to" raises the negation to its infinitive
/// ("couldn't get my songs to transfer").
const GET_TO_REACH: usize = 5;
/// After a negator and before "this"/"so"/"such", these make the negation emphatic ("haven't
/// been this happy in years").
const PERFECT_VERBS: [&str; 6] = ["been", "felt", "seen", "had", "tasted", "heard"];
/// Words a raised negation reaches (still stopped by a comma or a contrast word).
const RAISED_NEGATION_WINDOW: usize = 10;
/// How many words a booster reaches forward.
const BOOSTER_REACH: usize = 3;
/// How far a booster that is itself negative reaches: an expletive intensifies the word right
/// after it ("damn good", "fucking great"), while in "damn, this makes things hard" it is an
/// exclamation of its own.
const EXPLETIVE_REACH: usize = 1;
/// Words a negation reaches past an "or" right after a negated term: "not funny or clever" is
/// "neither funny nor clever" (the next term, with a modifier before it).
const OR_REACH: usize = 3;

/// Settings the rules read, fixed at [`build`](crate::AnalyzerBuilder::build).
#[derive(Clone, Debug)]
pub(crate) struct Config {
    pub negation_window: usize,
    pub stemming: bool,
    pub emphasis: bool,
}

/// Maps a raw sum to [−1, 1].
pub(crate) fn normalize(x: f64) -> f64 {
    (x / (x * x + ALPHA).sqrt()).clamp(-1.0, 1.0)
}

/// What the rules found in one sentence.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct SentenceRaw {
    /// Sum of contributions plus `!`/`?` emphasis.
    pub sum: f64,
    /// Positive mass (VADER: each positive term counts `1 + valence`).
    pub pos: f64,
    /// Negative mass, positive number.
    pub neg: f64,
    /// Number of words without sentiment.
    pub neu: f64,
    /// Tokens read.
    pub tokens: usize,
    /// Terms that contributed.
    pub matched: usize,
    /// The sentence opens with `but`/`however`: it outweighs the sentence before.
    pub leading_contrast: bool,
    /// The most positive and the most negative of its clauses' sums (split at commas and
    /// contrast words, with their contrast weights, so a conceded "looks great but ..." is not
    /// strong; formulas left out): a sentence can hold both a strong merit and a strong fault
    /// ("Fantastic product, horrible service").
    pub clauses: (f64, f64),
    /// What its phatic formulas added: praise ("Best regards") and apology ("Sorry for the
    /// inconvenience"). The document drops those that disagree with what else it says.
    pub phatic: [Formulas; 2],
    /// It is one word of praise or of thanks and nothing else, no `!` ("Fantastic.", "Congrats
    /// @brand", "Thanks."): after complaints, the document reads praise as sarcasm and thanks as
    /// a courtesy.
    pub lone: Lone,
    /// It asks for something: a question, or a request with "please" ("Please update my
    /// address."). A closing "Thanks." after it is a courtesy.
    pub asks: bool,
    /// It reports the writer's apprehension before the events ("I was so nervous about hiring a
    /// contractor after hearing horror stories"): if a later sentence praises, the story turned
    /// out well and this one was its setup, not the verdict (`analyzer::combine`).
    pub setup: bool,
    /// The middling verdict it states ("Mixed feelings.", "Three stars.", "Nothing special."),
    /// not negated and not conceded (`analyzer::combine`).
    pub middling: Middling,
    /// It is an exclamation with no opinion term ("Already booked for next summer!!", "Get
    /// this player!"), not about waiting, repeats or contact ("Three weeks!", "Called again!")
    /// and not a greeting ("Hi team!"): the writer's enthusiasm, counted only in a document with
    /// no complaint and no request (`analyzer::bare_exclamations`).
    pub exclaimed: bool,
    /// It is a document's first sentence and opens as a note for other readers ("For anyone
    /// wondering, ...", "Replying to the question about ...", "Fit notes:", "FYI"):
    /// `analyzer::informational_report`.
    pub informs: bool,
    /// Said in a chat transcript by the side not scored ([`crate::Speaker`]): it scores
    /// nothing, and the document rules read the other sentences without it.
    pub silent: bool,
}

/// A middling verdict ([`SentenceRaw::middling`]), weakest first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Middling {
    /// None.
    #[default]
    No,
    /// Faint praise, a middling.tsv term with negative valence ("nothing special", "hit and
    /// miss", "middle of the road"): the document's praise weighs little, its complaints keep
    /// their weight (critics' "nothing special" is a complaint).
    Faint,
    /// A neutral verdict, a middling.tsv term of valence 0 ("mixed feelings", "it is what it
    /// is", "three stars") or a midpoint rating ("3/5"): the document leans neither way.
    Neutral,
}

/// Apprehension the writer reports having had ([`SentenceRaw::setup`]): after "was", "were",
/// "been", "felt", "got" or "'d" up to three words before ("I was a bit nervous", "we'd been
/// dreading"), or "horror" before "stories".
pub(crate) const APPREHENSIVE: [&str; 17] = [
    "nervous",
    "skeptical",
    "sceptical",
    "worried",
    "scared",
    "terrified",
    "afraid",
    "hesitant",
    "apprehensive",
    "anxious",
    "doubtful",
    "dreading",
    "dreaded",
    "wary",
    "reluctant",
    "unsure",
    "horror",
];

/// The largest rating valence that is a middling verdict: "3/5" (0.0), "6/10" and "5/10"
/// (±0.28), not "7/10" (0.83) or "3.5/5" (0.63).
const MIDDLE_RATING: f64 = 0.5;

/// The middling verdict a term states ([`SentenceRaw::middling`]): an entry of middling.tsv
/// (faint praise when its valence is negative), or a rating at the middle of its scale.
fn middling_verdict(entry: Entry, how: How<'_>, base: f64) -> Middling {
    if entry.source == Source::Middling {
        if base < 0.0 {
            Middling::Faint
        } else {
            Middling::Neutral
        }
    } else if matches!(how, How::Rule(RuleTerm::Rating)) && base.abs() <= MIDDLE_RATING {
        Middling::Neutral
    } else {
        Middling::No
    }
}

/// Whether the sentence reports apprehension the writer had ([`SentenceRaw::setup`]).
#[inline(never)]
fn apprehension(doc: &str, tokens: &[Token], keys: &SentenceKeys, vocab: &Vocab) -> bool {
    (0..tokens.len()).any(|i| {
        if vocab.flags(keys.id(i)) & flag::APPREHENSIVE == 0 {
            return false;
        }
        if keys.key(i) == "horror" {
            return i + 1 < tokens.len() && matches!(keys.key(i + 1), "stories" | "story");
        }
        (i.saturating_sub(3)..i).any(|j| {
            matches!(keys.key(j), "was" | "were" | "been" | "felt" | "got")
                || tokens[j].text(doc).ends_with("'d")
                || tokens[j].text(doc).ends_with("’d")
        })
    })
}

/// The words that make a sentence a request ([`SentenceRaw::asks`]).
pub(crate) const PLEASE: [&str; 4] = ["please", "pls", "plz", "kindly"];

/// A sentence that is a single reaction word (`SentenceRaw::lone`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Lone {
    /// Anything else.
    #[default]
    No,
    /// A plain word of praise ("Fantastic.", "Congrats"); not laughter or a symbol.
    Praise,
    /// Thanks ("Thanks.", "Thank you.", "Cheers").
    Thanks,
}

/// What a sentence's phatic formulas of one sign added to its scores.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Formulas {
    /// Added to `sum`.
    pub sum: f64,
    /// Added to `pos` (praise) or `neg` (apology).
    pub mass: f64,
    /// How many of the `matched` terms they are.
    pub matched: usize,
}

impl SentenceRaw {
    /// Whether it holds an opinion term that is not a phatic formula.
    pub(crate) fn has_content(&self) -> bool {
        self.matched > self.phatic[0].matched + self.phatic[1].matched
    }

    /// Its sum without its phatic formulas.
    pub(crate) fn content_sum(&self) -> f64 {
        self.sum - self.phatic[0].sum - self.phatic[1].sum
    }

    /// The sentence without its phatic praise (`praise`) or apology; without any score if
    /// they were all it had (its `!` emphasis goes with them).
    pub(crate) fn without_phatic(mut self, praise: bool) -> SentenceRaw {
        let f = std::mem::take(&mut self.phatic[usize::from(!praise)]);
        if f.matched == 0 {
            return self;
        }
        self.neu += f.matched as f64;
        self.matched -= f.matched;
        if self.matched == 0 {
            (self.sum, self.pos, self.neg) = (0.0, 0.0, 0.0);
        } else {
            self.sum -= f.sum;
            let mass = if praise { &mut self.pos } else { &mut self.neg };
            *mass = (*mass - f.mass).max(0.0);
        }
        self
    }
}

/// Receives contributions when explaining; compiled away when not.
pub(crate) trait Recorder {
    const ON: bool;
    fn push(&mut self, c: Contribution);
    /// The document's phatic praise (`praise`) or apology disagrees with what else it says:
    /// it counts for nothing.
    fn drop_phatic(&mut self, _praise: bool) {}
    /// Sentence `sentence` is a closing word of praise read as sarcasm (its sign turned) or
    /// thanks read as a courtesy (counts for nothing).
    fn closing(&mut self, _sentence: usize, _lone: Lone) {}
    /// The document is a courteous request: every term counts for nothing.
    fn courtesy(&mut self) {}
    /// The document is an informational report: every term counts for nothing.
    fn informational(&mut self) {}
    /// Sentence `sentence` of a chat transcript is said by a side not scored
    /// ([`crate::Speaker`]): its terms count for nothing.
    fn unscored_speaker(&mut self, _sentence: usize) {}
    /// Sentence `sentence` of a chat transcript is an acknowledgment ("ok thanks", "got it"):
    /// a courtesy, its terms count for nothing.
    fn acknowledgment(&mut self, _sentence: usize) {}
    /// The document states a middling verdict: its compound was scaled by `factor`.
    fn middling(&mut self, _factor: f64) {}
    /// Sentence `sentence` (bytes `start..end` of `text`) is a bare exclamation scored `value`.
    fn exclaimed(
        &mut self,
        _text: &str,
        _sentence: usize,
        _start: usize,
        _end: usize,
        _value: f64,
    ) {
    }
}

/// The recorder of [`Analyzer::analyze`](crate::Analyzer::analyze): records nothing.
pub(crate) struct NoRecord;

impl Recorder for NoRecord {
    const ON: bool = false;
    fn push(&mut self, _: Contribution) {}
}

impl Recorder for Vec<Contribution> {
    const ON: bool = true;
    fn push(&mut self, c: Contribution) {
        Vec::push(self, c);
    }
    fn drop_phatic(&mut self, praise: bool) {
        for c in self.iter_mut() {
            if c.source == Source::Phatic
                && c.contribution != 0.0
                && (c.contribution > 0.0) == praise
            {
                c.modifiers.push(Modifier::Phatic);
                c.contribution = 0.0;
            }
        }
    }
    fn closing(&mut self, sentence: usize, lone: Lone) {
        for c in self.iter_mut().filter(|c| c.sentence == sentence) {
            if lone == Lone::Praise {
                c.modifiers.push(Modifier::Ironic);
                c.contribution = -c.contribution;
            } else {
                c.modifiers.push(Modifier::Phatic);
                c.contribution = 0.0;
            }
        }
    }
    fn courtesy(&mut self) {
        for c in self.iter_mut().filter(|c| c.contribution != 0.0) {
            c.modifiers.push(Modifier::Request);
            c.contribution = 0.0;
        }
    }
    fn informational(&mut self) {
        for c in self.iter_mut().filter(|c| c.contribution != 0.0) {
            c.modifiers.push(Modifier::Informational);
            c.contribution = 0.0;
        }
    }
    fn acknowledgment(&mut self, sentence: usize) {
        for c in self.iter_mut().filter(|c| c.sentence == sentence) {
            c.modifiers.push(Modifier::Phatic);
            c.contribution = 0.0;
        }
    }
    fn unscored_speaker(&mut self, sentence: usize) {
        for c in self.iter_mut().filter(|c| c.sentence == sentence) {
            c.modifiers.push(Modifier::OtherSpeaker);
            c.contribution = 0.0;
        }
    }
    fn exclaimed(&mut self, text: &str, sentence: usize, start: usize, end: usize, value: f64) {
        let at = text[start..end].rfind('!').map_or(start, |i| start + i);
        self.push(Contribution {
            start: at,
            end: at + 1,
            text: "!".to_owned(),
            sentence,
            entry: "exclamation".to_owned(),
            source: Source::Rule,
            by_stem: false,
            base: value,
            modifiers: Vec::new(),
            contribution: value,
        });
    }
    fn middling(&mut self, factor: f64) {
        for c in self.iter_mut() {
            let verdict = c.source == Source::Middling
                || (c.source == Source::Rule
                    && c.entry == RuleTerm::Rating.name()
                    && c.base.abs() <= MIDDLE_RATING);
            let kept = !c.modifiers.iter().any(|m| match m {
                Modifier::Negated { .. } => true,
                Modifier::Contrast { weight, .. } => *weight < 1.0,
                _ => false,
            });
            if verdict && kept {
                c.modifiers.push(Modifier::Middling { factor });
            }
        }
    }
}

#[derive(Clone, Copy, Debug)]
enum How<'l> {
    /// Made by a rule rather than found in the lexicon (a waiting time, a negated "again").
    Rule(RuleTerm),
    Exact,
    Squeezed,
    Stem(&'l str),
    /// Laughter spelt out at any length ("hahahaha", "ahahah"), scored as "haha".
    Laughter,
    Phrase(&'l Phrase),
}

#[derive(Clone, Copy, Debug)]
enum ItemKind<'l> {
    Term {
        entry: Entry,
        how: How<'l>,
        caps: bool,
        elongated: bool,
    },
    Word,
    Boundary,
    Exclaim,
    Question,
}

/// The terms the rules make, and how negation treats each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RuleTerm {
    /// "9/10", "give it a 10".
    Rating,
    /// "again", which counts only when negated, from anywhere in its clause.
    Again,
    /// "work" and the other function verbs ("read", "connect"), which count only when negated.
    Work,
    /// "too" + a word without sentiment.
    Too,
    /// "X-free".
    Free,
    /// "un-" + an adjective the lexicons score ("unconvincing", "unfaithful").
    Un,
    /// A duration in a sentence about waiting, a complaint even when negated.
    WaitingTime,
    /// "not X enough": a quality that falls short.
    NotEnough,
    /// A fault reported undone: "the bug was fixed", "the leak is repaired".
    Undone,
    /// An improvement wished for: "needs a better manual", "should be better".
    Wanted,
    /// Praise in "about as X as ..." or "all the X of a ...": "about as exciting as watching
    /// paint dry", "all the charm of a meltdown"; praise in scare quotes or in a sentence with 🙄.
    Ironic,
    /// A rival's merit: "the old version was better".
    Rival,
    /// Thanks or praise for a fault: "Great job breaking the app".
    Sarcastic,
    /// "anti-X": "anti-glare", "anti-social".
    Anti,
    /// Praise in a counterfactual condition or out of reach: "if it were cheaper", "too slow
    /// to be useful".
    Counterfactual,
    /// A count of attempts to reach someone: "called three times", "emailed them twice".
    Repeated,
    /// The "why" opening a question: "Why is a note-taking app 2GB?".
    Why,
    /// A sentence that only denies what was said before: "They said it was fixed. It wasn't."
    Denial,
    /// A product or a company said not to do something: "the link doesn't open", "it won't
    /// charge", "they never refunded".
    Failure,
    /// Regret at not having it sooner: "wish I'd bought it years ago".
    Sooner,
}

impl RuleTerm {
    /// The name explanations show.
    fn name(self) -> &'static str {
        match self {
            RuleTerm::Rating => "rating",
            RuleTerm::Again => "again",
            RuleTerm::Work => "function",
            RuleTerm::Too => "too",
            RuleTerm::Free => "X-free",
            RuleTerm::Un => "un-X",
            RuleTerm::WaitingTime => "waiting time",
            RuleTerm::NotEnough => "not enough",
            RuleTerm::Undone => "undone",
            RuleTerm::Wanted => "wanted",
            RuleTerm::Ironic => "ironic ('about as X as', 'all the X of a', \"X\", 🙄)",
            RuleTerm::Rival => "rival praised",
            RuleTerm::Sarcastic => "praise for a fault",
            RuleTerm::Anti => "anti-X",
            RuleTerm::Counterfactual => "counterfactual 'if ... were', 'too ... to be'",
            RuleTerm::Repeated => "repeated attempts",
            RuleTerm::Why => "'why' question",
            RuleTerm::Denial => "denial ('It wasn't.')",
            RuleTerm::Failure => "failure ('it won't charge')",
            RuleTerm::Sooner => "regret at not having it sooner",
        }
    }

    /// Whether it scores only when negated ("won't be back again", "doesn't work").
    fn only_negated(self) -> bool {
        matches!(self, RuleTerm::Again | RuleTerm::Work)
    }

    /// Whether a negation anywhere earlier in its clause reaches it, past the negation window
    /// ("will never set foot in there again").
    fn clause_negated(self) -> bool {
        self == RuleTerm::Again
    }

    fn negatable(self) -> bool {
        self != RuleTerm::WaitingTime
    }
}

/// A run of tokens `first..last` that the rules treat as one unit.
#[derive(Clone, Copy, Debug)]
struct Item<'l> {
    first: usize,
    last: usize,
    kind: ItemKind<'l>,
}

impl Item<'_> {
    fn role(&self) -> Option<Role> {
        match self.kind {
            ItemKind::Term { entry, .. } => Some(entry.role),
            _ => None,
        }
    }
    fn is_word(&self) -> bool {
        matches!(self.kind, ItemKind::Term { .. } | ItemKind::Word)
    }
}

/// Buffers reused across the sentences of a document.
#[derive(Default)]
pub(crate) struct Scratch<'l> {
    items: Vec<Item<'l>>,
    /// Emotion and signal terms, in item order (empty when emotions are off).
    hits: Vec<Hit<'l>>,
    /// The buffers that borrow nothing, boxed: a scratch changes hands twice per document
    /// (`recycle`), and two vectors and a box move in registers, all of them by a copy.
    bufs: Box<Buffers>,
}

/// See [`Scratch::bufs`].
#[derive(Default)]
struct Buffers {
    /// Items that are durations ("40 minutes"), and whether the sentence talks of waiting.
    durations: Vec<usize>,
    weights: Vec<f64>,
    key: String,
    alt: String,
    keys: SentenceKeys,
}

impl Scratch<'_> {
    /// The same buffers, emptied, for another lexicon borrow: a thread keeps one scratch from
    /// one document to the next.
    pub(crate) fn recycle<'b>(self) -> Scratch<'b> {
        Scratch {
            items: crate::analyzer::recycle(self.items),
            hits: crate::analyzer::recycle(self.hits),
            bufs: self.bufs,
        }
    }
}

/// Scores one sentence. `tokens` are its tokens (spans into `doc`); `caps_ok` says the document is
/// not all caps, so CAPS emphasis applies. With an emotion lexicon, the same walk fills `affect`:
/// its terms get this walk's negation and boosters.
#[allow(clippy::too_many_arguments)]
pub(crate) fn score_sentence<'l, R: Recorder>(
    doc: &str,
    tokens: &[Token],
    lex: &'l Lexicon,
    vocab: &'l Vocab,
    stemmer: &Stemmer,
    cfg: &Config,
    caps_ok: bool,
    sentence: usize,
    scratch: &mut Scratch<'l>,
    rec: &mut R,
    aff: Option<&'l AffectLexicon>,
    affect: &mut SentenceAffect,
) -> SentenceRaw {
    let mut cues = Cues::default();
    let contrast = find_items(
        doc, tokens, lex, vocab, aff, stemmer, cfg, scratch, &mut cues,
    );
    let Scratch { items, hits, bufs } = scratch;
    let Buffers { weights, keys, .. } = &mut **bufs;
    if sentence > 0 && cues.negators > 0 && tokens.len() <= 5 {
        elliptic_denial(tokens, keys, items);
    }
    if cues.negators > 0 {
        failure(tokens, keys, items, cfg.negation_window);
    }
    let mut raw = SentenceRaw {
        tokens: keys.scorable(),
        ..SentenceRaw::default()
    };
    // The next emotion term, by index: hits are in item order.
    let mut next_hit = 0;
    raw.leading_contrast = contrast_weights(items, weights, contrast);
    raw.asks =
        keys.seen(flag::PLEASE) || tokens.last().is_some_and(|t| t.kind == TokenKind::Question);
    raw.setup = keys.seen(flag::APPREHENSIVE) && apprehension(doc, tokens, keys, vocab);
    raw.informs = sentence == 0 && informational_frame(tokens, keys);
    // Read-only from here on: shared slices, which the walk keeps in registers (through the
    // `&mut` bindings it reloaded them at every item).
    let (items, hits, weights, keys) = (&items[..], &hits[..], &weights[..], &*keys);
    let emphasis = cfg.emphasis;

    // Modifiers (boosters, negators) waiting for a term: (item index, word position, used).
    let mut boosters: [(usize, usize, bool); BOOSTER_REACH] =
        [(usize::MAX, 0, false); BOOSTER_REACH];
    // (negator item, words left, negators counted, whether it already negated a term)
    let mut negation: Option<(usize, usize, u32, bool)> = None;
    let mut word_pos = 0usize;
    let (mut exclaims, mut questions) = (0usize, 0usize);
    // Valence of the sentence's interjections ("wow"), and the first one's item.
    let mut interjection: (f64, Option<usize>) = (0.0, None);
    // Whether that is a reaction opener ("Great, ..."), ironic only if no praise follows.
    let mut opener = false;
    // Whether it is a crying face, sad unless the sentence praises ([`weeping`]).
    let mut weeps = false;
    // The current clause's sum, for `raw.clauses`.
    let mut clause_sum = 0.0;
    let close = |sum: &mut f64, raw: &mut SentenceRaw| {
        raw.clauses = (raw.clauses.0.max(*sum), raw.clauses.1.min(*sum));
        *sum = 0.0;
    };
    // The sentence's sum from opinion terms, leaving out modifiers scored alone ("no"): the
    // sign an interjection follows.
    let mut opinion = 0.0;
    let add = |c: f64, raw: &mut SentenceRaw| {
        if c > 0.0 {
            raw.pos += c + 1.0;
        } else if c < 0.0 {
            raw.neg += -c + 1.0;
        } else {
            raw.neu += 1.0;
        }
        raw.sum += c;
        raw.matched += usize::from(c != 0.0);
    };

    // A range stepped by hand, so that a run of plain words can be skipped in one loop.
    let mut walk = 0..items.len();
    while let Some(idx) = walk.next() {
        let item = &items[idx];
        // Most items are words without sentiment, mostly outside a negation's scope: there, and
        // without an emotion hit, all they do is count (the `Word` arm and the scope update
        // below, with no scope open).
        if matches!(item.kind, ItemKind::Word)
            && negation.is_none()
            && hits.get(next_hit).is_none_or(|h| h.item != idx)
        {
            raw.neu += 1.0;
            word_pos += 1;
            // So do the plain words right after it (the same test: nothing here changes the
            // scope or the next hit), counted in a loop that keeps its few values in registers.
            let hit = hits.get(next_hit).map_or(usize::MAX, |h| h.item);
            while walk.start < walk.end
                && walk.start != hit
                && matches!(items[walk.start].kind, ItemKind::Word)
            {
                raw.neu += 1.0;
                word_pos += 1;
                walk.start += 1;
            }
            continue;
        }
        if let Some(hit) = hits.get(next_hit).filter(|h| h.item == idx) {
            next_hit += 1;
            let negated = !hit.symbol
                && negation.is_some_and(|(_, left, count, _)| left > 0 && count % 2 == 1);
            let reach = boosters.iter().filter(|b| b.0 != usize::MAX && !hit.symbol);
            let boosts = reach.filter_map(|b| match items[b.0].role() {
                Some(Role::Booster(k)) if word_pos - b.1 - 1 < BOOSTER_REACH => {
                    Some((word_pos - b.1 - 1, k))
                }
                _ => None,
            });
            affect.add_hit(hit, negated, boosts, cfg, caps_ok);
        }
        match item.kind {
            // "never, ever go back": the comma repeats the negation, it does not end it.
            ItemKind::Boundary
                if negation.is_some()
                    && item_text(doc, tokens, item) == ","
                    && items.get(idx + 1).is_some_and(|n| {
                        item_text(doc, tokens, n).eq_ignore_ascii_case("ever")
                    }) =>
            {
                continue;
            }
            ItemKind::Boundary | ItemKind::Exclaim | ItemKind::Question => {
                close(&mut clause_sum, &mut raw);
                exclaims += usize::from(matches!(item.kind, ItemKind::Exclaim));
                questions += usize::from(matches!(item.kind, ItemKind::Question));
                negation = None;
                boosters = [(usize::MAX, 0, false); BOOSTER_REACH];
                continue;
            }
            ItemKind::Word => {
                raw.neu += 1.0;
                if negation.is_some_and(|n| wh_clause(doc, tokens, vocab, keys, items, n.0, idx))
                    || (negation.is_some() && new_clause(keys, items, idx))
                {
                    negation = None;
                }
                // "none of them are engaging or exciting": a negated term's "or" carries the
                // negation to the next one.
                if let Some((neg, left, count, true)) = negation {
                    let after_negated = idx > 0
                        && matches!(items[idx - 1].kind, ItemKind::Term { entry, .. }
                            if entry.role == Role::Valence && entry.valence != 0.0);
                    if after_negated && vocab.flags(keys.id(item.first)) & flag::OR != 0 {
                        negation = Some((neg, left.max(OR_REACH), count, true));
                    }
                }
            }
            ItemKind::Term {
                entry,
                how,
                caps,
                elongated,
            } => match effective_role(keys, items, idx, cfg.negation_window) {
                Role::Contrast(_) => {
                    close(&mut clause_sum, &mut raw);
                    raw.neu += 1.0;
                    negation = None;
                    boosters = [(usize::MAX, 0, false); BOOSTER_REACH];
                    continue;
                }
                Role::Negator => {
                    // "never so good", "never this happy", "never been treated so badly",
                    // "haven't felt this good in years": emphasis, not negation (VADER's "never
                    // so/this" rule, widened to a degree word a few words on, and to the
                    // perfect "not been/felt/had this").
                    let text_is = |n: &Item<'_>, words: &[&str]| {
                        let t = item_text(doc, tokens, n);
                        words.iter().any(|w| t.eq_ignore_ascii_case(w))
                    };
                    let degree = ["this", "so", "such", "more"];
                    let never = item_text(doc, tokens, item).eq_ignore_ascii_case("never");
                    let emphatic = (never
                        && (items.get(idx + 1).is_some_and(|n| {
                            matches!(n.role(), Some(Role::Booster(_))) || text_is(n, &["this"])
                        }) || items[idx + 1..]
                            .iter()
                            .take(4)
                            .any(|n| text_is(n, &["so", "such"]))))
                        || (items
                            .get(idx + 1)
                            .is_some_and(|n| text_is(n, &PERFECT_VERBS))
                            && items.get(idx + 2).is_some_and(|n| text_is(n, &degree)))
                        || top_of_scale(doc, tokens, vocab, keys, items, idx);
                    if !emphatic {
                        // A second negator before any negated term cancels the first ("never
                        // not"); after one, it starts afresh ("don't care, don't care").
                        // "don't think it's helpful", "don't see how anyone could enjoy it": the
                        // negation belongs to the clause the verb introduces.
                        let reach = if items.get(idx + 1).is_some_and(|n| {
                            let t = item_text(doc, tokens, n);
                            (NEG_RAISING.iter().any(|v| t.eq_ignore_ascii_case(v))
                                && (!(t.eq_ignore_ascii_case("see")
                                    || t.eq_ignore_ascii_case("expect"))
                                    || items.get(idx + 2).is_some_and(|n| text_is(n, &SEE_RAISES))))
                                // "couldn't get the install wizard to work": the failure is
                                // the infinitive's ("not get paid enough to sit through" is
                                // not).
                                || (t.eq_ignore_ascii_case("get")
                                    && items
                                        .iter()
                                        .skip(idx + 2)
                                        .take(GET_TO_REACH)
                                        .take_while(|n| !text_is(n, &["enough"]))
                                        .any(|n| text_is(n, &["to"])))
                        }) {
                            RAISED_NEGATION_WINDOW
                        } else {
                            negator_reach(keys, item, cfg.negation_window)
                        };
                        // "neither the food nor the service": "nor" goes on with the
                        // negation, it does not cancel it.
                        let nor = item_text(doc, tokens, item).eq_ignore_ascii_case("nor");
                        negation = match negation {
                            Some((prev, left, count, false))
                                if left > 0
                                    && !nor
                                    && items[prev + 1..idx]
                                        .iter()
                                        .filter(|i| i.is_word())
                                        // In words: a duration or a phrase is one item
                                        // ("less than a month is not acceptable").
                                        .map(|i| i.last - i.first)
                                        .sum::<usize>()
                                        <= DOUBLE_NEGATION_GAP =>
                            {
                                Some((idx, reach, count + 1, false))
                            }
                            _ => Some((idx, reach, 1, false)),
                        };
                    }
                }
                Role::Booster(_) => {
                    boosters.rotate_right(1);
                    boosters[0] = (idx, word_pos, false);
                }
                Role::Valence if entry.valence == 0.0 => {
                    raw.neu += 1.0;
                    if middling_verdict(entry, how, 0.0) != Middling::No
                        && !negation.is_some_and(|(_, left, count, _)| left > 0 && count % 2 == 1)
                        && weights.get(idx).copied().unwrap_or(1.0) >= 1.0
                    {
                        raw.middling = Middling::Neutral;
                        if R::ON {
                            rec.push(contribution(
                                doc,
                                tokens,
                                item,
                                sentence,
                                entry,
                                how,
                                0.0,
                                Vec::new(),
                                0.0,
                            ));
                        }
                    }
                }
                // "Wow, what a bad film": an interjection of surprise says how strongly, the
                // rest of the sentence says which way; it is added once that is known. Praise
                // opening a sentence alone before a comma ("Great, another delay.") reacts to
                // what follows the same way, and is ironic only when no praise follows.
                Role::Valence
                    if matches!(how, How::Exact | How::Squeezed)
                        && (vocab.flags(keys.id(item.first)) & flag::INTERJECTION != 0
                            || weeping(doc, &tokens[item.first])
                            || (matches!(how, How::Exact)
                                && entry.valence > 0.0
                                && interjection.1.is_none()
                                && reaction_opener(doc, tokens, keys, items, idx, word_pos))) =>
                {
                    let loud = emphasis && caps && caps_ok;
                    interjection.0 +=
                        f64::from(entry.valence.abs()) + if loud { CAPS_INCR } else { 0.0 };
                    interjection.1.get_or_insert(idx);
                    if weeping(doc, &tokens[item.first]) {
                        weeps = true;
                    } else {
                        opener |= vocab.flags(keys.id(item.first)) & flag::INTERJECTION == 0;
                    }
                }
                Role::Valence
                    if matches!(how, How::Rule(r) if r.only_negated())
                        && !negation.is_some_and(|(_, left, count, _)| {
                            (left > 0 || matches!(how, How::Rule(r) if r.clause_negated()))
                                && count % 2 == 1
                        }) =>
                {
                    raw.neu += 1.0
                }
                Role::Valence => {
                    let base = f64::from(entry.valence);
                    let sign = base.signum();
                    let mut v = base;
                    let mut mods = Vec::new();
                    let mut negated = false;
                    // Emoji and emoticons say how the writer feels: words do not modify them.
                    let symbol = matches!(
                        tokens[item.first].kind,
                        TokenKind::Emoji | TokenKind::Emoticon
                    );
                    for b in boosters.iter_mut().filter(|b| b.0 != usize::MAX && !symbol) {
                        let dist = word_pos - b.1 - 1;
                        if dist < BOOSTER_REACH {
                            let bi = items[b.0];
                            let Some(Role::Booster(k)) = bi.role() else {
                                continue;
                            };
                            let mut k = f64::from(k);
                            if let ItemKind::Term { caps: true, .. } = bi.kind {
                                if caps_ok && emphasis {
                                    k += k.signum() * CAPS_INCR;
                                }
                            }
                            let delta = sign * k * BOOSTER_DECAY[dist];
                            v += delta;
                            if R::ON {
                                let by = item_text(doc, tokens, &bi).to_owned();
                                mods.push(Modifier::Boosted { by, delta });
                            }
                        }
                    }
                    if emphasis && caps && caps_ok {
                        v += sign * CAPS_INCR;
                        if R::ON {
                            mods.push(Modifier::Caps {
                                delta: sign * CAPS_INCR,
                            });
                        }
                    }
                    if emphasis && elongated {
                        v += sign * ELONGATION_INCR;
                        if R::ON {
                            mods.push(Modifier::Elongated {
                                delta: sign * ELONGATION_INCR,
                            });
                        }
                    }
                    // A waiting time stays a complaint under negation ("shouldn't take 30
                    // minutes"); a clause-final "again" is negated from anywhere in its clause
                    // ("will never set foot in there again").
                    // A phrase that opens with a negator other than "not" carries its own
                    // ("doesn't scan and support never replied", "can't it be rated zero
                    // stars"): an earlier one does not reach into it ("never said it was not
                    // good" is a double negation). A reverser opening a phrase negates
                    // nothing ("Nobody has fixed it").
                    let own_negator = matches!(how, How::Phrase(_))
                        && is_negator(vocab, keys.id(item.first))
                        && keys.key(item.first) != "not"
                        && !REVERSERS.contains(&keys.key(item.first));
                    let negatable =
                        !symbol && !matches!(how, How::Rule(r) if !r.negatable()) && !own_negator;
                    let clause = matches!(how, How::Rule(r) if r.clause_negated());
                    if let Some((neg_idx, left, count, applied)) = negation.filter(|_| negatable) {
                        // A reverser ("fixes", "eliminates") undoes a fault, not a merit:
                        // "eliminates glare" is praise, "solved with the comfortable ear-piece"
                        // stays praise.
                        // "used to" ends a merit, not a fault: "used to love it" is a
                        // complaint, "used to exploit women" no praise; after "be" or "get" it
                        // is a purpose ("is used to clean the grill") or means accustomed ("I'm
                        // used to good service") and negates nothing. A claim
                        // ("supposed to be", "advertised as") likewise denies only a merit.
                        let at = items[neg_idx].first;
                        let first = keys.key(at);
                        let kept = if merit_only(keys, &items[neg_idx]) {
                            base < 0.0
                                || (first == "used"
                                    && at.checked_sub(1).is_some_and(|j| {
                                        BE_OR_GET.contains(&keys.key(j))
                                            || be_clitic(tokens[j].text(doc))
                                    }))
                        } else {
                            base > 0.0 && REVERSERS.contains(&first)
                        };
                        if (left > 0 || clause) && count % 2 == 1 && !kept {
                            v *= NEGATION_SCALAR;
                            negated = true;
                            if R::ON {
                                let by = item_text(doc, tokens, &items[neg_idx]).to_owned();
                                mods.push(Modifier::Negated {
                                    by,
                                    factor: NEGATION_SCALAR,
                                });
                            }
                        }
                        negation = Some((neg_idx, left, count, applied || left > 0));
                    }
                    // Only praise turns: "worse than this" still condemns it ("can't get any
                    // worse than this", "nothing worse than this").
                    if base > 0.0 && compared_with_this(doc, tokens, vocab, keys, items, idx) {
                        v *= NEGATION_SCALAR;
                        if R::ON {
                            mods.push(Modifier::Negated {
                                by: "than this".to_owned(),
                                factor: NEGATION_SCALAR,
                            });
                        }
                    }
                    // "more depressing than entertaining", "to confuse rather than entertain":
                    // what the comparison ranks below is not said of the thing.
                    if let Some(by) = keys
                        .seen(flag::THAN)
                        .then(|| outranked(doc, tokens, vocab, keys, items, idx))
                        .flatten()
                    {
                        v = 0.0;
                        if R::ON {
                            mods.push(Modifier::Contrast {
                                by: by.to_owned(),
                                weight: 0.0,
                            });
                        }
                    }
                    // "Unfortunately, the film ...": an evaluative adverb opening the sentence
                    // judges the whole proposition, so it counts again for it.
                    if word_pos == 0 && stance_adverb(item_text(doc, tokens, item)) {
                        let delta = v * (STANCE_WEIGHT - 1.0);
                        v += delta;
                        if R::ON {
                            mods.push(Modifier::Boosted {
                                by: "(opens the sentence)".to_owned(),
                                delta,
                            });
                        }
                    }
                    let w = weights.get(idx).copied().unwrap_or(1.0);
                    if w != 1.0 {
                        v *= w;
                        if R::ON {
                            let by = contrast_word(doc, tokens, items, idx);
                            mods.push(Modifier::Contrast { by, weight: w });
                        }
                    }
                    // Negated ("far from average") or conceded ("while nothing special, it's
                    // pleasant") it is no verdict.
                    if !negated && w >= 1.0 {
                        raw.middling = raw.middling.max(middling_verdict(entry, how, base));
                    }
                    if entry.source != Source::Phatic {
                        clause_sum += v;
                    }
                    add(v, &mut raw);
                    if entry.role == Role::Valence {
                        opinion += v;
                    }
                    if entry.source == Source::Phatic && v != 0.0 {
                        let f = &mut raw.phatic[usize::from(v < 0.0)];
                        f.sum += v;
                        f.mass += v.abs() + 1.0;
                        f.matched += 1;
                    }
                    if R::ON {
                        rec.push(contribution(
                            doc, tokens, item, sentence, entry, how, base, mods, v,
                        ));
                    }
                    // An emoticon or emoji closes what was said, like a full stop: "NOT :) I
                    // heart overbooking" does not negate "heart".
                    if symbol {
                        negation = None;
                    }
                }
            },
        }
        // Every word (and every term) moves the negation scope and the booster reach on;
        // articles do not use up negation scope ("don't think it's a good one").
        word_pos += usize::from(item.is_word());
        if let Some((neg_idx, left, count, applied)) = negation {
            if idx != neg_idx && !is_article(doc, tokens, vocab, keys, item) {
                negation = Some((neg_idx, left.saturating_sub(1), count, applied));
            }
        }
    }
    close(&mut clause_sum, &mut raw);
    if let (v, Some(at)) = interjection {
        // Alone ("Wow!") an interjection is praise; otherwise it follows the sentence.
        let v = if weeps {
            if opinion > 0.0 { v } else { -v }
        } else if opinion < 0.0 && !(opener && raw.pos > 0.0) {
            -v
        } else {
            v
        };
        add(v, &mut raw);
        if let (true, ItemKind::Term { entry, how, .. }) = (R::ON, items[at].kind) {
            let base = f64::from(entry.valence);
            rec.push(contribution(
                doc,
                tokens,
                &items[at],
                sentence,
                entry,
                how,
                base,
                Vec::new(),
                v,
            ));
        }
    }
    let asked = if raw.sum != 0.0
        && (tokens.last().is_some_and(|t| t.kind == TokenKind::Question) || keys.seen(flag::WH))
    {
        info_question(tokens, keys)
    } else {
        None
    };
    // A complaint in a clause of its own stays one: "How do I get it to stop crashing, it is
    // useless?".
    let one_clause = || !items.iter().any(|it| matches!(it.kind, ItemKind::Boundary));
    let info = asked.is_some() && raw.sum > 0.0 || asked == Some(Asked::Facts) && one_clause();
    if (questions > 0 && raw.sum > 0.0) || info {
        let weight = if info { QUESTION_INFO } else { QUESTION_PRAISE };
        let cut = raw.sum * (1.0 - weight);
        raw.sum -= cut;
        // The formulas' share of it, so that dropping them drops only what they added.
        let formulas = if cut > 0.0 {
            raw.pos -= cut;
            &mut raw.phatic[0]
        } else {
            raw.neg += cut;
            &mut raw.phatic[1]
        };
        let phatic_cut = formulas.sum * (1.0 - weight);
        formulas.sum -= phatic_cut;
        formulas.mass -= phatic_cut.abs();
        if R::ON {
            rec.push(rule_contribution(doc, tokens, sentence, "question", -cut));
        }
    }
    if raw.matched == 1 && raw.tokens <= 3 && raw.sum > 0.0 && exclaims == 0 {
        raw.lone = lone_reaction(doc, tokens, items, raw.tokens);
    }
    if emphasis && raw.sum != 0.0 {
        let mut amp = exclaims.min(EXCLAIM_MAX) as f64 * EXCLAIM_INCR;
        if questions > 1 {
            amp += (questions as f64 * QUESTION_INCR).min(QUESTION_MAX);
        }
        if amp > 0.0 {
            let signed = amp * raw.sum.signum();
            raw.sum += signed;
            if signed > 0.0 {
                raw.pos += amp;
            } else {
                raw.neg += amp;
            }
            if R::ON {
                rec.push(rule_contribution(
                    doc,
                    tokens,
                    sentence,
                    "!/? emphasis",
                    signed,
                ));
            }
        }
    }
    raw.exclaimed = emphasis
        && exclaims > 0
        && questions == 0
        && raw.matched == 0
        && raw.sum == 0.0
        && !COMPLAINT_CUES.iter().any(|&cue| keys.seen(cue))
        && (tokens.is_empty() || !GREETINGS.contains(&keys.key(0)))
        && !challenge(keys, tokens.len());
    if aff.is_some() {
        affect.finish(&cues, raw.sum, cfg, caps_ok);
    }
    raw
}

/// Cue flags of a complaint told without an opinion word (waiting, repeats, contact, a time
/// unit): an exclamation with one is no enthusiasm ([`SentenceRaw::exclaimed`]).
const COMPLAINT_CUES: [u64; 6] = [
    flag::WAIT_CUE,
    flag::WAIT_WORD,
    flag::AGAIN,
    flag::REPEAT,
    flag::CONTACT,
    flag::TIME_UNIT,
];

/// Whether the sentence opens as a challenge ("Why would anyone do that!", "What kind of a
/// company does that!", "Where is my order!"): an exclamation that challenges is no enthusiasm
/// ([`SentenceRaw::exclaimed`]); "What a player!" is.
fn challenge(keys: &SentenceKeys, len: usize) -> bool {
    len > 1
        && (matches!(keys.key(0), "why" | "who" | "where" | "when")
            || (keys.key(0) == "what" && keys.key(1) == "kind"))
}

/// Words that open a greeting ("Hi team!", "Hello!"): an exclamation that greets is no
/// enthusiasm ([`SentenceRaw::exclaimed`]).
const GREETINGS: [&str; 9] = [
    "hi",
    "hello",
    "hey",
    "hiya",
    "howdy",
    "greetings",
    "dear",
    "yo",
    "morning",
];

/// A sentence-level adjustment for explanations (`!`/`?` emphasis, a question's praise), placed
/// at the sentence's last `!` or `?`.
fn rule_contribution(
    doc: &str,
    tokens: &[Token],
    sentence: usize,
    entry: &str,
    value: f64,
) -> Contribution {
    let t = tokens
        .iter()
        .rev()
        .find(|t| matches!(t.kind, TokenKind::Exclaim | TokenKind::Question));
    let (start, end) = t.map_or((0, 0), |t| (t.start, t.end));
    Contribution {
        start,
        end,
        text: doc[start..end].to_owned(),
        sentence,
        entry: entry.to_owned(),
        source: Source::Rule,
        by_stem: false,
        base: 0.0,
        modifiers: Vec::new(),
        contribution: value,
    }
}

/// The role item `idx` plays here. A booster or negator that carries its own valence ("pretty",
/// "no", "lack") acts as a modifier only when a sentiment term follows within its reach in the
/// same clause; otherwise it is a sentiment term itself, scored in place with every rule
/// ("not a pretty day"). "no" before what is not required ("no account needed", "no assembly
/// required") is a convenience, not a lack: it scores nothing.
fn effective_role(
    keys: &SentenceKeys,
    items: &[Item<'_>],
    idx: usize,
    negation_window: usize,
) -> Role {
    let ItemKind::Term { entry, .. } = items[idx].kind else {
        return Role::Valence;
    };
    let reach = match entry.role {
        Role::Booster(_) if entry.valence < 0.0 => EXPLETIVE_REACH,
        Role::Booster(_) => BOOSTER_REACH,
        Role::Negator => negator_reach(keys, &items[idx], negation_window),
        role => return role,
    };
    if entry.valence == 0.0 {
        return entry.role;
    }
    // A negator that denies only a merit ("lost", "not enough") negates only praise: before a
    // fault it keeps its own valence ("loses its fire" is a loss).
    let merit = entry.role == Role::Negator && merit_only(keys, &items[idx]);
    let is_target = |it: &Item<'_>| {
        matches!(it.kind, ItemKind::Term { entry, .. }
            if entry.role == Role::Valence && entry.valence != 0.0 && !(merit && entry.valence < 0.0))
    };
    let target = items[idx + 1..]
        .iter()
        .take_while(|it| it.is_word() && !matches!(it.role(), Some(Role::Contrast(_))))
        .take(reach)
        .any(is_target);
    // Not "no longer needed": dismissed.
    let not_required = || {
        entry.role == Role::Negator
            && items
                .get(idx + 1)
                .is_some_and(|it| keys.key(it.first) != "longer")
            && items[idx + 1..]
                .iter()
                .take_while(|it| it.is_word())
                .take(3)
                .any(|it| matches!(keys.key(it.first), "needed" | "required" | "necessary"))
    };
    if target || not_required() {
        entry.role
    } else {
        Role::Valence
    }
}

/// "better than this", "more intelligent than this one": the reviewed thing is the one found
/// wanting, so the comparative counts against it like a negation.
fn compared_with_this(
    doc: &str,
    tokens: &[Token],
    vocab: &Vocab,
    keys: &SentenceKeys,
    items: &[Item<'_>],
    idx: usize,
) -> bool {
    let text_is = |i: usize, w: &str| {
        items
            .get(i)
            .is_some_and(|n| item_text(doc, tokens, n).eq_ignore_ascii_case(w))
    };
    (items.get(idx + 1)).is_some_and(|n| flagged(vocab, keys, n, flag::THAN))
        && text_is(idx + 1, "than")
        && text_is(idx + 2, "this")
}

/// Whether term `idx` is what a comparison ranks below another: right after "than" (or "than it
/// is") with "more" and a word of its own before it ("more depressing than entertaining", "far
/// more offensive than it is funny"), or after "rather than". Not "more than happy to help",
/// where "more than" is emphasis. Returns the comparison's words for explanations.
fn outranked(
    doc: &str,
    tokens: &[Token],
    vocab: &Vocab,
    keys: &SentenceKeys,
    items: &[Item<'_>],
    idx: usize,
) -> Option<&'static str> {
    // One flag load rules out almost every term before any text is compared.
    let than_at = |i: usize| flagged(vocab, keys, &items[i], flag::THAN);
    let text_is = |i: usize, w: &str| item_text(doc, tokens, &items[i]).eq_ignore_ascii_case(w);
    let than = match idx.checked_sub(1)? {
        prev if than_at(prev) => prev,
        prev if prev >= 2
            && than_at(prev - 2)
            && text_is(prev, "is")
            && text_is(prev - 1, "it") =>
        {
            prev - 2
        }
        _ => return None,
    };
    if !text_is(than, "than") {
        return None;
    }
    if than >= 1 && text_is(than - 1, "rather") {
        return Some("rather than");
    }
    // "more" one to three words before "than", with a word between them.
    let from = than.saturating_sub(4);
    (from..than.saturating_sub(1))
        .any(|i| text_is(i, "more") && items[i + 1..than].iter().all(Item::is_word))
        .then_some("more ... than")
}

/// Whether `item` starts with a word whose key has the vocabulary flag `bit`: a key is the word
/// lower-cased, so an item whose text is in a rule's word list has its flag, and one load rules
/// out most items before their text is compared with the list.
fn flagged(vocab: &Vocab, keys: &SentenceKeys, item: &Item<'_>, bit: u64) -> bool {
    vocab.flags(keys.id(item.first)) & bit != 0
}

/// Words that open an embedded question or relative clause.
pub(crate) const WH_WORDS: [&str; 8] = [
    "what", "why", "how", "where", "when", "who", "which", "whether",
];

/// Whether item `idx` opens a clause that the negation at `neg` does not reach: "didn't know
/// what the problem was", "don't like how slow it is". Not right after the negator ("not what
/// I hoped for" negates the clause) nor after a neg-raising verb ("don't see how anyone could
/// enjoy it"). Out of line: it runs only inside a negation's reach.
#[inline(never)]
fn wh_clause(
    doc: &str,
    tokens: &[Token],
    vocab: &Vocab,
    keys: &SentenceKeys,
    items: &[Item<'_>],
    neg: usize,
    idx: usize,
) -> bool {
    let text_in = |i: usize, words: &[&str]| {
        let t = item_text(doc, tokens, &items[i]);
        words.iter().any(|w| t.eq_ignore_ascii_case(w))
    };
    idx > neg + 1
        && flagged(vocab, keys, &items[idx], flag::WH)
        && text_in(idx, &WH_WORDS)
        && !text_in(neg + 1, &NEG_RAISING)
}

/// The words of "could be" that [`top_of_scale`] follows ("ca" is "can't" split).
pub(crate) const COULD: [&str; 4] = ["could", "couldn", "can", "ca"];

/// "couldn't be easier", "could not have been better", "can't be beat", "couldn't be any
/// easier": a negated "could be" with a comparative says nothing could be more so, the top of
/// the scale, not a negation.
fn top_of_scale(
    doc: &str,
    tokens: &[Token],
    vocab: &Vocab,
    keys: &SentenceKeys,
    items: &[Item<'_>],
    idx: usize,
) -> bool {
    let text_is = |i: usize, words: &[&str]| {
        items.get(i).is_some_and(|n| {
            let t = item_text(doc, tokens, n);
            words.iter().any(|w| t.eq_ignore_ascii_case(w))
        })
    };
    if idx == 0 || !flagged(vocab, keys, &items[idx - 1], flag::COULD) || !text_is(idx - 1, &COULD)
    {
        return false;
    }
    let mut at = if text_is(idx + 1, &["be"]) {
        idx + 2
    } else if text_is(idx + 1, &["have"]) && text_is(idx + 2, &["been"]) {
        idx + 3
    } else {
        return false;
    };
    // "couldn't be any easier", "couldn't have been much better".
    if text_is(at, &["any", "much"]) {
        at += 1;
    }
    items.get(at).is_some_and(|n| {
        let t = item_text(doc, tokens, n);
        let b = t.as_bytes();
        ["more", "better", "worse"]
            .iter()
            .any(|w| t.eq_ignore_ascii_case(w))
            || (b.len() >= 5 && b[b.len() - 2..].eq_ignore_ascii_case(b"er"))
    })
}

/// The flags of the rules in [`find_items`] (and [`Cues::word`]) that act on the word itself;
/// the other flags mark cues that rules read around another word.
const OWN_CUES: u64 = flag::WAIT_CUE
    | flag::WAIT_WORD
    | flag::DURATION_OPENER
    | flag::AGAIN
    | flag::LIKE
    | flag::WAIT_OPENER
    | flag::COUNT
    | flag::WORK;

/// Pass 1: tokens → items, and with an emotion lexicon its terms and the sentence's cues.
/// Returns whether an item is a contrast word.
#[allow(clippy::too_many_arguments)]
fn find_items<'l>(
    doc: &str,
    tokens: &[Token],
    lex: &'l Lexicon,
    vocab: &'l Vocab,
    aff: Option<&'l AffectLexicon>,
    stemmer: &Stemmer,
    cfg: &Config,
    scratch: &mut Scratch<'l>,
    cues: &mut Cues,
) -> bool {
    let Scratch { items, hits, bufs } = scratch;
    let Buffers {
        durations,
        key,
        alt,
        keys,
        ..
    } = &mut **bufs;
    items.clear();
    durations.clear();
    hits.clear();
    keys.read(doc, tokens, vocab);
    let keys: &SentenceKeys = keys;
    let pass = Pass {
        doc,
        tokens,
        lex,
        vocab,
        aff,
        stemmer,
        cfg,
        keys,
    };
    let mut waiting = false;
    let mut contrast = false;
    let mut irony = false;
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let kind = match t.kind {
            TokenKind::Word | TokenKind::Number => {
                let shape = keys.shape(i);
                let word = vocab.word(keys.id(i));
                let flags = word.map_or(0, |w| w.flags);
                // Half the words are function words ("the", "and", "it", "was"): no lexicon
                // scores them, no rule of this pass acts on them, and unless a phrase may start
                // there or a "too" or hyphen compound reaches them, they are items without
                // sentiment. So is a word the vocabulary lacks ("product", "Amazon") when
                // neither lexicon finds its stem.
                if t.kind == TokenKind::Word
                    && !shape.elongated
                    && word.is_none_or(|w| {
                        flags & (flag::UNSCORED | OWN_CUES) == flag::UNSCORED
                            && vocab.no_phrase_before(w, keys.next_id(i))
                    })
                    && (!keys.seen(flag::TOO)
                        || i == 0
                        || vocab.flags(keys.id(i - 1)) & flag::TOO == 0)
                    && !(keys.seen(flag::FREE) && free_compound(doc, tokens, keys, vocab, i))
                    && !(keys.seen(flag::ANTI) && anti_compound(doc, tokens, keys, i))
                    && (word.is_some() || {
                        let key = keys.key(i);
                        let stemmable = cfg.stemming && key.len() > 3 && keys.is_lower(i);
                        lookup_word(key, None, false, stemmable, lex, stemmer, alt).is_none()
                            && aff.is_none_or(|a| {
                                (a.lookup_inflected(key, false, stemmable, stemmer, alt)).is_none()
                            })
                    })
                {
                    // All that `Cues::word` does with a word no rule lists.
                    if aff.is_some() {
                        cues.shout(doc, tokens, keys, i);
                    }
                    items.push(Item {
                        first: i,
                        last: i + 1,
                        kind: ItemKind::Word,
                    });
                    i += 1;
                    continue;
                }
                i = long_word(
                    &pass,
                    i,
                    word,
                    shape,
                    flags,
                    items,
                    hits,
                    durations,
                    alt,
                    cues,
                    &mut waiting,
                    &mut contrast,
                );
                continue;
            }
            TokenKind::Emoticon | TokenKind::Emoji => {
                let kind = symbol(doc, t, lex, aff, key, items.len(), hits);
                contrast |= is_contrast(kind);
                irony |= t.kind == TokenKind::Emoji && irony_mark(t.text(doc));
                kind
            }
            TokenKind::Exclaim => {
                cues.punct(t.kind, t.text(doc));
                ItemKind::Exclaim
            }
            TokenKind::Question => {
                cues.punct(t.kind, t.text(doc));
                ItemKind::Question
            }
            TokenKind::Boundary => ItemKind::Boundary,
            TokenKind::Ignored => {
                i += 1;
                continue;
            }
        };
        items.push(Item {
            first: i,
            last: i + 1,
            kind,
        });
        i += 1;
    }
    // A duration is a complaint when the sentence talks of waiting ("waited 40 minutes",
    // "took 3 weeks", "still nothing after 2 days"), and neutral otherwise ("used it for a week").
    if waiting {
        for &d in durations.iter() {
            if !short_duration(keys, items[d].first) {
                items[d].kind = rule_term(WAITING_VALENCE, RuleTerm::WaitingTime);
            }
        }
    }
    // `keys.seen`: the union of every word's flags, inside phrases and durations too.
    if keys.seen(flag::CONTACT) && keys.seen(flag::REPEAT) {
        repeated_contact(keys, vocab, items, tokens.len());
    }
    if keys.seen(flag::WH) {
        why_question(tokens, keys, items);
    }
    if keys.seen(flag::SOONER) {
        wished_sooner(keys, items);
    }
    if contrast && keys.seen(flag::UNTIL) {
        until_turn(keys, items);
    }
    // "So glad I paid extra for next-day delivery, only took a week 🙃": an eye-roll or an
    // upside-down face marks the sentence's praise as sarcasm, and so does praise shown off to
    // its owner ("Really efficient setup you have there").
    if irony || showcase(tokens, keys) {
        for item in items.iter_mut() {
            if matches!(item.kind, ItemKind::Term { entry, .. } if entry.valence > 0.0) {
                item.kind = reversed(item.kind, RuleTerm::Ironic);
            }
        }
    }
    contrast
}

/// [`find_items`]' long path for one word or number that a lexicon or a rule may act on: the
/// emotion cues and phrases, ratings, durations, "not enough", phrases, the lexicon lookup and
/// the per-word rules. Pushes its item (and any hits) and returns the next token's index. Out of
/// line so that the short path's loop keeps its registers.
#[allow(clippy::too_many_arguments)]
#[inline(never)]
fn long_word<'l>(
    pass: &Pass<'_, 'l>,
    i: usize,
    word: Option<&'l Word>,
    shape: WordShape,
    flags: u64,
    items: &mut Vec<Item<'l>>,
    hits: &mut Vec<Hit<'l>>,
    durations: &mut Vec<usize>,
    alt: &mut String,
    cues: &mut Cues,
    waiting: &mut bool,
    contrast: &mut bool,
) -> usize {
    let Pass {
        doc,
        tokens,
        lex,
        vocab,
        aff,
        stemmer,
        cfg,
        keys,
    } = *pass;
    let t = &tokens[i];
    if flags & flag::WAIT_CUE != 0 {
        *waiting = true;
    }
    // An emotion term may start here: `aff` is then the emotion lexicon.
    let aff = aff.filter(|_| cues.word(doc, tokens, keys, vocab, i, flags));
    let mut affect_word = aff.is_some();
    let affect_phrase = word
        .filter(|_| aff.is_some())
        .and_then(|w| vocab.affect_phrase_at(w, keys, i));
    if let Some(p) = affect_phrase {
        let len = p.ids.len();
        let caps = (i..i + len).all(|j| keys.shape(j).caps);
        hits.push(Hit {
            item: items.len(),
            weights: &p.weights,
            caps,
            elongated: false,
            symbol: false,
        });
        cues.skip_to(i + len);
        affect_word = false;
    }
    if let Some((len, valence)) = (t.kind == TokenKind::Number)
        .then(|| crate::rating::rating(doc, tokens, i))
        .flatten()
    {
        items.push(Item {
            first: i,
            last: i + len,
            kind: rule_term(valence, RuleTerm::Rating),
        });
        return i + len;
    }
    if let Some(len) = duration(tokens, keys, vocab, i, flags) {
        durations.push(items.len());
        items.push(Item {
            first: i,
            last: i + len,
            kind: ItemKind::Word,
        });
        return i + len;
    }
    if word.is_some_and(|w| w.entry.is_some_and(|e| e.role == Role::Negator))
        && not_enough(tokens, keys, vocab, i)
    {
        items.push(Item {
            first: i,
            last: i + 3,
            kind: rule_term(NOT_ENOUGH_VALENCE, RuleTerm::NotEnough),
        });
        return i + 3;
    }
    let phrase = word
        .and_then(|w| vocab.phrase_at(w, keys, i))
        .filter(|p| !reduplicated_booster(tokens, keys, &p.ids, i));
    if let Some(IdPhrase { ids, phrase, .. }) = phrase {
        let len = ids.len();
        if phrase.entry.role == Role::Valence && phrase.entry.valence < 0.0 {
            praised_how(keys, items);
        }
        *contrast |= matches!(phrase.entry.role, Role::Contrast(_));
        let caps = (i..i + len).all(|j| keys.shape(j).caps);
        items.push(Item {
            first: i,
            last: i + len,
            kind: ItemKind::Term {
                entry: phrase.entry,
                how: How::Phrase(phrase),
                caps,
                elongated: false,
            },
        });
        return i + len;
    }
    let unscored = flags & flag::UNSCORED != 0 && !shape.elongated;
    // Only the lookups read the key, and an unscored word skips them.
    let key = if unscored { "" } else { keys.key(i) };
    let exact = word.and_then(|w| w.entry.as_ref());
    let emotion = word.and_then(|w| vocab.emotion(w));
    // Only ASCII lower-case words are stemmed; checked once for both lexicons.
    let stemmable = cfg.stemming
        && flags & flag::NO_STEM == 0
        && (exact.is_none() || (aff.is_some() && emotion.is_none()))
        && key.len() > 3
        && keys.is_lower(i);
    // Updated in place by the rules below: a rebound enum was copied at each step.
    let mut kind = if t.kind == TokenKind::Number {
        ItemKind::Word
    } else if flags & flag::AGAIN != 0 {
        rule_term(AGAIN_VALENCE, RuleTerm::Again)
    } else if flags & flag::WORK != 0
        && exact.is_none_or(|e| e.role == Role::Valence && e.valence == 0.0)
        && !own_habit(vocab, keys, i)
        && !noun_use(vocab, keys, i)
    {
        rule_term(WORK_VALENCE, RuleTerm::Work)
    } else if unscored {
        ItemKind::Word
    } else {
        let found = lookup_word(key, exact, shape.elongated, stemmable, lex, stemmer, alt);
        match found
            .filter(|_| flags & flag::LIKE == 0 || like_is_verb(doc, tokens, keys, vocab, items))
        {
            Some((entry, how)) => ItemKind::Term {
                entry,
                how,
                // "OK" is how the word is written, not shouting.
                caps: shape.caps && key != "ok",
                elongated: shape.elongated,
            },
            None => ItemKind::Word,
        }
    };
    // "Arrested Development", "Public Enemy", "Airborne Toxic Event": a word of a
    // name scores nothing.
    if matches!(kind, ItemKind::Term { entry, .. } if entry.role == Role::Valence)
        && in_name(doc, tokens, i)
    {
        kind = ItemKind::Word;
    }
    // "too plastic", "fills up too fast": excess of a quality is a fault.
    let too = match kind {
        ItemKind::Word => {
            t.kind == TokenKind::Word
                && i > 0
                && flags & flag::NOT_QUALITY == 0
                && vocab.flags(keys.id(i - 1)) & flag::TOO != 0
                && doc[tokens[i - 1].end..t.start].trim().is_empty()
        }
        // A word neutralised in the lexicon ("quickly" 0.0) is a quality like any
        // word without sentiment: "dies too quickly".
        ItemKind::Term { entry, .. } => {
            entry.role == Role::Valence
                && (entry.valence > 0.0 || (entry.valence == 0.0 && flags & flag::NOT_QUALITY == 0))
                && i > 0
                && vocab.flags(keys.id(i - 1)) & flag::TOO != 0
                && doc[tokens[i - 1].end..t.start].trim().is_empty()
                && !(entry.valence > 0.0 && i > 1 && is_negator(vocab, keys.id(i - 2)))
        }
        _ => false,
    };
    if too {
        kind = rule_term(TOO_VALENCE, RuleTerm::Too);
    }
    // "the bug was fixed", "the leak is repaired": a fault reported undone is a merit.
    if matches!(kind, ItemKind::Term { entry, .. }
        if entry.role == Role::Valence && entry.valence < 0.0)
        && keys.seen(flag::UNDONE)
        && undone_after(tokens, keys, i)
    {
        kind = reversed(kind, RuleTerm::Undone);
    }
    // "needs a better manual", "should be better": an improvement wished for is a
    // lack.
    if matches!(kind, ItemKind::Term { entry, .. }
        if entry.role == Role::Valence && entry.valence > 0.0)
        && flags & flag::IMPROVEMENT != 0
    {
        match wanted_before(vocab, tokens, keys, i) {
            Some(true) => kind = reversed(kind, RuleTerm::Wanted),
            Some(false) => kind = ItemKind::Word,
            None => {}
        }
    }
    // "it would be nice to have a dark mode": a feature wished for is one missing.
    if matches!(kind, ItemKind::Term { entry, .. }
        if entry.role == Role::Valence && entry.valence > 0.0)
        && wished_feature(tokens, keys, i)
    {
        kind = reversed(kind, RuleTerm::Wanted);
    }
    // The "improved" checkout: one word of praise in double quotes is sarcasm.
    if matches!(kind, ItemKind::Term { entry, .. }
        if entry.role == Role::Valence && entry.valence > 0.0)
        && scare_quoted(doc, t)
    {
        kind = reversed(kind, RuleTerm::Ironic);
    }
    // "about as exciting as watching paint dry", "about as useful as a chocolate
    // teapot": praise in this frame is ironic.
    if matches!(kind, ItemKind::Term { entry, .. }
        if entry.role == Role::Valence && entry.valence > 0.0)
        && keys.seen(flag::IRONIC_FRAME)
        && (ironic_equative(tokens, keys, i) || ironic_all_the(tokens, keys, i))
    {
        kind = reversed(kind, RuleTerm::Ironic);
    }
    // "Great job breaking the app", "Thanks for wasting my time": praise for a
    // fault is sarcasm.
    if matches!(kind, ItemKind::Term { entry, .. }
        if entry.role == Role::Valence && entry.valence < 0.0)
        && key.ends_with("ing")
        && keys.seen(flag::PRAISE_OPENER)
        && let Some(p) = praised_fault(tokens, keys, items, i)
    {
        items[p].kind = reversed(items[p].kind, RuleTerm::Sarcastic);
    }
    // "Love how it crashes every time": praise for how a fault happens is sarcasm too.
    if matches!(kind, ItemKind::Term { entry, .. }
        if entry.role == Role::Valence && entry.valence < 0.0)
    {
        praised_how(keys, items);
    }
    // "if it were cheaper", "if the jokes were funny": praise in a counterfactual
    // condition is what the thing is not.
    if matches!(kind, ItemKind::Term { entry, .. }
        if entry.role == Role::Valence && entry.valence > 0.0)
        && ((keys.seen(flag::IF | flag::WERE) && counterfactual_if(tokens, keys, i))
            || (keys.seen(flag::TOO) && too_to_be(tokens, keys, i)))
    {
        kind = reversed(kind, RuleTerm::Counterfactual);
    }
    // "the old version was better", "other brands are far superior": a rival
    // praised is the product found wanting.
    if matches!(kind, ItemKind::Term { entry, .. }
        if entry.role == Role::Valence && entry.valence > 0.0)
        && flags & flag::COMPARATIVE != 0
        && keys.seen(flag::RIVAL)
        && rival_praised(tokens, keys, i)
    {
        kind = reversed(kind, RuleTerm::Rival);
    }
    // The flag test inline: almost no word is a discourse marker.
    if flags & flag::DISCOURSE != 0 && lone_marker(doc, tokens, i) {
        kind = ItemKind::Word;
    }
    let free = keys.seen(flag::FREE) && free_compound(doc, tokens, keys, vocab, i);
    if free {
        kind = reversed(kind, RuleTerm::Free);
    }
    // "anti-glare", "anti-spam": the feature prevents what its second half names.
    if keys.seen(flag::ANTI) && anti_compound(doc, tokens, keys, i) {
        kind = reversed(kind, RuleTerm::Anti);
        if let Some(anti) = items.last_mut().filter(|it| it.first + 1 == i) {
            anti.kind = ItemKind::Word;
        }
    }
    let (role, how, valence) = match kind {
        ItemKind::Term { entry, how, .. } => (entry.role, Some(how), entry.valence),
        _ => (Role::Valence, None, 0.0),
    };
    cues.negators += usize::from(role == Role::Negator);
    *contrast |= matches!(role, Role::Contrast(_));
    // Negators, boosters and contrast words are no emotion terms of their own (an
    // elongated or inflected one may be: "noooo"), except expletives ("damn").
    let expletive = matches!(role, Role::Booster(_)) && valence < 0.0;
    let modifier = role != Role::Valence && !expletive && matches!(how, Some(How::Exact));
    if let Some(aff) = aff.filter(|_| affect_word && t.kind == TokenKind::Word && !modifier) {
        let weights = match emotion {
            Some(w) => Some(w),
            None if unscored => None,
            None => aff.lookup_inflected(key, shape.elongated, stemmable, stemmer, alt),
        };
        if let Some(weights) = weights {
            hits.push(Hit {
                item: items.len(),
                weights,
                caps: shape.caps,
                elongated: shape.elongated,
                symbol: false,
            });
        }
    }
    if free {
        // "free" is part of the compound, not praise of its own.
        items.push(Item {
            first: i,
            last: i + 2,
            kind,
        });
        return i + 2;
    }
    items.push(Item {
        first: i,
        last: i + 1,
        kind,
    });
    i + 1
}

/// What [`long_word`] reads: the sentence, its keys and the lexicons.
struct Pass<'a, 'l> {
    doc: &'a str,
    tokens: &'a [Token],
    lex: &'l Lexicon,
    vocab: &'l Vocab,
    aff: Option<&'l AffectLexicon>,
    stemmer: &'a Stemmer,
    cfg: &'a Config,
    keys: &'a SentenceKeys,
}

/// Emoji that mark what they close as sarcasm: 🙄 (face with rolling eyes), 🙃 (upside-down
/// face), 😒 (unamused face).
/// A loudly crying face: on social media as often overwhelmed by something lovely ("this is so
/// wholesome 😭", "the cast is too cute 😭") as sad, so like "wow" it follows the sentence's
/// opinion words, sad when they do not praise ("the internet went down 😭").
fn weeping(doc: &str, token: &Token) -> bool {
    token.kind == TokenKind::Emoji && token.text(doc).starts_with('\u{1F62D}')
}

fn irony_mark(emoji: &str) -> bool {
    ["\u{1F644}", "\u{1F643}", "\u{1F612}"]
        .iter()
        .any(|m| emoji.starts_with(m))
}

/// A count of attempts shortly after a verb of reaching someone or of getting something to work
/// is a complaint ("I called three times", "emailed them twice", "restarted it five times"):
/// help that should have taken one try. Elsewhere a count is neutral ("watched it three
/// times", "twice as fast").
fn repeated_contact(keys: &SentenceKeys, vocab: &Vocab, items: &mut [Item<'_>], n: usize) {
    let count = |j: usize| {
        let key = keys.key(j);
        (vocab.flags(keys.id(j)) & flag::COUNT != 0 && key != "some")
            || matches!(key, "multiple" | "numerous" | "countless")
            || (key.bytes().all(|b| b.is_ascii_digit()) && key.parse::<u32>().is_ok_and(|n| n > 1))
    };
    // The attempt verb comes shortly before its count ("called them twice", "called their
    // support number numerous times"), not anywhere in the sentence.
    let cue_before = |j: usize| {
        (j.saturating_sub(CONTACT_REACH)..j).any(|c| vocab.flags(keys.id(c)) & flag::CONTACT != 0)
    };
    for item in items.iter_mut() {
        let j = item.last - 1;
        let start = match keys.key(j) {
            // "twice as fast", "twice the price": a factor, not a count.
            "twice" if !(j + 1 < n && matches!(keys.key(j + 1), "as" | "the" | "more")) => j,
            "times" if j > 0 && count(j - 1) => j - 1,
            _ => continue,
        };
        // A stronger term stays ("charged twice").
        let weaker = match item.kind {
            ItemKind::Word => true,
            ItemKind::Term { entry, .. } => (REPEAT_VALENCE..=0.0).contains(&entry.valence),
            _ => false,
        };
        if weaker && cue_before(start) {
            item.kind = rule_term(REPEAT_VALENCE, RuleTerm::Repeated);
        }
    }
}

/// Whether the sentence asks for facts or help rather than judging: a question opening "how
/// do I", "can I", "does the app support", "do you offer", "is there", "what's the", "what
/// does", "where can I", "which" (after any @mention or greeting), or one of the first-person openers without
/// its `?` ("how do i do that", as chat is typed). Rhetorical questions open otherwise ("How
/// can anyone ...", "Is this a joke?", "Why ...") and keep their weight.
fn info_question(tokens: &[Token], keys: &SentenceKeys) -> Option<Asked> {
    let skip = |j: usize| {
        matches!(tokens[j].kind, TokenKind::Ignored | TokenKind::Boundary)
            || matches!(keys.key(j), "hi" | "hello" | "hey")
    };
    let start = (0..tokens.len())
        .find(|&j| !skip(j))
        .unwrap_or(tokens.len());
    let key = |i: usize| {
        if start + i < tokens.len() {
            keys.key(start + i)
        } else {
            ""
        }
    };
    let asker = |w: &str| matches!(w, "i" | "we");
    // The thing asked about, not the person answering ("does the app", "will it", "is there").
    let thing = |w: &str| {
        matches!(
            w,
            "the" | "it" | "this" | "my" | "our" | "your" | "a" | "an" | "there"
        )
    };
    let marked = tokens.last().is_some_and(|t| t.kind == TokenKind::Question);
    let aux = |w: &str| {
        matches!(
            w,
            "do" | "does" | "can" | "could" | "should" | "will" | "would"
        )
    };
    let facts = match key(0) {
        "how" => aux(key(1)) && asker(key(2)),
        "where" => {
            aux(key(1)) && (asker(key(2)) || key(2) == "you")
                || marked && matches!(key(1), "is" | "are")
        }
        // "What's the best way ...?", "What's a good site for ...?", "What time is good to
        // call?", "What game should I play next?": a request for advice or facts.
        "what" => {
            matches!(key(1), "does" | "do")
                || marked
                    && (matches!(key(1), "the" | "a" | "an" | "time")
                        || (2..4).any(|i| {
                            matches!(key(i), "should" | "would" | "do" | "can")
                                && matches!(key(i + 1), "i" | "we" | "you")
                        }))
        }
        _ if !marked => false,
        "can" | "could" | "may" => asker(key(1)) && !matches!(key(2), "not" | "say" | "admit"),
        // "Do you ship to Norway?", "Does the X5 support wireless charging?", but not "Do you
        // like it?" (asking for an opinion is no request for facts).
        "do" | "does" => (1..5).any(|i| INFO_VERBS.contains(&key(i))),
        // "Is there a fee?", "Are we allowed to ...?", "Am I eligible for ...?"
        "is" | "are" | "am" => {
            key(1) == "there"
                || asker(key(1))
                    && matches!(
                        key(2),
                        "allowed" | "able" | "eligible" | "required" | "permitted" | "entitled"
                    )
        }
        "which" => true,
        "when" => aux(key(1)) || matches!(key(1), "is" | "are"),
        _ => false,
    };
    // "Is the free upgrade still available?", "Is it dishwasher safe?", "Will the new editor
    // ...?": whether a good thing holds; not "Isn't it great?". A bad thing asked about this
    // way is mostly rhetorical ("Could it be any worse?", "Is the time really ripe for ...?").
    let thing_asked = marked
        && thing(key(1))
        && matches!(
            key(0),
            "can" | "could" | "may" | "will" | "would" | "do" | "does" | "is" | "are"
        );
    // "Any places you'd recommend?", "Which router would you suggest?": advice asked for.
    let advice = || {
        marked
            && (start..tokens.len()).any(|j| {
                matches!(
                    keys.key(j),
                    "recommend" | "recommendations" | "recs" | "suggest" | "suggestions"
                )
            })
    };
    if facts || advice() {
        Some(Asked::Facts)
    } else if thing_asked {
        Some(Asked::Thing)
    } else {
        None
    }
}

/// What a question asks for ([`info_question`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Asked {
    /// Facts or help ("How do I ...?", "Is there a fee ...?"): its opinion words of either sign
    /// are its topic.
    Facts,
    /// Whether something holds of a thing ("Is the upgrade still free?"): its praise is asked
    /// about, its complaints mostly rhetorical.
    Thing,
}

/// What a sentence of one scored term is: thanks ("Thanks.", "Thank you."), a word of praise
/// that sarcasm uses alone ("Fantastic.", [`IRONIC_VERDICTS`]), or neither (laughter, an emoticon,
/// the writer's own feeling: "Impressed.", a praise word with another word: "Great product.").
#[inline(never)]
fn lone_reaction(doc: &str, tokens: &[Token], items: &[Item<'_>], words: usize) -> Lone {
    const THANKS: [&str; 4] = ["thank", "thx", "ty", "cheers"];
    let Some(it) = items
        .iter()
        .find(|it| matches!(it.kind, ItemKind::Term { .. }))
    else {
        return Lone::No;
    };
    let text = item_text(doc, tokens, it);
    let starts = |w: &str| {
        text.len() >= w.len() && text.as_bytes()[..w.len()].eq_ignore_ascii_case(w.as_bytes())
    };
    if THANKS.iter().any(|w| starts(w)) {
        return Lone::Thanks;
    }
    // "Super fun.", "Truly top notch.", "Really improved.": praise behind an intensifier, the
    // sentence's last words, reads like one word of praise, unless it is the writer's own
    // feeling ("Really grateful.").
    let boosted = || {
        (2..=3).contains(&words)
            && matches!(it.kind, ItemKind::Term { entry, .. } if matches!(entry.role, Role::Booster(_)))
            && IRONIC_INTENSIFIERS
                .iter()
                .any(|w| text.eq_ignore_ascii_case(w))
            && items
                .iter()
                .rev()
                .find(|t| matches!(t.kind, ItemKind::Term { .. }))
                .is_some_and(|t| {
                    t.last == words
                        && !FEELINGS
                            .iter()
                            .any(|w| item_text(doc, tokens, t).eq_ignore_ascii_case(w))
                })
    };
    if (words == 1 && IRONIC_VERDICTS.iter().any(|w| text.eq_ignore_ascii_case(w))) || boosted() {
        Lone::Praise
    } else {
        Lone::No
    }
}

/// Whether a sentence opens as a note for other readers: an answer to their question ("For
/// anyone wondering, the plug is UK three-pin", "Replying to the question about the accessible
/// room", "Answering the question a few people have asked"), notes for reference ("Fit notes for
/// anyone sizing these boots", "Measurements for reference") or "FYI". Not "For the record"
/// (which opens a grievance), "Heads up" and "PSA" (warnings), nor "For anyone who loves
/// musicals" and "For those looking for a thrill" (a verdict's audience). Out of line: it runs
/// once per document.
#[inline(never)]
fn informational_frame(tokens: &[Token], keys: &SentenceKeys) -> bool {
    let mut words = (0..tokens.len())
        .filter(|&i| tokens[i].kind == TokenKind::Word)
        .map(|i| keys.key(i));
    // Most documents open with another word: it rules them out before the next ones are read.
    let first = words.next().unwrap_or("");
    if !matches!(
        first,
        "fyi"
            | "for"
            | "in"
            | "answering"
            | "replying"
            | "responding"
            | "to"
            | "fit"
            | "sizing"
            | "size"
            | "measurements"
            | "dimensions"
            | "specs"
    ) {
        return false;
    }
    let w: [&str; 4] = std::array::from_fn(|i| {
        if i == 0 {
            first
        } else {
            words.next().unwrap_or("")
        }
    });
    let question_soon = w[1..]
        .iter()
        .any(|k| matches!(*k, "question" | "questions"));
    match w[0] {
        "fyi" => true,
        "for" => {
            (matches!(w[1], "anyone" | "anybody" | "those" | "people" | "everyone")
                && matches!(
                    w[2],
                    "wondering" | "asking" | "curious" | "heading" | "sizing"
                ))
                || w[1] == "reference"
        }
        "in" => w[1] == "case" && matches!(w[2], "anyone" | "anybody"),
        "answering" | "replying" | "responding" => question_soon,
        "to" => w[1] == "answer" && question_soon,
        "fit" | "sizing" | "size" => matches!(w[1], "notes" | "note" | "guide" | "info"),
        "measurements" | "dimensions" | "specs" => w[1] == "for" && w[2] == "reference",
        _ => false,
    }
}

/// The writer's own feelings, sincere after an intensifier ("Really grateful.").
const FEELINGS: [&str; 10] = [
    "grateful",
    "thankful",
    "happy",
    "glad",
    "pleased",
    "relieved",
    "impressed",
    "satisfied",
    "delighted",
    "appreciative",
];

/// Intensifiers before a closing word of praise that sarcasm uses ("Super fun.", "Truly top
/// notch.") as it uses the word alone ([`lone_reaction`]).
const IRONIC_INTENSIFIERS: [&str; 8] = [
    "super",
    "really",
    "truly",
    "so",
    "just",
    "simply",
    "absolutely",
    "very",
];

/// A sentence that is only a subject and a negated auxiliary after another sentence ("Your agent
/// told me it was fixed. It wasn't.", "Was promised a refund by Friday. It still hasn't.",
/// "Someone would call me back. Nobody did.") denies what was claimed or promised: in feedback,
/// a broken promise, so a complaint.
fn elliptic_denial(tokens: &[Token], keys: &SentenceKeys, items: &mut [Item<'_>]) {
    let words: usize = tokens.iter().filter(|t| t.kind == TokenKind::Word).count();
    let end = tokens
        .iter()
        .rposition(|t| t.kind == TokenKind::Word)
        .unwrap_or(0);
    if !(2..=4).contains(&words) || tokens[..=end].iter().any(|t| t.kind != TokenKind::Word) {
        return;
    }
    // "Someone would e-mail me the steps. Nobody did.": the promise, denied by its subject.
    if words == 2 {
        if matches!(keys.key(0), "nobody" | "noone")
            && matches!(
                keys.key(1),
                "did" | "has" | "have" | "does" | "will" | "would"
            )
        {
            if let Some(it) = items.iter_mut().find(|it| it.first == 0) {
                it.kind = rule_term(DENIAL_VALENCE, RuleTerm::Denial);
            }
        }
        return;
    }
    let mut j = 1;
    let subject = matches!(keys.key(0), "it" | "they" | "that" | "this" | "he" | "she");
    if keys.key(j) == "still" {
        j += 1;
    }
    let aux = matches!(
        keys.key(j),
        "was" | "were" | "is" | "are" | "did" | "does" | "do" | "has" | "have" | "had"
    );
    if !(subject && aux && j + 2 == words && keys.key(j + 1) == "not") {
        return;
    }
    if let Some(it) = items.iter_mut().find(|it| it.first == j + 1) {
        it.kind = rule_term(DENIAL_VALENCE, RuleTerm::Denial);
    }
}

/// A negated event with a third-person subject and nothing for the negation to reverse ("the
/// link doesn't open", "the package hasn't moved", "they never called back"): in feedback, a
/// product or a company that fails to do what it should. Not the writer's own doings ("I
/// didn't read the manual"), nor the verbs of opinion and need ("doesn't matter", "don't
/// know"), nor in a question.
fn failure(tokens: &[Token], keys: &SentenceKeys, items: &mut [Item<'_>], window: usize) {
    if tokens.last().is_some_and(|t| t.kind == TokenKind::Question) {
        return;
    }
    for k in 1..items.len() {
        if failed_at(keys, items, k, window) {
            items[k].kind = rule_term(FAILURE_VALENCE, RuleTerm::Failure);
        }
    }
}

/// Whether negator item `k` opens a failure ([`failure`]).
fn failed_at(keys: &SentenceKeys, items: &[Item<'_>], k: usize, window: usize) -> bool {
    let word = |k: usize| {
        items.get(k).is_some_and(|it| {
            it.last == it.first + 1 && matches!(it.kind, ItemKind::Word | ItemKind::Term { .. })
        })
    };
    let key = |k: usize| keys.key(items[k].first);
    // "Nobody mentioned it", "nobody answered": the staff who should have.
    if key(k) == "nobody" && word(k + 1) && items[k].role() == Some(Role::Negator) {
        return matches!(items[k + 1].kind, ItemKind::Word)
            && !OPINION_VERBS.contains(&key(k + 1))
            && !matches!(key(k + 1), "is" | "was" | "are" | "were" | "else")
            && !conditional(keys, items, k)
            && !reaches_score(items, k, window);
    }
    let opens = items[k].role() == Some(Role::Negator)
        && matches!(key(k), "not" | "never")
        && word(k - 1)
        && word(k + 1)
        && matches!(items[k + 1].kind, ItemKind::Word);
    if !opens {
        return false;
    }
    let aux = matches!(
        key(k - 1),
        "do" | "does" | "did" | "will" | "would" | "can" | "could" | "has" | "have" | "had"
    );
    // A review leaves its product out as the subject: "Won't even open on Android 14",
    // "Doesn't charge", "Don't buy it".
    let elided = k == 1 && aux;
    let subject = if elided {
        "it"
    } else if k < 2 || !word(k - 2) {
        return false;
    } else if aux {
        key(k - 2)
    } else if key(k) == "never" {
        key(k - 1)
    } else {
        return false;
    };
    if matches!(subject, "and" | "or" | "but" | "so" | "there" | "to") {
        return false;
    }
    // The writer's own doings ("I really didn't read it") and conditions ("if they don't
    // offer it") are no failure: the clause before the negation, back to a boundary.
    let clause = items[..k - 1]
        .iter()
        .rev()
        .take_while(|it| matches!(it.kind, ItemKind::Word | ItemKind::Term { .. }))
        .take(6);
    let own_or_if = clause.map(|it| keys.key(it.first)).any(|w| {
        matches!(
            w,
            "i" | "we" | "if" | "unless" | "when" | "whether" | "because" | "since"
        )
    });
    let scored = reaches_score(items, k, window);
    let verb = key(k + 1);
    // "I still haven't received it", "we can't log in": the writer kept from what the service
    // owes them.
    let kept_from = SERVICE_VERBS.contains(&verb) && !conditional(keys, items, k);
    // "My order hasn't been delivered", "I haven't been reimbursed": what the service owes, not
    // done, whoever the subject of the passive.
    let undone = matches!(verb, "been" | "be")
        && word(k + 2)
        && matches!(items[k + 2].kind, ItemKind::Word)
        && OWED.contains(&key(k + 2))
        && !conditional(keys, items, k);
    // "Haven't washed it yet", "Haven't tried the app": "have" without a subject is the
    // writer's ("has" would be the product's), so it fails only at what is owed them.
    let own_elided = elided && key(k - 1) == "have";
    !scored
        && (kept_from || undone || (!own_or_if && !own_elided && !OPINION_VERBS.contains(&verb)))
}

/// Whether the negation at item `k` reaches anything that scores (or another modifier): that
/// is left to the negation.
fn reaches_score(items: &[Item<'_>], k: usize, window: usize) -> bool {
    items[k + 1..]
        .iter()
        .take_while(|it| it.is_word())
        .take(window + 2)
        .any(|it| {
            matches!(it.kind, ItemKind::Term { entry, .. }
                if entry.valence != 0.0 || entry.role != Role::Valence)
        })
}

/// Whether a condition opens the clause of item `k` ("if they don't ...").
fn conditional(keys: &SentenceKeys, items: &[Item<'_>], k: usize) -> bool {
    items[..k]
        .iter()
        .rev()
        .take_while(|it| matches!(it.kind, ItemKind::Word | ItemKind::Term { .. }))
        .take(6)
        .any(|it| matches!(keys.key(it.first), "if" | "unless" | "when" | "whether"))
}

/// Verbs of what a service owes its customer: negated, they are a failure whoever the subject
/// ("I never received it", "we can't log in", "haven't heard back").
const SERVICE_VERBS: [&str; 16] = [
    "receive",
    "received",
    "hear",
    "heard",
    "access",
    "log",
    "login",
    "sign",
    "reach",
    "connect",
    "download",
    "install",
    "track",
    "cancel",
    "unsubscribe",
    "contact",
];

/// What a service owes its customer, as the participle of a passive: not done ("hasn't been
/// shipped", "won't be honoured"), it is a failure whoever the subject ([`failed_at`]).
const OWED: [&str; 28] = [
    "acknowledged",
    "activated",
    "addressed",
    "answered",
    "applied",
    "approved",
    "collected",
    "completed",
    "contacted",
    "corrected",
    "credited",
    "delivered",
    "dispatched",
    "honored",
    "honoured",
    "informed",
    "issued",
    "notified",
    "paid",
    "posted",
    "processed",
    "reimbursed",
    "repaired",
    "replaced",
    "restored",
    "returned",
    "sent",
    "shipped",
];

/// Verbs whose negation is no failure: opinion, need and obligation ("it doesn't matter", "you
/// don't need to", "they didn't have to").
const OPINION_VERBS: [&str; 15] = [
    "matter", "know", "think", "need", "have", "mind", "care", "seem", "want", "be", "been", "get",
    "believe", "mean", "expect",
];

/// Words of praise that, alone after complaints, are sarcasm ("... doesn't scan. Fantastic.").
/// Words for the writer's own feeling ("Impressed.", "Relieved.") are left out: alone, they are
/// a sincere verdict more often than not.
const IRONIC_VERDICTS: [&str; 29] = [
    "great",
    "fantastic",
    "perfect",
    "wonderful",
    "brilliant",
    "lovely",
    "awesome",
    "congrats",
    "congratulations",
    "nice",
    "superb",
    "excellent",
    "amazing",
    "terrific",
    "marvelous",
    "marvellous",
    "splendid",
    "cool",
    "bravo",
    "fabulous",
    "outstanding",
    "genius",
    "grand",
    "super",
    "cute",
    "classy",
    "stellar",
    "smooth",
    "outstanding",
];

/// The verbs of a question about what a product or a seller does ("does it support ...").
const INFO_VERBS: [&str; 14] = [
    "support", "supports", "offer", "have", "include", "ship", "deliver", "sell", "accept",
    "charge", "provide", "fit", "come", "work",
];

/// Valence of regret at not having bought or found something sooner, as "wish i bought it
/// sooner" (2.5) in customer.tsv.
const SOONER_VALENCE: f32 = 2.5;
/// Words that date a wish back: "sooner", "earlier", "(years) ago" ([`wished_sooner`]).
pub(crate) const SOONER: [&str; 3] = ["sooner", "earlier", "ago"];
/// Verbs of getting something, in [`wished_sooner`].
const ACQUIRED: [&str; 12] = [
    "bought",
    "found",
    "got",
    "ordered",
    "tried",
    "switched",
    "discovered",
    "joined",
    "started",
    "used",
    "done",
    "made",
];

/// "Wish I'd bought it years ago", "wish we had switched earlier": the writer regrets not having
/// had the thing sooner, which is praise of it; but "wish I had bought the other one" is
/// regret of the purchase (customer.tsv), and "wish it had come sooner" a complaint. The wish
/// (a word, or a customer.tsv phrase such as "wish i had bought") becomes the praise; the
/// words after it stay as they are.
fn wished_sooner(keys: &SentenceKeys, items: &mut [Item<'_>]) {
    for k in 0..items.len() {
        let (first, last) = (items[k].first, items[k].last);
        if keys.key(first) != "wish" {
            continue;
        }
        // "wish I (had) bought": the words after "wish", in or after the item.
        let mut j = first + 1;
        if !matches!(keys.key(j), "i" | "we") {
            continue;
        }
        j += 1;
        if keys.key(j) == "had" {
            j += 1;
        }
        if !ACQUIRED.contains(&keys.key(j)) {
            continue;
        }
        // The date of the wish, in the same clause: up to three words after the verb.
        let dated = items[k + 1..]
            .iter()
            .take_while(|it| matches!(it.kind, ItemKind::Word | ItemKind::Term { .. }))
            .filter(|it| it.first > j)
            .take(3)
            .any(|it| SOONER.contains(&keys.key(it.last - 1)));
        if dated && last <= j + 1 {
            items[k].kind = rule_term(SOONER_VALENCE, RuleTerm::Sooner);
        }
    }
}

/// A question opening with "why" or "how come" is a challenge in feedback ("Why is a
/// note-taking app 2GB?", "Why would anyone cast him?"), not a request for facts; its "why"
/// scores as a mild complaint. Not "why not" (a suggestion), nor regret at not having bought
/// sooner ("why didn't I ...", "why did I wait so long"), nor a question about praise alone.
fn why_question(tokens: &[Token], keys: &SentenceKeys, items: &mut [Item<'_>]) {
    if tokens.last().is_none_or(|t| t.kind != TokenKind::Question)
        || items.first().is_none_or(|it| it.last != it.first + 1)
    {
        return;
    }
    let key = |j: usize| if j < tokens.len() { keys.key(j) } else { "" };
    let has = |words: &[&str]| (0..tokens.len()).any(|j| words.contains(&keys.key(j)));
    // "Why did I wait so long?", "Why haven't I bought this before?", "How come nobody told me
    // sooner?": regret at not having it earlier, which is praise.
    let own = matches!(key(1), "do" | "did" | "have" | "had")
        && (matches!(key(2), "i" | "we") || (key(2) == "not" && matches!(key(3), "i" | "we")));
    let regret = has(&["sooner", "earlier"]) || (own && has(&["not", "wait", "long", "before"]));
    let opens = match key(0) {
        "why" => !matches!(key(1), "not" | "") && !regret,
        "how" => key(1) == "come" && !regret,
        _ => false,
    };
    // "Why is this so good?": a question about praise alone is no challenge.
    let valence = |it: &Item<'_>| match it.kind {
        ItemKind::Term { entry, .. } if entry.role == Role::Valence => entry.valence,
        _ => 0.0,
    };
    let praise_only =
        items.iter().any(|it| valence(it) > 0.0) && !items.iter().any(|it| valence(it) < 0.0);
    if opens && !praise_only && matches!(items[0].kind, ItemKind::Word) {
        items[0].kind = rule_term(WHY_VALENCE, RuleTerm::Why);
    }
}

/// Verbs that make a count of times shortly after them ([`CONTACT_REACH`]) a complaint about
/// repeated attempts. Not "tried" or "asked": "tried this restaurant three times and loved it",
/// "asked twice if we needed anything".
pub(crate) const CONTACT_CUES: [&str; 18] = [
    "called",
    "calling",
    "phoned",
    "rang",
    "dialed",
    "emailed",
    "emailing",
    "contacted",
    "contacting",
    "requested",
    "transferred",
    "complained",
    "messaged",
    "chatted",
    "reset",
    "restarted",
    "rebooted",
    "reinstalled",
];

/// "until" and "then" (a `but` in contrast.tsv) turn the sentence only from praise to a
/// complaint ("worked great until it broke", "fine for a month, then it died"): what came after
/// ended what was good. Elsewhere they only say when ("wait until Friday", "then I called"),
/// and are no contrast word.
fn until_turn(keys: &SentenceKeys, items: &mut [Item<'_>]) {
    let valence = |it: &Item<'_>| match it.kind {
        ItemKind::Term { entry, .. } if entry.role == Role::Valence => entry.valence,
        _ => 0.0,
    };
    for k in 0..items.len() {
        if items[k].last == items[k].first + 1
            && matches!(items[k].role(), Some(Role::Contrast(_)))
            && matches!(keys.key(items[k].first), "until" | "then")
            && (!(items[..k].iter().any(|it| valence(it) > 0.0)
                && items[k + 1..].iter().any(|it| valence(it) < 0.0))
                || then_for_than(keys, items[k].first))
        {
            items[k].kind = ItemKind::Word;
        }
    }
}

/// "better then my old one": "then" typed for "than" after a comparative compares, it turns
/// nothing.
fn then_for_than(keys: &SentenceKeys, at: usize) -> bool {
    let before = if at > 0 { keys.key(at - 1) } else { "" };
    keys.key(at) == "then"
        && (COMPARATIVES.contains(&before)
            || matches!(before, "more" | "less" | "rather" | "worse"))
}

/// The item of an emoticon or emoji token `t`, and its emotion term: out of line, since they
/// are rare next to words.
#[inline(never)]
fn symbol<'l>(
    doc: &str,
    t: &Token,
    lex: &'l Lexicon,
    aff: Option<&'l AffectLexicon>,
    key: &mut String,
    item: usize,
    hits: &mut Vec<Hit<'l>>,
) -> ItemKind<'l> {
    if t.kind == TokenKind::Emoticon {
        key.clear();
        key.push_str(t.text(doc));
        key.make_ascii_lowercase();
        symbol_hit(aff, key, item, hits);
        return term_or_word(lex.word(key));
    }
    emoji_key(t.text(doc), key);
    symbol_hit(aff, key, item, hits);
    let found = lex.word(key).or_else(|| {
        // A ZWJ sequence the lexicon lacks scores as its first emoji (🤦‍♀️ → 🤦).
        let first = key.chars().next()?;
        let mut buf = [0u8; 4];
        lex.word(first.encode_utf8(&mut buf))
    });
    term_or_word(found)
}

/// Whether an item of this kind is a contrast word.
fn is_contrast(kind: ItemKind<'_>) -> bool {
    matches!(kind, ItemKind::Term { entry, .. } if matches!(entry.role, Role::Contrast(_)))
}

/// Forms of "be" and "get" before which "used to" is a purpose ("is used to clean") or means
/// accustomed ("I'm used to good service"), and negates nothing.
const BE_OR_GET: [&str; 11] = [
    "is", "are", "was", "were", "be", "been", "being", "am", "get", "got", "getting",
];

/// Whether a word ends in a clitic "be" ("I'm", "it's", "they're"): keys drop clitics.
fn be_clitic(word: &str) -> bool {
    let w = word.as_bytes();
    ["'m", "'s", "'re", "’m", "’s", "’re"]
        .iter()
        .any(|c| w.len() > c.len() && w[w.len() - c.len()..].eq_ignore_ascii_case(c.as_bytes()))
}

/// First words of negators that deny only a merit and leave a fault alone: a past ("used to
/// love it"), a claim ("supposed to be waterproof", "advertised as quiet", "claims to be
/// secure") or a substitute ("a plot twist instead of trusting the material"; in "instead of
/// destroying the screen" the fault named is not what happened, but the sentence still reports a
/// mishap) or a possession lost ("lost its charm"; "loses its fire" stays a loss). All are in
/// negators.tsv; [`merit_only`] adds the shortfalls "not enough" and "short on".
const MERIT_ONLY: [&str; 10] = [
    "used",
    "lost",
    "loses",
    "losing",
    "instead",
    "supposed",
    "advertised",
    "claims",
    "billed",
    "marketed",
];

/// How many words negator item `it` reaches: a possession lost reaches only its object ("lost
/// its original charm", not "lost my card at a festival").
fn negator_reach(keys: &SentenceKeys, it: &Item<'_>, window: usize) -> usize {
    if it.last > it.first + 1 && matches!(keys.key(it.first), "lost" | "loses" | "losing") {
        LOSS_REACH
    } else {
        window
    }
}

/// Words a possession lost ("lost its", "losing my") reaches: its object.
const LOSS_REACH: usize = 2;

/// Whether negator item `it` denies only a merit ([`MERIT_ONLY`], and "not enough", "short on":
/// "not enough flavor" is a lack, "not enough flavor or just bad" still condemns).
fn merit_only(keys: &SentenceKeys, it: &Item<'_>) -> bool {
    let first = keys.key(it.first);
    MERIT_ONLY.contains(&first)
        || (it.last > it.first + 1
            && matches!(
                (first, keys.key(it.first + 1)),
                ("not", "enough") | ("short", "on")
            ))
}

/// Negators that undo a fault and leave a merit alone ("fixes the problem", "eliminates glare",
/// "prevents leaks"): listed in negators.tsv, they reverse only negative terms. Left out:
/// "fix"/"solve" (requests in tickets: "please fix the issue"), "reduces" ("reduces the war to
/// a love story" trivialises) and "avoids", which undoes a fault ("avoids the clichés") or a
/// merit ("avoids all the comic possibilities") alike.
pub(crate) const REVERSERS: [&str; 16] = [
    "waived",
    "waives",
    "fixes",
    "fixed",
    "solves",
    "solved",
    "resolves",
    "eliminates",
    "eliminated",
    "eliminate",
    "prevents",
    "prevented",
    "prevent",
    "removes",
    "removed",
    "cures",
];

/// Words of praise that also serve as reactions ("Great, ...", "Perfect, ..."). Agreement
/// ("yes", "sure") and stance adverbs ("fortunately") open sentences too, but do not react.
const REACTIONS: [&str; 17] = [
    "amazing",
    "awesome",
    "brilliant",
    "cool",
    "excellent",
    "fantastic",
    "good",
    "great",
    "lovely",
    "marvellous",
    "marvelous",
    "nice",
    "perfect",
    "splendid",
    "super",
    "terrific",
    "wonderful",
];

/// Whether the sentence ends "you have there", "we have here", "you've got there": in customer
/// text, praise shown off to its owner is sarcasm ("Great system we have here.").
fn showcase(tokens: &[Token], keys: &SentenceKeys) -> bool {
    let mut words = (0..tokens.len())
        .rev()
        .skip_while(|&j| tokens[j].kind != TokenKind::Word);
    words
        .next()
        .is_some_and(|j| matches!(keys.key(j), "there" | "here"))
        && words
            .next()
            .is_some_and(|j| matches!(keys.key(j), "have" | "got"))
        && words
            .next()
            .is_some_and(|j| matches!(keys.key(j), "you" | "we" | "they"))
}

/// Whether the item `idx` opens its sentence alone before a comma ("Great, another delay.",
/// "Oh perfect, it crashed again."), with more words after the comma and no contrast word
/// there ("Good, but not great" is a concession, not irony).
fn reaction_opener(
    doc: &str,
    tokens: &[Token],
    keys: &SentenceKeys,
    items: &[Item<'_>],
    idx: usize,
    word_pos: usize,
) -> bool {
    let item = &items[idx];
    let oh = |i: usize| matches!(keys.key(items[i].first), "oh" | "hey" | "ah" | "well");
    // The position and the comma first: they rule out almost every term.
    (word_pos == 0 || (word_pos == 1 && idx > 0 && oh(idx - 1)))
        && item.last == item.first + 1
        && tokens.get(item.last).is_some_and(|t| t.text(doc) == ",")
        && items
            .get(idx + 2)
            .is_some_and(|next| next.is_word() && !matches!(next.role(), Some(Role::Contrast(_))))
        && REACTIONS
            .iter()
            .any(|w| item_text(doc, tokens, item).eq_ignore_ascii_case(w))
}

/// Words that open a clause of their own after "and": a subject or an auxiliary ("expected
/// nothing and was still disappointed", "didn't like it and it broke", "no problem with it and
/// would order it again").
const CLAUSE_OPENERS: [&str; 26] = [
    "are", "had", "has", "have", "he", "i", "is", "it", "its", "my", "she", "that", "then",
    "there", "they", "this", "was", "we", "were", "you", "your", "the", "would", "will", "could",
    "can",
];

/// Whether the word at `idx` is "and" opening a new clause, which a negation does not reach.
fn new_clause(keys: &SentenceKeys, items: &[Item<'_>], idx: usize) -> bool {
    keys.key(items[idx].first) == "and"
        && items
            .get(idx + 1)
            .is_some_and(|n| n.is_word() && CLAUSE_OPENERS.contains(&keys.key(n.first)))
}

/// Words that may stand between a fault and [`UNDONE`]: auxiliaries and a few adverbs ("the
/// issue has finally been resolved"). "not" and "still" are not among them: "the bug is still
/// not fixed" stays a complaint.
const UNDONE_LINKS: [&str; 16] = [
    "already",
    "are",
    "be",
    "been",
    "completely",
    "finally",
    "fully",
    "get",
    "got",
    "had",
    "has",
    "have",
    "is",
    "now",
    "totally",
    "was",
];

/// Participles that report a fault undone. Not "gone": what is gone may have been loved
/// ("its lovely flakiness is gone").
pub(crate) const UNDONE: [&str; 11] = [
    "addressed",
    "corrected",
    "cured",
    "eliminated",
    "fixed",
    "patched",
    "removed",
    "repaired",
    "resolved",
    "solved",
    "waived",
];

/// Whether the fault at token `i` is reported undone by the words after it ("the leak was
/// fixed", "bug fixed", "the glitch is completely eliminated"). Only asked of fault terms.
fn undone_after(tokens: &[Token], keys: &SentenceKeys, i: usize) -> bool {
    for (j, t) in tokens.iter().enumerate().take(i + 5).skip(i + 1) {
        if t.kind != TokenKind::Word {
            return false;
        }
        let key = keys.key(j);
        if UNDONE.contains(&key) {
            return true;
        }
        if !UNDONE_LINKS.contains(&key) {
            return false;
        }
    }
    false
}

/// Words that name an improvement; wished for ([`wanted_before`]) they name a lack.
pub(crate) const IMPROVEMENTS: [&str; 6] = [
    "better",
    "improve",
    "improved",
    "improvement",
    "improvements",
    "upgrade",
];
/// Verbs of need and wish before an improvement ("needs a better manual", "I wish it had a
/// better screen", "expected better"); not "hoping", which negators.tsv has ("was hoping for").
const WANTS: [&str; 12] = [
    "need", "needs", "needed", "wish", "wished", "want", "wants", "wanted", "expect", "expected",
    "benefit", "deserves",
];
/// Modals that wish for an improvement only before "be"/"have" ("should have a better screen",
/// "could be better"); elsewhere they say other things ("I would say it's better").
const WISH_MODALS: [&str; 3] = ["should", "could", "would"];

/// Whether word `i` sits in "about as _ as": reviewers use the frame for irony ("about as
/// subtle as a sledgehammer"), except before "it", "they", "any"... ("about as good as it gets",
/// "about as good as anything").
fn ironic_equative(tokens: &[Token], keys: &SentenceKeys, i: usize) -> bool {
    let word = |j: usize| tokens.get(j).is_some_and(|t| t.kind == TokenKind::Word);
    i >= 2
        && word(i - 2)
        && word(i - 1)
        && word(i + 1)
        && keys.key(i - 2) == "about"
        && keys.key(i - 1) == "as"
        && keys.key(i + 1) == "as"
        && !(word(i + 2)
            && matches!(
                keys.key(i + 2),
                "it" | "they" | "you" | "any" | "anything" | "anyone" | "ever"
            ))
}

/// Praise that thanks or congratulates ("thanks for", "great job"): before a fault it is sarcasm
/// ([`praised_fault`]).
pub(crate) const PRAISE_OPENERS: [&str; 11] = [
    "awesome",
    "brilliant",
    "excellent",
    "fantastic",
    "good",
    "great",
    "nice",
    "thank",
    "thanks",
    "well",
    "wonderful",
];

/// The item of the praise that the fault at token `i` (a negative "-ing" word) follows, joined
/// by "job", "work", "for", "on", "you": "Great job ruining the app", "Thanks for wasting my
/// time", "Well done on losing my parcel". `None` when anything else stands between them
/// ("thanks for your help with the broken screen" thanks for help).
fn praised_fault(
    tokens: &[Token],
    keys: &SentenceKeys,
    items: &[Item<'_>],
    i: usize,
) -> Option<usize> {
    let glue = |it: &Item<'_>| {
        matches!(it.kind, ItemKind::Word)
            && it.last == it.first + 1
            && matches!(keys.key(it.first), "job" | "work" | "for" | "on" | "you")
    };
    let before = items.iter().rposition(|it| !glue(it))?;
    let praise = &items[before];
    let joined = before + 1 < items.len()
        && tokens[praise.last..i]
            .iter()
            .all(|t| t.kind == TokenKind::Word);
    let praises = matches!(praise.kind, ItemKind::Term { entry, .. }
        if entry.role == Role::Valence && entry.valence > 0.0)
        && PRAISE_OPENERS.contains(&keys.key(praise.first));
    (joined && praises).then_some(before)
}

/// Praise that opens "how" + a clause ("Love how ...", "Really impressive how ..."): the words
/// [`praised_how`] looks for.
const PRAISE_HOW: [&str; 12] = [
    "love",
    "loved",
    "loving",
    "great",
    "impressive",
    "nice",
    "awesome",
    "wonderful",
    "brilliant",
    "fantastic",
    "amazing",
    "adore",
];

/// Called at a fault (the items so far, the fault not yet among them): turns the praise before
/// "how" that opens the fault's clause into sarcasm ("Love how it crashes", "Really impressive
/// how they burnt the pizza"). Nothing if the sentence has no "how", praise stands in the
/// clause after it ("love how easy it is") or a boundary comes first.
fn praised_how(keys: &SentenceKeys, items: &mut [Item<'_>]) {
    if !keys.seen(flag::WH) {
        return;
    }
    if let Some(p) = praise_before_how(keys, items) {
        items[p].kind = reversed(items[p].kind, RuleTerm::Sarcastic);
    }
}

/// The item of the praise [`praised_how`] turns, if any.
#[inline(never)]
fn praise_before_how(keys: &SentenceKeys, items: &[Item<'_>]) -> Option<usize> {
    // A negator or a remedy before the fault makes it a merit: "love how it never crashes",
    // "love how you can undo any mistake".
    let how = items.iter().rposition(|it| {
        !matches!(it.kind, ItemKind::Word | ItemKind::Term { .. })
            || matches!(
                keys.key(it.first),
                "how" | "fix" | "fixes" | "undo" | "avoid" | "avoids" | "prevent" | "solve"
            )
            || matches!(it.kind, ItemKind::Term { entry, .. }
                if entry.valence > 0.0 || entry.role == Role::Negator)
    })?;
    if how == 0 || keys.key(items[how].first) != "how" {
        return None;
    }
    let praise = &items[how - 1];
    let praises = matches!(praise.kind, ItemKind::Term { entry, .. }
        if entry.role == Role::Valence && entry.valence > 0.0)
        && PRAISE_HOW.contains(&keys.key(praise.first));
    praises.then_some(how - 1)
}

/// Whether word `i` is praised in a counterfactual condition: "if" + a subject of up to three
/// words + "were" (+ one adverb) before it ("if it were cheaper", "if the jokes were funnier",
/// "if only it were a little faster"). What is wished true is not.
fn counterfactual_if(tokens: &[Token], keys: &SentenceKeys, i: usize) -> bool {
    let word = |j: usize| tokens[j].kind == TokenKind::Word;
    let Some(were) = (i.saturating_sub(3)..i)
        .rev()
        .find(|&j| word(j) && keys.key(j) == "were")
    else {
        return false;
    };
    (were + 1..i).all(word)
        && (were.saturating_sub(4)..were)
            .rev()
            .take_while(|&j| word(j))
            .any(|j| keys.key(j) == "if")
}

/// Whether word `i` is the quality that "too X to be" rules out: "too slow to be useful", "too
/// small to be truly comfortable" say it is not useful, not comfortable. "too" stands at most
/// four words before "to be" (+ one adverb), all in one clause.
fn too_to_be(tokens: &[Token], keys: &SentenceKeys, i: usize) -> bool {
    let word = |j: usize| tokens[j].kind == TokenKind::Word;
    let be = match i.checked_sub(1) {
        Some(j) if word(j) && keys.key(j) == "be" => j,
        Some(j) if j > 0 && word(j) && word(j - 1) && keys.key(j - 1) == "be" => j - 1,
        _ => return false,
    };
    be >= 2
        && word(be - 1)
        && keys.key(be - 1) == "to"
        && (be.saturating_sub(6)..be - 1)
            .rev()
            .take_while(|&j| word(j))
            .any(|j| keys.key(j) == "too")
}

/// Whether word `i` is part of a name: capitalised (not in capitals), not the sentence's first
/// word, next to another such word ("the new Arrested Development box set", "Airborne Toxic
/// Event at the Leadmill"), in a sentence not written in title case ("This Is The Best Phone").
fn in_name(doc: &str, tokens: &[Token], i: usize) -> bool {
    let b = doc.as_bytes();
    let capitalised = |j: usize| {
        let t = &tokens[j];
        t.kind == TokenKind::Word
            && t.end - t.start >= 2
            && b[t.start].is_ascii_uppercase()
            && b[t.start + 1].is_ascii_lowercase()
    };
    // The word's own case first: most terms are written in lower case.
    if !capitalised(i) {
        return false;
    }
    let Some(first) = tokens.iter().position(|t| t.kind == TokenKind::Word) else {
        return false;
    };
    if i == first {
        return false;
    }
    let next_to =
        (i > first + 1 && capitalised(i - 1)) || (i + 1 < tokens.len() && capitalised(i + 1));
    next_to && {
        let words = tokens.iter().filter(|t| t.kind == TokenKind::Word).count();
        let caps = (0..tokens.len()).filter(|&j| capitalised(j)).count();
        caps * 2 < words
    }
}

/// Comparatives that praise whatever is the subject ([`rival_praised`]).
pub(crate) const COMPARATIVES: [&str; 14] = [
    "better",
    "brighter",
    "cheaper",
    "clearer",
    "easier",
    "faster",
    "nicer",
    "preferable",
    "quieter",
    "sharper",
    "smoother",
    "stronger",
    "sturdier",
    "superior",
];

/// Subjects that name a rival of the product reviewed: an older version, another brand, the
/// book of the film ("the original was better", "my last phone was better").
pub(crate) const RIVALS: [&str; 16] = [
    "book",
    "competition",
    "competitor",
    "competitors",
    "earlier",
    "first",
    "former",
    "last",
    "old",
    "older",
    "original",
    "other",
    "others",
    "predecessor",
    "previous",
    "prior",
];

/// Whether comparative `i` praises a rival: "the old version was (much) better", "other brands
/// are far superior". The rival opens the clause's subject, a copula follows it, and the
/// comparative closes the clause or compares with something other than an expectation ("the
/// book was better than I expected" praises the book).
fn rival_praised(tokens: &[Token], keys: &SentenceKeys, i: usize) -> bool {
    let word = |j: usize| tokens.get(j).is_some_and(|t| t.kind == TokenKind::Word);
    if word(i + 1)
        && keys.key(i + 1) == "than"
        && word(i + 2)
        && matches!(
            keys.key(i + 2),
            "i" | "we" | "expected" | "anticipated" | "advertised" | "described" | "thought"
        )
    {
        return false;
    }
    let mut copula = false;
    for j in (i.saturating_sub(7)..i).rev() {
        if !word(j) {
            return false;
        }
        match keys.key(j) {
            "was" | "is" | "were" | "are" => copula = true,
            k if copula && RIVALS.contains(&k) => return true,
            _ => {}
        }
    }
    false
}

/// Whether word `i` sits in "all the _ of a ...": a quality granted to something that has none
/// is irony ("all the charm of a meltdown", "all the depth of a wading pool", "all the excitement
/// of eating oatmeal"); "all the charm of Kevin Kline" is not.
fn ironic_all_the(tokens: &[Token], keys: &SentenceKeys, i: usize) -> bool {
    let word = |j: usize| tokens.get(j).is_some_and(|t| t.kind == TokenKind::Word);
    i >= 2
        && word(i + 1)
        && word(i + 2)
        && keys.key(i - 1) == "the"
        && keys.key(i - 2) == "all"
        && keys.key(i + 1) == "of"
        && {
            let next = keys.key(i + 2);
            next == "a" || next == "an" || (next.len() > 4 && next.ends_with("ing"))
        }
}

/// Whether improvement word `i` is wished for: a verb of need or wish, or a modal + "be"/"have",
/// at most four words before it in the same clause. `Some(false)` when a negator comes before
/// or among them: "I don't need a better one" wishes for nothing, and "couldn't be better" is
/// the negation's to score.
fn wanted_before(vocab: &Vocab, tokens: &[Token], keys: &SentenceKeys, i: usize) -> Option<bool> {
    let start = i.saturating_sub(4);
    for j in (start..i).rev() {
        if tokens[j].kind != TokenKind::Word {
            return None;
        }
        let key = keys.key(j);
        // "would have been" is a negator of its own (negators.tsv): the modal is no cue there.
        let cue = WANTS.contains(&key)
            || (WISH_MODALS.contains(&key)
                && match keys.key(j + 1) {
                    "be" => true,
                    "have" => keys.key(j + 2) != "been",
                    _ => false,
                });
        if cue {
            return Some(
                !(j.saturating_sub(2)..i)
                    .any(|k| tokens[k].kind == TokenKind::Word && is_negator(vocab, keys.id(k))),
            );
        }
    }
    None
}

/// Whether praise word `i` says what would be good to have: "would be nice to have", "it'd be
/// great if it synced", "would be really helpful to": in feedback, a wish for what is missing
/// (review sets label these complaints about the aspect). Not "would be great" closing a
/// sentence ("a refund would be great") nor "would be a great gift".
fn wished_feature(tokens: &[Token], keys: &SentenceKeys, i: usize) -> bool {
    let word = |j: usize| tokens.get(j).is_some_and(|t| t.kind == TokenKind::Word);
    if !(word(i + 1) && word(i + 2)) {
        return false;
    }
    let wish = match keys.key(i + 1) {
        "to" => matches!(keys.key(i + 2), "have" | "get" | "add" | "see"),
        "if" => matches!(keys.key(i + 2), "it" | "they" | "you" | "there" | "the"),
        _ => false,
    };
    if !(wish && i >= 2 && WISHED.contains(&keys.key(i))) {
        return false;
    }
    let mut j = i - 1;
    if matches!(
        keys.key(j),
        "so" | "really" | "very" | "much" | "extremely" | "super"
    ) {
        j -= 1;
    }
    j >= 1
        && word(j - 1)
        && keys.key(j) == "be"
        && matches!(keys.key(j - 1), "would" | "it" | "that")
}

/// Whether the word is in quotes inside a text, alone or with one word beside it, in double or
/// single quotes, straight or curly: the writer quotes a claim to deny it ('the "beachfront"
/// hotel', 'wifi "included"', "the 'complimentary upgrade'"). Tried in the eighth session on all
/// quotes and dropped (quoted titles, quoted speech); on one word in double quotes it moved no
/// tune label of the eval sets and fixed two in the customer probes; spans of two words and
/// single quotes were added in the tenth session.
fn scare_quoted(doc: &str, t: &Token) -> bool {
    // A capitalised word in quotes is a title or a name ('""Glory""'), a shouted one emphasis
    // ('SCREAMS "LEGIT"').
    if t.text(doc).starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    // Called for every word of praise: the common case (no quote right after the word or the
    // next one) is settled from a byte or two.
    // A quote's first byte after the span, its last byte before it (curly quotes are
    // E2 80 9C/9D and E2 80 98/99 in UTF-8).
    let closing = |b: Option<&u8>| matches!(b, Some(b'"' | b'\'' | 0xE2));
    let opening = |b: Option<&u8>| matches!(b, Some(b'"' | b'\'' | 0x9C | 0x98));
    let word = |s: &[u8]| {
        s.iter()
            .position(|b| !(b.is_ascii_alphabetic() || *b == b'-'))
            .unwrap_or(s.len())
    };
    let (before, after) = (&doc[..t.start], &doc[t.end..]);
    let (b, a) = (before.as_bytes(), after.as_bytes());
    // Where the closing quote may stand: right after the word, or after one more word.
    let right = if closing(a.first()) {
        after
    } else if a.first() == Some(&b' ') {
        let n = word(&a[1..]);
        if n == 0 || !closing(a.get(1 + n)) {
            return false;
        }
        &after[1 + n..]
    } else {
        return false;
    };
    // Where the opening quote may stand, likewise (the span has two words at most).
    let left = if opening(b.last()) {
        before
    } else if right.len() == after.len() && b.last() == Some(&b' ') {
        let rest = &b[..b.len() - 1];
        let n = rest
            .iter()
            .rev()
            .position(|b| !(b.is_ascii_alphabetic() || *b == b'-'))
            .unwrap_or(rest.len());
        if n == 0 {
            return false;
        }
        &before[..rest.len() - n]
    } else {
        return false;
    };
    let letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    [
        ('"', '"'),
        ('\u{201C}', '\u{201D}'),
        ('\'', '\''),
        ('\u{2018}', '\u{2019}'),
    ]
    .iter()
    .any(|&(open, close)| {
        left.strip_suffix(open)
            .is_some_and(|b| !letter(b.chars().next_back()))
            && right
                .strip_prefix(close)
                .is_some_and(|a| !letter(a.chars().next()))
    })
}

/// The praise words of a wished-for feature ([`wished_feature`]).
const WISHED: [&str; 8] = [
    "nice",
    "great",
    "good",
    "useful",
    "helpful",
    "handy",
    "cool",
    "convenient",
];

/// Valence of a quality said to fall short ("not loud enough"), like "not enough" (-1.0) in
/// customer.tsv.
const NOT_ENOUGH_VALENCE: f32 = -1.0;

/// Whether negator `i` opens "not X enough" ("not loud enough", "never big enough"): a quality
/// that falls short is a complaint whatever the quality, and the negation ends there (it does
/// not reach the next clause). Not after "can"/"could": "can't thank you enough" is praise.
/// Out of line: it runs only after a negator, and inlined it cost the word path registers.
#[inline(never)]
fn not_enough(tokens: &[Token], keys: &SentenceKeys, vocab: &Vocab, i: usize) -> bool {
    let word = |j: usize| tokens.get(j).is_some_and(|t| t.kind == TokenKind::Word);
    // "not nearly enough fun": a degree word makes "enough" a quantity of what follows, which
    // the negation already takes.
    let degree = |j: usize| {
        matches!(
            keys.key(j),
            "nearly" | "quite" | "near" | "almost" | "half" | "remotely"
        ) || (vocab.word(keys.id(j)).and_then(|w| w.entry))
            .is_some_and(|e| matches!(e.role, Role::Booster(_)))
    };
    matches!(keys.key(i), "not" | "never")
        && word(i + 1)
        && word(i + 2)
        && keys.key(i + 2) == "enough"
        && !degree(i + 1)
        && !(i > 0 && matches!(keys.key(i - 1), "can" | "could" | "ca"))
}

/// Valence of a quality word after "too" ("too plastic", "too fast"), like "too loud" (-1.2) and
/// "too long" (-1.0) in customer.tsv.
const TOO_VALENCE: f32 = -1.0;
/// Words after "too" that name no quality ("me too and...", "too the max", "saw it too with my
/// kids"): pronouns, articles, conjunctions, prepositions, auxiliaries, replies.
pub(crate) const NOT_TOO_MUCH: [&str; 67] = [
    "a", "about", "actually", "after", "am", "an", "and", "are", "as", "at", "be", "because",
    "been", "before", "but", "by", "can", "could", "couldn", "did", "do", "does", "for", "from",
    "had", "haha", "has", "have", "he", "her", "i", "if", "in", "is", "it", "its", "just", "lol",
    "may", "me", "might", "my", "now", "of", "on", "or", "our", "she", "should", "so", "thanks",
    "that", "the", "their", "then", "they", "this", "though", "thx", "to", "was", "we", "when",
    "will", "with", "would", "you",
];

/// Whether vocabulary id `id` is a negator ("not too great" is "not great", no excess).
fn is_negator(vocab: &Vocab, id: u32) -> bool {
    vocab
        .word(id)
        .and_then(|w| w.entry)
        .is_some_and(|e| e.role == Role::Negator)
}

/// Whether word `i` is the first half of an "X-free" compound ("hassle-free", "charisma-free").
fn free_compound(
    doc: &str,
    tokens: &[Token],
    keys: &SentenceKeys,
    vocab: &Vocab,
    i: usize,
) -> bool {
    // The hyphen first: one byte compare rules out almost every word.
    doc.as_bytes().get(tokens[i].end) == Some(&b'-')
        && tokens.get(i + 1).is_some_and(|n| {
            n.kind == TokenKind::Word
                && n.start == tokens[i].end + 1
                && vocab.flags(keys.id(i + 1)) & flag::FREE != 0
        })
}

/// Whether word `i` is the second half of an "anti-X" compound ("anti-glare", "anti-theft",
/// "anti-social"), which means against X: X reversed, and "anti" (-1.3 in VADER) no term of its
/// own.
#[inline(always)]
fn anti_compound(doc: &str, tokens: &[Token], keys: &SentenceKeys, i: usize) -> bool {
    // The hyphen first: one byte compare rules out almost every word.
    let start = tokens[i].start;
    start > 0
        && doc.as_bytes()[start - 1] == b'-'
        && i > 0
        && tokens[i - 1].kind == TokenKind::Word
        && tokens[i - 1].end + 1 == start
        && keys.key(i - 1) == "anti"
}

/// "X-free" means without X: the word's sentiment reversed like a negation ("charisma-free" is a
/// fault, "stress-free" a merit); a neutral X leaves the compound neutral ("sugar-free").
/// Out of line: few words are reversed, and inlined it cost the word path registers.
#[inline(never)]
fn reversed(kind: ItemKind<'_>, rule: RuleTerm) -> ItemKind<'_> {
    match kind {
        ItemKind::Term { entry, .. } if entry.role == Role::Valence && entry.valence != 0.0 => {
            rule_term(entry.valence * NEGATION_SCALAR as f32, rule)
        }
        ItemKind::Term { entry, .. } if entry.role == Role::Valence => ItemKind::Word,
        kind => kind,
    }
}

/// Reply and discourse words that open a sentence or clause on their own, before a comma ("Well,
/// it broke again", "Yes, dull", "OK, I'm writing another review"): they carry the turn, not a
/// verdict, so they score nothing there; elsewhere they keep their valence ("works well").
pub(crate) const DISCOURSE_MARKERS: [&str; 6] = ["alright", "ok", "okay", "sure", "true", "well"];

/// Whether word `i`, a discourse marker (flag `DISCOURSE`), stands alone before a comma at the
/// start of its sentence or clause.
fn lone_marker(doc: &str, tokens: &[Token], i: usize) -> bool {
    tokens
        .get(i + 1)
        .is_some_and(|n| n.kind == TokenKind::Boundary && n.text(doc) == ",")
        && tokens[..i]
            .iter()
            .rev()
            .find(|t| t.kind != TokenKind::Ignored)
            .is_none_or(|t| {
                matches!(
                    t.kind,
                    TokenKind::Boundary | TokenKind::Exclaim | TokenKind::Question
                )
            })
}

/// Evaluative adverbs that, opening a sentence, give the writer's verdict on all of it
/// ("Unfortunately, the battery...", "Thankfully, support called back").
const STANCE_ADVERBS: [&str; 10] = [
    "alas",
    "disappointingly",
    "fortunately",
    "luckily",
    "mercifully",
    "regrettably",
    "sadly",
    "thankfully",
    "unfortunately",
    "unluckily",
];
/// Weight of a [`STANCE_ADVERBS`] word opening its sentence: its own valence, and the same again
/// for the proposition it judges.
const STANCE_WEIGHT: f64 = 2.0;

fn stance_adverb(text: &str) -> bool {
    text.len() >= 4 && STANCE_ADVERBS.iter().any(|w| text.eq_ignore_ascii_case(w))
}

/// Interjections of surprise: they carry a valence of their own only when nothing else in the
/// sentence does, and otherwise count as one `!`.
pub(crate) const INTERJECTIONS: [&str; 3] = ["wow", "whoa", "woah"];

/// Words after which "like" is the verb ("I like", "really like", "didn't like", "to like").
/// Elsewhere it is mostly the preposition ("tastes like rubber"), which carries no sentiment.
pub(crate) const LIKE_VERB_AFTER: [&str; 41] = [
    "particularly",
    "especially",
    "honestly",
    "kinda",
    "sorta",
    "quite",
    "both",
    "mostly",
    "i",
    "me",
    "even",
    "probably",
    "might",
    "may",
    "should",
    "truly",
    "genuinely",
    "personally",
    "we",
    "you",
    "they",
    "he",
    "she",
    "who",
    "people",
    "really",
    "just",
    "actually",
    "do",
    "does",
    "did",
    "not",
    "to",
    "would",
    "will",
    "also",
    "still",
    "totally",
    "absolutely",
    "definitely",
    "always",
];

/// Auxiliaries after which "not like" is the verb ("I do not like", "would not like").
const NOT_LIKE_AFTER: [&str; 14] = [
    "do", "does", "did", "will", "would", "could", "should", "can", "ca", "might", "may", "must",
    "wo", "i",
];

/// Whether "like" after the last item is the verb.
fn like_is_verb(
    doc: &str,
    tokens: &[Token],
    keys: &SentenceKeys,
    vocab: &Vocab,
    items: &[Item<'_>],
) -> bool {
    // "I'd like" is "I would like": a request, not liking; so is "I'd also like", "we would
    // really like" ("would like" itself is a neutral phrase in customer.tsv).
    let would = |it: &Item<'_>| {
        let text = item_text(doc, tokens, it);
        text.ends_with("'d") || text.ends_with("’d") || text.eq_ignore_ascii_case("would")
    };
    items.last().is_some_and(|prev| {
        if would(prev)
            || (matches!(keys.key(prev.first), "also" | "really" | "just" | "still")
                && items.len() > 1
                && would(&items[items.len() - 2]))
        {
            return false;
        }
        // The list holds single words; a phrase or duration item is none of them.
        if !(prev.last == prev.first + 1
            && vocab.flags(keys.id(prev.first)) & flag::LIKE_AFTER != 0)
        {
            return false;
        }
        // "not like" is the verb only after an auxiliary ("don't like", "would not like");
        // elsewhere it is a comparison ("but not like that", "like lightning, not like wind").
        keys.key(prev.first) != "not"
            || (prev.first > 0 && NOT_LIKE_AFTER.contains(&keys.key(prev.first - 1)))
    })
}

fn rule_term(valence: f32, rule: RuleTerm) -> ItemKind<'static> {
    ItemKind::Term {
        entry: Entry {
            valence,
            role: Role::Valence,
            source: Source::Rule,
        },
        how: How::Rule(rule),
        caps: false,
        elongated: false,
    }
}

/// Whether phrase `ids` at token `i` is a booster said twice before a word ("so so good", "very
/// very nice"): emphasis, not the phrase ("so-so" is written "so so" in middling.tsv).
fn reduplicated_booster(tokens: &[Token], keys: &SentenceKeys, ids: &[u32], i: usize) -> bool {
    ids.len() == 2
        && ids[0] == ids[1]
        && tokens.get(i + 2).is_some_and(|t| t.kind == TokenKind::Word)
        && matches!(keys.key(i), "so" | "very" | "really")
}

/// Units of a waiting time.
pub(crate) const TIME_UNITS: [&str; 16] = [
    "min", "mins", "minute", "minutes", "hour", "hours", "hr", "hrs", "day", "days", "week",
    "weeks", "wk", "wks", "month", "months",
];
/// Words that make a duration in the same sentence a complaint about waiting.
pub(crate) const WAIT_CUES: [&str; 14] = [
    "wait", "waited", "waiting", "waits", "took", "take", "takes", "taking", "still", "hold",
    "queue", "delayed", "later", "nobody",
];

/// Whether the duration at token `i` is said to be short ("took only 2 minutes", "answered
/// within an hour", "in less than a day"): praise of speed, no waiting complained of.
fn short_duration(keys: &SentenceKeys, i: usize) -> bool {
    match i.checked_sub(1).map(|j| keys.key(j)) {
        Some("only" | "just" | "literally" | "under" | "within" | "barely") => true,
        Some("than") => i >= 2 && keys.key(i - 2) == "less",
        _ => false,
    }
}

/// A duration at token `i` (vocabulary flags `flags`): a number, a number word or
/// "a"/"an"/"another" and a time unit ("40 minutes", "three weeks", "an hour"), or one token
/// ("45min"). Returns its length in tokens.
fn duration(
    tokens: &[Token],
    keys: &SentenceKeys,
    vocab: &Vocab,
    i: usize,
    flags: u64,
) -> Option<usize> {
    let number = tokens[i].kind == TokenKind::Number;
    if number {
        let tail = keys
            .key(i)
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
        if TIME_UNITS.contains(&tail) {
            return Some(1);
        }
    }
    if !(number || flags & (flag::DURATION_OPENER | flag::COUNT) != 0) {
        return None;
    }
    tokens.get(i + 1).filter(|t| t.kind == TokenKind::Word)?;
    // "a 60 hour work week", "2 day shipping": a singular unit after a number above one
    // qualifies a noun, it measures no time spent.
    if number
        && keys.key(i) != "1"
        && matches!(
            keys.key(i + 1),
            "minute" | "hour" | "day" | "week" | "month"
        )
    {
        return None;
    }
    (vocab.flags(keys.id(i + 1)) & flag::TIME_UNIT != 0).then_some(2)
}

fn term_or_word(entry: Option<&Entry>) -> ItemKind<'static> {
    match entry {
        Some(e) => ItemKind::Term {
            entry: *e,
            how: How::Exact,
            caps: false,
            elongated: false,
        },
        None => ItemKind::Word,
    }
}

/// Exact key, then the elongation squeezed to two and to one letter, then the English stem
/// (when `stemmable`: stemming is on and the key is ASCII lower-case, longer than three).
#[inline(always)]
fn lookup_word<'l>(
    key: &str,
    exact: Option<&Entry>,
    elongated: bool,
    stemmable: bool,
    lex: &'l Lexicon,
    stemmer: &Stemmer,
    alt: &mut String,
) -> Option<(Entry, How<'l>)> {
    if let Some(e) = exact {
        return Some((*e, How::Exact));
    }
    if elongated {
        for keep in [2, 1] {
            squeeze(key, keep, alt);
            if let Some(e) = lex.word(alt) {
                return Some((*e, How::Squeezed));
            }
        }
    }
    if laughter(key) {
        if let Some(e) = lex.word(LAUGHTER) {
            return Some((*e, How::Laughter));
        }
    }
    let last = key.as_bytes().last().copied().unwrap_or(0);
    if stemmable && STEM_ENDING_LAST[usize::from(last & 0x7f)] && lex.may_stem(key) {
        let stem = stemmer.stem(key);
        let ending = key.strip_prefix(stem.as_ref()).unwrap_or("?");
        if STEM_ENDINGS.contains(&ending) {
            if let Some((e, word)) = lex.stem(&stem, key) {
                return Some((*e, How::Stem(word)));
            }
        }
    }
    if stemmable && key.ends_with("est") {
        if let Some((word, e)) = superlative(key, lex, alt) {
            return Some((*e, How::Stem(word)));
        }
    }
    if stemmable && key.starts_with("un") {
        if let Some(e) = un_prefixed(key, lex) {
            let entry = Entry {
                valence: e.valence * NEGATION_SCALAR as f32,
                role: Role::Valence,
                source: Source::Rule,
            };
            return Some((entry, How::Rule(RuleTerm::Un)));
        }
    }
    None
}

/// Whether any rule that needs a `stemmable` word may match `key` (ASCII lower-case): the stem
/// fallback of [`lookup_word`] (a stem ending and the stem filter), superlatives, "un-", and the
/// emotion lexicon's stems. When not, [`flag::NO_STEM`] spares the word these tests.
pub(crate) fn stem_rules_may_apply(key: &str, lex: &Lexicon, aff: Option<&AffectLexicon>) -> bool {
    let last = key.as_bytes().last().copied().unwrap_or(0);
    (STEM_ENDING_LAST[usize::from(last & 0x7f)] && lex.may_stem(key))
        || key.ends_with("est")
        || key.starts_with("un")
        || aff.is_some_and(|a| a.may_stem(key))
}

/// "un-" + a positive word the lexicons score, when the whole word is not in them: the praise
/// reversed like a negation ("unconvincing", "unsatisfying", "unfaithful", "unappealing").
/// Negative bases are left alone: their "un-" forms go either way ("unlimited" is praise,
/// "unprovoked" is not). "unlike" is mostly the preposition.
fn un_prefixed<'l>(key: &str, lex: &'l Lexicon) -> Option<&'l Entry> {
    let base = key.strip_prefix("un")?;
    if base.len() < 4 || key == "unlike" {
        return None;
    }
    lex.word(base)
        .filter(|e| e.role == Role::Valence && e.valence > 0.0)
}

/// Adjectives whose superlative says how much, not how good: their sentiment turns on the noun
/// ("lowest price" is praise, "lowest quality" a fault) or the word means something else
/// ("latest" is the most recent).
const DIMENSIONAL: [&str; 14] = [
    "low", "high", "cheap", "late", "long", "short", "small", "big", "large", "new", "old",
    "early", "light", "heavy",
];

/// The evaluative adjective a superlative the lexicons lack is formed from ("coolest" → "cool",
/// "nicest" → "nice", "tastiest" → "tasty", "saddest" → "sad"): the stemmer keeps "-est", so
/// the stem fallback never finds these. Only an adjective with a valence of its own counts.
#[inline(never)]
fn superlative<'l>(key: &str, lex: &'l Lexicon, y: &mut String) -> Option<(&'l str, &'l Entry)> {
    let stem = key.strip_suffix("est")?;
    let b = stem.as_bytes();
    if b.len() < 3 {
        return None;
    }
    let candidates = [
        Some(stem),
        // "nicest", "rudest": the base ends in "e".
        key.strip_suffix("st"),
        // "tastiest", "comfiest": "y" became "i" (spelt out in the reused buffer `y`).
        stem.strip_suffix('i').map(|s| {
            y.clear();
            y.push_str(s);
            y.push('y');
            y.as_str()
        }),
        // "saddest", "hottest": the last consonant doubled.
        (b[b.len() - 1] == b[b.len() - 2]).then(|| &stem[..stem.len() - 1]),
    ];
    for base in candidates.into_iter().flatten() {
        // The first reading that is a dimensional adjective decides: "lowest" is not "lowe".
        if DIMENSIONAL.contains(&base) {
            return None;
        }
        if let Some(found) = lex
            .term(base)
            .filter(|(_, e)| e.role == Role::Valence && e.valence != 0.0)
        {
            return Some(found);
        }
    }
    None
}

/// The lexicon word laughter of any length scores as.
const LAUGHTER: &str = "haha";

/// Whether `key` is laughter: "ha"/"he"/"hi" syllables repeated, with "ah" forms and the
/// "bw"/"mu" openings ("hahahaha", "ahahah", "hehehe", "bwahaha", "muahaha"); at least two
/// "h" and four letters, so "heh", "aha" and "hah" are not.
pub(crate) fn laughter(key: &str) -> bool {
    let b = key.as_bytes();
    let laughs = |c: &u8| matches!(c, b'h' | b'a' | b'e' | b'i');
    // The last two letters are the body's too: two byte tests rule out almost every word
    // before the opening is matched.
    if b.len() < 4 || !b[b.len() - 2..].iter().all(laughs) {
        return false;
    }
    let body = match b {
        [b'b' | b'm', b'w' | b'u', rest @ ..] => rest,
        _ => b,
    };
    body.len() >= 4
        && body.len() <= 40
        && body.iter().all(laughs)
        && body.iter().filter(|&&c| c == b'h').count() >= 2
        && !body.windows(2).any(|w| w == b"hh")
}

/// Endings after the stem that keep the root's sentiment: inflections and adverb/noun forms
/// ("disappoint|ingly", "annoy|ed", "happi|ly", "rude|ness"). Derivations change it too often
/// ("polit|ical" is not "polite", "attent|ion" not "attentive", "care|less" not "care").
pub(crate) const STEM_ENDINGS: [&str; 16] = [
    "s", "es", "d", "ed", "ing", "ly", "ily", "ingly", "edly", "ness", "iness", "er", "est", "ier",
    "iest", "y",
];
/// Whether a byte ends some [`STEM_ENDINGS`] entry: a word ending otherwise cannot take the stem
/// fallback, so the filter and the stemmer are skipped.
const STEM_ENDING_LAST: [bool; 128] = {
    let mut t = [false; 128];
    let mut i = 0;
    while i < STEM_ENDINGS.len() {
        let e = STEM_ENDINGS[i].as_bytes();
        t[e[e.len() - 1] as usize] = true;
        i += 1;
    }
    t
};

/// An emoji or emoticon of the emotion lexicon, for item `item`.
fn symbol_hit<'l>(aff: Option<&'l AffectLexicon>, key: &str, item: usize, hits: &mut Vec<Hit<'l>>) {
    if let Some(weights) = aff.and_then(|a| a.symbol(key)) {
        hits.push(Hit {
            item,
            weights,
            caps: false,
            elongated: false,
            symbol: true,
        });
    }
}

/// Contrast weights of every item (none when all are 1); returns whether the sentence *opens*
/// with `but`/`however`. `contrast`: whether an item is a contrast word.
fn contrast_weights(items: &[Item<'_>], weights: &mut Vec<f64>, contrast: bool) -> bool {
    weights.clear();
    // Most sentences have no contrast word (the first pass says so): no weights to write.
    if !contrast {
        return false;
    }
    weights.resize(items.len(), 1.0);
    let mut leading = false;
    if let Some(j) = items
        .iter()
        .rposition(|it| it.role() == Some(Role::Contrast(Contrast::But)))
    {
        if items[..j].iter().any(Item::is_word) {
            weights[..j].iter_mut().for_each(|w| *w *= BUT_BEFORE);
            weights[j + 1..].iter_mut().for_each(|w| *w *= BUT_AFTER);
        } else {
            leading = true;
        }
    }
    for (j, item) in items.iter().enumerate() {
        if item.role() == Some(Role::Contrast(Contrast::Although)) {
            let end = items[j + 1..]
                .iter()
                .position(|it| matches!(it.kind, ItemKind::Boundary))
                .map_or(items.len(), |p| j + 1 + p);
            let main_clause =
                items[..j].iter().any(Item::is_word) || items[end..].iter().any(Item::is_word);
            if main_clause {
                weights[j + 1..end]
                    .iter_mut()
                    .for_each(|w| *w *= CONCESSIVE);
                weights[..j].iter_mut().for_each(|w| *w *= MAIN_CLAUSE);
                weights[end..].iter_mut().for_each(|w| *w *= MAIN_CLAUSE);
            }
        }
    }
    leading
}

/// Articles, which use up no negation scope.
pub(crate) const ARTICLES: [&str; 3] = ["a", "an", "the"];

fn is_article(
    doc: &str,
    tokens: &[Token],
    vocab: &Vocab,
    keys: &SentenceKeys,
    item: &Item<'_>,
) -> bool {
    if !flagged(vocab, keys, item, flag::ARTICLE) {
        return false;
    }
    let t = item_text(doc, tokens, item);
    t.len() <= 3 && ARTICLES.iter().any(|a| t.eq_ignore_ascii_case(a))
}

fn item_text<'d>(doc: &'d str, tokens: &[Token], item: &Item<'_>) -> &'d str {
    &doc[tokens[item.first].start..tokens[item.last - 1].end]
}

/// The contrastive conjunction that weighted item `idx` (for explanations).
fn contrast_word(doc: &str, tokens: &[Token], items: &[Item<'_>], idx: usize) -> String {
    items
        .iter()
        .enumerate()
        .filter(|(j, it)| *j != idx && matches!(it.role(), Some(Role::Contrast(_))))
        .map(|(_, it)| item_text(doc, tokens, it).to_lowercase())
        .collect::<Vec<_>>()
        .join("+")
}

#[allow(clippy::too_many_arguments)]
fn contribution(
    doc: &str,
    tokens: &[Token],
    item: &Item<'_>,
    sentence: usize,
    entry: Entry,
    how: How<'_>,
    base: f64,
    modifiers: Vec<Modifier>,
    value: f64,
) -> Contribution {
    let text = item_text(doc, tokens, item);
    let name = match how {
        How::Rule(rule) => rule.name().to_owned(),
        How::Phrase(p) => p.keys.join(" "),
        How::Stem(word) => word.to_owned(),
        How::Laughter => LAUGHTER.to_owned(),
        How::Exact | How::Squeezed => {
            let mut k = String::new();
            match tokens[item.first].kind {
                TokenKind::Emoji => emoji_key(text, &mut k),
                TokenKind::Emoticon => k = text.to_ascii_lowercase(),
                _ => {
                    let shape = word_key(text, false, &mut k);
                    if matches!(how, How::Squeezed) && shape.elongated {
                        let mut s = String::new();
                        squeeze(&k, 2, &mut s);
                        k = s;
                    }
                }
            }
            k
        }
    };
    Contribution {
        start: tokens[item.first].start,
        end: tokens[item.last - 1].end,
        text: text.to_owned(),
        sentence,
        entry: name,
        source: entry.source,
        by_stem: matches!(how, How::Stem(_)),
        base,
        modifiers,
        contribution: value,
    }
}

#[cfg(test)]
mod tests {
    use super::{laughter, superlative, un_prefixed};

    #[test]
    fn un_reverses_praise_only() {
        let lex = crate::lexicon::builtin();
        assert!(un_prefixed("unconvincing", &lex).is_some_and(|e| e.valence > 0.0));
        for w in ["unlike", "unprovoked", "under", "until", "unit"] {
            assert!(un_prefixed(w, &lex).is_none(), "{w}");
        }
    }

    #[test]
    fn superlatives_find_their_adjective() {
        let lex = crate::lexicon::builtin();
        let mut y = String::new();
        let mut base = |w: &str| superlative(w, &lex, &mut y).map(|(b, _)| b.to_owned());
        for (w, b) in [
            ("coolest", "cool"),
            ("nicest", "nice"),
            ("blandest", "bland"),
            ("saddest", "sad"),
        ] {
            assert_eq!(base(w).as_deref(), Some(b), "{w}");
        }
        assert!(base("tastiest").is_some_and(|b| b.ends_with('y')));
        // No evaluative adjective behind them, or one whose superlative measures.
        for w in [
            "interest", "forest", "latest", "lowest", "cheapest", "biggest", "est",
        ] {
            assert_eq!(base(w), None, "{w}");
        }
    }

    #[test]
    fn reversers_are_bundled_negators() {
        // A reverser only acts through the negation scope, so each must be a negator.
        let v = crate::lexicon::vocab::builtin(false);
        for w in super::REVERSERS {
            assert!(super::is_negator(&v, v.id(w)), "{w}");
        }
        // So do the merit-only negators, named by their first word.
        let negators = include_str!("../lexicons/en/negators.tsv");
        for w in super::MERIT_ONLY {
            let prefix = format!("{w} ");
            assert!(negators.lines().any(|l| l.starts_with(&prefix)), "{w}");
        }
    }

    /// A word as text may write it: lower-case, upper-case and capitalised.
    fn spellings(w: &str) -> [String; 3] {
        let upper = w.to_uppercase();
        let capital = format!("{}{}", &upper[..1], &w[1..]);
        [w.to_string(), upper, capital]
    }

    /// The flag tests in front of the rules' word lists never rule out a word the list holds,
    /// however it is written: capitalised, shouted, or split from "n't".
    #[test]
    fn flags_never_reject_a_listed_word() {
        use crate::lexicon::vocab::flag;
        let v = crate::lexicon::vocab::builtin(false);
        let lists: [(&[&str], u64); 4] = [
            (&super::WH_WORDS, flag::WH),
            (&["than"], flag::THAN),
            (&super::ARTICLES, flag::ARTICLE),
            (&super::COULD, flag::COULD),
        ];
        let mut tokens = Vec::new();
        let mut keys = crate::lexicon::vocab::SentenceKeys::default();
        for (words, bit) in lists {
            for w in words {
                for written in spellings(w) {
                    for doc in [format!("{written} x"), format!("{written}n't x")] {
                        tokens.clear();
                        crate::tokenize::tokenize(&doc, 0, &|_| false, &mut tokens);
                        keys.read(&doc, &tokens, &v);
                        let item = super::Item {
                            first: 0,
                            last: 1,
                            kind: super::ItemKind::Word,
                        };
                        let text = super::item_text(&doc, &tokens, &item);
                        if text.eq_ignore_ascii_case(w) {
                            assert!(super::flagged(&v, &keys, &item, bit), "{doc}");
                        }
                    }
                }
            }
        }
    }

    /// Scare quotes: one or two words between a pair of quotes, straight or curly, double or
    /// single; not an apostrophe, a longer quotation or a capitalised title.
    #[test]
    fn scare_quotes_hold_one_or_two_words() {
        let quoted = |doc: &str, word: &str| {
            let mut tokens = Vec::new();
            crate::tokenize::tokenize(doc, 0, &|_| false, &mut tokens);
            let t = tokens.iter().find(|t| t.text(doc) == word).expect(word);
            super::scare_quoted(doc, t)
        };
        assert!(quoted("the \"improved\" checkout", "improved"));
        assert!(quoted("the \u{201C}improved\u{201D} checkout", "improved"));
        assert!(quoted("the 'complimentary upgrade' was", "complimentary"));
        assert!(quoted("the \u{2018}free upgrade\u{2019} was", "upgrade"));
        assert!(!quoted("an improved checkout", "improved"));
        assert!(!quoted("we're great 'cause it's cheap", "great"));
        assert!(!quoted("\"a really good one\"", "good"));
        assert!(!quoted("we saw \"Glory\" twice", "Glory"));
    }

    /// The rare rules are tried only in sentences that have their cue words
    /// (`SentenceKeys::seen`): each listed word, however written, sets its bit.
    #[test]
    fn sentence_flags_see_every_cue_word() {
        use crate::lexicon::vocab::flag;
        let v = crate::lexicon::vocab::builtin(true);
        let lists: [(&[&str], u64); 17] = [
            (&super::PLEASE, flag::PLEASE),
            (&super::SOONER, flag::SOONER),
            (&super::CONTACT_CUES, flag::CONTACT),
            (&["times", "twice"], flag::REPEAT),
            (&super::WH_WORDS, flag::WH),
            (&["free"], flag::FREE),
            (&["anti"], flag::ANTI),
            (&["if"], flag::IF),
            (&["were"], flag::WERE),
            (&super::UNDONE, flag::UNDONE),
            (&["about", "all"], flag::IRONIC_FRAME),
            (&super::IMPROVEMENTS, flag::IMPROVEMENT),
            (&super::COMPARATIVES, flag::COMPARATIVE),
            (&super::RIVALS, flag::RIVAL),
            (&super::PRAISE_OPENERS, flag::PRAISE_OPENER),
            (&["until", "then"], flag::UNTIL),
            (&["too"], flag::TOO),
        ];
        let mut tokens = Vec::new();
        let mut keys = crate::lexicon::vocab::SentenceKeys::default();
        for (words, bit) in lists {
            for w in words {
                for written in spellings(w) {
                    let doc = format!("it was {written} then");
                    tokens.clear();
                    crate::tokenize::tokenize(&doc, 0, &|_| false, &mut tokens);
                    keys.read(&doc, &tokens, &v);
                    assert!(keys.seen(bit), "{doc}");
                    assert!(v.flags(keys.id(2)) & bit != 0, "{doc}");
                }
            }
        }
        keys.read("it was fine", &tokens[..0], &v);
        assert!(!keys.seen(flag::IF));
    }

    /// A word flagged `NO_STEM` finds the same with stemming as without, in both lexicons (its
    /// own valence entry first, as `find_items` looks it up); and the flag is set on common words
    /// of the phrases and on valence words.
    #[test]
    fn no_stem_words_gain_nothing_from_stemming() {
        use crate::lexicon::vocab::flag;
        let lex = crate::lexicon::builtin();
        let aff = crate::affect::builtin();
        let stemmer = crate::stem::Stemmer::default();
        let mut alt = String::new();
        for emotions in [false, true] {
            let v = crate::lexicon::vocab::builtin(emotions);
            let mut flagged = Vec::new();
            for (key, id) in v.short_keys() {
                if v.flags(id) & flag::NO_STEM == 0 {
                    continue;
                }
                flagged.push(key.clone());
                let elongated = crate::normalize::has_run(key.as_bytes());
                let exact = v.word(id).and_then(|w| w.entry.as_ref());
                let mut found = [true, false].map(|stemmable| {
                    let w = super::lookup_word(
                        &key, exact, elongated, stemmable, &lex, &stemmer, &mut alt,
                    );
                    format!("{w:?}")
                });
                assert_eq!(found[0], found[1], "{key}");
                if emotions {
                    found = [true, false].map(|stemmable| {
                        let w =
                            aff.lookup_inflected(&key, elongated, stemmable, &stemmer, &mut alt);
                        format!("{w:?}")
                    });
                    assert_eq!(found[0], found[1], "{key}");
                }
            }
            for w in ["that", "with", "this", "have"] {
                assert!(flagged.iter().any(|k| k == w), "{w}");
            }
            if emotions {
                let valence = flagged.iter().filter(|k| lex.word(k).is_some()).count();
                assert!(valence > 1000, "{valence} valence words flagged");
            }
        }
    }

    #[test]
    fn laughter_at_any_length() {
        for w in [
            "hahahaha", "ahahah", "hehehe", "bwahaha", "muahaha", "hahaa", "hihihi",
        ] {
            assert!(laughter(w), "{w}");
        }
        for w in [
            "heh", "aha", "hah", "hhhh", "aaaa", "hash", "hahahx", "ahhh", "hehh",
        ] {
            assert!(!laughter(w), "{w}");
        }
    }
}
