//! A model is untrusted input. Each hostile model in `tests/fixtures/hostile/` is either
//! rejected with one located error per problem (`<name>.json` beside `<name>.expected`,
//! read like `tests/fixtures/bad/`), or generates a crate that builds and runs no doc test
//! from model text. A seeded random harness does the same for many generated models:
//! `ANVIL_HOSTILE_CASES=500 cargo test -p anvil-tests --test hostile_models` runs more
//! cases than CI's default, `ANVIL_HOSTILE_SEED=<n>` picks another sequence.

mod common;
#[path = "hostile/random_model.rs"]
mod random_model;

use std::path::{Path, PathBuf};
use std::process::Command;

use anvil_codegen::emit::rustfmt_files;
use anvil_codegen::{GenerateMode, ServiceSpec, generate_sdk, generate_standalone};
use common::{workspace_root, write_standalone_crate};

const DEFAULT_CASES: usize = 24;
const DEFAULT_SEED: u64 = 0x5eed_a11e;

fn hostile_dir() -> PathBuf {
    workspace_root().join("tests/fixtures/hostile")
}

/// Scratch space below the workspace's `target/`, and the build directory shared with the
/// other standalone crate tests (so the runtime is compiled once).
fn scratch(name: &str) -> (PathBuf, PathBuf) {
    let target = workspace_root().join("target");
    (
        target.join("anvil-hostile").join(name),
        target.join("anvil-standalone/target"),
    )
}

fn cargo(crate_dir: &Path, target_dir: &Path, args: &[&str]) -> (String, String) {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .arg(args[0])
        .arg("--offline")
        .args(&args[1..])
        .current_dir(crate_dir)
        .env("CARGO_TARGET_DIR", target_dir)
        .env_remove("RUSTFLAGS")
        .env_remove("RUSTDOCFLAGS")
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&output.stdout).to_string();
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(
        output.status.success(),
        "cargo {args:?} failed in {}:\n{stderr}\n{stdout}",
        crate_dir.display()
    );
    (stdout, stderr)
}

/// Builds the crate with its doc tests and returns the names of those that ran.
fn doc_tests_run(crate_dir: &Path, target_dir: &Path) -> Vec<String> {
    let (stdout, _) = cargo(crate_dir, target_dir, &["test", "--doc"]);
    let counts: Vec<&str> = stdout
        .lines()
        .filter(|line| line.starts_with("running "))
        .collect();
    assert_eq!(counts.len(), 1, "one doc test run expected:\n{stdout}");
    let names: Vec<String> = stdout
        .lines()
        .filter(|line| line.starts_with("test ") && !line.starts_with("test result:"))
        .map(str::to_string)
        .collect();
    assert_eq!(
        counts[0],
        format!(
            "running {} test{}",
            names.len(),
            if names.len() == 1 { "" } else { "s" }
        ),
        "{stdout}"
    );
    names
}

/// Builds the crate with its doc tests and asserts that there are none: the generator
/// writes no examples of its own, so any doc test would come from model text.
fn assert_no_doc_tests(crate_dir: &Path, target_dir: &Path) {
    let names = doc_tests_run(crate_dir, target_dir);
    assert!(
        names.is_empty(),
        "doc tests from model text in {}: {names:?}",
        crate_dir.display()
    );
}

/// The model is rejected; each error line starts with the file and holds the words of the
/// matching `.expected` line.
fn check_rejected(name: &str) {
    let dir = hostile_dir();
    let path = dir.join(format!("{name}.json"));
    let error = generate_standalone(&path, "hostile", &[], "../runtime", GenerateMode::Client)
        .expect_err("the model must be rejected")
        .to_string();
    common::assert_located_errors(&dir, name, &path, &error);
}

#[test]
fn http_values_are_checked_at_load() {
    check_rejected("http");
}

#[test]
fn unrepresentable_recursion_is_a_located_error() {
    check_rejected("recursion");
}

#[test]
fn impossible_constraints_are_located_errors() {
    check_rejected("constraints");
}

#[test]
fn documentation_never_becomes_code() {
    let (crate_dir, target_dir) = scratch("docs");
    write_standalone_crate(&hostile_dir().join("docs.json"), &crate_dir);
    assert_no_doc_tests(&crate_dir, &target_dir);
}

/// The doc test counter sees a doc test where there is one (so the test above can fail).
#[test]
fn doc_test_counter_sees_doc_tests() {
    let (crate_dir, target_dir) = scratch("doc_test_control");
    std::fs::create_dir_all(crate_dir.join("src")).unwrap();
    std::fs::write(
        crate_dir.join("Cargo.toml"),
        "[package]\nname = \"doc-test-control\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n[workspace]\n",
    )
    .unwrap();
    std::fs::write(
        crate_dir.join("src/lib.rs"),
        "//! Control crate.\n\n/// ```\n/// assert_eq!(1 + 1, 2);\n/// ```\npub fn one() {}\n",
    )
    .unwrap();
    let names = doc_tests_run(&crate_dir, &target_dir);
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(names[0].contains("src/lib.rs - one"), "{names:?}");
}

/// Members named like the methods the generator adds, types named like prelude names and
/// modules named like the crates generated code uses: renamed, documented, clippy-clean.
#[test]
fn names_never_collide_with_generated_items() {
    let (crate_dir, target_dir) = scratch("names");
    write_standalone_crate(&hostile_dir().join("names.json"), &crate_dir);
    cargo(
        &crate_dir,
        &target_dir,
        &[
            "clippy",
            "--quiet",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ],
    );
    let some = std::fs::read_to_string(crate_dir.join("src/types/some2.rs")).unwrap();
    assert!(
        some.contains("Named `Some` in the model; renamed because `Some` is a Rust prelude name"),
        "{some}"
    );
}

/// Generates the standalone crate of `model` and returns what `cargo metadata` reads from
/// its `Cargo.toml`.
fn package_metadata(model: &Path, crate_dir: &Path, target_dir: &Path) -> serde_json::Value {
    write_standalone_crate(model, crate_dir);
    let (stdout, _) = cargo(
        crate_dir,
        target_dir,
        &["metadata", "--no-deps", "--format-version", "1"],
    );
    let metadata: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    metadata["packages"][0].clone()
}

/// Only the library target and the runtime dependency: nothing the model injected.
fn assert_plain_package(package: &serde_json::Value, sdk_id: &str) {
    let name = package["name"].as_str().unwrap();
    assert!(
        name.starts_with("anvil-")
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
        "crate name {name:?}"
    );
    assert_eq!(
        package["description"].as_str().unwrap(),
        format!("A Rust client for {sdk_id}, generated by Anvil."),
    );
    let kinds: Vec<&serde_json::Value> = package["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|target| &target["kind"])
        .collect();
    assert_eq!(kinds, [&serde_json::json!(["lib"])], "{package}");
    let dependencies: Vec<&str> = package["dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|dependency| dependency["name"].as_str().unwrap())
        .collect();
    assert_eq!(dependencies, ["anvil-runtime"]);
}

#[test]
fn cargo_toml_strings_cannot_inject_keys() {
    let model_path = hostile_dir().join("cargo_toml.json");
    let model: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&model_path).unwrap()).unwrap();
    let sdk_id = model["shapes"]["anvil.fixture.hostile_toml#Service"]["traits"]["aws.api#service"]
        ["sdkId"]
        .as_str()
        .unwrap()
        .to_string();
    let (crate_dir, target_dir) = scratch("cargo_toml");
    let package = package_metadata(&model_path, &crate_dir, &target_dir);
    assert_plain_package(&package, &sdk_id);
    assert_eq!(
        package["name"],
        "anvil-evil-build-src-lib-rs-x-git-https-example-com-lib"
    );
}

fn case_count() -> usize {
    std::env::var("ANVIL_HOSTILE_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(DEFAULT_CASES)
}

fn seed() -> u64 {
    std::env::var("ANVIL_HOSTILE_SEED")
        .ok()
        .and_then(|seed| seed.parse().ok())
        .unwrap_or(DEFAULT_SEED)
}

/// Random hostile models: each one's standalone `Cargo.toml` is read back by Cargo exactly
/// as meant, and all of them together, as the modules of one crate, build with no doc test.
#[test]
fn random_hostile_models_generate_inert_crates() {
    let (scratch_dir, target_dir) = scratch("random");
    let models_dir = scratch_dir.join("models");
    let _ = std::fs::remove_dir_all(&scratch_dir);
    std::fs::create_dir_all(&models_dir).unwrap();
    let mut rng = fastrand::Rng::with_seed(seed());
    let mut specs = Vec::new();
    for case in 0..case_count() {
        let model = random_model::random_model(&mut rng, &format!("fuzz.case{case}"));
        let path = models_dir.join(format!("case_{case}.json"));
        std::fs::write(&path, serde_json::to_string_pretty(&model).unwrap()).unwrap();
        let sdk_id = model["shapes"]
            .as_object()
            .unwrap()
            .values()
            .find_map(|shape| shape["traits"]["aws.api#service"]["sdkId"].as_str())
            .unwrap()
            .to_string();
        let standalone = scratch_dir.join(format!("standalone_{case}"));
        let package = package_metadata(&path, &standalone, &target_dir);
        assert_plain_package(&package, &sdk_id);
        specs.push(ServiceSpec {
            model_path: path,
            source_label: format!("case_{case}.json"),
            module_name: format!("case_{case}"),
            operations: Vec::new(),
        });
    }
    let runtime = workspace_root().join("runtime").canonicalize().unwrap();
    let mut files = generate_sdk(&specs, &runtime.to_string_lossy())
        .unwrap_or_else(|error| panic!("random models do not generate:\n{error}"));
    rustfmt_files(&mut files).unwrap();
    let crate_dir = scratch_dir.join("all");
    for file in files {
        let mut contents = file.contents;
        if file.path == "Cargo.toml" {
            contents.push_str("\n[workspace]\n");
        }
        let path = crate_dir.join(&file.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }
    assert_no_doc_tests(&crate_dir, &target_dir);
}

/// The load-time checks added for hostile models accept every official AWS model.
#[test]
fn official_models_pass_the_load_checks() {
    let dir = common::shared_dir().join("models/aws");
    let paths = common::json_files(&dir);
    let mut rejected = Vec::new();
    for path in &paths {
        if let Err(error) = anvil_codegen::model::load_file(path) {
            rejected.push(error.to_string());
        }
    }
    assert!(paths.len() > 400, "{} models", paths.len());
    assert!(rejected.is_empty(), "{}", rejected.join("\n"));
}
