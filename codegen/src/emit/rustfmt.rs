//! The last formatting pass: `rustfmt`, so generated files are exactly what `cargo fmt`
//! would leave (the workspace formats its path dependencies too).

use std::collections::BTreeSet;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::GeneratedFile;

/// Runs `rustfmt` (edition 2024) over every `.rs` file in one process. Files are written
/// to a private temporary directory, formatted there and read back.
///
/// Fails with a message when `rustfmt` cannot be run or rejects a file.
pub fn rustfmt_files(files: &mut [GeneratedFile]) -> Result<(), String> {
    let directory = scratch_directory()?;
    let result = format_in(&directory, files);
    let _ = std::fs::remove_dir_all(&directory);
    result
}

fn scratch_directory() -> Result<PathBuf, String> {
    let unique = format!(
        "anvil-rustfmt-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|elapsed| elapsed.as_nanos())
            .unwrap_or_default()
    );
    let directory = std::env::temp_dir().join(unique);
    std::fs::create_dir_all(&directory).map_err(|error| {
        format!(
            "{}: cannot create a scratch directory: {error}",
            directory.display()
        )
    })?;
    Ok(directory)
}

/// The most argument bytes one `rustfmt` call gets (well under Windows' 32 KiB command
/// line), so a crate of any size is formatted in as many calls as it needs.
const MAX_ARGUMENT_BYTES: usize = 16 * 1024;

fn format_in(directory: &Path, files: &mut [GeneratedFile]) -> Result<(), String> {
    let mut written = Vec::new();
    for (index, file) in files.iter().enumerate() {
        if !file.path.ends_with(".rs") || file.path.contains("..") {
            continue;
        }
        // Keep the crate's layout: rustfmt follows `mod` declarations to their files.
        let path = directory.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|error| format!("{}: {error}", parent.display()))?;
        }
        std::fs::write(&path, &file.contents)
            .map_err(|error| format!("{}: {error}", path.display()))?;
        written.push(index);
    }
    let paths: Vec<&str> = written
        .iter()
        .map(|index| files[*index].path.as_str())
        .collect();
    for batch in batches(&module_roots(&paths), MAX_ARGUMENT_BYTES) {
        run_rustfmt(directory, &batch)?;
    }
    for index in written {
        let path = directory.join(&files[index].path);
        files[index].contents = std::fs::read_to_string(&path)
            .map_err(|error| format!("{}: {error}", path.display()))?;
    }
    Ok(())
}

/// Formats `paths` (relative to `directory`, which is the working directory) in one call.
fn run_rustfmt(directory: &Path, paths: &[&str]) -> Result<(), String> {
    let rustfmt = std::env::var_os("RUSTFMT").unwrap_or_else(|| "rustfmt".into());
    let shown = rustfmt.to_string_lossy().to_string();
    let output = Command::new(&rustfmt)
        .current_dir(directory)
        .args(["--edition", "2024", "--config", "newline_style=Unix"])
        .args(paths)
        .output()
        .map_err(|error| match error.kind() {
            ErrorKind::NotFound => format!(
                "`{shown}` was not found; install it with `rustup component add rustfmt`, or set \
                 RUSTFMT to its path"
            ),
            _ => format!("cannot run `{shown}`: {error}"),
        })?;
    if !output.status.success() {
        return Err(format!(
            "`{shown}` failed on generated code ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    Ok(())
}

/// The files no other file of the set declares as a module: formatting these reaches the
/// rest through their `mod` declarations, each file once.
fn module_roots<'a>(paths: &[&'a str]) -> Vec<&'a str> {
    let present: BTreeSet<&str> = paths.iter().copied().collect();
    paths
        .iter()
        .copied()
        .filter(|path| {
            !parent_module_files(path)
                .iter()
                .any(|parent| parent != path && present.contains(parent.as_str()))
        })
        .collect()
}

/// Where the module that declares `path` would live: `a/b.rs` and `a/b/mod.rs` are declared
/// by `a/mod.rs`, `a/lib.rs`, `a/main.rs` or `a.rs`.
fn parent_module_files(path: &str) -> Vec<String> {
    let path = Path::new(path);
    let module_dir = if path.file_name().is_some_and(|name| name == "mod.rs") {
        path.parent().and_then(Path::parent)
    } else {
        path.parent()
    };
    let Some(module_dir) = module_dir else {
        return Vec::new();
    };
    let joined = |name: &str| module_dir.join(name).to_string_lossy().replace('\\', "/");
    let mut parents = vec![joined("mod.rs"), joined("lib.rs"), joined("main.rs")];
    if !module_dir.as_os_str().is_empty() {
        parents.push(format!(
            "{}.rs",
            module_dir.to_string_lossy().replace('\\', "/")
        ));
    }
    parents
}

/// Splits `paths` into runs whose total length stays under `limit` bytes (a longer path
/// still gets a run of its own).
fn batches<'a>(paths: &[&'a str], limit: usize) -> Vec<Vec<&'a str>> {
    let mut batches: Vec<Vec<&str>> = Vec::new();
    let mut size = 0;
    for path in paths {
        let cost = path.len() + 1;
        match batches.last_mut() {
            Some(batch) if size + cost <= limit => batch.push(path),
            _ => {
                batches.push(vec![path]);
                size = 0;
            }
        }
        size += cost;
    }
    batches
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_module_roots_are_passed() {
        let paths = [
            "Cargo.rs",
            "src/lib.rs",
            "src/types/mod.rs",
            "src/types/user.rs",
            "src/operation/mod.rs",
            "src/operation/get.rs",
            "src/patterns.rs",
            "src/identitystore/mod.rs",
            "src/identitystore/types/mod.rs",
            "orphan/file.rs",
        ];
        assert_eq!(
            module_roots(&paths),
            ["Cargo.rs", "src/lib.rs", "orphan/file.rs"]
        );
    }

    #[test]
    fn batches_respect_the_limit() {
        let paths = ["aaaa", "bbbb", "cccc", "a-path-longer-than-the-limit"];
        assert_eq!(
            batches(&paths, 10),
            [
                vec!["aaaa", "bbbb"],
                vec!["cccc"],
                vec!["a-path-longer-than-the-limit"]
            ]
        );
        let many: Vec<String> = (0..10_000)
            .map(|index| format!("src/types/t{index}.rs"))
            .collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        let split = batches(&many, MAX_ARGUMENT_BYTES);
        assert!(split.len() > 1);
        assert_eq!(split.iter().map(Vec::len).sum::<usize>(), 10_000);
        assert!(split.iter().all(|batch| batch.iter().map(|p| p.len() + 1).sum::<usize>()
            <= MAX_ARGUMENT_BYTES));
    }
}
