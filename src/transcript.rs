//! Chat transcripts: who wrote each line.
//!
//! A support chat pasted or exported as text ("Agent: Thanks for contacting us! ...",
//! "Customer: still broken") holds two voices, and the support side's scripted courtesy ("So
//! sorry for the inconvenience!", "Happy to help!", "Have a wonderful day!") is not how the
//! customer feels. [`turns`] finds the speaker label that opens a line ("Agent:", "Maria
//! (Support):", "[14:02] You:"), tells the support side from the customer, and the analyser
//! scores the side asked for ([`Speaker`], the customer by default); the labels themselves are
//! never scored (a customer called Joy is no joy).
//!
//! Sides come from the labels' role words ("agent", "support", "rep" against "customer",
//! "client", "me", "you"). Speakers with a bare name ("Hannah:", "Northwave Telecom:") take the
//! side the others leave, or the support side when they use its formulas ("How can I help?",
//! "Thank you for contacting ..."). A text is a transcript only when at least two lines carry
//! labels and both sides are found: "Pros: ... Cons: ..." in a review is no conversation.

/// Whose words a chat transcript is scored on
/// ([`AnalyzerBuilder::speaker`](crate::AnalyzerBuilder::speaker)). Text that is not a
/// transcript is scored whole whatever the setting.
///
/// ```
/// use empathic::{Analyzer, Speaker};
///
/// let chat = "Agent: Hi! Thanks so much for contacting us, happy to help :)\n\
///             Customer: my router died again. third time this month.\n\
///             Agent: I'm so sorry for the inconvenience! Have a wonderful day!";
/// // The customer's turns: a complaint, whatever the agent's courtesy.
/// assert!(Analyzer::new().analyze(chat).compound() < 0.0);
/// // The agent's turns: its tone, for quality review.
/// let support = Analyzer::builder().speaker(Speaker::Support).build()?;
/// assert!(support.analyze(chat).compound() > 0.0);
/// # Ok::<(), empathic::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum Speaker {
    /// The customer's turns (default): how the customer feels.
    #[default]
    Customer,
    /// The support side's turns (agents, bots, the company): their tone.
    Support,
    /// Every line, as in any other text: no reading of speakers.
    Everyone,
}

impl Speaker {
    /// Whether a line said by `side` is scored.
    pub(crate) fn scores(self, side: Side) -> bool {
        match self {
            Speaker::Customer => side == Side::Customer,
            Speaker::Support => side == Side::Support,
            Speaker::Everyone => true,
        }
    }
}

impl std::str::FromStr for Speaker {
    type Err = crate::Error;

    /// `customer`, `support` or `everyone` (any case).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "customer" => Ok(Speaker::Customer),
            "support" => Ok(Speaker::Support),
            "everyone" => Ok(Speaker::Everyone),
            _ => Err(crate::Error::config(format!(
                "unknown speaker {s:?}: expected customer, support or everyone"
            ))),
        }
    }
}

/// A side of a conversation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Side {
    /// Before the first label: a header or a system line, said by neither side.
    Nobody,
    Customer,
    Support,
}

/// A line that opens with a speaker label.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Turn {
    /// Byte offset of the line in the text.
    pub line: usize,
    /// Byte offset of what is said, after the label.
    pub body: usize,
    /// Who says it (its speaker's index until the sides are known).
    pub side: Side,
    speaker: u8,
}

/// The longest speaker name, in bytes, timestamp excluded ("Dave - Acme Broadband Support").
const NAME_MAX: usize = 40;
/// The most words of a speaker name.
const NAME_WORDS: usize = 5;
/// The most distinct speakers of a transcript (customer, bot, two agents, a supervisor...):
/// more labels are a list ("Pros:", "Cons:", "Price:", ...).
const MAX_SPEAKERS: usize = 6;

/// Words of a label that name the support side. They win over [`CUSTOMER_WORDS`]:
/// "Customer Service:" is the company.
const SUPPORT_WORDS: [&str; 26] = [
    "agent",
    "support",
    "rep",
    "representative",
    "advisor",
    "adviser",
    "assistant",
    "bot",
    "chatbot",
    "operator",
    "associate",
    "specialist",
    "consultant",
    "csr",
    "helpdesk",
    "helpline",
    "service",
    "care",
    "staff",
    "team",
    "concierge",
    "technician",
    "tech",
    "moderator",
    "admin",
    "expert",
];
/// Words of a label that name the customer.
const CUSTOMER_WORDS: [&str; 14] = [
    "customer",
    "client",
    "user",
    "guest",
    "caller",
    "me",
    "you",
    "visitor",
    "member",
    "buyer",
    "passenger",
    "subscriber",
    "patient",
    "tenant",
];
/// Formulas of the support side, which a speaker with a bare name ("Hannah:") who uses them
/// belongs to (lower-case, compared without regard to ASCII case).
const SUPPORT_FORMULAS: [&str; 38] = [
    "how can i help",
    "how may i help",
    "how can i assist",
    "how may i assist",
    "thank you for contacting",
    "thanks for contacting",
    "thank you for reaching out",
    "thanks for reaching out",
    "thank you for chatting",
    "thanks for chatting",
    "anything else i can help",
    "anything else i can do for you",
    "i'll be assisting you",
    "i will be assisting you",
    "apologize for the inconvenience",
    "apologise for the inconvenience",
    "sorry for the inconvenience",
    "understand your frustration",
    "thank you for your patience",
    "thanks for your patience",
    "let me look into",
    "let me check that for you",
    "thanks for waiting",
    "thank you for waiting",
    "thanks for holding",
    "thank you for holding",
    "i'll be helping you",
    "i will be helping you",
    "here from the",
    "following up on your",
    "i can see you",
    "i can see that you",
    "i've looked into",
    "i have looked into",
    "sorry to hear",
    "i completely understand",
    "i've escalated",
    "i have escalated",
];

/// Finds the turns of a chat transcript into `turns` (cleared first): every line that opens
/// with a speaker label, with its side. Returns whether `text` is a transcript; when it is
/// not, `turns` is left empty.
pub(crate) fn turns(text: &str, turns: &mut Vec<Turn>) -> bool {
    turns.clear();
    // A transcript has several lines and a colon: most texts are ruled out by two scans.
    if memchr::memchr(b'\n', text.as_bytes()).is_none()
        || memchr::memchr(b':', text.as_bytes()).is_none()
    {
        return false;
    }
    let mut names: [&str; MAX_SPEAKERS] = [""; MAX_SPEAKERS];
    let mut count = 0;
    let mut line = 0;
    while line < text.len() {
        let end = memchr::memchr(b'\n', &text.as_bytes()[line..]).map_or(text.len(), |i| line + i);
        if let Some((name, body)) = label(&text[line..end]) {
            let name = &text[line + name.0..line + name.1];
            let speaker = match names[..count]
                .iter()
                .position(|n| n.eq_ignore_ascii_case(name))
            {
                Some(i) => i,
                None if count < MAX_SPEAKERS => {
                    names[count] = name;
                    count += 1;
                    count - 1
                }
                None => {
                    turns.clear();
                    return false;
                }
            };
            turns.push(Turn {
                line,
                body: line + body,
                side: Side::Nobody,
                speaker: speaker as u8,
            });
        }
        line = end + 1;
    }
    if turns.len() < 2 || count < 2 {
        turns.clear();
        return false;
    }
    let mut sides = [Side::Nobody; MAX_SPEAKERS];
    for (side, name) in sides.iter_mut().zip(&names[..count]) {
        *side = role(name);
    }
    // A bare name that speaks the support side's formulas is the support side.
    if sides[..count].contains(&Side::Nobody) {
        for k in 0..turns.len() {
            let s = turns[k].speaker as usize;
            if sides[s] == Side::Nobody
                && uses_formula(&text[turns[k].body..turn_end(text, turns, k)])
            {
                sides[s] = Side::Support;
            }
        }
    }
    // The remaining bare names take the side the others leave.
    let has = |sides: &[Side], side| sides[..count].contains(&side);
    let rest = match (has(&sides, Side::Support), has(&sides, Side::Customer)) {
        (true, _) => Side::Customer,
        (false, true) => Side::Support,
        (false, false) => Side::Nobody,
    };
    for side in &mut sides[..count] {
        if *side == Side::Nobody {
            *side = rest;
        }
    }
    if !(has(&sides, Side::Support) && has(&sides, Side::Customer)) {
        turns.clear();
        return false;
    }
    for t in turns.iter_mut() {
        t.side = sides[t.speaker as usize];
    }
    true
}

/// The end of turn `k`: the next turn's line (unlabelled lines continue a turn), or the text's.
fn turn_end(text: &str, turns: &[Turn], k: usize) -> usize {
    turns.get(k + 1).map_or(text.len(), |t| t.line)
}

/// The side a speaker name's role words give ([`Side::Nobody`] for a bare name).
fn role(name: &str) -> Side {
    let words = || {
        name.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
    };
    let any = |list: &[&str]| words().any(|w| list.iter().any(|r| r.eq_ignore_ascii_case(w)));
    if any(&SUPPORT_WORDS) {
        Side::Support
    } else if any(&CUSTOMER_WORDS) {
        Side::Customer
    } else {
        Side::Nobody
    }
}

/// Whether `said` holds one of [`SUPPORT_FORMULAS`], in any ASCII case.
fn uses_formula(said: &str) -> bool {
    let b = said.as_bytes();
    SUPPORT_FORMULAS.iter().any(|f| {
        b.windows(f.len())
            .any(|w| w.eq_ignore_ascii_case(f.as_bytes()))
    })
}

/// The most words of an acknowledgment ("ok good to know thanks", "no that's all").
const ACK_WORDS: usize = 5;
/// Words of a chat acknowledgment: a turn made of them alone is a courtesy ("no" answers
/// "Anything else?", "no worries" waves an apology away).
const ACKNOWLEDGING: [&str; 39] = [
    "ok",
    "okay",
    "k",
    "kk",
    "okey",
    "alright",
    "thanks",
    "thank",
    "you",
    "thx",
    "ty",
    "cheers",
    "great",
    "cool",
    "sweet",
    "perfect",
    "sure",
    "yes",
    "yeah",
    "yep",
    "got",
    "it",
    "understood",
    "noted",
    "done",
    "fine",
    "good",
    "right",
    "to",
    "know",
    "no",
    "nope",
    "worries",
    "problem",
    "np",
    "all",
    "that's",
    "thats",
    "that",
];

/// Whether a sentence of a chat turn only acknowledges what the other side said ("ok",
/// "great thanks", "understood, thank you", "ok no worries"): up to [`ACK_WORDS`] words of
/// [`ACKNOWLEDGING`] and at most one "!". In a chat that is a courtesy, not a verdict: the
/// customer who is pleased says more ("thank you so much, that fixed it!!").
pub(crate) fn acknowledges(sentence: &str) -> bool {
    let mut words = 0;
    let all = sentence
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .all(|w| {
            words += 1;
            ACKNOWLEDGING.iter().any(|a| a.eq_ignore_ascii_case(w))
        });
    all && (1..=ACK_WORDS).contains(&words) && sentence.matches('!').count() <= 1
}

/// The speaker label opening `line`, if any: an optional timestamp ("[14:02]", "10:31 AM -",
/// "(09:15)"), then a name of up to [`NAME_WORDS`] words and [`NAME_MAX`] bytes that starts
/// with a letter ("Agent", "Maria (Support)", "Dave - Acme Support"), then a colon and a space
/// or the line's end. Returns the name's byte range and where what is said starts.
fn label(line: &str) -> Option<((usize, usize), usize)> {
    let b = line.as_bytes();
    let mut i = skip_blanks(b, 0);
    i = skip_timestamp(b, i);
    let start = i;
    let first = line[start..].chars().next()?;
    if !first.is_alphabetic() {
        return None;
    }
    let colon = start + memchr::memchr(b':', &b[start..(start + NAME_MAX + 1).min(b.len())])?;
    let name = line[start..colon].trim_end();
    let allowed = |c: char| {
        c.is_alphanumeric()
            || matches!(
                c,
                ' ' | '.' | '\'' | '-' | '&' | '(' | ')' | '_' | '–' | '’'
            )
    };
    if !name.chars().all(allowed) || name.split_whitespace().count() > NAME_WORDS {
        return None;
    }
    let after = colon + 1;
    if after < b.len() && !matches!(b[after], b' ' | b'\t' | b'\r') {
        return None;
    }
    Some(((start, start + name.len()), skip_blanks(b, after)))
}

/// The index of the first byte at or after `i` that is not a space or a tab.
fn skip_blanks(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && matches!(b[i], b' ' | b'\t') {
        i += 1;
    }
    i
}

/// Skips a timestamp opening a line ("[14:02]", "[2024-03-01 14:02:11]", "(09:15)", "10:31 AM
/// -"), with the dash or bar after it; returns `i` unchanged when there is none.
fn skip_timestamp(b: &[u8], i: usize) -> usize {
    let close = match b.get(i) {
        Some(b'[') => Some(b']'),
        Some(b'(') => Some(b')'),
        Some(c) if c.is_ascii_digit() => None,
        _ => return i,
    };
    let mut j = if close.is_some() { i + 1 } else { i };
    let stamp = |c: u8| c.is_ascii_digit() || matches!(c, b':' | b'-' | b'/' | b'.' | b' ' | b',');
    let begin = j;
    while j < b.len() && j - begin < 25 && (stamp(b[j]) || b[j].is_ascii_alphabetic() && ampm(b, j))
    {
        j += if b[j].is_ascii_alphabetic() { 2 } else { 1 };
    }
    // A time has a colon between digits.
    if !b[begin..j.min(b.len())]
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit())
    {
        return i;
    }
    if let Some(close) = close {
        if b.get(j) != Some(&close) {
            return i;
        }
        j += 1;
    }
    j = skip_blanks(b, j);
    if matches!(b.get(j), Some(b'-' | b'|')) {
        j = skip_blanks(b, j + 1);
    }
    j
}

/// Whether "am"/"pm" (any case) starts at `j`, as a word.
fn ampm(b: &[u8], j: usize) -> bool {
    b.len() >= j + 2
        && matches!(b[j].to_ascii_lowercase(), b'a' | b'p')
        && b[j + 1].eq_ignore_ascii_case(&b'm')
        && !b.get(j + 2).is_some_and(u8::is_ascii_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sides(text: &str) -> Option<Vec<(String, Side)>> {
        let mut t = Vec::new();
        turns(text, &mut t).then(|| {
            t.iter()
                .map(|t| {
                    let end = text[t.body..].find('\n').map_or(text.len(), |e| t.body + e);
                    (text[t.body..end].to_owned(), t.side)
                })
                .collect()
        })
    }

    #[test]
    fn labels_with_roles_timestamps_and_names() {
        for (line, name) in [
            ("Agent: hi", "Agent"),
            ("  Customer:  my bill", "Customer"),
            ("Maria (Support): ok", "Maria (Support)"),
            ("Dave - Acme Support: yes", "Dave - Acme Support"),
            ("[14:02] Agent Sam: sure", "Agent Sam"),
            ("10:31 AM - Customer: no", "Customer"),
            ("(09:15) Lisa: fine", "Lisa"),
            ("[2024-03-01 14:02:11] You: hello", "You"),
            ("Me:", "Me"),
        ] {
            let ((s, e), _) = label(line).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(&line[s..e], name);
        }
        for line in [
            "http://example.com: link",
            "Note:no space",
            "10:30 is when it opened",
            "Well, here's the thing: it broke",
            "Why? Because: reasons",
            "",
            ":)",
        ] {
            assert_eq!(label(line).map(|_| ()), None, "{line}");
        }
    }

    #[test]
    fn sides_from_role_words_and_formulas() {
        let chat = "Agent: Thanks for contacting Acme!\nCustomer: it broke\nAgent: So sorry!";
        let s = sides(chat).unwrap();
        assert_eq!(
            s.iter().map(|x| x.1).collect::<Vec<_>>(),
            [Side::Support, Side::Customer, Side::Support]
        );
        // A company name against "You" is the support side.
        let s = sides("Northwave Telecom: Hello!\nYou: my line is dead").unwrap();
        assert_eq!((s[0].1, s[1].1), (Side::Support, Side::Customer));
        // Bare names: whoever uses the support formulas.
        let s = sides("Tom: hi, my order is late\nHannah: Thanks for reaching out, how can I help?\nTom: it's late")
            .unwrap();
        assert_eq!(
            (s[0].1, s[1].1, s[2].1),
            (Side::Customer, Side::Support, Side::Customer)
        );
        // "Customer Service" is the company.
        let s = sides("Customer Service: Hello\nMe: hi").unwrap();
        assert_eq!((s[0].1, s[1].1), (Side::Support, Side::Customer));
    }

    #[test]
    fn lists_and_one_voice_are_no_transcript() {
        for text in [
            "Pros: light, cheap\nCons: the battery",
            "Update: still broken\nUpdate 2: fixed",
            "Agent: hello only one line",
            "Tom: hi\nHannah: hello\nTom: bye",
            "Customer: first\nCustomer: second",
            "no labels here\nat all",
        ] {
            assert!(sides(text).is_none(), "{text}");
        }
    }
}
