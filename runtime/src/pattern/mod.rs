//! `@pattern` regular expressions: [`Pattern`] for generated code, [`prepare_pattern`] for the
//! code generator.
//!
//! Smithy patterns are ECMA-262 regular expressions, so they are compiled with an ECMA-262
//! engine (`regress`): look-around and back-references work, `\d` and `\w` are ASCII-only, `$`
//! matches only at the very end of the text (not before a final newline), and a pattern
//! matches when it matches anywhere in the text unless it anchors itself with `^` and `$`.
//!
//! regress is the authority on every answer. For speed, a pattern whose syntax falls in a
//! conservative subset is also compiled into a small matcher for ASCII text (see the `ascii`
//! module), which answers for ASCII input and hands anything else, or any search it cannot
//! finish cheaply, to regress.

mod ascii;
mod prepare;

use std::fmt;
use std::sync::OnceLock;

use regress::Regex;

use ascii::AsciiMatcher;

pub use prepare::{PreparedPattern, prepare_pattern};

/// A `@pattern` regular expression, compiled the first time it is used.
///
/// Generated code declares one `static` per pattern, with the source and flags that
/// [`prepare_pattern`] chose; the first check compiles it (once per process, whatever the
/// number of threads) and every later check reuses the compiled form.
///
/// ```
/// use anvil_runtime::Pattern;
///
/// static BUCKET: Pattern = Pattern::new(r"^(?!xn--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", "");
/// static LETTERS: Pattern = Pattern::new(r"^\p{L}+$", "u");
///
/// assert_eq!(BUCKET.is_match("my-bucket"), Some(true));
/// assert_eq!(BUCKET.is_match("xn--bucket"), Some(false));
/// assert_eq!(LETTERS.is_match("héllo"), Some(true));
/// assert_eq!(BUCKET.source(), r"^(?!xn--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$");
/// ```
pub struct Pattern {
    source: &'static str,
    flags: &'static str,
    compiled: OnceLock<Option<Compiled>>,
}

/// A compiled pattern: regress, and the ASCII matcher when the pattern's syntax allows one.
struct Compiled {
    regex: Regex,
    ascii: Option<AsciiMatcher>,
}

impl Pattern {
    /// A pattern with its ECMA-262 source and flags (regress flag letters such as `"u"`, `"i"`,
    /// `"s"`, `"m"`, or `""` for none). Nothing is compiled until the first use.
    pub const fn new(source: &'static str, flags: &'static str) -> Self {
        Self {
            source,
            flags,
            compiled: OnceLock::new(),
        }
    }

    /// The pattern's source text, as given to [`Pattern::new`].
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// The pattern's flags, as given to [`Pattern::new`].
    pub fn flags(&self) -> &'static str {
        self.flags
    }

    /// Whether the pattern matches anywhere in `text` (an unanchored search), or `None` if the
    /// pattern does not compile.
    ///
    /// ```
    /// use anvil_runtime::Pattern;
    ///
    /// static WORD: Pattern = Pattern::new(r"\w+", "");
    /// static BROKEN: Pattern = Pattern::new("(", "");
    ///
    /// assert_eq!(WORD.is_match("!hello!"), Some(true));
    /// assert_eq!(WORD.is_match("!!"), Some(false));
    /// assert_eq!(BROKEN.is_match("anything"), None);
    /// ```
    pub fn is_match(&self, text: &str) -> Option<bool> {
        let compiled = self.compiled()?;
        // ASCII text goes to the fast matcher when there is one; it hands back (`None`) any
        // search that it cannot finish within its step and stack limits.
        if let Some(ascii) = &compiled.ascii
            && text.is_ascii()
            && let Some(answer) = ascii.is_match(text.as_bytes())
        {
            return Some(answer);
        }
        Some(compiled.regex.find(text).is_some())
    }

    /// Whether the pattern compiles (compiling it now if it has not been used yet).
    pub fn compiles(&self) -> bool {
        self.compiled().is_some()
    }

    fn compiled(&self) -> Option<&Compiled> {
        self.compiled
            .get_or_init(|| {
                let regex = Regex::with_flags(self.source, self.flags).ok()?;
                let ascii = AsciiMatcher::new(self.source, self.flags);
                Some(Compiled { regex, ascii })
            })
            .as_ref()
    }
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pattern")
            .field("source", &self.source)
            .field("flags", &self.flags)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::Pattern;

    #[test]
    fn search_is_unanchored() {
        static WORD: Pattern = Pattern::new(r"\w+", "");
        assert_eq!(WORD.is_match("!hello!"), Some(true));
        assert_eq!(WORD.is_match(""), Some(false));
    }

    #[test]
    fn look_ahead() {
        static NAME: Pattern = Pattern::new("^(?!g-)[a-z]+$", "");
        assert_eq!(NAME.is_match("group"), Some(true));
        assert_eq!(NAME.is_match("g-roup"), Some(false));
    }

    #[test]
    fn back_reference() {
        static NO_FOUR_REPEATS: Pattern = Pattern::new(r"^(?!.*?(.)\1{3})[a-z]+$", "");
        assert_eq!(NO_FOUR_REPEATS.is_match("aaab"), Some(true));
        assert_eq!(NO_FOUR_REPEATS.is_match("baaaa"), Some(false));
    }

    #[test]
    fn unicode_letters() {
        static LETTERS: Pattern = Pattern::new(r"^\p{L}+$", "u");
        assert_eq!(LETTERS.is_match("é"), Some(true));
        assert_eq!(LETTERS.is_match("😀"), Some(false));
        // A combining mark is not a letter.
        assert_eq!(LETTERS.is_match("e\u{301}"), Some(false));
    }

    #[test]
    fn dollar_does_not_match_before_a_final_newline() {
        static END: Pattern = Pattern::new("^[a-z]+$", "");
        assert_eq!(END.is_match("abc"), Some(true));
        assert_eq!(END.is_match("abc\n"), Some(false));
    }

    #[test]
    fn ascii_only_classes() {
        static DIGITS: Pattern = Pattern::new(r"^\d+$", "");
        static WORDS: Pattern = Pattern::new(r"^\w+$", "u");
        assert_eq!(DIGITS.is_match("١٢٣"), Some(false));
        assert_eq!(WORDS.is_match("é"), Some(false));
    }

    #[test]
    fn flags_are_applied() {
        static ANY_CASE: Pattern = Pattern::new("^(true|false)$", "i");
        static DOT_ALL: Pattern = Pattern::new("^.+$", "s");
        assert_eq!(ANY_CASE.is_match("TRUE"), Some(true));
        assert_eq!(DOT_ALL.is_match("a\nb"), Some(true));
        assert_eq!(ANY_CASE.flags(), "i");
    }

    #[test]
    fn annex_b_syntax_without_unicode() {
        static EMAIL: Pattern = Pattern::new(r"^[\w-.+]+@[\w-.+]+$", "");
        assert_eq!(EMAIL.is_match("a.b+c-d@example.com"), Some(true));
        assert_eq!(EMAIL.is_match("a b@example.com"), Some(false));
    }

    #[test]
    fn broken_patterns_report_none() {
        static BROKEN: Pattern = Pattern::new("[", "");
        assert!(!BROKEN.compiles());
        assert_eq!(BROKEN.is_match("["), None);
        assert_eq!(
            format!("{BROKEN:?}"),
            r#"Pattern { source: "[", flags: "", .. }"#
        );
    }

    #[test]
    fn compiled_once_across_threads() {
        static SHARED: Pattern = Pattern::new("^[a-z]+$", "");
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| assert_eq!(SHARED.is_match("abc"), Some(true)));
            }
        });
        assert!(SHARED.compiles());
    }
}
