//! Every `@pattern` of the official AWS models in `../shared` goes through `prepare_pattern`.
//!
//! The test gathers each distinct `smithy.api#pattern` value (on shapes, members and `apply`
//! statements alike), prepares it, and prints how many compile as written, how many compile
//! after translation from Java's dialect and which are skipped and why. It asserts that
//! nothing panics, that at least as many compile as written as the Smithy reference measured
//! for the flag rule (3,424), that every prepared pattern also compiles through the runtime's
//! `Pattern`, and that the patterns of the operations in `models/` need no translation.
//!
//! A few semantic checks of `Pattern` follow (look-around, `\p{L}`, `$`, unanchored search).

mod common;

use common::json_files;

use std::collections::BTreeSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use anvil_runtime::{Pattern, PreparedPattern, prepare_pattern};
use serde_json::Value;

const OFFICIAL_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/models/aws");
const MODELS_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../models");
const PATTERN_TRAIT: &str = "smithy.api#pattern";
/// Distinct corpus patterns that compile as written under the flag rule, as measured for the
/// Smithy reference (section 2.2) with regress 0.12.
const MEASURED_AS_WRITTEN: usize = 3_424;

/// Adds every string value of a `smithy.api#pattern` key anywhere in `value` to `found`.
fn collect_patterns(value: &Value, found: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                match (key.as_str(), inner) {
                    (PATTERN_TRAIT, Value::String(pattern)) => {
                        found.insert(pattern.clone());
                    }
                    _ => collect_patterns(inner, found),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_patterns(item, found)),
        _ => {}
    }
}

/// The distinct patterns of all `files`, read on every core.
fn patterns_of(files: &[PathBuf]) -> BTreeSet<String> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = files.len().div_ceil(workers).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    let mut found = BTreeSet::new();
                    for file in part {
                        let text = std::fs::read_to_string(file)
                            .unwrap_or_else(|err| panic!("{}: {err}", file.display()));
                        let model: Value = serde_json::from_str(&text)
                            .unwrap_or_else(|err| panic!("{}: {err}", file.display()));
                        collect_patterns(&model, &mut found);
                    }
                    found
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| handle.join().expect("a reader thread panicked"))
            .collect()
    })
}

/// A prepared pattern as the runtime would compile it (leaked: tests only).
fn runtime_pattern(prepared: &PreparedPattern) -> Pattern {
    Pattern::new(
        prepared.source.clone().leak(),
        prepared.flags.clone().leak(),
    )
}

#[test]
fn every_corpus_pattern_is_prepared() {
    let files = json_files(Path::new(OFFICIAL_DIR));
    assert!(!files.is_empty(), "no models in {OFFICIAL_DIR}");
    let patterns = patterns_of(&files);

    let mut as_written = 0;
    let mut as_written_unicode = 0;
    let mut translated = Vec::new();
    let mut skipped = Vec::new();
    let mut panicked = Vec::new();
    let mut runtime_failures = Vec::new();
    for pattern in &patterns {
        match catch_unwind(AssertUnwindSafe(|| prepare_pattern(pattern))) {
            Err(_) => panicked.push(pattern),
            Ok(Err(reason)) => skipped.push((pattern, reason)),
            Ok(Ok(prepared)) => {
                if !runtime_pattern(&prepared).compiles() {
                    runtime_failures.push(pattern);
                }
                if prepared.note.is_none() {
                    assert_eq!(&prepared.source, pattern);
                    as_written += 1;
                    if prepared.flags == "u" {
                        as_written_unicode += 1;
                    }
                } else {
                    translated.push((pattern, prepared));
                }
            }
        }
    }

    println!(
        "{} model files, {} distinct patterns",
        files.len(),
        patterns.len()
    );
    println!("compiled as written: {as_written} ({as_written_unicode} of them in Unicode mode)");
    println!("compiled after translation: {}", translated.len());
    for (pattern, prepared) in &translated {
        println!(
            "  {pattern}\n    -> {} (flags `{}`): {}",
            prepared.source,
            prepared.flags,
            prepared.note.as_deref().unwrap_or_default()
        );
    }
    println!("skipped: {}", skipped.len());
    for (pattern, reason) in &skipped {
        println!("  {pattern}\n    {reason}");
    }

    assert!(
        panicked.is_empty(),
        "prepare_pattern panicked on {panicked:?}"
    );
    assert!(
        runtime_failures.is_empty(),
        "prepared but not compiled by Pattern: {runtime_failures:?}"
    );
    assert!(
        as_written >= MEASURED_AS_WRITTEN,
        "only {as_written} of {} patterns compile as written; the reference measured {MEASURED_AS_WRITTEN}",
        patterns.len()
    );
    assert_eq!(
        as_written + translated.len() + skipped.len(),
        patterns.len()
    );
}

#[test]
fn operation_patterns_compile_as_written() {
    let files = json_files(Path::new(MODELS_DIR));
    assert!(!files.is_empty(), "no models in {MODELS_DIR}");
    let patterns = patterns_of(&files);
    assert!(
        !patterns.is_empty(),
        "the operations in models/ use no pattern?"
    );
    for pattern in &patterns {
        let prepared = prepare_pattern(pattern)
            .unwrap_or_else(|reason| panic!("{pattern} does not compile: {reason}"));
        assert_eq!(&prepared.source, pattern);
        assert_eq!(prepared.note, None, "{pattern}");
        assert!(runtime_pattern(&prepared).compiles(), "{pattern}");
    }
    println!(
        "{} distinct patterns in models/, all used as written",
        patterns.len()
    );
}

#[test]
fn look_ahead_rejects_a_prefix() {
    static NAME: Pattern = Pattern::new("^(?!g-)[a-z]+$", "");
    assert_eq!(NAME.is_match("group"), Some(true));
    assert_eq!(NAME.is_match("g-roup"), Some(false));
    // `-` is outside `[a-z]`, so only the look-ahead is tested by the line above.
    assert_eq!(NAME.is_match("gg"), Some(true));
}

#[test]
fn unicode_letter_class() {
    let prepared = prepare_pattern(r"^\p{L}+$").unwrap();
    assert_eq!(prepared.flags, "u");
    let letters = runtime_pattern(&prepared);
    assert_eq!(letters.is_match("é"), Some(true));
    assert_eq!(letters.is_match("😀"), Some(false));
    assert_eq!(letters.is_match("日本語"), Some(true));
}

#[test]
fn dollar_does_not_match_before_a_final_newline() {
    static ID: Pattern = Pattern::new("^[a-z0-9]+$", "");
    assert_eq!(ID.is_match("abc123"), Some(true));
    assert_eq!(ID.is_match("abc123\n"), Some(false));
}

#[test]
fn search_is_unanchored() {
    static WORD: Pattern = Pattern::new(r"\w+", "");
    assert_eq!(WORD.is_match("!hello!"), Some(true));
    assert_eq!(WORD.is_match("!!!"), Some(false));
}
