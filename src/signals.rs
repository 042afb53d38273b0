//! Customer signals: what a help-desk needs to know about a ticket or review besides its valence.

use std::str::FromStr;

use crate::error::Error;

/// A customer signal.
///
/// ```
/// use empathic::Signal;
///
/// assert_eq!("churn_intent".parse::<Signal>().unwrap(), Signal::ChurnIntent);
/// assert_eq!(Signal::ALL.len(), 5);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Signal {
    /// The customer is fed up: waiting, repeating themselves, things still broken ("still
    /// waiting", "third time I ask", "no response for 2 weeks", "??", shouting in CAPS).
    Frustration,
    /// Someone must act soon ("asap", "urgent", "right away", "locked out", "site is down").
    Urgency,
    /// The customer says they may leave ("cancel my subscription", "switching to",
    /// "never ordering again", "I want my money back").
    ChurnIntent,
    /// The customer thanks someone ("thank you so much", "much appreciated", 🙏).
    Gratitude,
    /// The customer does not understand something ("how do I", "doesn't make sense",
    /// "confused").
    Confusion,
}

impl Signal {
    /// All five, in declaration order (the order of [`Signals::iter`]).
    pub const ALL: [Signal; 5] = [
        Signal::Frustration,
        Signal::Urgency,
        Signal::ChurnIntent,
        Signal::Gratitude,
        Signal::Confusion,
    ];

    /// The snake-case name used in lexicon files and serialised output (`"churn_intent"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Signal::Frustration => "frustration",
            Signal::Urgency => "urgency",
            Signal::ChurnIntent => "churn_intent",
            Signal::Gratitude => "gratitude",
            Signal::Confusion => "confusion",
        }
    }

    /// Position in [`Signal::ALL`].
    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

impl std::fmt::Display for Signal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Signal {
    type Err = Error;

    /// Parses a snake-case name such as `"churn_intent"`.
    fn from_str(s: &str) -> Result<Self, Error> {
        Signal::ALL
            .into_iter()
            .find(|e| e.as_str() == s)
            .ok_or_else(|| Error::config(format!("unknown signal {s:?}")))
    }
}

/// The intensity of each customer signal in a document or sentence, each in [0, 1].
///
/// Serialises as an object with the keys `frustration`, `urgency`, `churn_intent`, `gratitude`,
/// `confusion`.
///
/// ```
/// let s = empathic::analyze("Still waiting for my refund after 3 weeks. Cancel my subscription ASAP!");
/// let sig = s.signals();
/// assert!(sig.frustration() > 0.5);
/// assert!(sig.churn_intent() > 0.5 && sig.urgency() > 0.5);
/// assert_eq!(sig.gratitude(), 0.0);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Signals {
    frustration: f64,
    urgency: f64,
    churn_intent: f64,
    gratitude: f64,
    confusion: f64,
}

impl Signals {
    pub(crate) fn from_array(v: [f64; 5]) -> Self {
        let [frustration, urgency, churn_intent, gratitude, confusion] = v;
        Signals {
            frustration,
            urgency,
            churn_intent,
            gratitude,
            confusion,
        }
    }

    /// The intensity of `signal`, in [0, 1].
    pub fn get(&self, signal: Signal) -> f64 {
        match signal {
            Signal::Frustration => self.frustration,
            Signal::Urgency => self.urgency,
            Signal::ChurnIntent => self.churn_intent,
            Signal::Gratitude => self.gratitude,
            Signal::Confusion => self.confusion,
        }
    }

    /// Every signal with its intensity, in [`Signal::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = (Signal, f64)> + '_ {
        Signal::ALL.into_iter().map(|s| (s, self.get(s)))
    }

    /// Fed up: waiting, repeating, still broken.
    pub fn frustration(&self) -> f64 {
        self.frustration
    }
    /// Must be handled soon.
    pub fn urgency(&self) -> f64 {
        self.urgency
    }
    /// Says they may cancel, switch or stop buying.
    pub fn churn_intent(&self) -> f64 {
        self.churn_intent
    }
    /// Thanks someone.
    pub fn gratitude(&self) -> f64 {
        self.gratitude
    }
    /// Does not understand something.
    pub fn confusion(&self) -> f64 {
        self.confusion
    }
}
