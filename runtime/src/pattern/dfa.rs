//! [`AsciiDfa`]: a deterministic automaton over a text's bytes, the fast path of patterns
//! that only match ASCII characters (all of [`Pattern::ascii`](super::Pattern::ascii), the
//! ASCII texts of [`Pattern::unicode`](super::Pattern::unicode)).
//!
//! Validation texts are short (identifiers, names, ARNs), where the fixed cost of a search
//! matters more than its speed per byte: a DFA built once answers with one table lookup per
//! byte and nothing else, no cache to borrow and no search strategy to pick. Building is
//! bounded by [`ASCII_DFA_SIZE_LIMIT`]; a pattern whose DFA would be larger keeps the
//! `regex` crate's engines (the generator only asks for a DFA that fits).

use regex_automata::Anchored;
use regex_automata::dfa::{Automaton, StartKind, dense};
use regex_automata::util::primitives::StateID;
use regex_automata::util::start;

/// The most memory, in bytes, one pattern's DFA may take (and, four times over, its
/// construction).
pub const ASCII_DFA_SIZE_LIMIT: usize = 64 * 1024;

/// A pattern compiled to a DFA that reports whether it matches anywhere in a text.
///
/// ```
/// use anvil_runtime::pattern::AsciiDfa;
///
/// let id = AsciiDfa::new(r"\Ad\-[0-9a-f]{10}\z").unwrap();
/// assert!(id.is_match("d-0123456789"));
/// assert!(!id.is_match("d-012345678"));
/// let word = AsciiDfa::new("[a-z]+").unwrap();
/// assert!(word.is_match("é, a"));
/// // "a 1 twenty characters before the end" needs a state per combination of the last 21.
/// assert!(AsciiDfa::new(r"\A[01]*1[01]{20}\z").is_none());
/// ```
pub struct AsciiDfa {
    dfa: dense::DFA<Vec<u32>>,
    /// The state at the start of a text: every search starts there, so it is looked up once.
    start: StateID,
}

impl AsciiDfa {
    /// Compiles `regex` (in the syntax of the `regex` crate), or `None` when it does not
    /// parse, needs what a DFA cannot do (a Unicode word boundary) or passes the size limit.
    pub fn new(regex: &str) -> Option<Self> {
        Self::build(regex, dense::Config::new())
    }

    /// Like [`AsciiDfa::new`], for a pattern cut down to ASCII that only answers for ASCII
    /// texts: the search stops at the first non-ASCII byte, and [`AsciiDfa::ascii_match`]
    /// says so, which spares a separate pass over the text to check it is ASCII.
    ///
    /// ```
    /// use anvil_runtime::pattern::AsciiDfa;
    ///
    /// let letters = AsciiDfa::for_ascii_texts(r"\A[A-Za-z]+\z").unwrap();
    /// assert_eq!(letters.ascii_match("abc"), Some(true));
    /// assert_eq!(letters.ascii_match("ab1"), Some(false));
    /// assert_eq!(letters.ascii_match("abé"), None);
    /// ```
    pub fn for_ascii_texts(regex: &str) -> Option<Self> {
        let mut config = dense::Config::new();
        for byte in 0x80..=0xFF {
            config = config.quit(byte, true);
        }
        Self::build(regex, config)
    }

    fn build(regex: &str, config: dense::Config) -> Option<Self> {
        let config = config
            .start_kind(StartKind::Unanchored)
            .accelerate(false)
            .dfa_size_limit(Some(ASCII_DFA_SIZE_LIMIT))
            .determinize_size_limit(Some(4 * ASCII_DFA_SIZE_LIMIT));
        let dfa = dense::Builder::new().configure(config).build(regex).ok()?;
        let start = dfa
            .start_state(&start::Config::new().anchored(Anchored::No))
            .ok()?;
        Some(Self { dfa, start })
    }

    /// Whether the pattern matches somewhere in `text` (for a DFA made by
    /// [`AsciiDfa::new`]).
    pub fn is_match(&self, text: &str) -> bool {
        self.ascii_match(text) == Some(true)
    }

    /// Whether the pattern matches somewhere in `text`, or `None` when a DFA made by
    /// [`AsciiDfa::for_ascii_texts`] met a non-ASCII byte before it could tell.
    pub fn ascii_match(&self, text: &str) -> Option<bool> {
        let mut state = self.start;
        for &byte in text.as_bytes() {
            state = self.dfa.next_state(state, byte);
            if self.dfa.is_special_state(state) {
                if self.dfa.is_match_state(state) {
                    return Some(true);
                }
                if self.dfa.is_dead_state(state) {
                    return Some(false);
                }
                if self.dfa.is_quit_state(state) {
                    return None;
                }
            }
        }
        Some(self.dfa.is_match_state(self.dfa.next_eoi_state(state)))
    }
}

#[cfg(test)]
mod tests {
    use super::AsciiDfa;

    #[test]
    fn anchors_and_empty_matches() {
        let whole = AsciiDfa::new(r"\A[a-z]*\z").unwrap();
        assert!(whole.is_match(""));
        assert!(whole.is_match("abc"));
        assert!(!whole.is_match("abc1"));
        assert!(!whole.is_match("é"));
        let anywhere = AsciiDfa::new("").unwrap();
        assert!(anywhere.is_match(""));
        assert!(anywhere.is_match("é"));
        let start = AsciiDfa::new(r"\Aab").unwrap();
        assert!(start.is_match("abc"));
        assert!(!start.is_match("cab"));
        let end = AsciiDfa::new(r"ab\z").unwrap();
        assert!(end.is_match("cab"));
        assert!(!end.is_match("abc"));
        let never = AsciiDfa::new(r"[a&&b]").unwrap();
        assert!(!never.is_match("ab"));
    }

    #[test]
    fn ascii_word_boundaries_and_refusals() {
        let word = AsciiDfa::new(r"(?-u:\b)ab(?-u:\b)").unwrap();
        assert!(word.is_match("x ab y"));
        assert!(!word.is_match("xab"));
        assert!(AsciiDfa::new(r"\bab").is_none());
        assert!(AsciiDfa::new("(").is_none());
    }
}
