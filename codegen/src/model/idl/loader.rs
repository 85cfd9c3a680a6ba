//! Loads IDL files (and JSON AST files beside them) into one [`Model`]: parse every file,
//! resolve names across all of them, lower, flatten mixins, then build the model with the
//! same code as the JSON loader.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use super::ast::IdlFile;
use super::error::{IdlError, IdlProblem, Position};
use super::flatten::{FlattenError, flatten};
use super::json_shapes::{json_raw_shapes, needs_flattening};
use super::lower::{declare, lower_file};
use super::parser::parse_file;
use super::raw::Origin;
use super::resolve::Symbols;
use crate::model::load::build_model;
use crate::model::{LoadError, Model};

/// One input file, read and parsed.
enum Source {
    Idl(IdlFile),
    Json(Value),
}

/// Loads `paths` (IDL `.smithy` files, JSON AST `.json` files, or directories of them,
/// searched recursively) as one model. A JSON AST with mixins or `apply` entries is
/// flattened with the IDL files; any other JSON AST is taken as it is. Shapes of
/// `trait_definitions` (files or directories) are known for resolving names and giving
/// valueless traits their empty value, but are not part of the model.
pub fn load_paths(paths: &[PathBuf], trait_definitions: &[PathBuf]) -> Result<Model, LoadError> {
    let lowered = lower_paths(paths, trait_definitions)?;
    let source_path = paths.first().cloned().unwrap_or_default();
    build_model(&lowered.root, &source_path).map_err(|error| match error {
        LoadError::Invalid { problems, .. } => {
            let problems = problems
                .into_iter()
                .map(|problem| {
                    let origin =
                        shape_of_location(&problem.location).and_then(|id| lowered.origins.get(id));
                    let (path, position) = match origin {
                        Some(origin) => (lowered.files[origin.file].clone(), origin.position),
                        None => (source_path.clone(), Position::default()),
                    };
                    IdlProblem {
                        path,
                        position,
                        message: format!("{}: {}", problem.location, problem.message),
                    }
                })
                .collect();
            LoadError::Idl(IdlError { problems })
        }
        other => other,
    })
}

/// The JSON AST (`{"smithy": "2.0", "metadata": ..., "shapes": ...}`, mixins flattened and
/// mixin shapes dropped) that [`load_paths`] builds its model from; same arguments.
pub fn json_ast(paths: &[PathBuf], trait_definitions: &[PathBuf]) -> Result<Value, LoadError> {
    Ok(lower_paths(paths, trait_definitions)?.root)
}

/// The files read, their combined JSON AST, and where each IDL shape was written.
struct Lowered {
    files: Vec<PathBuf>,
    root: Value,
    origins: HashMap<String, Origin>,
}

fn lower_paths(paths: &[PathBuf], trait_definitions: &[PathBuf]) -> Result<Lowered, LoadError> {
    let files = expand(paths)?;
    let support = expand(trait_definitions)?;
    let mut symbols = Symbols::default();
    for path in &support {
        if let Source::Idl(file) = read(path)? {
            declare(&file, &mut symbols);
        }
    }
    let mut sources = Vec::with_capacity(files.len());
    for path in &files {
        let source = read(path)?;
        match &source {
            Source::Idl(file) => declare(file, &mut symbols),
            Source::Json(root) => declare_json(root, &mut symbols),
        }
        sources.push(source);
    }
    let mut raw_shapes = Vec::new();
    let mut applies = Vec::new();
    let mut metadata = Map::new();
    let mut flattened_json = vec![false; sources.len()];
    for (index, source) in sources.iter().enumerate() {
        let file = match source {
            Source::Idl(file) => file,
            Source::Json(root) if needs_flattening(root) => {
                let (shapes, json_applies) = json_raw_shapes(root, index).map_err(|message| {
                    IdlError::single(files[index].clone(), Position::default(), message)
                })?;
                raw_shapes.extend(shapes);
                applies.extend(json_applies);
                flattened_json[index] = true;
                continue;
            }
            Source::Json(_) => continue,
        };
        let lowered = lower_file(file, index, &symbols).map_err(|error| {
            IdlError::single(files[index].clone(), error.position, error.message)
        })?;
        raw_shapes.extend(lowered.shapes);
        applies.extend(lowered.applies);
        merge_metadata(&mut metadata, lowered.metadata);
    }
    let located = |error: FlattenError| {
        IdlError::single(
            files[error.origin.file].clone(),
            error.origin.position,
            error.message,
        )
    };
    let flats = flatten(&mut raw_shapes, applies).map_err(located)?;
    let mut idl_shapes = Map::new();
    super::emit::emit_shapes(&raw_shapes, flats, &mut idl_shapes).map_err(located)?;
    let origins: HashMap<String, Origin> = raw_shapes
        .into_iter()
        .map(|shape| (shape.id, shape.origin))
        .collect();
    let mut per_file: Vec<Vec<(String, Value)>> = vec![Vec::new(); sources.len()];
    for (id, shape) in idl_shapes {
        if let Some(origin) = origins.get(id.as_str()) {
            per_file[origin.file].push((id, shape));
        }
    }
    let mut shapes = Map::new();
    for (index, (source, idl_entries)) in sources.into_iter().zip(per_file).enumerate() {
        let entries = match source {
            Source::Json(mut root) if !flattened_json[index] => {
                if let Some(Value::Object(entries)) = root.get_mut("metadata").map(Value::take) {
                    merge_metadata(&mut metadata, entries);
                }
                match root.get_mut("shapes").map(Value::take) {
                    Some(Value::Object(entries)) => entries.into_iter().collect(),
                    _ => Vec::new(),
                }
            }
            _ => idl_entries,
        };
        for (id, shape) in entries {
            if shapes.get(&id).is_some_and(|existing| *existing != shape) {
                let message = format!("shape `{id}` is defined again, differently");
                return Err(
                    IdlError::single(files[index].clone(), Position::default(), message).into(),
                );
            }
            shapes.insert(id, shape);
        }
    }
    let root = json!({ "smithy": "2.0", "metadata": metadata, "shapes": shapes });
    Ok(Lowered {
        files,
        root,
        origins,
    })
}

/// The shape id in a JSON path such as `$.shapes["ns#A"].members.x`.
fn shape_of_location(location: &str) -> Option<&str> {
    let rest = location.strip_prefix("$.shapes[\"")?;
    rest.split_once("\"]").map(|(id, _)| id)
}

fn declare_json(root: &Value, symbols: &mut Symbols) {
    let Some(shapes) = root.get("shapes").and_then(Value::as_object) else {
        return;
    };
    for (id, shape) in shapes {
        if let Some(type_name) = shape.get("type").and_then(Value::as_str) {
            symbols.insert(id.clone(), type_name.to_string());
        }
    }
}

fn merge_metadata(into: &mut Map<String, Value>, from: Map<String, Value>) {
    for (key, value) in from {
        match (into.get_mut(&key), value) {
            (Some(Value::Array(existing)), Value::Array(more)) => existing.extend(more),
            (_, value) => {
                into.insert(key, value);
            }
        }
    }
}

fn read(path: &Path) -> Result<Source, LoadError> {
    let text = std::fs::read_to_string(path).map_err(|source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    if path
        .extension()
        .is_some_and(|extension| extension == "json")
    {
        return serde_json::from_str(&text)
            .map(Source::Json)
            .map_err(|error| LoadError::Json {
                path: path.to_path_buf(),
                message: error.to_string(),
                line: error.line(),
                column: error.column(),
            });
    }
    parse_file(&text)
        .map(Source::Idl)
        .map_err(|error| IdlError::single(path.to_path_buf(), error.position, error.message).into())
}

/// Files and directories -> model files (`.smithy`, `.json`), directories searched
/// recursively in name order.
fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, LoadError> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut files)?;
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn walk(directory: &Path, files: &mut Vec<PathBuf>) -> Result<(), LoadError> {
    let io = |source| LoadError::Io {
        path: directory.to_path_buf(),
        source,
    };
    let mut entries: Vec<PathBuf> = std::fs::read_dir(directory)
        .map_err(io)?
        .map(|entry| entry.map(|entry| entry.path()))
        .collect::<Result<_, _>>()
        .map_err(io)?;
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            walk(&entry, files)?;
        } else if entry
            .extension()
            .is_some_and(|extension| extension == "smithy" || extension == "json")
        {
            files.push(entry);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ShapeId, ShapeKind};

    /// A fresh directory with `files` written into it.
    fn scratch(name: &str, files: &[(&str, &str)]) -> PathBuf {
        let directory =
            std::env::temp_dir().join(format!("anvil-idl-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&directory);
        std::fs::create_dir_all(&directory).unwrap();
        for (file, text) in files {
            std::fs::write(directory.join(file), text).unwrap();
        }
        directory
    }

    #[test]
    fn loads_a_directory_as_one_model_with_references_across_files() {
        let directory = scratch(
            "dir",
            &[
                (
                    "a.smithy",
                    "$version: \"2\"\nnamespace ex\n\nstructure Thing {\n    /// The name.\n    @required\n    name: Name\n    count: Integer = 0\n}\n",
                ),
                (
                    "b.smithy",
                    "$version: \"2\"\nnamespace ex\n\n@length(min: 1)\nstring Name\n",
                ),
            ],
        );
        let model = load_paths(std::slice::from_ref(&directory), &[]).unwrap();
        let thing = model.shape(&ShapeId::new("ex", "Thing")).unwrap();
        let ShapeKind::Structure(members) = &thing.kind else {
            panic!("{thing:?}")
        };
        assert_eq!(members[0].target, ShapeId::new("ex", "Name"));
        assert!(members[0].traits.required);
        assert_eq!(
            members[0].traits.documentation.as_deref(),
            Some("The name.")
        );
        assert_eq!(members[1].target, ShapeId::prelude("Integer"));
        assert!(members[1].traits.default.is_some());
        assert_eq!(model.shapes().count(), 2);
        std::fs::remove_dir_all(directory).unwrap();
    }

    #[test]
    fn model_problems_name_the_file_line_and_column() {
        let directory = scratch(
            "problem",
            &[(
                "a.smithy",
                "$version: \"2\"\nnamespace ex\n\nstring A\n\nstructure S {\n    x: ex#Missing\n}\n",
            )],
        );
        let path = directory.join("a.smithy");
        let error = load_paths(std::slice::from_ref(&path), &[]).unwrap_err();
        let text = error.to_string();
        assert!(
            text.starts_with(&format!("{}:6:1: ", path.display())),
            "{text}"
        );
        assert!(text.contains("ex#Missing does not exist"), "{text}");
        std::fs::remove_dir_all(directory).unwrap();
    }

    #[test]
    fn syntax_errors_name_the_file_line_and_column() {
        let directory = scratch(
            "syntax",
            &[("a.smithy", "namespace ex\nstructure S {\n    x String\n}\n")],
        );
        let path = directory.join("a.smithy");
        let error = load_paths(std::slice::from_ref(&path), &[]).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!(
                "{}:3:7: expected `:`, found identifier `String`",
                path.display()
            )
        );
        std::fs::remove_dir_all(directory).unwrap();
    }
}
