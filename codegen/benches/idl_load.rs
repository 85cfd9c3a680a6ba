//! `cargo bench -p anvil-codegen --bench idl_load`: load time of the protocol-test models
//! (`../shared/conformance/protocol-tests/<protocol>/` plus `shared-types.smithy` and
//! `aws-config.smithy`, with the trait definitions) by the IDL loader, against the JSON loader
//! on the same content: the IDL loader's own JSON AST of each set, written to a file once and
//! read back with `load_file`. Both sides read their files from disk each round.
//!
//! The `restJson1/validation` models are left out: they need `smithy.framework`, which
//! `../shared` does not hold.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anvil_codegen::model::{json_ast, load_file, load_paths};

const ROUNDS: usize = 20;

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/conformance")
}

fn smithy_files(directory: &Path, found: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(directory)
        .unwrap_or_else(|error| panic!("../shared is missing: {}: {error}", directory.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            if entry.file_name().is_some_and(|name| name != "validation") {
                smithy_files(&entry, found);
            }
        } else if entry
            .extension()
            .is_some_and(|extension| extension == "smithy")
        {
            found.push(entry);
        }
    }
}

/// Median and minimum of `ROUNDS` runs.
fn time(mut run: impl FnMut()) -> (Duration, Duration) {
    let mut samples: Vec<Duration> = (0..ROUNDS)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .collect();
    samples.sort();
    (samples[ROUNDS / 2], samples[0])
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn main() {
    if cfg!(debug_assertions) {
        eprintln!("note: a debug build; run with `cargo bench` for release figures");
    }
    let conformance = shared();
    let protocol_tests = conformance.join("protocol-tests");
    let trait_definitions = [conformance.join("trait-definitions")];
    let scratch = std::env::temp_dir().join(format!("anvil-idl-bench-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).expect("a scratch directory");
    let mut sets: Vec<PathBuf> = std::fs::read_dir(&protocol_tests)
        .expect("protocol-tests is readable")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.is_dir())
        .collect();
    sets.sort();
    let (mut idl_total, mut json_total) = (Duration::ZERO, Duration::ZERO);
    for set in &sets {
        let name = set
            .file_name()
            .expect("a name")
            .to_string_lossy()
            .into_owned();
        let mut files = Vec::new();
        smithy_files(set, &mut files);
        files.push(protocol_tests.join("shared-types.smithy"));
        files.push(protocol_tests.join("aws-config.smithy"));
        let model = match load_paths(&files, &trait_definitions) {
            Ok(model) => model,
            Err(error) => {
                println!("{name}: does not load: {error}");
                continue;
            }
        };
        let ast = json_ast(&files, &trait_definitions).expect("the set lowers");
        let json_path = scratch.join(format!("{name}.json"));
        std::fs::write(&json_path, ast.to_string()).expect("the scratch file is writable");
        let (idl_median, idl_min) = time(|| {
            std::hint::black_box(load_paths(&files, &trait_definitions).expect("loads"));
        });
        let (json_median, json_min) = time(|| {
            std::hint::black_box(load_file(&json_path).expect("loads"));
        });
        idl_total += idl_median;
        json_total += json_median;
        println!(
            "{name:<22} {} files, {:>4} shapes: IDL {:>7.2} ms (min {:.2}), JSON {:>7.2} ms (min {:.2}), ratio {:.2}",
            files.len(),
            model.shapes().count(),
            millis(idl_median),
            millis(idl_min),
            millis(json_median),
            millis(json_min),
            idl_median.as_secs_f64() / json_median.as_secs_f64(),
        );
    }
    println!(
        "all sets (sum of medians): IDL {:.2} ms, JSON {:.2} ms ({ROUNDS} rounds each)",
        millis(idl_total),
        millis(json_total)
    );
    let _ = std::fs::remove_dir_all(&scratch);
}
