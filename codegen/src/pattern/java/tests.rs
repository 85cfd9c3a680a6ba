//! Tests of the Java-dialect preparation.

use super::{PreparedPattern, prepare_pattern, uses_property_class};

fn prepared(pattern: &str) -> PreparedPattern {
    prepare_pattern(pattern).unwrap_or_else(|err| panic!("{pattern}: {err}"))
}

/// Whether the prepared `pattern` matches a text, by regress.
fn matcher(pattern: &str) -> impl Fn(&str) -> bool {
    let prepared = prepared(pattern);
    let regex = regress::Regex::with_flags(&prepared.source, prepared.flags.as_str())
        .unwrap_or_else(|err| panic!("{pattern}: {err}"));
    move |text| regex.find(text).is_some()
}

/// Asserts the translation of `pattern` and that a note was written.
fn translated(pattern: &str, source: &str, flags: &str) {
    let prepared = prepared(pattern);
    assert_eq!(prepared.source, source, "{pattern}");
    assert_eq!(prepared.flags, flags, "{pattern}");
    assert!(prepared.note.is_some(), "{pattern}");
}

#[test]
fn unicode_mode_exactly_for_property_classes() {
    assert_eq!(prepared(r"^\p{L}+$").flags, "u");
    assert_eq!(prepared(r"^[^\P{ASCII}]+$").flags, "u");
    assert_eq!(prepared(r"^[a-z]+$").flags, "");
    assert_eq!(prepared(r"^\\p{L}$").flags, "");
    assert!(uses_property_class(r"a\\\p{L}"));
    assert!(!uses_property_class(r"a\\p{L}"));
    assert!(!uses_property_class(r"\p"));
}

#[test]
fn annex_b_patterns_compile_as_written() {
    let email = prepared(r"^[\w-.+]+@[\w-.+]+$");
    assert_eq!(email.source, r"^[\w-.+]+@[\w-.+]+$");
    assert_eq!(email.flags, "");
    assert_eq!(email.note, None);
    assert_eq!(prepared(r"\{[\S\s]*\}\s*").note, None);
}

#[test]
fn leading_inline_flags() {
    translated("^(?i)(true|false)$", "^(true|false)$", "i");
    translated("(?i)^(true|false)$", "^(true|false)$", "i");
    translated("^(?s).+$", "^.+$", "s");
    translated("(?ms)^a.b$", "^a.b$", "ms");
    translated(r"(?s)(?i)^\p{L}.*$", r"^\p{L}.*$", "isu");
}

#[test]
fn mid_pattern_case_insensitivity() {
    translated(
        "^(?!(?i)(arn|aws):).+$",
        "^(?!([aA][rR][nN]|[aA][wW][sS]):).+$",
        "",
    );
    translated("^ab(?i)cd(?<x>e)$", "^ab[cC][dD](?<x>[eE])$", "");
    // Outside the group, case matters again.
    translated("((?i)a)b", "([aA])b", "");
    assert!(prepare_pattern("(?i)x(?i)[a-z]").is_err());
    assert!(prepare_pattern(r"((?i)\x41)").is_err());
}

#[test]
fn java_posix_classes() {
    translated(
        r"^\p{Punct}$",
        r"^[\x21-\x2F\x3A-\x40\x5B-\x60\x7B-\x7E]$",
        "",
    );
    translated(r"^[\p{Alnum}_]+$", r"^[a-zA-Z0-9_]+$", "");
    translated(r"^\P{Digit}+$", r"^[^0-9]+$", "");
    translated(r"^[\p{L}\p{Digit}]+$", r"^[\p{L}0-9]+$", "u");
    translated(r"^\p{IsAlphabetic}+$", r"^\p{Alphabetic}+$", "u");
    for name in [
        "Lower", "Upper", "ASCII", "Alpha", "Digit", "Alnum", "Punct", "Graph", "Print", "Blank",
        "Cntrl", "XDigit", "Space",
    ] {
        // `\p{Digit}` makes the pattern fail as written, so all of it is read as Java's.
        let pattern = format!(r"^\p{{{name}}}*[\p{{{name}}}\p{{Digit}}]$");
        let prepared = prepared(&pattern);
        assert!(!prepared.source.contains(r"\p"), "{name}");
        assert_eq!(prepared.flags, "", "{name}");
    }
    assert!(prepare_pattern(r"[\P{Punct}]").is_err());
}

#[test]
fn ecma_property_names_that_compile_keep_their_ecma_meaning() {
    // `Lower`, `Upper` and `Alpha` are also ECMA-262 aliases (Lowercase, Uppercase,
    // Alphabetic): a pattern that compiles is used as written, with the Unicode meaning.
    for pattern in [
        r"^\p{Lower}+$",
        r"^\p{Upper}+$",
        r"^\p{Alpha}+$",
        r"^\p{ASCII}+$",
    ] {
        let prepared = prepared(pattern);
        assert_eq!(prepared.source, pattern);
        assert_eq!(prepared.flags, "u");
        assert_eq!(prepared.note, None);
    }
}

#[test]
fn posix_classes_mean_ascii() {
    let matches = matcher(r"^\p{Punct}+$");
    assert!(matches(r##"!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"##));
    assert!(!matches("a"));
    assert!(!matches("¡"));
}

#[test]
fn possessive_quantifiers() {
    translated(
        "^a*+b++c?+d{2}+e{1,3}+f{2,}+$",
        "^a*b+c?d{2}e{1,3}f{2,}$",
        "",
    );
    // A lazy quantifier is plain ECMA-262 and stays.
    translated("^a+?b++$", "^a+?b+$", "");
}

#[test]
fn quantified_anchors() {
    translated("^[a-z]+${1,128}", "^[a-z]+$", "");
    translated("^a$*b", "^ab", "");
    translated("^{2}a$", "^a$", "");
}

#[test]
fn java_only_letter_escapes_are_read_as_java() {
    // As written these compile, but only by reading `\A` and `\z` as letters.
    translated(r"^\A[a-z0-9_]+\z$", "^^[a-z0-9_]+$$", "");
    translated(r"^\A\S[\p{Print}]*\z$", r"^^\S[\x20-\x7E]*$$", "");
    translated(r"(?m)\Aa$\z", r"(?<![\s\S])a$(?![\s\S])", "m");
    translated(r"^[\a\e]\e$", r"^[\x07\x1B]\x1B$", "");
    let matches = matcher(r"^\A[a-z]+\z$");
    assert!(matches("snap"));
    assert!(!matches("AsnapZ"));
    for pattern in [r"^a\Z", r"\Qa.b\E", r"\h+", r"\R", r"a\G"] {
        let err = prepare_pattern(pattern).unwrap_err();
        assert!(err.contains("is not translated"), "{pattern}: {err}");
    }
}

#[test]
fn escaped_symbols_and_lone_closers() {
    translated(
        r"^\p{L}+(?:(\.|\_)\p{L}+){0,2}$",
        r"^\p{L}+(?:(\.|_)\p{L}+){0,2}$",
        "u",
    );
    translated(r"^[\p{L}\_\-\:]+$", r"^[\p{L}_\-:]+$", "u");
    translated(r"^\P{C}*$}$", r"^\P{C}*$\}$", "u");
    translated(r"^\p{L}]$", r"^\p{L}\]$", "u");
}

#[test]
fn more_java_property_names() {
    translated(
        r"^(\p{LD}|\p{Punct}| )+$",
        r"^([\p{L}\p{Nd}]|[\x21-\x2F\x3A-\x40\x5B-\x60\x7B-\x7E]| )+$",
        "u",
    );
    translated(r"^[\p{all}]*$", r"^[\s\S]*$", "");
    translated(
        r"^[^\p{C}\p{IsWhitespace}]+$",
        r"^[^\p{C}\p{White_Space}]+$",
        "u",
    );
    translated(r"^\P{IsAlphabetic}$", r"^\P{Alphabetic}$", "u");
}

#[test]
fn nested_classes_and_intersections_are_not_translated() {
    let err = prepare_pattern(r"^[\p{Print}&&[^|:/]]+$").unwrap_err();
    assert!(err.contains("not translated"), "{err}");
    let err = prepare_pattern(r"^[\p{Digit}[a-f]]+$").unwrap_err();
    assert!(err.contains("nested"), "{err}");
}

#[test]
fn untranslatable_patterns_are_errors() {
    for pattern in [
        r"[\p{L}\p{N}\p{Z}-_]",
        "(",
        "[",
        "a**",
        "\\",
        r"\p{all}(?x)",
        r"[\p{L}]{11}{0,1011}",
    ] {
        let err = prepare_pattern(pattern).unwrap_err();
        assert!(err.contains("does not compile"), "{pattern}: {err}");
    }
}

#[test]
fn odd_input_never_panics() {
    let pieces = [
        "(",
        "\\A",
        "\\z",
        "\\_",
        "&&",
        "\\p{LD}",
        "\\p{all}",
        "}",
        "{2}",
        "\\Q",
        ")",
        "[",
        "]",
        "\\",
        "\\p{",
        "\\p{Punct",
        "\\P{Alpha}",
        "(?",
        "(?i",
        "(?i)",
        "(?<",
        "(?<n",
        "{",
        "{1",
        "{1,",
        "{1,2}",
        "+",
        "*",
        "?",
        "$",
        "^",
        "\\u{",
        "\\x",
        "\\c",
        "\\k<",
        "\\1",
        "a",
        "é",
        "😀",
        "|",
        "-",
        "\\b",
        "(?ms)",
    ];
    for a in pieces {
        for b in pieces {
            let _ = prepare_pattern(&format!("{a}{b}"));
        }
    }
    // Random strings of pattern pieces, from a fixed seed.
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    for _ in 0..10_000 {
        let mut pattern = String::new();
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        for _ in 0..(state % 12) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            pattern.push_str(pieces[(state % pieces.len() as u64) as usize]);
        }
        let _ = prepare_pattern(&pattern);
    }
    let deep = "(".repeat(100_000) + &")".repeat(100_000);
    assert!(prepare_pattern(&deep).is_err());
}
