//! `@pattern` regular expressions: [`Pattern`], compiled once on first use.
//!
//! Smithy patterns are ECMA-262 regular expressions. The code generator translates each one
//! (see `anvil_codegen::pattern`) into what runs here, so this module only compiles and
//! matches:
//!
//! - almost every pattern is one pattern of the `regex` crate, whose engines take time linear
//!   in the text, whatever the text; most of them also run as a DFA over the text's bytes
//!   ([`AsciiDfa`]), for every text when the pattern only matches ASCII characters
//!   ([`Pattern::ascii`]), for ASCII texts otherwise ([`Pattern::unicode`]), and the others
//!   run as [`Pattern::regex`];
//! - a whole-text run of one set with a large count is a `regex` pattern and a count of
//!   characters ([`Pattern::counted`]);
//! - a pattern whose look-arounds have a regular reading is several `regex` tests, some of
//!   which must match and some must not ([`Pattern::guarded`]); linear too;
//! - the few that need back-references or look-around inside repetitions keep regress, the
//!   ECMA-262 backtracking engine, bounded as `Pattern::backtracking` describes (with the
//!   `pattern-backtracking` feature).
//!
//! A pattern matches when it matches anywhere in the text, unless it anchors itself (the
//! generator writes ECMA-262's `^` and `$` as `\A` and `\z`).

mod dfa;

use std::fmt;
use std::sync::OnceLock;

use regex::Regex;

pub use dfa::{ASCII_DFA_SIZE_LIMIT, AsciiDfa};

/// The longest text, in bytes, that regress is asked about for a `Pattern::backtracking`
/// pattern; a longer text is answered by the pattern's linear prefilter alone.
pub const BACKTRACKING_INPUT_LIMIT: usize = 1024;

/// One `regex` test of a [`Pattern::guarded`] pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RegexTest {
    /// The pattern, in `regex` syntax.
    pub regex: &'static str,
    /// Whether the text must *not* match `regex`.
    pub negated: bool,
}

/// A `@pattern` constraint, compiled the first time it is used.
///
/// Generated code declares one `static` per pattern, with what the generator chose; the
/// first check compiles it (once per process, whatever the number of threads) and every later
/// check reuses the compiled form.
///
/// ```
/// use anvil_runtime::{Pattern, RegexTest};
///
/// static LETTERS: Pattern = Pattern::regex(r"^\p{L}+$", r"\A\p{L}+\z");
/// static BUCKET: Pattern = Pattern::guarded(
///     "^(?!xn--)[a-z0-9-]+$",
///     &[&[
///         RegexTest { regex: r"\A[a-z0-9\-]+\z", negated: false },
///         RegexTest { regex: r"\A(?:xn\-\-)", negated: true },
///     ]],
/// );
///
/// assert!(LETTERS.is_match("héllo"));
/// assert!(BUCKET.is_match("my-bucket"));
/// assert!(!BUCKET.is_match("xn--bucket"));
/// assert_eq!(BUCKET.source(), "^(?!xn--)[a-z0-9-]+$");
/// ```
pub struct Pattern {
    source: &'static str,
    check: Check,
    compiled: OnceLock<Option<Compiled>>,
}

/// What the generator chose.
enum Check {
    Regex(&'static str),
    Ascii(&'static str),
    Unicode {
        regex: &'static str,
        ascii: &'static str,
    },
    Counted {
        each: &'static str,
        min: u32,
        max: Option<u32>,
    },
    Guarded(&'static [&'static [RegexTest]]),
    #[cfg(feature = "pattern-backtracking")]
    Backtracking {
        flags: &'static str,
        prefilter: &'static str,
    },
}

enum Compiled {
    Regex(Regex),
    Ascii(AsciiDfa),
    Unicode {
        /// `None` when the DFA did not fit: `regex` then answers for every text.
        ascii: Option<AsciiDfa>,
        regex: Regex,
    },
    Counted {
        each: Regex,
        /// Which ASCII characters are in the set, by code.
        ascii: [bool; 128],
        min: u32,
        max: Option<u32>,
    },
    Guarded(Vec<Vec<(Regex, bool)>>),
    #[cfg(feature = "pattern-backtracking")]
    Backtracking {
        prefilter: Regex,
        regress: regress::Regex,
    },
}

impl Pattern {
    /// A pattern checked by one `regex` pattern: `source` is the model's ECMA-262 pattern
    /// (shown in violation messages), `regex` its translation.
    pub const fn regex(source: &'static str, regex: &'static str) -> Self {
        Self::with(source, Check::Regex(regex))
    }

    /// A pattern whose translation `regex` only matches ASCII characters: it runs as an
    /// [`AsciiDfa`] over the text's bytes, whatever the text (a non-ASCII byte is simply
    /// one no part of the pattern matches). Should the DFA not fit in
    /// [`ASCII_DFA_SIZE_LIMIT`] (the generator checks that it does), `regex` runs as
    /// [`Pattern::regex`].
    ///
    /// ```
    /// use anvil_runtime::Pattern;
    ///
    /// static ORGANIZATION: Pattern = Pattern::ascii("^m-[0-9a-f]{4}$", r"\Am\-[0-9a-f]{4}\z");
    /// assert!(ORGANIZATION.is_match("m-01af"));
    /// assert!(!ORGANIZATION.is_match("m-01aé"));
    /// ```
    pub const fn ascii(source: &'static str, regex: &'static str) -> Self {
        Self::with(source, Check::Ascii(regex))
    }

    /// A pattern that matches non-ASCII characters too: `regex` is its translation, which
    /// answers for texts with a non-ASCII character, and `ascii` the same pattern with every
    /// set cut down to its ASCII characters, which answers for ASCII texts (the common case)
    /// as an [`AsciiDfa`].
    ///
    /// ```
    /// use anvil_runtime::Pattern;
    ///
    /// static PATH: Pattern = Pattern::unicode(
    ///     r"^\p{L}+(?:\.\p{L}+){0,2}$",
    ///     r"\A[\p{L}]+(?:\.[\p{L}]+){0,2}\z",
    ///     r"\A[A-Za-z]+(?:\.[A-Za-z]+){0,2}\z",
    /// );
    /// assert!(PATH.is_match("name.givenName"));
    /// assert!(PATH.is_match("nom.prénom"));
    /// assert!(!PATH.is_match("name..givenName"));
    /// ```
    pub const fn unicode(source: &'static str, regex: &'static str, ascii: &'static str) -> Self {
        Self::with(source, Check::Unicode { regex, ascii })
    }

    /// A whole-text run of one character set (`^[a-z0-9-]+$`, `^[^\p{C}]{1,2048}$`): every
    /// character must match `each`, a `regex` pattern of the form `\A[..]*\z`, and the
    /// number of characters must be within `min..=max`.
    ///
    /// An ASCII text is checked a byte at a time against a table of the set's ASCII
    /// characters (made from `each` when the pattern is compiled), with no automaton at all;
    /// `each` runs on texts with other characters. Large counts, which one `regex` pattern
    /// would need too much memory for, cost nothing either way.
    ///
    /// ```
    /// use anvil_runtime::Pattern;
    ///
    /// static PRINTABLE: Pattern =
    ///     Pattern::counted(r"^[^\p{C}]{1,2048}$", r"\A[^\p{C}]*\z", 1, Some(2048));
    /// assert!(PRINTABLE.is_match("héllo"));
    /// assert!(!PRINTABLE.is_match(""));
    /// assert!(!PRINTABLE.is_match("a\n"));
    /// assert!(!PRINTABLE.is_match(&"a".repeat(2049)));
    /// ```
    pub const fn counted(
        source: &'static str,
        each: &'static str,
        min: u32,
        max: Option<u32>,
    ) -> Self {
        Self::with(source, Check::Counted { each, min, max })
    }

    /// A pattern whose look-arounds were rewritten: the text matches when, for at least one
    /// of `alternatives`, every test holds (a test holds when its `regex` matches somewhere
    /// in the text, or does not when it is `negated`).
    pub const fn guarded(
        source: &'static str,
        alternatives: &'static [&'static [RegexTest]],
    ) -> Self {
        Self::with(source, Check::Guarded(alternatives))
    }

    /// A pattern that needs backtracking (back-references, look-around inside repetitions):
    /// regress runs `source` with its ECMA-262 `flags`, bounded in two ways. Needs the
    /// `pattern-backtracking` feature, which the generated crate turns on when its model has
    /// such a pattern.
    ///
    /// - `prefilter`, a `regex` pattern that matches every text `source` matches, runs first:
    ///   a text it rejects is rejected in linear time, so regress only sees text with the
    ///   pattern's shape.
    /// - regress is asked only about texts up to [`BACKTRACKING_INPUT_LIMIT`] bytes; a longer
    ///   text is answered by the prefilter alone. Such a text may pass although one of the
    ///   pattern's look-arounds would reject it (the check is then looser, never stricter,
    ///   than the model's); no official pattern of this kind accepts that much text anyway.
    ///
    /// ```
    /// use anvil_runtime::Pattern;
    ///
    /// static NO_RUNS: Pattern =
    ///     Pattern::backtracking(r"^(?!.*(.)\1{3})[a-z]*$", "", r"\A[a-z]*\z");
    /// assert!(NO_RUNS.is_match("abba"));
    /// assert!(!NO_RUNS.is_match("abbbba"));
    /// assert!(!NO_RUNS.is_match("ABC"));
    /// ```
    #[cfg(feature = "pattern-backtracking")]
    pub const fn backtracking(
        source: &'static str,
        flags: &'static str,
        prefilter: &'static str,
    ) -> Self {
        Self::with(source, Check::Backtracking { flags, prefilter })
    }

    const fn with(source: &'static str, check: Check) -> Self {
        Self {
            source,
            check,
            compiled: OnceLock::new(),
        }
    }

    /// The model's pattern (ECMA-262), for messages.
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// Whether the pattern matches `text`. A pattern that does not compile (which the
    /// generator rules out) matches nothing, so the value is reported, never let through.
    ///
    /// ```
    /// use anvil_runtime::Pattern;
    ///
    /// static WORD: Pattern = Pattern::regex(r"\w+", "[0-9A-Za-z_]+");
    /// static BROKEN: Pattern = Pattern::regex("(", "(");
    ///
    /// assert!(WORD.is_match("!hello!"));
    /// assert!(!WORD.is_match("!!"));
    /// assert!(!BROKEN.is_match("anything"));
    /// ```
    pub fn is_match(&self, text: &str) -> bool {
        match self.compiled() {
            None => false,
            Some(Compiled::Regex(regex)) => regex.is_match(text),
            Some(Compiled::Ascii(dfa)) => dfa.is_match(text),
            Some(Compiled::Unicode { ascii, regex }) => {
                match ascii.as_ref().and_then(|dfa| dfa.ascii_match(text)) {
                    Some(answer) => answer,
                    None => regex.is_match(text),
                }
            }
            Some(Compiled::Counted {
                each,
                ascii,
                min,
                max,
            }) => {
                let count = match ascii_run(ascii, text) {
                    Some(true) => text.len(),
                    Some(false) => return false,
                    None if each.is_match(text) => text.chars().count(),
                    None => return false,
                };
                count >= *min as usize && max.is_none_or(|max| count <= max as usize)
            }
            Some(Compiled::Guarded(alternatives)) => alternatives.iter().any(|tests| {
                tests
                    .iter()
                    .all(|(regex, negated)| regex.is_match(text) != *negated)
            }),
            #[cfg(feature = "pattern-backtracking")]
            Some(Compiled::Backtracking { prefilter, regress }) => {
                prefilter.is_match(text)
                    && (text.len() > BACKTRACKING_INPUT_LIMIT || regress.find(text).is_some())
            }
        }
    }

    /// Whether the pattern compiles (compiling it now if it has not been used yet).
    pub fn compiles(&self) -> bool {
        self.compiled().is_some()
    }

    fn compiled(&self) -> Option<&Compiled> {
        self.compiled.get_or_init(|| self.compile()).as_ref()
    }

    fn compile(&self) -> Option<Compiled> {
        Some(match self.check {
            Check::Regex(regex) => Compiled::Regex(Regex::new(regex).ok()?),
            Check::Ascii(regex) => match AsciiDfa::new(regex) {
                Some(dfa) => Compiled::Ascii(dfa),
                None => Compiled::Regex(Regex::new(regex).ok()?),
            },
            Check::Unicode { regex, ascii } => Compiled::Unicode {
                ascii: AsciiDfa::for_ascii_texts(ascii),
                regex: Regex::new(regex).ok()?,
            },
            Check::Counted { each, min, max } => {
                let each = Regex::new(each).ok()?;
                let ascii = std::array::from_fn(|code| {
                    let character = [code as u8];
                    std::str::from_utf8(&character).is_ok_and(|one| each.is_match(one))
                });
                Compiled::Counted {
                    each,
                    ascii,
                    min,
                    max,
                }
            }
            Check::Guarded(alternatives) => Compiled::Guarded(
                alternatives
                    .iter()
                    .map(|tests| {
                        tests
                            .iter()
                            .map(|test| Some((Regex::new(test.regex).ok()?, test.negated)))
                            .collect::<Option<Vec<_>>>()
                    })
                    .collect::<Option<Vec<_>>>()?,
            ),
            #[cfg(feature = "pattern-backtracking")]
            Check::Backtracking { flags, prefilter } => Compiled::Backtracking {
                prefilter: Regex::new(prefilter).ok()?,
                regress: regress::Regex::with_flags(self.source, flags).ok()?,
            },
        })
    }
}

/// Whether every character of `text` is in a set of ASCII characters (`set[code]`):
/// `Some(false)` as soon as an ASCII character is not, `None` when all the ASCII ones are but
/// the text has others, which the table cannot answer for.
fn ascii_run(set: &[bool; 128], text: &str) -> Option<bool> {
    let mut other_characters = false;
    for &byte in text.as_bytes() {
        match set.get(usize::from(byte)) {
            Some(true) => {}
            Some(false) => return Some(false),
            None => other_characters = true,
        }
    }
    (!other_characters).then_some(true)
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pattern")
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::{BACKTRACKING_INPUT_LIMIT, Pattern, RegexTest};

    #[test]
    fn search_is_unanchored() {
        static WORD: Pattern = Pattern::regex(r"\w+", "[0-9A-Za-z_]+");
        assert!(WORD.is_match("!hello!"));
        assert!(!WORD.is_match(""));
    }

    #[test]
    fn guarded_alternatives() {
        static EITHER: Pattern = Pattern::guarded(
            "^(?!g-)[a-z-]+$|^[0-9]$",
            &[
                &[
                    RegexTest {
                        regex: r"\A[a-z\-]+\z",
                        negated: false,
                    },
                    RegexTest {
                        regex: r"\Ag\-",
                        negated: true,
                    },
                ],
                &[RegexTest {
                    regex: r"\A[0-9]\z",
                    negated: false,
                }],
            ],
        );
        assert!(EITHER.is_match("group"));
        assert!(!EITHER.is_match("g-roup"));
        assert!(EITHER.is_match("7"));
        static NEVER: Pattern = Pattern::guarded("^a(?=b)$", &[]);
        assert!(!NEVER.is_match("a"));
    }

    #[cfg(feature = "pattern-backtracking")]
    #[test]
    fn backtracking_is_bounded_by_the_prefilter_and_the_length_limit() {
        static NO_RUNS: Pattern =
            Pattern::backtracking(r"^(?!.*(.)\1{3})[a-z]*$", "", r"\A[a-z]*\z");
        assert!(!NO_RUNS.is_match("aaaa"));
        assert!(!NO_RUNS.is_match("Abc"));
        // Past the limit the prefilter answers alone.
        let long = "a".repeat(BACKTRACKING_INPUT_LIMIT + 1);
        assert!(NO_RUNS.is_match(&long));
        assert!(!NO_RUNS.is_match(&(long + "!")));
    }

    #[test]
    fn ascii_and_unicode_paths_agree_with_regex() {
        static ASCII: Pattern = Pattern::ascii("^[a-z]+$", r"\A[a-z]+\z");
        static TOO_BIG: Pattern = Pattern::ascii("^[a-z]{0,20000}$", r"\A[a-z]{0,20000}\z");
        static LETTERS: Pattern = Pattern::unicode(r"^\p{L}+$", r"\A[\p{L}]+\z", r"\A[A-Za-z]+\z");
        static LETTERS_NO_DFA: Pattern = Pattern::unicode(r"^\p{L}+$", r"\A[\p{L}]+\z", "(");
        for (text, ascii, letters) in [
            ("abc", true, true),
            ("ABC", false, true),
            ("é", false, true),
            ("a1", false, false),
            ("", false, false),
        ] {
            assert_eq!(ASCII.is_match(text), ascii, "{text}");
            assert_eq!(TOO_BIG.is_match(text), ascii || text.is_empty(), "{text}");
            assert_eq!(LETTERS.is_match(text), letters, "{text}");
            assert_eq!(LETTERS_NO_DFA.is_match(text), letters, "{text}");
        }
        assert!(matches!(
            TOO_BIG.compiled(),
            Some(super::Compiled::Regex(_))
        ));
    }

    #[test]
    fn counted_runs_check_ascii_by_table_and_the_rest_by_regex() {
        static NAME: Pattern = Pattern::counted(r"^[\p{L}-]{2,4}$", r"\A[\p{L}\-]*\z", 2, Some(4));
        for (text, expected) in [
            ("ab", true),
            ("a-bc", true),
            ("a", false),
            ("abcde", false),
            ("a1", false),
            ("é1", false),
            ("1é", false),
            ("éé", true),
            ("ééééé", false),
            ("a-é", true),
        ] {
            assert_eq!(NAME.is_match(text), expected, "{text}");
        }
        static ANY: Pattern = Pattern::counted(r"^[\s\S]*$", r"\A[\x{0}-\x{10FFFF}]*\z", 0, None);
        assert!(ANY.is_match("\0\x7f\u{80}"));
    }

    #[test]
    fn broken_patterns_match_nothing() {
        static BROKEN: Pattern = Pattern::regex("[", "[");
        static BROKEN_ASCII: Pattern = Pattern::ascii("[", "[");
        static BROKEN_UNICODE: Pattern = Pattern::unicode("[", "[", "a");
        assert!(!BROKEN.compiles());
        assert!(!BROKEN.is_match("["));
        assert!(!BROKEN_ASCII.is_match("["));
        assert!(!BROKEN_UNICODE.is_match("a"));
        assert_eq!(format!("{BROKEN:?}"), r#"Pattern { source: "[", .. }"#);
    }

    #[cfg(feature = "pattern-backtracking")]
    #[test]
    fn broken_backtracking_patterns_match_nothing() {
        static BROKEN_PREFILTER: Pattern = Pattern::backtracking("a", "", "(");
        static BROKEN_SOURCE: Pattern = Pattern::backtracking("(", "", "a");
        assert!(!BROKEN_PREFILTER.is_match("a"));
        assert!(!BROKEN_SOURCE.is_match("a"));
    }

    #[test]
    fn compiled_once_across_threads() {
        static SHARED: Pattern = Pattern::regex("^[a-z]+$", r"\A[a-z]+\z");
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| assert!(SHARED.is_match("abc")));
            }
        });
        assert!(SHARED.compiles());
    }
}
