//! The checked-in crate: which files the generator writes for a models directory, and
//! which files on disk differ from that.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::emit::{GeneratedFile, rustfmt_files};
use crate::{DEFAULT_PARTITIONS_JSON, ServiceSpec, generate_sdk_with_partitions};

/// The partitions table's file name in a models directory; it is not a service model.
pub const PARTITIONS_FILE: &str = "sdk-partitions.json";

/// Every file of the `anvil-sdk` crate for the `*.json` models in `models_dir` (one
/// service module per file, named after it), formatted with rustfmt. The partitions table is
/// `models_dir/sdk-partitions.json` when present, else [`DEFAULT_PARTITIONS_JSON`].
pub fn sdk_files_for(models_dir: &Path, runtime_path: &str) -> Result<Vec<GeneratedFile>, String> {
    let mut model_files: Vec<PathBuf> = fs::read_dir(models_dir)
        .map_err(|error| format!("{}: cannot list the models: {error}", models_dir.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "json")
                && path.file_name().is_none_or(|name| name != PARTITIONS_FILE)
        })
        .collect();
    model_files.sort();
    if model_files.is_empty() {
        return Err(format!("{}: no *.json models found", models_dir.display()));
    }
    let folder = models_dir
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .to_string();
    let specs: Vec<ServiceSpec> = model_files
        .iter()
        .map(|path| {
            let stem = path
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .to_string();
            ServiceSpec {
                model_path: path.clone(),
                source_label: format!("{folder}/{stem}.json"),
                module_name: stem,
                operations: Vec::new(),
            }
        })
        .collect();
    let partitions_path = models_dir.join(PARTITIONS_FILE);
    let partitions = match fs::read_to_string(&partitions_path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            DEFAULT_PARTITIONS_JSON.to_string()
        }
        Err(error) => return Err(format!("{}: {error}", partitions_path.display())),
    };
    let mut files = generate_sdk_with_partitions(&specs, &partitions, runtime_path)
        .map_err(|error| error.to_string())?;
    rustfmt_files(&mut files)?;
    Ok(files)
}

/// One line per file that differs from, is missing from, or is extra in `directory`
/// (its `target/` ignored). Empty when the directory holds exactly `files`.
pub fn stale_files(directory: &Path, files: &[GeneratedFile]) -> Vec<String> {
    let mut stale = Vec::new();
    let expected: BTreeSet<&str> = files.iter().map(|file| file.path.as_str()).collect();
    for file in files {
        let path = directory.join(&file.path);
        match fs::read_to_string(&path) {
            Ok(contents) if contents.replace("\r\n", "\n") == file.contents => {}
            Ok(_) => stale.push(format!("changed: {}", path.display())),
            Err(_) => stale.push(format!("missing: {}", path.display())),
        }
    }
    for existing in list_files(directory) {
        let relative = existing
            .strip_prefix(directory)
            .unwrap_or(&existing)
            .to_string_lossy()
            .replace('\\', "/");
        if !expected.contains(relative.as_str()) {
            stale.push(format!("not generated: {}", existing.display()));
        }
    }
    stale
}

/// Every file below `directory` (none if it does not exist), skipping `target/`.
fn list_files(directory: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![directory.to_path_buf()];
    while let Some(current) = pending.pop() {
        let Ok(entries) = fs::read_dir(&current) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                if path.file_name().is_some_and(|name| name != "target") {
                    pending.push(path);
                }
            } else {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}
