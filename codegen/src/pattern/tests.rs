//! The translation against regress on chosen patterns: ECMA-262's corner cases.

use super::corpus_tests::runtime_pattern;
use super::{PatternEngine, PatternError, translate_pattern};

/// Asserts that the translation of `pattern` and regress agree on every text.
fn agree(pattern: &str, texts: &[&str]) {
    let translated = translate_pattern(pattern).unwrap_or_else(|err| panic!("{pattern}: {err}"));
    let reference =
        regress::Regex::with_flags(&translated.ecma.source, translated.ecma.flags.as_str())
            .unwrap_or_else(|err| panic!("{pattern}: {err}"));
    let runtime = runtime_pattern(&translated);
    for text in texts {
        assert_eq!(
            runtime.is_match(text),
            reference.find(text).is_some(),
            "/{}/{} ({:?}) on {text:?}",
            translated.ecma.source,
            translated.ecma.flags,
            translated.engine
        );
    }
}

const PROBES: &[&str] = &[
    "", "a", "A", "abc", "a b", "a\nb", "a\r", "\n", " ", "\t", "\u{A0}", "\u{FEFF}", "\u{2028}",
    "\u{3000}", "é", "😀", "1", "١", "_", "-", "a-", "-a", "\u{212A}", "\u{17F}", "k", "s", "K",
    "S", "xn--a", "aws:x", "a.b", "a..b", "{", "{1}", "}", "\\", "\u{8}",
];

#[test]
fn ecma_classes_and_anchors() {
    for pattern in [
        r"^\d+$",
        r"^\w+$",
        r"^\s+$",
        r"^\S+$",
        r"^.+$",
        r"^[^]$",
        r"^[]$",
        r"\bk",
        r"a$",
        r"^$",
        r"^\p{L}+$",
        r"^[\p{L}\p{Zs}]*$",
        r"^\P{C}+$",
        r"^[\w-.+]+$",
        r"^[^\W]+$",
    ] {
        agree(pattern, PROBES);
    }
}

#[test]
fn annex_b_forms() {
    for pattern in [
        r"^a{$",
        r"^{1}$",
        r"^\{1\}$",
        r"\c",
        r"\cJ",
        r"[\c_]",
        r"\0",
        r"\101",
        r"\8",
        r"\x4",
        r"\u12",
        r"\-",
        r"[\b]",
        r"^\u{1F600}$",
        r"^\uD83D\uDE00$",
        r"^[\uD800-\uDFFF]$",
    ] {
        agree(pattern, PROBES);
        agree(
            pattern,
            &[
                "\u{1F600}",
                "a{",
                "{1}",
                "\\c",
                "\n",
                "\0",
                "A",
                "8",
                "x4",
                "u12",
                "q",
            ],
        );
    }
}

#[test]
fn case_insensitive() {
    agree(
        "^(?i)(true|false)$",
        &["TRUE", "False", "tRuE", "yes", "true\n"],
    );
    agree("(?i)^[a-k]s$", &["KS", "\u{212A}\u{17F}", "ks", "ls"]);
}

#[test]
fn look_around_is_rewritten_or_bounded() {
    let guarded = translate_pattern("^(?!xn--)[a-z0-9-]+$").unwrap();
    assert!(matches!(guarded.engine, PatternEngine::Guarded(_)));
    agree("^(?!xn--)[a-z0-9-]+$", &["xn--a", "xna", "a", "-", "XN--"]);
    agree(r"^[a-z.]*(?<!\.)$", &["a.", "a.b", "", "."]);
    agree(r"^(?!aws:).+|(\$x)$", &["aws:a", "awsa", "$x", "aws:$x"]);
    let bounded = translate_pattern(r"^(?!.*?(.)\1{3})[a-z]+$").unwrap();
    assert!(matches!(bounded.engine, PatternEngine::Backtracking { .. }));
    agree(r"^(?!.*?(.)\1{3})[a-z]+$", &["aaab", "aaaab", "abcd", "A"]);
    agree(
        r"^(((?!-)[A-Za-z0-9-]{0,62}[A-Za-z0-9])\.)+((?!-)[A-Za-z0-9-]{1,62}[A-Za-z0-9])$",
        &["a.b", "-a.b", "a.-b", "a.b-", "ab"],
    );
}

#[test]
fn what_is_not_ecma_is_skipped() {
    assert!(matches!(
        translate_pattern(r"[\p{L}\p{N}\p{Z}-_]"),
        Err(PatternError::NotEcma(_))
    ));
    // Java's dialect that is translated still runs on `regex`.
    let java = translate_pattern(r"^\p{Alnum}+\z$").unwrap();
    assert_eq!(
        java.engine,
        PatternEngine::Ascii(r"\A[a-zA-Z0-9]+\z\z".to_owned())
    );
}
