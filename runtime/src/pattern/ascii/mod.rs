//! A fast, exact matcher for ASCII text, for the patterns whose syntax it understands.
//!
//! regress stays the authority: this matcher is only built for a pattern that regress
//! compiled, only asked about ASCII text, and it answers only when it is sure. It reads a
//! conservative subset of ECMA-262 (alternation, plain and non-capturing groups, quantifiers,
//! classes, `.`, `^`, `$`, the class escapes `\d \w \s` and their negations, `\p{..}` for the
//! general categories and a few binary properties, character escapes) and gives up on the
//! whole pattern at anything else: look-around, back-references, `\b`, named groups, flags
//! other than `u`. Without `u`, the Annex B forms the corpus relies on are read as regress
//! reads them (`[\w-.]` as `\w`, `-` and `.`; a `{` that starts no quantifier, `]` and `}` as
//! literals; `\-`, `\_` and other escaped symbols as themselves), and the rest (`\c`, octal
//! escapes, `\x` or `\u` without their digits, escaped letters) is given up on.
//!
//! Because the text is ASCII, every class can be cut down to a 128-bit set: a code point
//! outside ASCII never matches, so `\p{L}` is `[A-Za-z]`, `\s` is `[\t\n\v\f\r ]`, and `.`
//! is anything but `\n` and `\r`. Only whether a match exists is asked, never where or with
//! which captures, which lets the compiler drop backtracking alternatives that cannot matter.
//!
//! The search backtracks over the bytes, with a step budget and a fixed-size stack on the
//! machine stack (nothing is allocated per call). When the first attempt runs out of either,
//! a second one with a deeper stack remembers the (instruction, position) pairs it has tried,
//! which bounds its work however ambiguous the pattern; when that runs out too, the caller
//! asks regress.
//!
//! - `parse`: the source to a tree of byte sets, `^`, `$`, sequences, alternations and
//!   repetitions, or nothing when the syntax is outside the subset;
//! - `program`: the tree to instructions, with the analysis that limits backtracking;
//! - `exec`: the search.

mod exec;
mod parse;
mod program;

#[cfg(test)]
mod corpus_tests;
#[cfg(test)]
mod tests;

use program::Program;

/// A pattern compiled for ASCII text.
#[derive(Debug)]
pub(crate) struct AsciiMatcher {
    program: Program,
}

impl AsciiMatcher {
    /// Compiles `source` under regress flags `flags`, or `None` when the pattern uses syntax
    /// or flags outside the handled subset. `source` must be a pattern that regress compiles
    /// with `flags`.
    pub(crate) fn new(source: &str, flags: &str) -> Option<Self> {
        let unicode = match flags {
            "" => false,
            "u" => true,
            _ => return None,
        };
        let node = parse::parse(source, unicode)?;
        Some(Self {
            program: Program::compile(&node)?,
        })
    }

    /// Whether the pattern matches anywhere in `text`, which must be ASCII; `None` when the
    /// search gave up (step budget or stack depth) and regress must answer.
    pub(crate) fn is_match(&self, text: &[u8]) -> Option<bool> {
        debug_assert!(text.is_ascii());
        self.program.is_match(text)
    }
}
