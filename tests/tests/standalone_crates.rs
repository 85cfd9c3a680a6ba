//! End to end: `generate_standalone` output builds and is clippy-clean, for every fixture
//! model, for the complete official IdentityStore model (all of its operations), and for
//! the types-only fixtures generated with `--types-only`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use anvil_codegen::GenerateMode;
use common::{shared_dir, workspace_root, write_standalone_crate, write_standalone_crate_as};

fn clippy(crate_dir: &Path, target_dir: &Path) {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        // Every feature: `json-input`'s code must be clean too.
        .args([
            "clippy",
            "--quiet",
            "--offline",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ])
        .current_dir(crate_dir)
        .env("CARGO_TARGET_DIR", target_dir)
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "{} does not build cleanly:\n{}",
        crate_dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn generated_crates_build_without_warnings() {
    let root = workspace_root();
    let scratch: PathBuf = root.join("target/anvil-standalone");
    let target_dir = scratch.join("target");
    let mut models: Vec<(String, PathBuf)> = std::fs::read_dir(root.join("tests/fixtures/models"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "json")
        })
        .map(|path| {
            (
                path.file_stem().unwrap().to_string_lossy().to_string(),
                path,
            )
        })
        .collect();
    models.sort();
    models.push((
        "identitystore_full".to_string(),
        shared_dir().join("models/aws/identitystore-2020-06-15.json"),
    ));
    for (name, model) in &models {
        let crate_dir = scratch.join(name);
        write_standalone_crate(model, &crate_dir);
        clippy(&crate_dir, &target_dir);
    }
    for name in ["query_service", "no_protocol"] {
        let model = root.join(format!("tests/fixtures/types_only/{name}.json"));
        let crate_dir = scratch.join(format!("types_only_{name}"));
        write_standalone_crate_as(&model, &crate_dir, GenerateMode::TypesOnly);
        clippy(&crate_dir, &target_dir);
    }
}
