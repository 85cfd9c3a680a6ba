//! The translation against regress over every `@pattern` of the AWS model corpus.
//!
//! Every distinct corpus pattern that reads as ECMA-262 must translate (no generation
//! error). For each, strings are generated from the pattern's own tree (so that many match),
//! then mutated (characters inserted, deleted, replaced, ASCII and not; junk before or after;
//! a final newline), and the answer of the runtime's `Pattern`, built from the translation, is
//! compared with regress's `find(text).is_some()` on the ECMA-262 source: regress is the
//! reference. regress answers in a child process, because it never returns on a few of these
//! strings (see [`regress_answers`]).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use anvil_runtime::{Pattern, RegexTest};
use regress::Regex;

use super::ecma::{Flags, Node, Set, SetItem, parse};
use super::{PatternEngine, PatternError, TranslatedPattern, translate_pattern};

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Self(seed | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// Where the shared model corpus lives: `../shared/models/aws` next to the workspace.
pub(super) fn corpus_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/models/aws");
    assert!(
        dir.is_dir(),
        "the AWS model corpus is missing: expected the directory {} (the workspace's \
         ../shared/models/aws); this test needs it",
        dir.display()
    );
    dir
}

/// Every distinct `smithy.api#pattern` value in the corpus, sorted.
pub(super) fn corpus_patterns() -> BTreeSet<String> {
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
    let mut patterns = BTreeSet::new();
    let mut files = 0;
    for entry in std::fs::read_dir(corpus_dir()).expect("corpus directory is readable") {
        let path = entry.expect("corpus directory entry").path();
        if path.extension().is_some_and(|ext| ext == "json") {
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
            let model: serde_json::Value = serde_json::from_str(&text)
                .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
            collect(&model, &mut patterns);
            files += 1;
        }
    }
    assert!(files > 0, "no model files in the corpus directory");
    patterns
}

/// A translated corpus pattern, its tree and the runtime `Pattern` built from it.
pub(super) struct CorpusPattern {
    pub(super) ecma: super::PreparedPattern,
    pub(super) engine: PatternEngine,
    tree: Node,
    pub(super) runtime: Pattern,
}

/// Leaks `text` (tests only: the runtime takes `&'static str`).
fn leak(text: &str) -> &'static str {
    text.to_owned().leak()
}

/// The runtime pattern for a translation, as the generated `patterns.rs` declares it.
pub(super) fn runtime_pattern(translated: &TranslatedPattern) -> Pattern {
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

/// Every corpus pattern that reads as ECMA-262, translated; panics on a generation error.
pub(super) fn translated_corpus() -> (Vec<CorpusPattern>, usize) {
    let patterns = corpus_patterns();
    let mut translated = Vec::new();
    let mut failures = Vec::new();
    for pattern in &patterns {
        match translate_pattern(pattern) {
            Ok(done) => {
                let flags = Flags::parse(&done.ecma.flags).expect("translated flags");
                let tree = parse(&done.ecma.source, flags).expect("translated source parses");
                let runtime = runtime_pattern(&done);
                translated.push(CorpusPattern {
                    ecma: done.ecma,
                    engine: done.engine,
                    tree,
                    runtime,
                });
            }
            Err(PatternError::NotEcma(_)) => {}
            Err(err) => failures.push(format!("{pattern}: {err}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} corpus patterns fail to translate:\n{}",
        failures.len(),
        failures.join("\n")
    );
    (translated, patterns.len())
}

#[test]
fn every_corpus_pattern_translates() {
    let (translated, distinct) = translated_corpus();
    let mut by_engine = BTreeMap::new();
    for pattern in &translated {
        *by_engine.entry(pattern.engine.name()).or_insert(0usize) += 1;
        assert!(pattern.runtime.compiles(), "{}", pattern.ecma.source);
    }
    println!(
        "{distinct} distinct corpus patterns, {} read as ECMA-262: {by_engine:?}",
        translated.len()
    );
    for pattern in &translated {
        if let PatternEngine::Backtracking { prefilter } = &pattern.engine {
            println!(
                "  backtracking: /{}/{}\n    prefilter {prefilter}",
                pattern.ecma.source, pattern.ecma.flags
            );
        }
    }
    // Most patterns are plain regular expressions; look-around is the exception.
    assert!(by_engine.get("backtracking").copied().unwrap_or(0) * 50 < translated.len());
}

/// Code points worth trying beyond ASCII: white space and line terminators of ECMA-262,
/// letters and digits of other scripts, case pairs that fold into ASCII, a mark, an emoji.
const NON_ASCII: &[char] = &[
    '\u{A0}',
    '\u{FEFF}',
    '\u{2028}',
    '\u{2029}',
    '\u{3000}',
    '\u{1680}',
    '\u{2007}',
    '\u{85}',
    'é',
    'ß',
    'Ω',
    'ж',
    '日',
    'ا',
    '٣',
    '\u{212A}',
    '\u{17F}',
    '\u{301}',
    '😀',
    '\u{10FFFF}',
    '\u{FFFD}',
    '\u{E000}',
    'Ⅻ',
    '€',
    '¡',
    '\u{200B}',
];

/// Bytes worth trying in any pattern: separators, line terminators, white space, edges.
const INTERESTING: &[u8] = b"\n\r\t\x0B\x0C\0\x7F -._/:@aZz09\\[]{}()|^$*+?,=#%!~'\"";

/// Answers set membership, with `regex` standing in for Unicode property tables.
#[derive(Default)]
struct Members {
    properties: HashMap<String, regex::Regex>,
}

impl Members {
    fn contains(&mut self, set: &Set, c: char) -> bool {
        let code = u32::from(c);
        let mut found = false;
        for item in &set.items {
            found |= match item {
                SetItem::Range(first, last) => (*first..=*last).contains(&code),
                SetItem::Property { name, negated } => {
                    let regex = self.properties.entry(name.clone()).or_insert_with(|| {
                        regex::Regex::new(&format!(r"\A\p{{{name}}}\z")).expect("property")
                    });
                    regex.is_match(c.encode_utf8(&mut [0; 4])) != *negated
                }
                SetItem::Nested(nested) => self.contains(nested, c),
            };
        }
        found != set.negated
    }

    /// A member of `set`: one of its range ends or a probe character, or any character when
    /// none of those is a member.
    fn pick(&mut self, set: &Set, rng: &mut Rng) -> char {
        let mut candidates: Vec<char> = Vec::new();
        collect_ends(set, &mut candidates);
        candidates.extend((0u8..128).map(char::from));
        candidates.extend(NON_ASCII);
        candidates.retain(|&c| self.contains(set, c));
        if candidates.is_empty() {
            return char::from(rng.below(128) as u8);
        }
        // Ends of ranges twice as often as the rest.
        candidates[rng.below(candidates.len())]
    }
}

fn collect_ends(set: &Set, out: &mut Vec<char>) {
    for item in &set.items {
        match item {
            SetItem::Range(first, last) => {
                out.extend(char::from_u32(*first));
                out.extend(char::from_u32(*last));
                out.extend(char::from_u32(first.saturating_add(*last) / 2));
            }
            SetItem::Nested(nested) => collect_ends(nested, out),
            SetItem::Property { .. } => {}
        }
    }
}

/// Samples a string from `node`'s own structure, many of which match.
fn sample(node: &Node, rng: &mut Rng, members: &mut Members, out: &mut String) {
    match node {
        Node::Empty | Node::Start | Node::End | Node::WordBoundary { .. } | Node::BackRef(_) => {}
        Node::Look { node, .. } => {
            // A look-ahead's content is often what follows; sometimes write it.
            if rng.chance(20) {
                sample(node, rng, members, out);
            }
        }
        Node::Set(set) => out.push(members.pick(set, rng)),
        Node::Concat(items) => items
            .iter()
            .for_each(|item| sample(item, rng, members, out)),
        Node::Alt(branches) => sample(&branches[rng.below(branches.len())], rng, members, out),
        Node::Group { node, .. } => sample(node, rng, members, out),
        Node::Repeat { node, min, max } => {
            let min = *min as usize;
            let count = match *max {
                Some(max) => {
                    let max = max as usize;
                    match rng.below(10) {
                        0 => min,
                        1 => max.min(min + 300),
                        _ => min + rng.below((max - min).min(3) + 1),
                    }
                }
                None => min + rng.below(5),
            };
            for _ in 0..count.min(700) {
                if out.len() > 600 {
                    break;
                }
                sample(node, rng, members, out);
            }
        }
    }
}

/// A character for mutations: often one the pattern mentions, an interesting one, or one
/// beyond ASCII.
fn random_char(rng: &mut Rng, mentioned: &[char]) -> char {
    match rng.below(5) {
        0 if !mentioned.is_empty() => mentioned[rng.below(mentioned.len())],
        1 => char::from(INTERESTING[rng.below(INTERESTING.len())]),
        2 => NON_ASCII[rng.below(NON_ASCII.len())],
        _ => char::from(rng.below(128) as u8),
    }
}

/// Applies one random edit to `text`.
fn mutate(text: &mut Vec<char>, rng: &mut Rng, mentioned: &[char]) {
    let at = rng.below(text.len() + 1);
    match rng.below(10) {
        0 | 1 => text.insert(at, random_char(rng, mentioned)),
        2 | 3 if !text.is_empty() => {
            text.remove(at.min(text.len() - 1));
        }
        4 | 5 if !text.is_empty() => {
            let at = at.min(text.len() - 1);
            text[at] = random_char(rng, mentioned);
        }
        6 => {
            for _ in 0..=rng.below(3) {
                text.insert(0, random_char(rng, mentioned));
            }
        }
        7 => {
            for _ in 0..=rng.below(3) {
                text.push(random_char(rng, mentioned));
            }
        }
        8 => {
            if rng.chance(50) {
                text.push('\n');
            } else {
                text.insert(0, '\n');
            }
        }
        _ => {
            if rng.chance(50) {
                text.truncate(at);
            } else {
                let end = at + rng.below(text.len() - at + 1);
                let copy = text[at..end].to_vec();
                text.splice(at..at, copy);
            }
        }
    }
}

/// The characters the pattern's small sets single out.
fn mentioned_chars(node: &Node, out: &mut BTreeSet<char>) {
    match node {
        Node::Set(set) => {
            let mut ends = Vec::new();
            collect_ends(set, &mut ends);
            out.extend(ends);
        }
        Node::Concat(items) | Node::Alt(items) => {
            items.iter().for_each(|item| mentioned_chars(item, out));
        }
        Node::Repeat { node, .. } | Node::Group { node, .. } | Node::Look { node, .. } => {
            mentioned_chars(node, out)
        }
        _ => {}
    }
}

/// The strings to try on one pattern: `count` of them, deterministic for a seed.
pub(super) fn test_strings(pattern: &CorpusPattern, seed: u64, count: usize) -> Vec<String> {
    let node = &pattern.tree;
    let mut rng = Rng::new(seed);
    let mut members = Members::default();
    let mut mentioned = BTreeSet::new();
    mentioned_chars(node, &mut mentioned);
    let mentioned: Vec<char> = mentioned.into_iter().collect();
    let mut strings: Vec<String> = vec![String::new(), "\n".to_owned(), " ".to_owned()];
    while strings.len() < count {
        let mut text = String::new();
        match rng.below(10) {
            // Plain samples.
            0..=3 => sample(node, &mut rng, &mut members, &mut text),
            // Samples with one to three edits.
            4..=8 => {
                sample(node, &mut rng, &mut members, &mut text);
                let mut chars: Vec<char> = text.chars().collect();
                for _ in 0..=rng.below(3) {
                    mutate(&mut chars, &mut rng, &mentioned);
                }
                text = chars.into_iter().collect();
            }
            // Random strings.
            _ => {
                for _ in 0..rng.below(16) {
                    text.push(random_char(&mut rng, &mentioned));
                }
            }
        }
        strings.push(text);
    }
    strings
}

/// The environment variable that makes [`regress_oracle`] answer, with the job file's path.
const ORACLE_JOBS: &str = "ANVIL_REGRESS_ORACLE_JOBS";
/// The environment variable with where the oracle starts: pattern index, string index, and
/// `b` (regress's backtracking `find`) or `p` (its PikeVM executor, for that pattern only).
const ORACLE_FROM: &str = "ANVIL_REGRESS_ORACLE_FROM";
/// How long one regress search may take before the oracle process is stopped.
const ORACLE_TIMEOUT: Duration = Duration::from_millis(150);

/// Which regress executor gave an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Engine {
    /// `Regex::find`, the backtracking executor: the authority.
    Backtrack,
    /// The PikeVM executor, on the same compiled pattern.
    PikeVm,
}

/// regress's own answers for every string of every pattern: `find(text).is_some()`, or
/// `None` when regress could not answer in time.
///
/// regress's backtracking takes exponential time on a few corpus patterns for some texts (a
/// long DNS label against `^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+...`), and a running
/// search cannot be interrupted. So the answers are computed by this test binary in a child
/// process ([`regress_oracle`]). When a search takes longer than [`ORACLE_TIMEOUT`], the child
/// is killed and restarted on the same string with regress's PikeVM executor, which then
/// answers for the rest of that pattern; when that too runs out of time (its counted loops are
/// not linear), the pattern's remaining strings stay unanswered.
fn regress_answers(jobs: &[(&CorpusPattern, Vec<String>)]) -> Vec<Vec<Option<(bool, Engine)>>> {
    let file =
        std::env::temp_dir().join(format!("anvil-regress-oracle-{}.json", std::process::id()));
    // One JSON line per pattern, so that a restarted oracle skips the done ones cheaply.
    let mut payload = String::new();
    for (pattern, strings) in jobs {
        payload.push_str(
            &serde_json::json!([pattern.ecma.source, pattern.ecma.flags, strings]).to_string(),
        );
        payload.push('\n');
    }
    std::fs::write(&file, payload).expect("write the oracle's job file");
    let mut answers: Vec<Vec<Option<(bool, Engine)>>> = jobs
        .iter()
        .map(|(_, strings)| vec![None; strings.len()])
        .collect();
    // The next (pattern, string) whose answer is expected, and the engine to ask first.
    let mut next = (0, 0);
    let mut engine = Engine::Backtrack;
    while next.0 < jobs.len() {
        let mut child = Command::new(std::env::current_exe().expect("test binary path"))
            .args([
                "--exact",
                "pattern::corpus_tests::regress_oracle",
                "--ignored",
                "--test-threads=1",
                "-q",
            ])
            .env(ORACLE_JOBS, &file)
            .env(
                ORACLE_FROM,
                format!(
                    "{} {} {}",
                    next.0,
                    next.1,
                    if engine == Engine::PikeVm { "p" } else { "b" }
                ),
            )
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the regress oracle");
        let stdout = child.stdout.take().expect("piped stdout");
        let (sender, receiver) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                let Some(fields) = line.strip_prefix('@') else {
                    continue;
                };
                let message = if fields == "ready" {
                    None
                } else {
                    let fields: Vec<&str> = fields.split(' ').collect();
                    let index = |at: usize| fields[at].parse::<usize>().expect("oracle line");
                    let engine = if fields[3] == "p" {
                        Engine::PikeVm
                    } else {
                        Engine::Backtrack
                    };
                    Some((index(0), index(1), fields[2] == "1", engine))
                };
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        // The clock starts once the oracle has read its jobs.
        let mut ready = false;
        let finished = loop {
            let received = if ready {
                receiver.recv_timeout(ORACLE_TIMEOUT)
            } else {
                receiver
                    .recv()
                    .map_err(|_| mpsc::RecvTimeoutError::Disconnected)
            };
            match received {
                Ok(None) => ready = true,
                Ok(Some((pattern, string, answer, by))) => {
                    assert_eq!((pattern, string), next, "oracle answers out of order");
                    answers[pattern][string] = Some((answer, by));
                    next = if string + 1 < jobs[pattern].1.len() {
                        (pattern, string + 1)
                    } else {
                        engine = Engine::Backtrack;
                        (pattern + 1, 0)
                    };
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => break true,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    child.kill().expect("stop the regress oracle");
                    if engine == Engine::Backtrack {
                        engine = Engine::PikeVm;
                    } else {
                        engine = Engine::Backtrack;
                        next = (next.0 + 1, 0);
                    }
                    break false;
                }
            }
        };
        let status = child.wait().expect("regress oracle exit");
        reader.join().expect("oracle reader");
        if finished {
            assert!(
                next.0 == jobs.len() && status.success(),
                "the regress oracle stopped early at {next:?} ({status})"
            );
        }
    }
    let _ = std::fs::remove_file(&file);
    answers
}

/// The child-process side of [`regress_answers`]; does nothing unless started by it.
#[test]
#[ignore = "started by the corpus equivalence tests in a child process"]
fn regress_oracle() {
    let Ok(file) = std::env::var(ORACLE_JOBS) else {
        return;
    };
    let from = std::env::var(ORACLE_FROM).expect("oracle start");
    let from: Vec<&str> = from.split(' ').collect();
    let first_pattern: usize = from[0].parse().expect("pattern index");
    let first_string: usize = from[1].parse().expect("string index");
    let pike_vm_first = from[2] == "p";
    let text = std::fs::read_to_string(file).expect("read the oracle's job file");
    let mut out = std::io::stdout().lock();
    writeln!(out, "@ready").expect("oracle output");
    out.flush().expect("oracle output");
    for (index, line) in text.lines().enumerate().skip(first_pattern) {
        let job: serde_json::Value = serde_json::from_str(line).expect("oracle job line");
        let source = job[0].as_str().expect("source");
        let flags = job[1].as_str().expect("flags");
        let regex = Regex::with_flags(source, flags).expect("compiles");
        let (first, pike_vm) = if index == first_pattern {
            (first_string, pike_vm_first)
        } else {
            (0, false)
        };
        let strings = job[2].as_array().expect("strings");
        for (string, text) in strings.iter().enumerate().skip(first) {
            let text = text.as_str().expect("string");
            let answer = if pike_vm {
                regress::backends::find::<regress::backends::PikeVMExecutor>(&regex, text, 0)
                    .next()
                    .is_some()
            } else {
                regex.find(text).is_some()
            };
            let engine = if pike_vm { "p" } else { "b" };
            writeln!(out, "@{index} {string} {} {engine}", u8::from(answer))
                .expect("oracle output");
            out.flush().expect("oracle output");
        }
    }
}

/// Runs the comparison for `patterns`, `per_pattern` strings each; panics on any divergence.
fn compare(patterns: &[CorpusPattern], per_pattern: usize) {
    let jobs: Vec<(&CorpusPattern, Vec<String>)> = patterns
        .iter()
        .enumerate()
        .map(|(index, pattern)| {
            let seed = 0x9E37_79B9_7F4A_7C15 ^ (index as u64).wrapping_mul(0x100_0000_01B3);
            (pattern, test_strings(pattern, seed, per_pattern))
        })
        .collect();
    // The translated answers are computed while the oracle runs.
    let (answers, ours) = std::thread::scope(|scope| {
        let oracle = scope.spawn(|| regress_answers(&jobs));
        let ours: Vec<Vec<bool>> = jobs
            .iter()
            .map(|(pattern, strings)| {
                strings
                    .iter()
                    .map(|text| pattern.runtime.is_match(text))
                    .collect()
            })
            .collect();
        (oracle.join().expect("oracle thread"), ours)
    });
    let mut checked = 0usize;
    let mut matched = 0usize;
    let mut non_ascii = 0usize;
    let mut by_pike_vm = 0usize;
    let mut unanswered = 0usize;
    let mut slow_for_regress = BTreeSet::new();
    let mut failures = Vec::new();
    for (index, (pattern, strings)) in jobs.iter().enumerate() {
        for (string, text) in strings.iter().enumerate() {
            let answer = ours[index][string];
            let Some((expected, engine)) = answers[index][string] else {
                slow_for_regress.insert(pattern.ecma.source.as_str());
                unanswered += 1;
                continue;
            };
            if engine == Engine::PikeVm {
                slow_for_regress.insert(pattern.ecma.source.as_str());
                by_pike_vm += 1;
            }
            checked += 1;
            matched += usize::from(expected);
            non_ascii += usize::from(!text.is_ascii());
            if answer != expected {
                failures.push(format!(
                    "/{}/{} ({:?}) on {text:?}: translation says {answer}, regress ({engine:?}) \
                     says {expected}",
                    pattern.ecma.source, pattern.ecma.flags, pattern.engine
                ));
            }
        }
    }
    println!(
        "compared {checked} strings ({non_ascii} not ASCII) over {} patterns: {matched} match; \
         {} divergences",
        patterns.len(),
        failures.len()
    );
    if !slow_for_regress.is_empty() {
        println!(
            "regress's backtracking ran over {ORACLE_TIMEOUT:?} on {} patterns: {by_pike_vm} \
             answers came from its PikeVM executor instead, and {unanswered} strings got no \
             answer in time:",
            slow_for_regress.len()
        );
        for source in &slow_for_regress {
            println!("    /{source}/");
        }
    }
    assert!(
        failures.is_empty(),
        "{} divergences, the first ones:\n{}",
        failures.len(),
        failures[..failures.len().min(30)].join("\n")
    );
}

/// Strings per pattern in the default run.
const PER_PATTERN_QUICK: usize = 12;
/// Strings per pattern in the full run.
const PER_PATTERN_FULL: usize = 200;

/// Every translated corpus pattern against regress on [`PER_PATTERN_QUICK`] strings each;
/// [`corpus_equivalence_full`] tries four times as many.
#[test]
fn corpus_equivalence() {
    let (translated, _) = translated_corpus();
    compare(&translated, PER_PATTERN_QUICK);
}

/// The full run: [`PER_PATTERN_FULL`] strings for every pattern, 694,000 in all:
/// `cargo test -p anvil-codegen --release corpus_equivalence_full -- --ignored --nocapture`.
#[test]
#[ignore = "slow in debug builds; the default run tries a quarter of the strings"]
fn corpus_equivalence_full() {
    let (translated, _) = translated_corpus();
    compare(&translated, PER_PATTERN_FULL);
}
