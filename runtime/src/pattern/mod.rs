//! `@pattern` regular expressions: [`Pattern`], compiled once on first use.
//!
//! Smithy patterns are ECMA-262 regular expressions. The code generator translates each one
//! (see `anvil_codegen::pattern`) into what runs here, so this module only compiles and
//! matches:
//!
//! - almost every pattern is one pattern of the `regex` crate ([`Pattern::regex`]), whose
//!   engines take time linear in the text, whatever the text;
//! - a whole-text run of one set with a large count is a `regex` pattern and a count of
//!   characters ([`Pattern::counted`]);
//! - a pattern whose look-arounds have a regular reading is several `regex` tests, some of
//!   which must match and some must not ([`Pattern::guarded`]); linear too;
//! - the few that need back-references or look-around inside repetitions keep regress, the
//!   ECMA-262 backtracking engine, bounded as [`Pattern::backtracking`] describes.
//!
//! A pattern matches when it matches anywhere in the text, unless it anchors itself (the
//! generator writes ECMA-262's `^` and `$` as `\A` and `\z`).

use std::fmt;
use std::sync::OnceLock;

use regex::Regex;

/// The longest text, in bytes, that regress is asked about for a [`Pattern::backtracking`]
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
    Counted {
        each: &'static str,
        min: u32,
        max: Option<u32>,
    },
    Guarded(&'static [&'static [RegexTest]]),
    Backtracking {
        flags: &'static str,
        prefilter: &'static str,
    },
}

enum Compiled {
    Regex(Regex),
    Counted {
        each: Regex,
        min: u32,
        max: Option<u32>,
    },
    Guarded(Vec<Vec<(Regex, bool)>>),
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

    /// A whole-text run of one character set with a count too large for one `regex` pattern
    /// (`^[^\p{C}]{1,2048}$`): every character must match `each`, a `regex` pattern of the
    /// form `\A[..]*\z`, and the number of characters must be within `min..=max`.
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
    /// regress runs `source` with its ECMA-262 `flags`, bounded in two ways.
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
            Some(Compiled::Counted { each, min, max }) => {
                each.is_match(text) && {
                    let count = text.chars().count();
                    count >= *min as usize && max.is_none_or(|max| count <= max as usize)
                }
            }
            Some(Compiled::Guarded(alternatives)) => alternatives.iter().any(|tests| {
                tests
                    .iter()
                    .all(|(regex, negated)| regex.is_match(text) != *negated)
            }),
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
            Check::Counted { each, min, max } => Compiled::Counted {
                each: Regex::new(each).ok()?,
                min,
                max,
            },
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
            Check::Backtracking { flags, prefilter } => Compiled::Backtracking {
                prefilter: Regex::new(prefilter).ok()?,
                regress: regress::Regex::with_flags(self.source, flags).ok()?,
            },
        })
    }
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
    fn broken_patterns_match_nothing() {
        static BROKEN: Pattern = Pattern::regex("[", "[");
        static BROKEN_PREFILTER: Pattern = Pattern::backtracking("a", "", "(");
        static BROKEN_SOURCE: Pattern = Pattern::backtracking("(", "", "a");
        assert!(!BROKEN.compiles());
        assert!(!BROKEN.is_match("["));
        assert!(!BROKEN_PREFILTER.is_match("a"));
        assert!(!BROKEN_SOURCE.is_match("a"));
        assert_eq!(format!("{BROKEN:?}"), r#"Pattern { source: "[", .. }"#);
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
