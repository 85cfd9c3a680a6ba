//! `cargo bench-codegen` (release build of `cargo xtask bench`): how long code generation
//! takes. Timing belongs here, never in unit tests.
//!
//! Reports, each as the median and minimum over repeated runs:
//! - the five operations: load the four models in `models/`, lower them and render every
//!   file with prettyplease (the library's pure pipeline), then the rustfmt pass alone;
//! - the whole corpus: every model in `../shared/models/aws`, loaded and rendered as a
//!   standalone crate (no rustfmt), with any model that fails listed.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anvil_codegen::emit::rustfmt_files;
use anvil_codegen::{ServiceSpec, generate_sdk, generate_standalone};

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
    let start = Instant::now();
    let mut failures = Vec::new();
    let mut files = 0usize;
    let mut bytes = 0usize;
    for model in &models {
        let label = model
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        match generate_standalone(model, &label, &[], "../runtime") {
            Ok(generated) => {
                files += generated.len();
                bytes += generated
                    .iter()
                    .map(|file| file.contents.len())
                    .sum::<usize>();
            }
            Err(error) => failures.push(format!(
                "{label}: {}",
                error.to_string().lines().next().unwrap_or("")
            )),
        }
    }
    let elapsed = start.elapsed();
    println!(
        "corpus: {} models -> {files} files, {:.1} MB, in {:.2} s; {} failed",
        models.len(),
        bytes as f64 / 1e6,
        elapsed.as_secs_f64(),
        failures.len()
    );
    for failure in &failures {
        println!("  {failure}");
    }
    Ok(())
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}
