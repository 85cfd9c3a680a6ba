//! `@pattern` at generation time: from the model's text to what the runtime's
//! `anvil_runtime::Pattern` runs.
//!
//! 1. [`prepare_pattern`] reads the model's pattern as ECMA-262 (the Smithy rule), translating
//!    the Java dialect that a few official models use (`java`);
//! 2. the ECMA-262 source is parsed with every set resolved (`ecma`), and look-aheads of
//!    one set before a set are folded into it (`char_look`);
//! 3. a pattern without look-around or back-references is written in the syntax of the
//!    `regex` crate, whose engines run in time linear in the input (`to_regex`), with the
//!    set runs at its unanchored ends cut to their fewest repetitions (`unanchored`);
//! 4. a pattern with look-around whose look-arounds have a regular reading is split into
//!    several `regex` patterns, some of which must match and some must not (`guards`);
//! 5. anything else keeps regress, the ECMA-262 backtracking engine, behind a `regex`
//!    prefilter and a limit on the input length (see `anvil_runtime::Pattern`).
//!
//! A pattern that ends as one `regex` pattern also gets a DFA for ASCII texts when one fits
//! (`ascii`): validation texts are short, and a DFA skips the fixed cost of a `regex` search.
//!
//! Every `regex` pattern written here is compiled once at generation time, so a pattern that
//! `regex` would reject is a generation error, never a failure at run time.

mod ascii;
mod char_look;
mod ecma;
mod guards;
mod java;
mod to_regex;
mod unanchored;

#[cfg(test)]
mod corpus_tests;
#[cfg(test)]
mod tests;

use std::fmt;

pub use java::{PreparedPattern, prepare_pattern};

/// One `regex` test in a guarded pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegexTest {
    /// The pattern, in `regex` syntax.
    pub regex: String,
    /// Whether the text must *not* match it.
    pub negated: bool,
}

/// How the runtime checks a pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PatternEngine {
    /// One `regex` pattern with exactly the model's meaning, run by the `regex` crate.
    Regex(String),
    /// One `regex` pattern with exactly the model's meaning that only matches ASCII
    /// characters: the runtime runs it as a DFA over the text's bytes.
    Ascii(String),
    /// One `regex` pattern with exactly the model's meaning, which matches non-ASCII
    /// characters too, and its restriction to ASCII characters, exact on ASCII texts and run
    /// there as a DFA.
    Unicode {
        /// The pattern, for texts with a non-ASCII character.
        regex: String,
        /// The pattern with every set cut down to ASCII, for ASCII texts.
        ascii: String,
    },
    /// A whole-text run of one set (`^[a-z0-9-]+$`, `^[\p{L}\p{N}]{1,2048}$`): every
    /// character matches `each` (a `regex` pattern of the form `\A[..]*\z`) and the number of
    /// characters is within `min..=max`. Exact, and linear; the runtime checks ASCII texts
    /// against a table of the set, and large counts, which one `regex` pattern would need
    /// too much memory for, cost nothing.
    Counted {
        /// The pattern every character must match, as a run.
        each: String,
        /// Fewest characters.
        min: u32,
        /// Most characters (`None`: no limit).
        max: Option<u32>,
    },
    /// Look-arounds rewritten: the text matches when, for at least one of the alternatives,
    /// every test holds. Exact, and linear.
    Guarded(Vec<Vec<RegexTest>>),
    /// regress on the ECMA-262 source, asked only when `prefilter` (a `regex` pattern that
    /// matches everything the pattern matches) matches, and only up to the runtime's input
    /// length limit.
    Backtracking {
        /// The necessary condition, in `regex` syntax.
        prefilter: String,
    },
}

impl PatternEngine {
    /// The engine's short name (`ascii`, `regex`, `backtracking`...), for reports.
    pub fn name(&self) -> &'static str {
        match self {
            PatternEngine::Regex(_) => "regex",
            PatternEngine::Ascii(_) => "ascii",
            PatternEngine::Unicode { .. } => "unicode",
            PatternEngine::Counted { .. } => "counted",
            PatternEngine::Guarded(_) => "guarded",
            PatternEngine::Backtracking { .. } => "backtracking",
        }
    }
}

/// A model pattern ready for the generated `patterns.rs`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TranslatedPattern {
    /// The ECMA-262 reading: source, flags and what was translated from Java's dialect.
    pub ecma: PreparedPattern,
    /// What runs.
    pub engine: PatternEngine,
}

/// Why a model pattern has no check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PatternError {
    /// The pattern is not ECMA-262 (nor Java's dialect that is translated): no engine reads it
    /// as meant, so its check is skipped and the generated docs say why.
    NotEcma(String),
    /// The pattern is ECMA-262 but could not be made ready for the runtime: a generation
    /// error.
    Untranslatable {
        /// The ECMA-262 source.
        source: String,
        /// The ECMA-262 flags.
        flags: String,
        /// What stood in the way.
        reason: String,
    },
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PatternError::NotEcma(reason) => f.write_str(reason),
            PatternError::Untranslatable {
                source,
                flags,
                reason,
            } => write!(
                f,
                "the ECMA-262 pattern `{source}` (flags `{flags}`) cannot be made ready for the runtime: {reason}"
            ),
        }
    }
}

/// Translates a model's `@pattern` for the runtime.
///
/// ```
/// use anvil_codegen::pattern::{PatternEngine, translate_pattern};
///
/// let translated = translate_pattern(r"^\w+-\d$").unwrap();
/// assert_eq!(translated.engine, PatternEngine::Ascii(r"\A[0-9A-Z_a-z]+\-[0-9]\z".to_owned()));
/// ```
pub fn translate_pattern(model_pattern: &str) -> Result<TranslatedPattern, PatternError> {
    let ecma = prepare_pattern(model_pattern).map_err(PatternError::NotEcma)?;
    let untranslatable = |reason: String| PatternError::Untranslatable {
        source: ecma.source.clone(),
        flags: ecma.flags.clone(),
        reason,
    };
    let flags = ecma::Flags::parse(&ecma.flags).map_err(|err| untranslatable(err.0))?;
    let tree = ecma::parse(&ecma.source, flags).map_err(|err| untranslatable(err.0))?;
    let tree = char_look::inline_char_look_aheads(&tree, flags.ignore_case);
    let engine = match to_regex::write_exact(&unanchored::trim_unanchored_runs(&tree), flags) {
        Ok(regex) => match counted_run(&tree, flags) {
            Some(counted) => counted,
            None if compile_regex(&regex).is_ok() => ascii::with_fast_path(regex),
            // The check below reports why `regex` refuses it.
            None => PatternEngine::Regex(regex),
        },
        Err(exact_error) => match guards::rewrite(&tree, flags) {
            Some(alternatives) => PatternEngine::Guarded(alternatives),
            None => {
                let prefilter = to_regex::write_relaxed(&tree, flags).map_err(|err| {
                    untranslatable(format!("{exact_error}; and no prefilter: {err}"))
                })?;
                PatternEngine::Backtracking { prefilter }
            }
        },
    };
    check_compiles(&engine).map_err(untranslatable)?;
    Ok(TranslatedPattern { ecma, engine })
}

/// Compiles one `regex` pattern, as the runtime will.
fn compile_regex(regex: &str) -> Result<(), String> {
    regex::Regex::new(regex)
        .map(drop)
        .map_err(|err| format!("`regex` rejects the translation `{regex}`: {err}"))
}

/// `^S{min,max}$` for a set `S`, as a [`PatternEngine::Counted`].
fn counted_run(tree: &ecma::Node, flags: ecma::Flags) -> Option<PatternEngine> {
    use ecma::Node;
    let Node::Concat(items) = tree else {
        return None;
    };
    let [Node::Start, Node::Repeat { node, min, max }, Node::End] = &items[..] else {
        return None;
    };
    if !matches!(**node, Node::Set(_)) {
        return None;
    }
    let each = to_regex::write_exact(node, flags).ok()?;
    Some(PatternEngine::Counted {
        each: format!(r"\A{each}*\z"),
        min: *min,
        max: *max,
    })
}

/// Compiles every `regex` pattern of `engine`, as the runtime will.
fn check_compiles(engine: &PatternEngine) -> Result<(), String> {
    match engine {
        PatternEngine::Regex(regex) | PatternEngine::Ascii(regex) => compile_regex(regex),
        PatternEngine::Unicode { regex, ascii } => {
            compile_regex(regex).and_then(|()| compile_regex(ascii))
        }
        PatternEngine::Counted { each, .. } => compile_regex(each),
        PatternEngine::Guarded(alternatives) => alternatives
            .iter()
            .flatten()
            .try_for_each(|test| compile_regex(&test.regex)),
        PatternEngine::Backtracking { prefilter } => compile_regex(prefilter),
    }
}
