//! `cargo bench -p anvil-codegen --bench patterns_adversarial`: every `@pattern` of the
//! official models (`../shared/models/aws`), translated as the generator does, against
//! inputs an attacker would craft.
//!
//! For each pattern, the inputs are long runs (64 characters to 100 kB) of one character the
//! pattern mentions or of a probe character (ASCII and not), and of two such characters in
//! turn, each followed by a character that breaks the match. Every input is checked once
//! through the runtime's `Pattern`, after a first call that compiles it. The report gives the
//! worst time per engine and overall, then every pattern's worst time and input, slowest
//! first; a time that grew with the input faster than linearly would show here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::{Duration, Instant};

use anvil_codegen::pattern::{PatternEngine, TranslatedPattern, translate_pattern};
use anvil_runtime::{Pattern, RegexTest};

/// Input lengths, in characters.
const LENGTHS: [usize; 4] = [64, 1_000, 10_000, 100_000];
/// Characters that any pattern may accept or trip on.
const PROBES: [char; 6] = ['a', '0', '-', ' ', 'é', '😀'];
/// What ends each run: characters that most patterns reject at that point.
const BREAKERS: [char; 2] = ['\u{0}', '!'];
/// Characters of the pattern's own text tried as runs, at most.
const MENTIONED: usize = 6;

fn leak(text: &str) -> &'static str {
    text.to_owned().leak()
}

/// The runtime pattern for a translation, as the generated `patterns.rs` declares it.
fn runtime_pattern(translated: &TranslatedPattern) -> Pattern {
    let source = leak(&translated.ecma.source);
    match &translated.engine {
        PatternEngine::Regex(regex) => Pattern::regex(source, leak(regex)),
        PatternEngine::Ascii(regex) => Pattern::ascii(source, leak(regex)),
        PatternEngine::Unicode { regex, ascii } => {
            Pattern::unicode(source, leak(regex), leak(ascii))
        }
        PatternEngine::Counted { each, min, max } => {
            Pattern::counted(source, leak(each), *min, *max)
        }
        PatternEngine::Guarded(alternatives) => {
            let alternatives: Vec<&'static [RegexTest]> = alternatives
                .iter()
                .map(|tests| {
                    let tests: Vec<RegexTest> = tests
                        .iter()
                        .map(|test| RegexTest {
                            regex: leak(&test.regex),
                            negated: test.negated,
                        })
                        .collect();
                    &*tests.leak()
                })
                .collect();
            Pattern::guarded(source, alternatives.leak())
        }
        PatternEngine::Backtracking { prefilter } => {
            Pattern::backtracking(source, leak(&translated.ecma.flags), leak(prefilter))
        }
    }
}

/// Every distinct `smithy.api#pattern` value in the official models.
fn corpus_patterns() -> BTreeSet<String> {
    fn collect(value: &serde_json::Value, out: &mut BTreeSet<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, value) in map {
                    match (key.as_str(), value) {
                        ("smithy.api#pattern", serde_json::Value::String(pattern)) => {
                            out.insert(pattern.clone());
                        }
                        _ => collect(value, out),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|item| collect(item, out)),
            _ => {}
        }
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/models/aws");
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("the official models at {}: {err}", dir.display()));
    let mut patterns = BTreeSet::new();
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.extension().is_some_and(|ext| ext == "json") {
            let text = std::fs::read_to_string(&path).expect("model file");
            let model: serde_json::Value = serde_json::from_str(&text).expect("model JSON");
            collect(&model, &mut patterns);
        }
    }
    patterns
}

/// The run characters for a pattern: those its text mentions, then the probes.
fn run_characters(source: &str) -> Vec<char> {
    let mut mentioned: Vec<char> = Vec::new();
    for c in source.chars() {
        if !r"^$\.*+?()[]{}|".contains(c) && !mentioned.contains(&c) {
            mentioned.push(c);
        }
    }
    mentioned.truncate(MENTIONED);
    for probe in PROBES {
        if !mentioned.contains(&probe) {
            mentioned.push(probe);
        }
    }
    mentioned
}

/// The worst time of `pattern` over the adversarial inputs, with a description of it.
fn worst_time(pattern: &Pattern, characters: &[char]) -> (Duration, String) {
    let mut worst = (Duration::ZERO, String::new());
    let mut try_text = |text: &str, label: &dyn Fn() -> String| {
        let start = Instant::now();
        std::hint::black_box(pattern.is_match(std::hint::black_box(text)));
        let elapsed = start.elapsed();
        if elapsed > worst.0 {
            worst = (elapsed, label());
        }
    };
    for &length in &LENGTHS {
        for (index, &first) in characters.iter().enumerate() {
            // The next character in the list, for runs of two characters in turn.
            let second = characters[(index + 1) % characters.len()];
            for breaker in BREAKERS {
                let run: String = std::iter::repeat_n(first, length)
                    .chain([breaker])
                    .collect();
                try_text(&run, &|| format!("{length} x {first:?} + {breaker:?}"));
                let pairs: String = [first, second]
                    .iter()
                    .cycle()
                    .take(length)
                    .copied()
                    .chain([breaker])
                    .collect();
                try_text(&pairs, &|| {
                    format!("{length} x {first:?}{second:?} in turn + {breaker:?}")
                });
            }
        }
    }
    worst
}

fn main() {
    let patterns = corpus_patterns();
    let started = Instant::now();
    let mut results = Vec::new();
    let mut per_engine: BTreeMap<&str, (usize, Duration)> = BTreeMap::new();
    for model in &patterns {
        let Ok(translated) = translate_pattern(model) else {
            continue;
        };
        let pattern = runtime_pattern(&translated);
        pattern.is_match("");
        let characters = run_characters(&translated.ecma.source);
        let (time, input) = worst_time(&pattern, &characters);
        let engine = translated.engine.name();
        let entry = per_engine.entry(engine).or_default();
        entry.0 += 1;
        entry.1 = entry.1.max(time);
        results.push((time, engine, translated.ecma.source.clone(), input));
    }
    results.sort_by_key(|result| std::cmp::Reverse(result.0));
    println!(
        "{} corpus patterns, inputs up to {} characters (about {} kB), {:.1} s in all",
        results.len(),
        LENGTHS[LENGTHS.len() - 1] + 1,
        LENGTHS[LENGTHS.len() - 1] / 1_000,
        started.elapsed().as_secs_f64()
    );
    println!("worst time per engine:");
    for (engine, (count, worst)) in &per_engine {
        println!("  {engine:>12}: {count:>5} patterns, worst {worst:?}");
    }
    if let Some((time, engine, source, input)) = results.first() {
        println!("overall worst: {time:?} ({engine}) /{source}/ on {input}");
    }
    println!("every pattern's worst time, slowest first:");
    for (time, engine, source, input) in &results {
        println!("  {time:>12?}  {engine:<12} /{source}/  on {input}");
    }
}
