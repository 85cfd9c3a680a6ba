//! The ASCII fast path of a pattern written for the `regex` crate.
//!
//! The runtime can run a pattern as a DFA over a text's bytes (`anvil_runtime::AsciiDfa`),
//! which is several times faster than a `regex` search on the short texts validation sees.
//! That is exact for a pattern that only ever matches ASCII characters. For a pattern that
//! matches others too (`\p{L}`, `[^,]`, `.`), it is exact on ASCII texts once every set is
//! cut down to its ASCII characters, since a match in an ASCII text only ever consumes ASCII
//! characters: the runtime keeps `regex` for the other texts.

use regex_syntax::hir::{
    Capture, Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange, Hir, HirKind,
    Repetition,
};

use super::PatternEngine;

/// The engine for a `regex` translation: [`PatternEngine::Ascii`] when it only matches ASCII
/// characters, [`PatternEngine::Unicode`] with its ASCII restriction when it matches others,
/// and [`PatternEngine::Regex`] when the DFA would pass the runtime's size limit.
pub fn with_fast_path(regex: String) -> PatternEngine {
    let Ok(hir) = regex_syntax::Parser::new().parse(&regex) else {
        return PatternEngine::Regex(regex);
    };
    let mut narrowed = false;
    let restricted = restrict_to_ascii(&hir, &mut narrowed);
    if !narrowed {
        return match anvil_runtime::AsciiDfa::new(&regex) {
            Some(_) => PatternEngine::Ascii(regex),
            None => PatternEngine::Regex(regex),
        };
    }
    // The printer wraps a concatenation in a group; its items need none at the top.
    let printed = match restricted.kind() {
        HirKind::Concat(items) => items.iter().map(Hir::to_string).collect(),
        _ => restricted.to_string(),
    };
    let ascii = escape_unprintable(&printed);
    match anvil_runtime::AsciiDfa::for_ascii_texts(&ascii) {
        Some(_) => PatternEngine::Unicode { regex, ascii },
        None => PatternEngine::Regex(regex),
    }
}

/// `pattern` with every character outside printable ASCII written as `\x{..}` (the printer
/// writes control characters as they are, which would put them in the generated source). A
/// character is a literal wherever it stands, so the escape means the same.
fn escape_unprintable(pattern: &str) -> String {
    let mut escaped = String::with_capacity(pattern.len());
    for character in pattern.chars() {
        if character == ' ' || character.is_ascii_graphic() {
            escaped.push(character);
        } else {
            escaped.push_str(&format!("\\x{{{:X}}}", u32::from(character)));
        }
    }
    escaped
}

/// `hir` with every class and literal cut down to ASCII; `narrowed` is set when that took
/// anything away.
fn restrict_to_ascii(hir: &Hir, narrowed: &mut bool) -> Hir {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => hir.clone(),
        HirKind::Literal(literal) => {
            if literal.0.is_ascii() {
                hir.clone()
            } else {
                *narrowed = true;
                Hir::fail()
            }
        }
        HirKind::Class(Class::Unicode(class)) => {
            let mut ascii = class.clone();
            ascii.intersect(&ClassUnicode::new([ClassUnicodeRange::new('\0', '\x7F')]));
            *narrowed |= ascii != *class;
            Hir::class(Class::Unicode(ascii))
        }
        HirKind::Class(Class::Bytes(class)) => {
            let mut ascii = class.clone();
            ascii.intersect(&ClassBytes::new([ClassBytesRange::new(0, 0x7F)]));
            *narrowed |= ascii != *class;
            Hir::class(Class::Bytes(ascii))
        }
        HirKind::Repetition(repetition) => {
            let mut sub = restrict_to_ascii(&repetition.sub, narrowed);
            // `Hir`'s printer writes a repetition of a repetition as `x{12}?`, which reads
            // back as a lazy `{12}`: a group keeps the two apart.
            if matches!(sub.kind(), HirKind::Repetition(_)) {
                sub = Hir::capture(Capture {
                    index: 1,
                    name: None,
                    sub: Box::new(sub),
                });
            }
            Hir::repetition(Repetition {
                sub: Box::new(sub),
                ..repetition.clone()
            })
        }
        HirKind::Capture(capture) => Hir::capture(Capture {
            sub: Box::new(restrict_to_ascii(&capture.sub, narrowed)),
            ..capture.clone()
        }),
        HirKind::Concat(items) => Hir::concat(
            items
                .iter()
                .map(|item| restrict_to_ascii(item, narrowed))
                .collect(),
        ),
        HirKind::Alternation(items) => Hir::alternation(
            items
                .iter()
                .map(|item| restrict_to_ascii(item, narrowed))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::with_fast_path;
    use crate::pattern::PatternEngine;

    fn engine(regex: &str) -> PatternEngine {
        with_fast_path(regex.to_owned())
    }

    #[test]
    fn ascii_patterns_keep_their_text() {
        assert_eq!(
            engine(r"\Am\-[0-9a-f]{32}\z"),
            PatternEngine::Ascii(r"\Am\-[0-9a-f]{32}\z".to_owned())
        );
    }

    #[test]
    fn unicode_patterns_get_their_ascii_restriction() {
        assert_eq!(
            engine(r"\A[\p{L}]+(?:\.[\p{L}]+){0,2}\z"),
            PatternEngine::Unicode {
                regex: r"\A[\p{L}]+(?:\.[\p{L}]+){0,2}\z".to_owned(),
                ascii: r"\A[A-Za-z]+(?:\.[A-Za-z]+){0,2}\z".to_owned(),
            }
        );
        let PatternEngine::Unicode { ascii, .. } = engine("[^,]é|x") else {
            panic!("a negated set matches non-ASCII characters");
        };
        assert!(ascii.chars().all(|c| c.is_ascii_graphic()), "{ascii}");
        let restricted = regex::Regex::new(&ascii).unwrap();
        assert!(restricted.is_match("x"));
        assert!(!restricted.is_match("aé"));
    }

    #[test]
    fn repetitions_of_repetitions_read_back_the_same() {
        let PatternEngine::Unicode { ascii, .. } = engine(r"\A(?:[0-9]{12})?:.\z") else {
            panic!("`.` matches non-ASCII characters");
        };
        let restricted = regex::Regex::new(&ascii).unwrap();
        assert!(restricted.is_match(":x"), "{ascii}");
        assert!(restricted.is_match("012345678901:x"), "{ascii}");
    }

    #[test]
    fn patterns_too_big_for_a_dfa_stay_regex() {
        assert_eq!(
            engine(r"\A[01]*1[01]{20}\z"),
            PatternEngine::Regex(r"\A[01]*1[01]{20}\z".to_owned())
        );
    }
}
