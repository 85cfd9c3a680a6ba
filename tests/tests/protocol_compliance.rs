//! Smithy protocol compliance: for awsJson1_0, awsJson1_1 and restJson1, the client-side
//! `httpRequestTests` and `httpResponseTests` of `../shared/conformance/protocol-tests`.
//!
//! Each protocol's test model is loaded from its IDL files; every service of it that speaks
//! the protocol and has cases becomes a generated crate with one `#[test]` per case
//! (`tests/compliance.rs`, checks in `protocol_compliance/support.rs`). All crates are one
//! Cargo workspace under `target/protocol-compliance`, built and run by one `cargo test`.
//! A summary line per protocol is printed; cases outside the product are skipped with a
//! reason. The test fails on any failing case not listed in `known_failures.txt`, and on a
//! listed case that now passes.

#[path = "protocol_compliance/cases.rs"]
mod cases;
mod common;
#[path = "protocol_compliance/params.rs"]
mod params;
#[path = "protocol_compliance/render.rs"]
mod render;
#[path = "protocol_compliance/runner.rs"]
mod runner;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anvil_codegen::ir::{LowerOptions, lower_service};
use anvil_codegen::model::{Model, ShapeId, ShapeKind, load_paths};
use anvil_codegen::{DEFAULT_PARTITIONS_JSON, GenerateMode, generate_standalone_from_model};
use cases::{Case, client_cases};
use common::{shared_dir, workspace_root};

/// A protocol suite: its directory under `protocol-tests` and its protocol trait.
struct Suite {
    directory: &'static str,
    protocol: &'static str,
}

const SUITES: [Suite; 3] = [
    Suite {
        directory: "awsJson1_0",
        protocol: "aws.protocols#awsJson1_0",
    },
    Suite {
        directory: "awsJson1_1",
        protocol: "aws.protocols#awsJson1_1",
    },
    Suite {
        directory: "restJson1",
        protocol: "aws.protocols#restJson1",
    },
];

/// Directories of a suite that hold vendor customizations of single services, not loaded.
/// (The server-only `malformedRequests` and `validation` are loaded: the main service binds
/// their operations, whose cases do not apply to clients.)
const SKIPPED_DIRECTORIES: [&str; 1] = ["services"];

/// One generated crate: the suite it belongs to and its cases by test name.
struct ServiceCrate {
    suite: &'static str,
    module: String,
    tests: Vec<(String, Case)>,
}

#[test]
fn protocol_compliance() {
    let root = workspace_root();
    let tests_dir = shared_dir().join("conformance/protocol-tests");
    let scratch = root.join("target/protocol-compliance");
    let runtime = root.join("runtime").canonicalize().unwrap();
    let mut crates = Vec::new();
    let mut skips: BTreeMap<&str, Vec<(String, String)>> = BTreeMap::new();
    for suite in &SUITES {
        let model = load_suite(&tests_dir, suite.directory);
        for service_shape in model.services().map(|(shape, _)| shape.id.clone()) {
            let Some(service) = model.shape(&service_shape) else {
                continue;
            };
            if !service.traits.raw.contains_key(suite.protocol) {
                continue;
            }
            let cases = client_cases(&model, &service_shape, suite.protocol);
            if cases.is_empty() {
                continue;
            }
            let module = snake(service_shape.name());
            let crate_dir = scratch.join(&module);
            let generated = write_crate(&model, &service_shape, &crate_dir, &runtime);
            let mut taken = BTreeSet::new();
            let mut functions = Vec::new();
            let mut tests = Vec::new();
            for case in cases {
                if let Some(reason) = skip_reason(&model, &case) {
                    skips
                        .entry(suite.directory)
                        .or_default()
                        .push((case.id.clone(), reason));
                    continue;
                }
                let name = render::function_name(&case, &mut taken);
                functions.push(render::test_function(&model, &generated.ir, &case, &name));
                tests.push((format!("{module}::{name}"), case));
            }
            write(
                &crate_dir.join("tests/compliance.rs"),
                &render::test_file(&generated.lib_name, &module, &functions),
            );
            write(
                &crate_dir.join("tests/support/mod.rs"),
                include_str!("protocol_compliance/support.rs"),
            );
            crates.push(ServiceCrate {
                suite: suite.directory,
                module,
                tests,
            });
        }
    }
    let members: Vec<String> = crates.iter().map(|krate| krate.module.clone()).collect();
    let verdicts = runner::run(&scratch, &members, &root.join("Cargo.lock"));
    let known = known_failures();
    let mut unexpected = Vec::new();
    let mut summaries = Vec::new();
    for suite in &SUITES {
        let (mut passed, mut failed) = (0, 0);
        // Per case id (a request and a response case may share one): whether any failed.
        let mut outcomes: BTreeMap<String, bool> = BTreeMap::new();
        for krate in crates.iter().filter(|krate| krate.suite == suite.directory) {
            for (name, case) in &krate.tests {
                let listed = known.contains(&(suite.directory.to_string(), case.id.clone()));
                let failing = match verdicts.get(name) {
                    Some(None) => false,
                    Some(Some(message)) => {
                        println!("FAILED {} {}:\n{message}\n", suite.directory, case.id);
                        if !listed {
                            unexpected.push(format!("{} {} fails", suite.directory, case.id));
                        }
                        true
                    }
                    None => {
                        unexpected.push(format!("{} {}: did not run", suite.directory, case.id));
                        true
                    }
                };
                if failing {
                    failed += 1;
                } else {
                    passed += 1;
                }
                *outcomes.entry(case.id.clone()).or_default() |= failing;
            }
        }
        for (id, failing) in &outcomes {
            if !failing && known.contains(&(suite.directory.to_string(), id.clone())) {
                unexpected.push(format!(
                    "{} {id}: passes but is listed in known_failures.txt",
                    suite.directory
                ));
            }
        }
        let suite_skips = skips.get(suite.directory).cloned().unwrap_or_default();
        for (id, reason) in &suite_skips {
            println!("skipped {} {id}: {reason}", suite.directory);
        }
        summaries.push(format!(
            "{}: {passed} passed, {failed} failed, {} skipped",
            suite.directory,
            suite_skips.len()
        ));
    }
    for summary in &summaries {
        println!("{summary}");
    }
    assert!(
        unexpected.is_empty(),
        "protocol compliance:\n{}\n{}",
        unexpected.join("\n"),
        summaries.join("\n")
    );
}

/// The model of one suite: its IDL files (server-only and vendor directories left out),
/// the shared types and AWS config they use, with the trait definitions.
fn load_suite(tests_dir: &Path, directory: &str) -> Model {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(tests_dir.join(directory))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            let name = path.file_name().unwrap().to_string_lossy();
            !SKIPPED_DIRECTORIES.contains(&name.as_ref())
        })
        .collect();
    paths.sort();
    paths.push(tests_dir.join("shared-types.smithy"));
    paths.push(tests_dir.join("aws-config.smithy"));
    paths
        .push(workspace_root().join("tests/tests/protocol_compliance/validation_exception.smithy"));
    let definitions = tests_dir.join("../trait-definitions");
    load_paths(&paths, &[definitions])
        .unwrap_or_else(|error| panic!("the {directory} suite does not load:\n{error}"))
}

/// What a generated crate is to the test file.
struct Generated {
    lib_name: String,
    ir: anvil_codegen::ir::ServiceIr,
}

/// Generates the crate of `service` into `crate_dir` (as a member of the scratch workspace).
fn write_crate(model: &Model, service: &ShapeId, crate_dir: &Path, runtime: &Path) -> Generated {
    let label = format!("protocol-tests: {service}");
    let service_text = service.to_string();
    let mut files = generate_standalone_from_model(
        model,
        Some(&service_text),
        &label,
        &[],
        DEFAULT_PARTITIONS_JSON,
        &runtime.to_string_lossy(),
        GenerateMode::Client,
    )
    .unwrap_or_else(|error| panic!("{service} does not generate:\n{error}"));
    anvil_codegen::emit::rustfmt_files(&mut files).unwrap();
    let _ = std::fs::remove_dir_all(crate_dir.join("src"));
    let _ = std::fs::remove_dir_all(crate_dir.join("tests"));
    let mut lib_name = String::new();
    for file in files {
        let mut contents = file.contents;
        if file.path == "Cargo.toml" {
            // A member of the scratch workspace, not a workspace of its own.
            contents = contents.replace("\n[workspace]\n", "\n");
            // The tests pin the idempotency token with the runtime's test support.
            contents.push_str(&format!(
                "\n[dev-dependencies]\nanvil-runtime = {{ path = {:?}, default-features = false, features = [\"test-util\"] }}\n",
                runtime.to_string_lossy()
            ));
            lib_name = contents
                .lines()
                .find_map(|line| line.strip_prefix("name = \""))
                .and_then(|rest| rest.strip_suffix('"'))
                .unwrap()
                .replace('-', "_");
        }
        write(&crate_dir.join(&file.path), &contents);
    }
    let options = LowerOptions {
        service: Some(service_text),
        operations: Vec::new(),
        root: vec!["crate".to_string()],
        source: label,
    };
    let ir = lower_service(model, &options).expect("lowered once already");
    Generated { lib_name, ir }
}

fn write(path: &Path, contents: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

fn snake(name: &str) -> String {
    let mut out = String::new();
    for (index, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && index > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// Why `case` is outside the product, if it is.
fn skip_reason(model: &Model, case: &Case) -> Option<String> {
    let operation = model.shape(&case.operation)?;
    let raw = &operation.traits.raw;
    if raw.contains_key("aws.protocols#httpChecksum") {
        return Some("flexible checksums (`@httpChecksum`) are not implemented".to_string());
    }
    let ShapeKind::Operation(shapes) = &operation.kind else {
        return None;
    };
    let streams = [&shapes.input, &shapes.output]
        .into_iter()
        .flatten()
        .any(|id| has_event_stream(model, id));
    streams.then(|| "event streams are not implemented".to_string())
}

/// Whether structure `id` has a member targeting a `@streaming` union (an event stream).
fn has_event_stream(model: &Model, id: &ShapeId) -> bool {
    let Some(ShapeKind::Structure(members)) = model.shape(id).map(|shape| &shape.kind) else {
        return false;
    };
    members.iter().any(|member| {
        model.shape(&member.target).is_some_and(|target| {
            matches!(target.kind, ShapeKind::Union(_))
                && target.traits.raw.contains_key("smithy.api#streaming")
        })
    })
}

/// `(suite, case id)` of the cases known to fail, from `known_failures.txt` (one
/// `<suite> <case id> <reason>` a line; `#` starts a comment).
fn known_failures() -> BTreeSet<(String, String)> {
    let text = include_str!("protocol_compliance/known_failures.txt");
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            Some((words.next()?.to_string(), words.next()?.to_string()))
        })
        .collect()
}
