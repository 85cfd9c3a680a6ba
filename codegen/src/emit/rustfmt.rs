//! The last formatting pass: `rustfmt`, so generated files are exactly what `cargo fmt`
//! would leave (the workspace formats its path dependencies too).

use std::path::PathBuf;
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

fn format_in(directory: &std::path::Path, files: &mut [GeneratedFile]) -> Result<(), String> {
    let mut paths = Vec::new();
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
        paths.push((index, path));
    }
    if paths.is_empty() {
        return Ok(());
    }
    let rustfmt = std::env::var_os("RUSTFMT").unwrap_or_else(|| "rustfmt".into());
    let output = Command::new(&rustfmt)
        .args(["--edition", "2024", "--config", "newline_style=Unix"])
        .args(paths.iter().map(|(_, path)| path))
        .output()
        .map_err(|error| {
            format!(
                "cannot run {}: {error}; install it with `rustup component add rustfmt`",
                rustfmt.to_string_lossy()
            )
        })?;
    if !output.status.success() {
        return Err(format!(
            "rustfmt failed on generated code: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    for (index, path) in paths {
        files[index].contents = std::fs::read_to_string(&path)
            .map_err(|error| format!("{}: {error}", path.display()))?;
    }
    Ok(())
}
