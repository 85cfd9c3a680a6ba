//! `cargo bench-codegen` (release build of `cargo xtask bench`): how long code generation
//! takes. Timing belongs here, never in unit tests.
//!
//! Reports, each as the median and minimum over repeated runs:
//! - the five operations: load the four models in `models/`, lower them and render every
//!   file with prettyplease (the library's pure pipeline), then the rustfmt pass alone;
//! - the whole corpus: every model in `../shared/models/aws`, loaded and rendered as a
//!   standalone crate (no rustfmt), on one thread and on every core, with any model that
//!   fails listed.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anvil_codegen::emit::{GeneratedFile, rustfmt_files};
use anvil_codegen::{CodegenError, GenerateMode, ServiceSpec, generate_sdk, generate_standalone};

use crate::workspace_root;

pub fn run(args: &[String]) -> Result<(), String> {
    let rounds: usize = match args {
        [] => 30,
        [flag, value] if flag == "--rounds" => {
            value.parse().map_err(|_| "--rounds takes a number")?
        }
        _ => return Err("usage: cargo bench-codegen [--rounds N]".to_string()),
    };
    if cfg!(debug_assertions) {
        eprintln!("note: this is a debug build; use `cargo bench-codegen` for release figures");
    }
    five_operations(rounds)?;
    corpus()
}

fn specs() -> Vec<ServiceSpec> {
    let root = workspace_root();
    ["codestar", "datazone", "identitystore", "workmail"]
        .into_iter()
        .map(|name| ServiceSpec {
            model_path: root.join(format!("models/{name}.json")),
            source_label: format!("models/{name}.json"),
            module_name: name.to_string(),
            operations: Vec::new(),
        })
        .collect()
}

fn five_operations(rounds: usize) -> Result<(), String> {
    let specs = specs();
    let mut generate_times = Vec::with_capacity(rounds);
    let mut rustfmt_times = Vec::with_capacity(rounds.min(5));
    let mut file_count = 0;
    for round in 0..rounds {
        let start = Instant::now();
        let mut files = generate_sdk(&specs, "../runtime").map_err(|error| error.to_string())?;
        generate_times.push(start.elapsed());
        file_count = files.len();
        if round < 5 {
            let start = Instant::now();
            rustfmt_files(&mut files)?;
            rustfmt_times.push(start.elapsed());
        }
    }
    println!(
        "five operations: load + lower + render {file_count} files: median {:.2} ms, min {:.2} ms ({rounds} rounds)",
        millis(median(&mut generate_times)),
        millis(*generate_times.iter().min().unwrap_or(&Duration::ZERO)),
    );
    println!(
        "five operations: rustfmt pass (one process): median {:.1} ms ({} rounds)",
        millis(median(&mut rustfmt_times)),
        rustfmt_times.len()
    );
    Ok(())
}

fn corpus() -> Result<(), String> {
    let directory = workspace_root().join("../shared/models/aws");
    let mut models: Vec<PathBuf> = std::fs::read_dir(&directory)
        .map_err(|error| {
            format!(
                "{}: {error} (is ../shared beside the workspace?)",
                directory.display()
            )
        })?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "json")
        })
        .collect();
    models.sort();
    let single = generate_all(&models, 1);
    report("corpus, one thread", &models, &single);
    let workers = std::thread::available_parallelism()
        .map(usize::from)
        .unwrap_or(1);
    if workers > 1 {
        let parallel = generate_all(&models, workers);
        report(&format!("corpus, {workers} threads"), &models, &parallel);
    }
    Ok(())
}

/// One corpus model as a client crate, or, when Anvil does not speak its protocol yet, as
/// types only (as a user would have to generate it); `true` for types only.
fn generate_corpus_model(
    model: &Path,
    label: &str,
) -> Result<(bool, Vec<GeneratedFile>), CodegenError> {
    match generate_standalone(model, label, &[], "../runtime", GenerateMode::Client) {
        Ok(files) => Ok((false, files)),
        Err(CodegenError::UnsupportedProtocol { .. }) => {
            generate_standalone(model, label, &[], "../runtime", GenerateMode::TypesOnly)
                .map(|files| (true, files))
        }
        Err(other) => Err(other),
    }
}

/// What one corpus run produced.
struct CorpusRun {
    elapsed: Duration,
    files: usize,
    bytes: usize,
    /// Models generated as types only (their protocol is not supported yet).
    types_only: usize,
    failures: Vec<String>,
}

/// Generates every model, spread over `workers` threads (models are independent).
fn generate_all(models: &[PathBuf], workers: usize) -> CorpusRun {
    let start = Instant::now();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(model) = models.get(index) else {
                        break;
                    };
                    let label = model
                        .file_name()
                        .unwrap_or_default()
                        .to_string_lossy()
                        .to_string();
                    let outcome = generate_corpus_model(model, &label)
                        .map(|(types_only, generated)| {
                            (
                                types_only,
                                generated.len(),
                                generated
                                    .iter()
                                    .map(|file| file.contents.len())
                                    .sum::<usize>(),
                            )
                        })
                        .map_err(|error| {
                            format!(
                                "{label}: {}",
                                error.to_string().lines().next().unwrap_or("")
                            )
                        });
                    if let Ok(mut results) = results.lock() {
                        results.push((index, outcome));
                    }
                }
            });
        }
    });
    let elapsed = start.elapsed();
    let mut results = results.into_inner().unwrap_or_default();
    results.sort_by_key(|(index, _)| *index);
    let mut run = CorpusRun {
        elapsed,
        files: 0,
        bytes: 0,
        types_only: 0,
        failures: Vec::new(),
    };
    for (_, outcome) in results {
        match outcome {
            Ok((types_only, files, bytes)) => {
                run.types_only += usize::from(types_only);
                run.files += files;
                run.bytes += bytes;
            }
            Err(failure) => run.failures.push(failure),
        }
    }
    run
}

fn report(what: &str, models: &[PathBuf], run: &CorpusRun) {
    println!(
        "{what}: {} models ({} types only) -> {} files, {:.1} MB, in {:.2} s; {} failed",
        models.len(),
        run.types_only,
        run.files,
        run.bytes as f64 / 1e6,
        run.elapsed.as_secs_f64(),
        run.failures.len()
    );
    for failure in &run.failures {
        println!("  {failure}");
    }
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}
