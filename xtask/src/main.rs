//! Project automation: `cargo xtask <command>`.
//!
//! Commands:
//! - `codegen [--check]`: regenerate `generated/` from `models/` (or check it is current).
//! - `codegen --model PATH [--operations A,B] --out DIR`: write a standalone crate.
//! - `extract-models`: cut the five operations' closures out of the official models.
//! - `bench [--rounds N]`: time code generation (use `cargo bench-codegen` for a release build).

mod bench;
mod codegen;
mod extract_models;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        eprintln!("usage: cargo xtask <codegen|extract-models|bench> [options]");
        return ExitCode::from(2);
    };
    let result = match command.as_str() {
        "bench" => bench::run(rest),
        "codegen" => codegen::run(rest),
        "extract-models" => extract_models::run(rest),
        other => Err(format!("unknown command `{other}`")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root (the parent of this crate's directory).
pub fn workspace_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}
