//! The ASCII matcher against regress on chosen patterns: ECMA-262's corner cases, every ASCII
//! byte against each class, and what makes the compiler give up.

use regress::Regex;

use super::AsciiMatcher;
use super::corpus_tests::reference_is_match;
use super::parse::{ByteSet, parse, property};
use crate::Pattern;

fn regress_says(source: &str, flags: &str, text: &str) -> bool {
    Regex::with_flags(source, flags)
        .unwrap_or_else(|err| panic!("/{source}/{flags}: {err}"))
        .find(text)
        .is_some()
}

fn fast(source: &str, flags: &str) -> AsciiMatcher {
    AsciiMatcher::new(source, flags).unwrap_or_else(|| panic!("/{source}/{flags} has no fast path"))
}

/// Asserts the expected answer from regress and, for ASCII text, from the fast path and the
/// tree's own reading.
fn check(source: &str, flags: &str, cases: &[(&str, bool)]) {
    let matcher = fast(source, flags);
    let node = parse(source, flags == "u").expect("parses");
    for &(text, expected) in cases {
        assert_eq!(
            regress_says(source, flags, text),
            expected,
            "regress: /{source}/{flags} on {text:?}"
        );
        if !text.is_ascii() {
            continue;
        }
        assert_eq!(
            matcher.is_match(text.as_bytes()),
            Some(expected),
            "fast path: /{source}/{flags} on {text:?}"
        );
        assert_eq!(
            reference_is_match(&node, text.as_bytes()),
            expected,
            "tree: /{source}/{flags} on {text:?}"
        );
    }
}

/// Asserts that the fast path agrees with regress on every one-byte text, with the pattern
/// anchored around the class: `^X$`.
fn same_on_every_byte(class: &str, flags: &str) {
    let source = format!("^{class}$");
    let matcher = fast(&source, flags);
    let regex = Regex::with_flags(&source, flags).expect("compiles");
    for byte in 0u8..128 {
        let text = (byte as char).to_string();
        assert_eq!(
            matcher.is_match(text.as_bytes()),
            Some(regex.find(&text).is_some()),
            "/{source}/{flags} on {text:?}"
        );
    }
}

#[test]
fn dollar_matches_only_at_the_very_end() {
    check(
        "^[a-z]+$",
        "",
        &[("abc", true), ("abc\n", false), ("\nabc", false)],
    );
    check("a$", "", &[("ba", true), ("a\n", false), ("a\r", false)]);
    check("^$", "", &[("", true), ("\n", false)]);
}

#[test]
fn dot_excludes_cr_and_lf_only() {
    check(
        "^.$",
        "",
        &[
            ("\r", false),
            ("\n", false),
            ("\x0B", true),
            ("\x0C", true),
            ("\0", true),
            ("\x7F", true),
        ],
    );
    check("^.+$", "u", &[("a\rb", false), ("a\tb", true)]);
}

#[test]
fn white_space_on_ascii() {
    for space in ["\t", "\n", "\x0B", "\x0C", "\r", " "] {
        check(r"^\s$", "", &[(space, true)]);
        check(r"^\S$", "u", &[(space, false)]);
    }
    // The information separators are not white space in ECMA-262.
    check(r"^\s$", "", &[("\x1C", false), ("\x1F", false)]);
}

#[test]
fn class_escapes_on_every_byte() {
    for flags in ["", "u"] {
        for class in [
            r"\d",
            r"\D",
            r"\w",
            r"\W",
            r"\s",
            r"\S",
            ".",
            r"[\d]",
            r"[^\d]",
            r"[\W]",
            r"[^\W]",
            r"[\s\d]",
            r"[^\s\w]",
            r"[\S]",
            r"[.]",
            r"[^]",
            r"[]",
            r"[\0-\x1F]",
            r"[ -~]",
            r"[\t-\r]",
            r"[\b]",
            r"[\cJ]",
            r"[\-]",
        ] {
            if class == r"[\cJ]" {
                continue; // `\c` is given up on; see gives_up_outside_the_subset.
            }
            same_on_every_byte(class, flags);
        }
    }
    for class in [
        r"[\w-.]", r"[.-\w]", r"[\d-\s]", r"[%-\d]", r"\_", r"\:", r"[\_\@]",
    ] {
        same_on_every_byte(class, "");
    }
}

#[test]
fn properties_on_every_byte() {
    let names = [
        "L",
        "Letter",
        "LC",
        "Cased_Letter",
        "Lu",
        "Uppercase_Letter",
        "Ll",
        "Lowercase_Letter",
        "Lt",
        "Titlecase_Letter",
        "Lm",
        "Modifier_Letter",
        "Lo",
        "Other_Letter",
        "M",
        "Mark",
        "Combining_Mark",
        "Mn",
        "Nonspacing_Mark",
        "Mc",
        "Spacing_Mark",
        "Me",
        "Enclosing_Mark",
        "N",
        "Number",
        "Nd",
        "Decimal_Number",
        "digit",
        "Nl",
        "Letter_Number",
        "No",
        "Other_Number",
        "P",
        "Punctuation",
        "punct",
        "Pc",
        "Connector_Punctuation",
        "Pd",
        "Dash_Punctuation",
        "Ps",
        "Open_Punctuation",
        "Pe",
        "Close_Punctuation",
        "Pi",
        "Initial_Punctuation",
        "Pf",
        "Final_Punctuation",
        "Po",
        "Other_Punctuation",
        "S",
        "Symbol",
        "Sm",
        "Math_Symbol",
        "Sc",
        "Currency_Symbol",
        "Sk",
        "Modifier_Symbol",
        "So",
        "Other_Symbol",
        "Z",
        "Separator",
        "Zs",
        "Space_Separator",
        "Zl",
        "Line_Separator",
        "Zp",
        "Paragraph_Separator",
        "C",
        "Other",
        "Cc",
        "Control",
        "cntrl",
        "Cf",
        "Format",
        "Cs",
        "Surrogate",
        "Co",
        "Private_Use",
        "Cn",
        "Unassigned",
        "ASCII",
        "Any",
        "Alphabetic",
        "Alpha",
        "White_Space",
        "space",
        "Lowercase",
        "Lower",
        "Uppercase",
        "Upper",
        "ASCII_Hex_Digit",
        "AHex",
        "Hex_Digit",
        "Hex",
        "General_Category=L",
        "gc=Nd",
        "gc=Zs",
    ];
    for name in names {
        assert!(property(name).is_some(), "{name}");
        for class in [
            format!(r"\p{{{name}}}"),
            format!(r"\P{{{name}}}"),
            format!(r"[\p{{{name}}}]"),
            format!(r"[^\p{{{name}}}]"),
            format!(r"[\P{{{name}}}_]"),
        ] {
            same_on_every_byte(&class, "u");
        }
    }
    for name in [
        "Script=Latin",
        "sc=Grek",
        "gc=ASCII",
        "Emoji",
        "Lowercase_Letters",
        "",
    ] {
        assert!(property(name).is_none(), "{name}");
    }
}

#[test]
fn general_categories_split_ascii_exactly() {
    let categories = ["L", "M", "N", "P", "S", "Z", "C"];
    let mut seen = ByteSet::EMPTY;
    let mut total = 0;
    for name in categories {
        let set = property(name).expect("known");
        assert_eq!(set.minus(seen), set, "{name} overlaps an earlier category");
        seen = seen.union(set);
        total += set.len();
    }
    assert_eq!(seen, ByteSet::ALL);
    assert_eq!(total, 128);
    assert_eq!(property("P").map(ByteSet::len), Some(23));
    assert_eq!(property("S").map(ByteSet::len), Some(9));
    let punctuation: Vec<u8> = property("P").expect("known").members().collect();
    assert_eq!(punctuation, b"!\"#%&'()*,-./:;?@[\\]_{}");
    let symbols: Vec<u8> = property("S").expect("known").members().collect();
    assert_eq!(symbols, b"$+<=>^`|~");
}

#[test]
fn search_is_unanchored() {
    check(r"\w+", "", &[("!hello!", true), ("!!", false), ("", false)]);
    check("b", "", &[("abc", true), ("ac", false)]);
    check(
        "[a-z]+@[a-z]+",
        "",
        &[("to: x@y!", true), ("x@", false), ("@y", false)],
    );
    check("x*", "", &[("", true), ("abc", true)]);
}

#[test]
fn anchors_in_one_branch_only() {
    check(
        "^a|b$",
        "",
        &[
            ("a", true),
            ("ax", true),
            ("xa", false),
            ("xb", true),
            ("bx", false),
            ("", false),
        ],
    );
    check("(^|-)x", "", &[("x", true), ("a-x", true), ("ax", false)]);
    check("x($|-)", "", &[("x", true), ("x-a", true), ("xa", false)]);
}

#[test]
fn counted_repetition_bounds() {
    check(
        "^(?:ab){0,2}$",
        "",
        &[
            ("", true),
            ("ab", true),
            ("abab", true),
            ("ababab", false),
            ("aba", false),
        ],
    );
    check(
        "^a{2,3}$",
        "",
        &[("a", false), ("aa", true), ("aaa", true), ("aaaa", false)],
    );
    check("^a{2}$", "", &[("aa", true), ("aaa", false)]);
    check("^a{2,}$", "", &[("a", false), ("aaaaaa", true)]);
    check(
        "^(?:a|bc){1,2}$",
        "",
        &[
            ("a", true),
            ("bca", true),
            ("bcbc", true),
            ("abca", false),
            ("", false),
        ],
    );
    check("^a{0}$", "", &[("", true), ("a", false)]);
    check(
        r"^\p{L}+(?:\.\p{L}+){0,2}$",
        "u",
        &[
            ("name", true),
            ("name.givenName", true),
            ("a.b.c", true),
            ("a.b.c.d", false),
            ("a..b", false),
            ("name.", false),
            ("na-me", false),
        ],
    );
}

#[test]
fn empty_alternatives() {
    check("^(a|)$", "", &[("", true), ("a", true), ("aa", false)]);
    check("^(|a)b$", "", &[("b", true), ("ab", true), ("aab", false)]);
    check("^(?:)$", "", &[("", true), ("x", false)]);
    check("x(|)y", "", &[("xy", true), ("x y", false)]);
    check("|", "", &[("", true), ("anything", true)]);
    check("^(?:a|)+$", "", &[("", true), ("aaa", true), ("ab", false)]);
}

#[test]
fn nested_quantifiers() {
    check(
        "^(a+)+$",
        "",
        &[("aaaa", true), ("aaab", false), ("", false)],
    );
    check(
        "^(?:a*)*b$",
        "",
        &[("aaab", true), ("b", true), ("aaa", false)],
    );
    check(
        "^(a?){3}$",
        "",
        &[("", true), ("aaa", true), ("aaaa", false)],
    );
    check(
        "(?:a|b*)*c",
        "",
        &[("bbc", true), ("c", true), ("bb", false)],
    );
    check(
        "^(?:(?:ab)*c)+$",
        "",
        &[
            ("ababcc", true),
            ("c", true),
            ("abab", false),
            ("abcab", false),
        ],
    );
    check("^(?:x*)*$", "", &[("", true), ("xx", true), ("xy", false)]);
    check("^(?:(?:a|b?)*c?)*d$", "", &[("abcabd", true), ("d", true)]);
    // regress 0.12 never returns on this one (nested loops whose bodies may match empty, and
    // no `d`); the fast path and the tree agree at once.
    let node = parse("^(?:(?:a|b?)*c?)*d$", false).expect("parses");
    let matcher = fast("^(?:(?:a|b?)*c?)*d$", "");
    assert_eq!(matcher.is_match(b"abcab"), Some(false));
    assert!(!reference_is_match(&node, b"abcab"));
    check(
        "^(?:a{1,2}){2}$",
        "",
        &[("a", false), ("aa", true), ("aaaa", true), ("aaaaa", false)],
    );
}

#[test]
fn lazy_quantifiers_answer_like_greedy_ones() {
    check("^a+?$", "", &[("aaa", true), ("", false)]);
    check("a{2,}?b", "", &[("aab", true), ("ab", false)]);
    check(
        "^(a|ab)*?c$",
        "",
        &[("aabc", true), ("abac", true), ("abbc", false)],
    );
    check("^a??b$", "", &[("b", true), ("ab", true), ("aab", false)]);
}

#[test]
fn annex_b_syntax() {
    check(
        r"^[\w-.+]+@[\w-.+]+$",
        "",
        &[
            ("a.b+c-d@example.com", true),
            ("a b@example.com", false),
            ("a@b@c", false),
        ],
    );
    // A `{` that starts no quantifier is a literal, and so are `]` and `}`.
    check("^a{,5}$", "", &[("a{,5}", true), ("aaaaa", false)]);
    check("^a{1,2$", "", &[("a{1,2", true), ("a", false)]);
    check("^x]}$", "", &[("x]}", true), ("x", false)]);
    check("^{$", "", &[("{", true)]);
    // Identity escapes of symbols.
    check(r"^\_\:\@\#$", "", &[("_:@#", true), ("_:@", false)]);
}

#[test]
fn character_escapes() {
    check(
        r"^\t\n\v\f\r\0$",
        "",
        &[("\t\n\x0B\x0C\r\0", true), ("\t\n", false)],
    );
    check(r"^\x41\u0042$", "", &[("AB", true), ("ab", false)]);
    check(r"^\u{43}$", "u", &[("C", true), ("u", false)]);
    check(
        r"^\/\.\*\+\?\(\)\[\]\{\}\|\^\$\\$",
        "",
        &[(r"/.*+?()[]{}|^$\", true)],
    );
    check(r"^[\b]$", "", &[("\x08", true), ("b", false)]);
    // A surrogate pair is one code point, never ASCII; `?` makes it optional.
    check(
        r"^\uD83D\uDE00?x$",
        "u",
        &[("x", true), ("\u{1F600}x", true)],
    );
    check(r"^\uD83D\uDE00?x$", "", &[("x", true)]);
    check(
        r"^[\uD800-\uDBFF\uDC00-\uDFFF\u0020-\u007E]+$",
        "",
        &[("a b", true), ("\t", false)],
    );
    // A lead surrogate before a `\u` escape that is no trail: regress keeps the lead alone and
    // reads the digits after that `\u` as characters, and so does the fast path.
    for flags in ["", "u"] {
        same_on_every_byte(r"[\uD800\u0041]", flags);
        same_on_every_byte(
            r"[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDBFF-\uDC00\uDFFF\r\n\t]",
            flags,
        );
    }
    check(r"^[\uD800\u0041]+$", "", &[("0041", true), ("A", false)]);
    // Annex B: `\-` outside a class is a hyphen.
    check(
        r"^ami\-[a-f0-9]{8}$",
        "",
        &[("ami-0123abcd", true), ("ami0123abcd", false)],
    );
}

#[test]
fn characters_outside_ascii() {
    check("^é?a$", "", &[("a", true), ("éa", true), ("ea", false)]);
    check("^😀?a$", "u", &[("a", true)]);
    check("^😀?a$", "", &[("a", true), ("😀a", true)]);
    check("^[é-ü]$", "", &[("é", true), ("e", false)]);
    // A range from ASCII into the rest keeps its ASCII part.
    check("^[ -é]+$", "", &[("~ !", true), ("\t", false)]);
    check("^[^é]$", "", &[("a", true), ("é", false)]);
    check(r"^[\u0080-\uFFFF]*$", "", &[("", true), ("a", false)]);
}

#[test]
fn gives_up_outside_the_subset() {
    for (source, flags) in [
        ("(?=a)", ""),
        ("(?!a)a", ""),
        ("(?<=a)b", ""),
        ("(?<!a)b", ""),
        (r"(a)\1", ""),
        (r"\bword", ""),
        (r"a\B", ""),
        ("(?<name>a)", ""),
        ("(?i:a)", ""),
        ("a", "i"),
        ("a", "m"),
        ("a", "s"),
        ("a", "iu"),
        (r"\cA", ""),
        (r"[\cA]", ""),
        (r"\k", ""),
        (r"\p{L}", ""),
        (r"\u{41}", ""),
        (r"\x4", ""),
        (r"\u004", ""),
        (r"\07", ""),
        (r"[\1]", ""),
        (r"\a", ""),
        (r"\é", ""),
        (r"\p{Script=Latin}", "u"),
        (r"\p{Emoji}", "u"),
        ("a{1000000}", ""),
        ("(?:ab){5000}", ""),
    ] {
        assert!(
            AsciiMatcher::new(source, flags).is_none(),
            "/{source}/{flags} should have no fast path"
        );
    }
}

#[test]
fn hard_searches_are_answered_with_the_memo() {
    // Exponential for plain backtracking (regress takes minutes here); the second attempt
    // remembers failed (instruction, position) pairs and answers at once.
    let matcher = fast("^(a+)+$", "");
    let text = format!("{}b", "a".repeat(60));
    assert_eq!(matcher.is_match(text.as_bytes()), Some(false));
    let dns = fast(
        r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$",
        "",
    );
    let host = format!("y.{}.example=", "a".repeat(60));
    assert_eq!(dns.is_match(host.as_bytes()), Some(false));
    assert_eq!(dns.is_match(b"www.example.com"), Some(true));
}

#[test]
fn deep_or_long_searches_fall_back_to_regress() {
    // What follows the loop may start where an iteration does, so each iteration keeps a
    // backtracking frame: more than the deep stack holds.
    static PAIRS: Pattern = Pattern::new("^(?:ab)*a$", "");
    let text = format!("{}a", "ab".repeat(2_000));
    assert_eq!(fast("^(?:ab)*a$", "").is_match(text.as_bytes()), None);
    assert_eq!(PAIRS.is_match(&text), Some(true));
    assert_eq!(PAIRS.is_match(&format!("{text}x")), Some(false));
    // When what follows cannot start there, no frame is kept and the fast path answers.
    let text = "ab".repeat(2_000);
    assert_eq!(
        fast("^(?:ab|cd)*$", "").is_match(text.as_bytes()),
        Some(true)
    );
    // A nullable loop needs a register, which rules out the memo; the step budget ends the
    // search.
    static AMBIGUOUS: Pattern = Pattern::new("^(?:a|a?)+$", "");
    let text = format!("{}b", "a".repeat(16));
    assert_eq!(fast("^(?:a|a?)+$", "").is_match(text.as_bytes()), None);
    assert_eq!(AMBIGUOUS.is_match(&text), Some(false));
}

#[test]
fn text_outside_ascii_goes_to_regress() {
    static WORD: Pattern = Pattern::new(r"^\w+$", "");
    static ANY: Pattern = Pattern::new("^.$", "");
    static LETTERS: Pattern = Pattern::new(r"^\p{L}+$", "u");
    assert_eq!(WORD.is_match("é"), Some(false));
    assert_eq!(ANY.is_match("é"), Some(true));
    assert_eq!(ANY.is_match("\u{2028}"), Some(false));
    assert_eq!(LETTERS.is_match("héllo"), Some(true));
    assert_eq!(LETTERS.is_match("hello"), Some(true));
    assert_eq!(LETTERS.is_match("hello1"), Some(false));
}

/// Prints the time per call of the fast path and of regress on a few corpus patterns:
/// `cargo test -p anvil-runtime --release pattern_timings -- --ignored --nocapture`.
#[test]
#[ignore = "a measurement, not a check"]
fn pattern_timings() {
    use std::hint::black_box;
    use std::time::Instant;
    let cases = [
        (r"^\p{L}+(?:\.\p{L}+){0,2}$", "u", "name.givenName"),
        (r"^\p{L}+(?:\.\p{L}+){0,2}$", "u", "preferredLanguage"),
        (r"^[a-zA-Z]+(?:\.[a-zA-Z]+){0,2}$", "", "name.givenName"),
        (
            "^d-[0-9a-f]{10}$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
            "",
            "d-1234567890",
        ),
        (
            "^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$",
            "",
            "b8e4b7a6-2e4f-4c5a-9d7e-0123456789ab",
        ),
        (r"^[\w-.+]+@[\w-.+]+$", "", "jane.example+tag@example.com"),
        (
            r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+",
            "u",
            "1 Main Street, Springfield",
        ),
        (r"\S", "", "                                x"),
        (
            "^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$",
            "",
            "my-training-job-2024-06-01-12-30-45-abcdefabcdefabcdefabcdefab",
        ),
        (
            r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$",
            "",
            "api.eu-west-1.service.example-company.com",
        ),
    ];
    const ROUNDS: u32 = 200_000;
    for (source, flags, text) in cases {
        let matcher = fast(source, flags);
        let regex = Regex::with_flags(source, flags).expect("compiles");
        assert_eq!(
            matcher.is_match(text.as_bytes()),
            Some(regex.find(text).is_some())
        );
        let start = Instant::now();
        for _ in 0..ROUNDS {
            black_box(matcher.is_match(black_box(text.as_bytes())));
        }
        let fast_ns = start.elapsed().as_nanos() as f64 / f64::from(ROUNDS);
        let start = Instant::now();
        for _ in 0..ROUNDS {
            black_box(regex.find(black_box(text)).is_some());
        }
        let regress_ns = start.elapsed().as_nanos() as f64 / f64::from(ROUNDS);
        println!(
            "{fast_ns:7.1} ns fast, {regress_ns:7.1} ns regress: /{source}/{flags} on {text:?}"
        );
    }
}
