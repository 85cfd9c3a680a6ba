//! Equivalence with regress over every `@pattern` of the AWS model corpus.
//!
//! For each distinct pattern that `prepare_pattern` accepts and the ASCII matcher compiles,
//! ASCII strings are generated from the pattern's own tree (so that most of them match), then
//! mutated (characters inserted, deleted, replaced; junk before or after; a final newline),
//! and the matcher's answer is compared with regress's `find(text).is_some()` for each. The
//! regress answers come from a child process, because regress never returns on a few of these
//! strings (see [`regress_answers`]); every answer is also compared with an independent
//! reading of the parsed tree ([`reference_is_match`]), which checks the compiled program
//! even where regress gives no answer.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use regress::Regex;

use super::parse::{ByteSet, Node, parse};
use super::program::Program;
use crate::prepare_pattern;

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
fn corpus_dir() -> PathBuf {
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
            serde_json::Value::Array(items) => {
                for item in items {
                    collect(item, out);
                }
            }
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

/// Bytes worth trying in any pattern: separators, line terminators, white space, edges.
const INTERESTING: &[u8] = b"\n\r\t\x0B\x0C\0\x7F -._/:@aZz09\\[]{}()|^$*+?,=#%!~'\"";

/// Samples a string from `node`'s own structure, most of which match.
fn sample(node: &Node, rng: &mut Rng, out: &mut Vec<u8>) {
    match node {
        Node::Empty | Node::Start | Node::End => {}
        Node::Set(set) => out.push(pick(*set, rng)),
        Node::Concat(items) => {
            for item in items {
                sample(item, rng, out);
            }
        }
        Node::Alt(branches) => sample(&branches[rng.below(branches.len())], rng, out),
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
            for _ in 0..count {
                if out.len() > 600 {
                    break;
                }
                sample(node, rng, out);
            }
        }
    }
}

/// A member of `set`, or any ASCII byte when it is empty.
fn pick(set: ByteSet, rng: &mut Rng) -> u8 {
    match set.len() {
        0 => rng.below(128) as u8,
        len => set.nth(rng.below(len)).unwrap_or(0),
    }
}

/// A byte for mutations: often one that the pattern mentions or an interesting one.
fn random_byte(rng: &mut Rng, mentioned: &[u8]) -> u8 {
    match rng.below(4) {
        0 if !mentioned.is_empty() => mentioned[rng.below(mentioned.len())],
        1 => INTERESTING[rng.below(INTERESTING.len())],
        _ => rng.below(128) as u8,
    }
}

/// Applies one random edit to `text`.
fn mutate(text: &mut Vec<u8>, rng: &mut Rng, mentioned: &[u8]) {
    let at = rng.below(text.len() + 1);
    match rng.below(10) {
        0 | 1 => text.insert(at, random_byte(rng, mentioned)),
        2 | 3 if !text.is_empty() => {
            text.remove(at.min(text.len() - 1));
        }
        4 | 5 if !text.is_empty() => {
            let at = at.min(text.len() - 1);
            text[at] = random_byte(rng, mentioned);
        }
        6 => {
            for _ in 0..=rng.below(3) {
                text.insert(0, random_byte(rng, mentioned));
            }
        }
        7 => {
            for _ in 0..=rng.below(3) {
                text.push(random_byte(rng, mentioned));
            }
        }
        8 => {
            if rng.chance(50) {
                text.push(b'\n');
            } else {
                text.insert(0, b'\n');
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

/// The bytes that the pattern's sets single out (members of small sets).
fn mentioned_bytes(node: &Node, out: &mut BTreeSet<u8>) {
    match node {
        Node::Set(set) => {
            if set.len() <= 12 {
                out.extend(set.members());
            } else {
                out.extend(set.nth(0));
                out.extend(set.nth(set.len() - 1));
            }
        }
        Node::Concat(items) | Node::Alt(items) => {
            for item in items {
                mentioned_bytes(item, out);
            }
        }
        Node::Repeat { node, .. } => mentioned_bytes(node, out),
        Node::Empty | Node::Start | Node::End => {}
    }
}

/// The strings to try on one pattern: `count` of them, deterministic for a seed.
fn test_strings(node: &Node, seed: u64, count: usize) -> Vec<String> {
    let mut rng = Rng::new(seed);
    let mut mentioned = BTreeSet::new();
    mentioned_bytes(node, &mut mentioned);
    let mentioned: Vec<u8> = mentioned.into_iter().collect();
    let mut strings: Vec<Vec<u8>> = vec![b"".to_vec(), b"\n".to_vec(), b" ".to_vec()];
    while strings.len() < count {
        let mut text = Vec::new();
        match rng.below(10) {
            // Plain samples.
            0..=3 => sample(node, &mut rng, &mut text),
            // Samples with one to three edits.
            4..=8 => {
                sample(node, &mut rng, &mut text);
                for _ in 0..=rng.below(3) {
                    mutate(&mut text, &mut rng, &mentioned);
                }
            }
            // Random strings.
            _ => {
                for _ in 0..rng.below(16) {
                    text.push(random_byte(&mut rng, &mentioned));
                }
            }
        }
        strings.push(text);
    }
    strings
        .into_iter()
        .map(|bytes| String::from_utf8(bytes).expect("ASCII"))
        .collect()
}

/// A second, independent reading of the tree, for a cross-check of the compiled program:
/// whether some start position reaches some end position, computed on sets of positions.
///
/// It follows the regular-language reading of the tree, which for the question "does a match
/// exist" agrees with ECMA-262's backtracking: lazy and greedy only order the choices, and
/// ECMA-262's rule that an extra iteration may not match the empty string only drops
/// iterations that leave the position unchanged.
pub(super) fn reference_is_match(node: &Node, text: &[u8]) -> bool {
    let starts = vec![true; text.len() + 1];
    reference_ends(node, text, &starts).contains(&true)
}

/// The end positions `node` can reach from the positions set in `starts`.
fn reference_ends(node: &Node, text: &[u8], starts: &[bool]) -> Vec<bool> {
    let len = text.len();
    let mut out = vec![false; len + 1];
    match node {
        Node::Empty => out.copy_from_slice(starts),
        Node::Set(set) => {
            for at in 0..len {
                out[at + 1] = starts[at] && set.contains(text[at]);
            }
        }
        Node::Start => out[0] = starts[0],
        Node::End => out[len] = starts[len],
        Node::Concat(items) => {
            out.copy_from_slice(starts);
            for item in items {
                out = reference_ends(item, text, &out);
            }
        }
        Node::Alt(branches) => {
            for branch in branches {
                for (slot, reached) in out.iter_mut().zip(reference_ends(branch, text, starts)) {
                    *slot |= reached;
                }
            }
        }
        Node::Repeat { node, min, max } => {
            // `frontier` is exactly `min + k` iterations away from `starts`.
            let mut frontier = starts.to_vec();
            for _ in 0..*min {
                let next = reference_ends(node, text, &frontier);
                if next == frontier {
                    break;
                }
                frontier = next;
            }
            out.copy_from_slice(&frontier);
            let mut extra = 0;
            while max.is_none_or(|max| extra < max - min) {
                frontier = reference_ends(node, text, &frontier);
                let mut grew = false;
                for (slot, &reached) in out.iter_mut().zip(&frontier) {
                    if reached && !*slot {
                        *slot = true;
                        grew = true;
                    }
                }
                // Ends distribute over unions of starts, so once an iteration adds nothing
                // new, no later one can.
                if !grew {
                    break;
                }
                extra += 1;
            }
        }
    }
    out
}

/// A pattern of the corpus that the fast path handles.
struct FastPattern {
    source: String,
    flags: String,
    node: Node,
    program: Program,
}

/// The corpus patterns with a fast path, and the counts (distinct, prepared, fast).
fn fast_corpus() -> (Vec<FastPattern>, usize, usize) {
    let patterns = corpus_patterns();
    let mut prepared_count = 0;
    let mut fast = Vec::new();
    for pattern in &patterns {
        let Ok(prepared) = prepare_pattern(pattern) else {
            continue;
        };
        prepared_count += 1;
        if let Err(err) = Regex::with_flags(&prepared.source, prepared.flags.as_str()) {
            panic!("{pattern}: prepared but does not compile: {err}");
        }
        let unicode = match prepared.flags.as_str() {
            "" => false,
            "u" => true,
            _ => continue,
        };
        let Some(node) = parse(&prepared.source, unicode) else {
            continue;
        };
        let Some(program) = Program::compile(&node) else {
            continue;
        };
        fast.push(FastPattern {
            source: prepared.source,
            flags: prepared.flags,
            node,
            program,
        });
    }
    (fast, patterns.len(), prepared_count)
}

/// The environment variable that makes [`regress_oracle`] answer, with the job file's path.
const ORACLE_JOBS: &str = "ANVIL_REGRESS_ORACLE_JOBS";
/// The environment variable with where the oracle starts: pattern index, string index, and
/// `b` (regress's backtracking `find`) or `p` (its PikeVM executor, for that pattern only).
const ORACLE_FROM: &str = "ANVIL_REGRESS_ORACLE_FROM";
/// How long one regress search may take before the oracle process is stopped.
const ORACLE_TIMEOUT: Duration = Duration::from_millis(300);

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
fn regress_answers(jobs: &[(&FastPattern, Vec<String>)]) -> Vec<Vec<Option<(bool, Engine)>>> {
    let file =
        std::env::temp_dir().join(format!("anvil-regress-oracle-{}.json", std::process::id()));
    // One JSON line per pattern, so that a restarted oracle skips the done ones cheaply.
    let mut payload = String::new();
    for (pattern, strings) in jobs {
        payload.push_str(&serde_json::json!([pattern.source, pattern.flags, strings]).to_string());
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
                "pattern::ascii::corpus_tests::regress_oracle",
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
fn compare(patterns: &[&FastPattern], per_pattern: usize) {
    let jobs: Vec<(&FastPattern, Vec<String>)> = patterns
        .iter()
        .enumerate()
        .map(|(index, pattern)| {
            let seed = 0x9E37_79B9_7F4A_7C15 ^ (index as u64).wrapping_mul(0x100_0000_01B3);
            (*pattern, test_strings(&pattern.node, seed, per_pattern))
        })
        .collect();
    // The fast answers, and the tree's own, are computed while the oracle runs.
    let (answers, fast_answers) = std::thread::scope(|scope| {
        let oracle = scope.spawn(|| regress_answers(&jobs));
        let fast: Vec<Vec<(Option<bool>, bool)>> = jobs
            .iter()
            .map(|(pattern, strings)| {
                strings
                    .iter()
                    .map(|text| {
                        (
                            pattern.program.is_match(text.as_bytes()),
                            reference_is_match(&pattern.node, text.as_bytes()),
                        )
                    })
                    .collect()
            })
            .collect();
        (oracle.join().expect("oracle thread"), fast)
    });
    let mut checked = 0usize;
    let mut matched = 0usize;
    let mut gave_up = 0usize;
    let mut by_pike_vm = 0usize;
    let mut unanswered = 0usize;
    let mut unanswered_fast = 0usize;
    let mut slow_for_regress = BTreeSet::new();
    let mut failures = Vec::new();
    for (index, (pattern, strings)) in jobs.iter().enumerate() {
        for (string, text) in strings.iter().enumerate() {
            let (fast, reference) = fast_answers[index][string];
            if fast.is_some_and(|fast| fast != reference) {
                failures.push(format!(
                    "/{}/{} on {text:?}: the program says {fast:?}, the tree says {reference}",
                    pattern.source, pattern.flags
                ));
            }
            let Some((expected, engine)) = answers[index][string] else {
                slow_for_regress.insert(pattern.source.as_str());
                unanswered += 1;
                unanswered_fast += usize::from(fast.is_some());
                continue;
            };
            if engine == Engine::PikeVm {
                slow_for_regress.insert(pattern.source.as_str());
                by_pike_vm += 1;
            }
            checked += 1;
            matched += usize::from(expected);
            match fast {
                Some(answer) if answer == expected => {}
                Some(answer) => failures.push(format!(
                    "/{}/{} on {text:?}: fast path says {answer}, regress ({engine:?}) says \
                     {expected}",
                    pattern.source, pattern.flags
                )),
                None => gave_up += 1,
            }
        }
    }
    println!(
        "compared {checked} strings over {} patterns: {matched} match; the fast path left {gave_up} \
         to regress; {} divergences",
        patterns.len(),
        failures.len()
    );
    if !slow_for_regress.is_empty() {
        println!(
            "regress's backtracking ran over {ORACLE_TIMEOUT:?} on {} patterns: {by_pike_vm} \
             answers came from its PikeVM executor instead, and {unanswered} strings got no \
             answer in time (the fast path answered {unanswered_fast} of those):",
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
const PER_PATTERN_QUICK: usize = 50;
/// Strings per pattern in the full run.
const PER_PATTERN_FULL: usize = 200;

/// Every corpus pattern with a fast path, against regress on [`PER_PATTERN_QUICK`] strings
/// each (about 10 s in a debug build); [`corpus_equivalence_full`] tries four times as many.
#[test]
fn corpus_equivalence() {
    corpus_run(PER_PATTERN_QUICK);
}

/// The full run: [`PER_PATTERN_FULL`] strings for every pattern, about 665,000 in all (some
/// 20 s in a debug build, 8 s with `--release`):
/// `cargo test -p anvil-runtime --release corpus_equivalence_full -- --ignored --nocapture`.
#[test]
#[ignore = "slow in debug builds; the default run tries a quarter of the strings"]
fn corpus_equivalence_full() {
    corpus_run(PER_PATTERN_FULL);
}

fn corpus_run(per_pattern: usize) {
    let (fast, distinct, prepared) = fast_corpus();
    println!(
        "{distinct} distinct corpus patterns, {prepared} accepted by prepare_pattern, {} with an \
         ASCII fast path",
        fast.len()
    );
    // Most of the corpus is plain syntax; a drop here means the parser lost ground.
    assert!(fast.len() * 100 >= prepared * 90, "fast path coverage fell");
    let all: Vec<&FastPattern> = fast.iter().collect();
    compare(&all, per_pattern);
}

/// Lists the prepared corpus patterns without a fast path:
/// `cargo test -p anvil-runtime list_slow_corpus_patterns -- --ignored --nocapture`.
#[test]
#[ignore = "a report, not a check"]
fn list_slow_corpus_patterns() {
    for pattern in corpus_patterns() {
        let Ok(prepared) = prepare_pattern(&pattern) else {
            continue;
        };
        let unicode = prepared.flags == "u";
        let fast = matches!(prepared.flags.as_str(), "" | "u")
            && parse(&prepared.source, unicode)
                .is_some_and(|node| Program::compile(&node).is_some());
        if !fast {
            println!("/{}/{}", prepared.source, prepared.flags);
        }
    }
}
