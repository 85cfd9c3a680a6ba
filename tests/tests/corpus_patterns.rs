//! Every `@pattern` of the official AWS models in `../shared` goes through the generator's
//! translation (`anvil_codegen::pattern::translate_pattern`).
//!
//! The test gathers each distinct `smithy.api#pattern` value (on shapes, members and `apply`
//! statements alike), translates it, and prints how many read as ECMA-262 as written, how
//! many after translation from Java's dialect, which engine each got and which are skipped
//! and why. It asserts that nothing panics, that no ECMA-262 pattern is a generation error,
//! that at least as many compile as written as the Smithy reference measured for the flag
//! rule (3,424), and that the patterns of the operations in `models/` need no translation
//! from Java's dialect. The answers themselves are compared with regress, pattern by pattern,
//! in `anvil-codegen`'s own corpus tests.

mod common;

use common::json_files;

use std::collections::{BTreeMap, BTreeSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use anvil_codegen::pattern::{PatternEngine, PatternError, translate_pattern};
use anvil_runtime::Pattern;
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

#[test]
fn every_corpus_pattern_is_translated() {
    let files = json_files(Path::new(OFFICIAL_DIR));
    assert!(!files.is_empty(), "no models in {OFFICIAL_DIR}");
    let patterns = patterns_of(&files);

    let mut as_written = 0;
    let mut translated_from_java = Vec::new();
    let mut skipped = Vec::new();
    let mut panicked = Vec::new();
    let mut generation_errors = Vec::new();
    let mut engines: BTreeMap<&str, usize> = BTreeMap::new();
    for pattern in &patterns {
        match catch_unwind(AssertUnwindSafe(|| translate_pattern(pattern))) {
            Err(_) => panicked.push(pattern),
            Ok(Err(PatternError::NotEcma(reason))) => skipped.push((pattern, reason)),
            Ok(Err(err)) => generation_errors.push(format!("{pattern}: {err}")),
            Ok(Ok(translated)) => {
                *engines.entry(translated.engine.name()).or_default() += 1;
                match &translated.ecma.note {
                    None => {
                        assert_eq!(&translated.ecma.source, pattern);
                        as_written += 1;
                    }
                    Some(note) => translated_from_java.push((
                        pattern,
                        translated.ecma.source.clone(),
                        note.clone(),
                    )),
                }
            }
        }
    }

    println!(
        "{} model files, {} distinct patterns",
        files.len(),
        patterns.len()
    );
    println!("ECMA-262 as written: {as_written}; engines: {engines:?}");
    println!(
        "translated from Java's dialect: {}",
        translated_from_java.len()
    );
    for (pattern, source, note) in &translated_from_java {
        println!("  {pattern}\n    -> {source}: {note}");
    }
    println!("skipped: {}", skipped.len());
    for (pattern, reason) in &skipped {
        println!("  {pattern}\n    {reason}");
    }

    assert!(
        panicked.is_empty(),
        "translate_pattern panicked on {panicked:?}"
    );
    assert!(
        generation_errors.is_empty(),
        "generation errors:\n{}",
        generation_errors.join("\n")
    );
    assert!(
        as_written >= MEASURED_AS_WRITTEN,
        "only {as_written} of {} patterns compile as written; the reference measured {MEASURED_AS_WRITTEN}",
        patterns.len()
    );
    assert_eq!(
        as_written + translated_from_java.len() + skipped.len(),
        patterns.len()
    );
}

#[test]
fn operation_patterns_need_no_java_translation() {
    let files = json_files(Path::new(MODELS_DIR));
    assert!(!files.is_empty(), "no models in {MODELS_DIR}");
    let patterns = patterns_of(&files);
    assert!(
        !patterns.is_empty(),
        "the operations in models/ use no pattern?"
    );
    for pattern in &patterns {
        let translated = translate_pattern(pattern)
            .unwrap_or_else(|reason| panic!("{pattern} is not translated: {reason}"));
        assert_eq!(&translated.ecma.source, pattern);
        assert_eq!(translated.ecma.note, None, "{pattern}");
    }
    println!(
        "{} distinct patterns in models/, all ECMA-262 as written",
        patterns.len()
    );
}

#[test]
fn look_ahead_rejects_a_prefix() {
    let translated = translate_pattern("^(?!g-)[a-z-]+$").unwrap();
    let PatternEngine::Guarded(alternatives) = &translated.engine else {
        panic!("a leading look-ahead is rewritten: {:?}", translated.engine);
    };
    assert_eq!(alternatives.len(), 1);
    static NAME: Pattern = Pattern::guarded(
        "^(?!g-)[a-z-]+$",
        &[&[
            anvil_runtime::RegexTest {
                regex: r"\A[a-z\-]+\z",
                negated: false,
            },
            anvil_runtime::RegexTest {
                regex: r"\A(?:g\-)",
                negated: true,
            },
        ]],
    );
    assert_eq!(alternatives[0][0].regex, r"\A[a-z\-]+\z");
    assert_eq!(alternatives[0][1].regex, r"\A(?:g\-)");
    assert!(NAME.is_match("group"));
    assert!(!NAME.is_match("g-roup"));
    assert!(NAME.is_match("gg"));
}

#[test]
fn translations_keep_ecma_meaning() {
    let run = |each: &str, min, max| PatternEngine::Counted {
        each: each.to_owned(),
        min,
        max,
    };
    let cases = [
        (r"^\p{L}+$", run(r"\A[\p{L}]*\z", 1, None)),
        ("^[a-z0-9]{2,8}$", run(r"\A[a-z0-9]*\z", 2, Some(8))),
        (r"\w+", PatternEngine::Ascii("[0-9A-Z_a-z]".to_owned())),
        (r"^\d$", PatternEngine::Ascii(r"\A[0-9]\z".to_owned())),
        (
            r"^\p{L}+-\d$",
            PatternEngine::Unicode {
                regex: r"\A[\p{L}]+\-[0-9]\z".to_owned(),
                ascii: r"\A[A-Za-z]+\-[0-9]\z".to_owned(),
            },
        ),
    ];
    for (model, engine) in cases {
        assert_eq!(translate_pattern(model).unwrap().engine, engine, "{model}");
    }
}
