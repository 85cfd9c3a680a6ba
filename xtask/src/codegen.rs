//! `cargo xtask codegen`: regenerate `generated/`, check it, or write a standalone crate.

use std::fs;
use std::path::{Path, PathBuf};

use anvil_codegen::check::{sdk_files_for, stale_files};
use anvil_codegen::emit::{GeneratedFile, rustfmt_files};
use anvil_codegen::{GenerateMode, generate_standalone_with_partitions};

use crate::workspace_root;

const USAGE: &str = "usage: cargo xtask codegen [--check]\n       \
                     cargo xtask codegen --model PATH [--operations A,B] [--partitions PATH] [--types-only] --out DIR\n\
                     (--model takes a JSON AST file, a Smithy IDL file or a directory of them;\n        \
                     --partitions defaults to models/sdk-partitions.json)";

/// Parsed command line of `codegen`.
#[derive(Debug, Default, PartialEq)]
struct Options {
    check: bool,
    model: Option<PathBuf>,
    operations: Vec<String>,
    out: Option<PathBuf>,
    types_only: bool,
    partitions: Option<PathBuf>,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut options = Options::default();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--check" => options.check = true,
            "--types-only" => options.types_only = true,
            "--model" => options.model = Some(PathBuf::from(value("--model")?)),
            "--out" => options.out = Some(PathBuf::from(value("--out")?)),
            "--partitions" => options.partitions = Some(PathBuf::from(value("--partitions")?)),
            "--operations" => {
                options.operations = value("--operations")?
                    .split(',')
                    .map(str::trim)
                    .filter(|name| !name.is_empty())
                    .map(str::to_string)
                    .collect();
            }
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    match (&options.model, &options.out, options.check) {
        (Some(_), None, _) => Err(format!("--model needs --out\n{USAGE}")),
        (None, Some(_), _) => Err(format!("--out needs --model\n{USAGE}")),
        (Some(_), Some(_), true) => Err(format!("--check applies to generated/ only\n{USAGE}")),
        (None, None, _) if !options.operations.is_empty() => {
            Err(format!("--operations needs --model\n{USAGE}"))
        }
        (None, None, _) if options.types_only => {
            Err(format!("--types-only needs --model\n{USAGE}"))
        }
        (None, None, _) if options.partitions.is_some() => Err(format!(
            "--partitions needs --model (generated/ uses models/sdk-partitions.json)\n{USAGE}"
        )),
        _ => Ok(options),
    }
}

/// Runs the command; the error text is printed as is, one problem per line.
pub fn run(args: &[String]) -> Result<(), String> {
    let options = parse(args)?;
    if let (Some(model), Some(out)) = (&options.model, &options.out) {
        let mode = if options.types_only {
            GenerateMode::TypesOnly
        } else {
            GenerateMode::Client
        };
        let partitions = options
            .partitions
            .clone()
            .unwrap_or_else(|| workspace_root().join("models").join("sdk-partitions.json"));
        return standalone(model, &options.operations, &partitions, mode, out);
    }
    let root = workspace_root();
    let files = sdk_files(&root)?;
    let generated = root.join("generated");
    if options.check {
        let stale = stale_files(&generated, &files);
        if stale.is_empty() {
            return Ok(());
        }
        let mut message = String::from("generated/ is stale; run `cargo xtask codegen`:");
        for line in stale {
            message.push_str(&format!("\n  {line}"));
        }
        return Err(message);
    }
    replace_directory(&generated, &files)
}

/// The files of `generated/` as the generator would write them now.
fn sdk_files(root: &Path) -> Result<Vec<GeneratedFile>, String> {
    sdk_files_for(&root.join("models"), "../runtime")
}

/// Writes `files` into a fresh sibling directory, then swaps it into place, so a failure
/// never leaves a half-written `directory`.
fn replace_directory(directory: &Path, files: &[GeneratedFile]) -> Result<(), String> {
    let name = directory
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .to_string();
    let parent = directory.parent().unwrap_or(Path::new("."));
    let staging = parent.join(format!(".{name}.staging"));
    let previous = parent.join(format!(".{name}.previous"));
    let io = |path: &Path, error: std::io::Error| format!("{}: {error}", path.display());
    for leftover in [&staging, &previous] {
        if leftover.exists() {
            fs::remove_dir_all(leftover).map_err(|error| io(leftover, error))?;
        }
    }
    for file in files {
        let path = staging.join(&file.path);
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder).map_err(|error| io(folder, error))?;
        }
        fs::write(&path, &file.contents).map_err(|error| io(&path, error))?;
    }
    // Keep a build directory of the old tree, if any, so a swap does not cost a rebuild.
    let old_target = directory.join("target");
    if old_target.is_dir() {
        fs::rename(&old_target, staging.join("target")).map_err(|error| io(&old_target, error))?;
    }
    if directory.exists() {
        fs::rename(directory, &previous).map_err(|error| io(directory, error))?;
    }
    fs::rename(&staging, directory).map_err(|error| io(&staging, error))?;
    if previous.exists() {
        fs::remove_dir_all(&previous).map_err(|error| io(&previous, error))?;
    }
    Ok(())
}

/// `--model PATH --out DIR`: a standalone crate for any model, embedding the partitions
/// table read from `partitions`.
fn standalone(
    model: &Path,
    operations: &[String],
    partitions: &Path,
    mode: GenerateMode,
    out: &Path,
) -> Result<(), String> {
    let runtime = workspace_root().join("runtime");
    let runtime = runtime.canonicalize().unwrap_or(runtime);
    let label = model.display().to_string();
    let partitions = fs::read_to_string(partitions).map_err(|error| {
        format!(
            "{}: cannot read the partitions table: {error}",
            partitions.display()
        )
    })?;
    let mut files = generate_standalone_with_partitions(
        model,
        &label,
        operations,
        &partitions,
        &runtime.to_string_lossy(),
        mode,
    )
    .map_err(|error| error.to_string())?;
    rustfmt_files(&mut files)?;
    if out.exists() && !is_generated_crate(out) {
        let is_empty = fs::read_dir(out)
            .map(|mut entries| entries.next().is_none())
            .unwrap_or(false);
        if !is_empty {
            return Err(format!(
                "{}: exists and is not a crate Anvil generated; refusing to replace it",
                out.display()
            ));
        }
    }
    replace_directory(out, &files)?;
    println!("wrote {} files to {}", files.len(), out.display());
    Ok(())
}

fn is_generated_crate(directory: &Path) -> bool {
    fs::read_to_string(directory.join("Cargo.toml"))
        .is_ok_and(|text| text.starts_with("# @generated by `cargo xtask codegen`"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn parses_the_three_forms() {
        assert_eq!(parse(&[]).unwrap(), Options::default());
        assert!(parse(&args("--check")).unwrap().check);
        let standalone = parse(&args("--model m.json --operations A,B --out /tmp/x")).unwrap();
        assert_eq!(standalone.operations, ["A", "B"]);
        assert_eq!(standalone.partitions, None);
        let with_table = parse(&args("--model m.json --partitions p.json --out /tmp/x")).unwrap();
        assert_eq!(with_table.partitions, Some(PathBuf::from("p.json")));
        assert_eq!(standalone.out, Some(PathBuf::from("/tmp/x")));
        assert!(!standalone.types_only);
        let types_only = parse(&args("--model m.json --types-only --out /tmp/x")).unwrap();
        assert!(types_only.types_only);
    }

    #[test]
    fn unsupported_protocols_need_the_types_only_flag() {
        let root = workspace_root();
        let model = root.join("tests/fixtures/types_only/query_service.json");
        let out = root.join("target/xtask-tests/types-only");
        let command = format!("--model {} --out {}", model.display(), out.display());
        let refusal = run(&args(&command)).unwrap_err();
        assert!(refusal.contains(&model.display().to_string()), "{refusal}");
        assert!(
            refusal.contains("anvil.fixture.query#QueryService"),
            "{refusal}"
        );
        assert!(refusal.contains("aws.protocols#awsQuery"), "{refusal}");
        assert!(refusal.contains("--types-only"), "{refusal}");
        run(&args(&format!("{command} --types-only"))).unwrap();
        let lib = fs::read_to_string(out.join("src/lib.rs")).unwrap();
        assert!(lib.contains("**Types only**"), "{lib}");
    }

    #[test]
    fn rejects_incomplete_or_unknown_arguments() {
        for bad in [
            "--model m.json",
            "--out x",
            "--bogus",
            "--model",
            "--operations A",
            "--types-only",
            "--partitions p.json",
            "--model m.json --out x --partitions",
        ] {
            assert!(parse(&args(bad)).is_err(), "{bad}");
        }
    }
}
