//! Snapshots of the emitted code: one per operation of `models/` (its file plus every type
//! and error it reaches) and one per fixture model in `tests/fixtures/models/`.
//!
//! Review changes with `cargo insta review`; never accept them unread.

mod common;

use std::collections::BTreeSet;

use anvil_codegen::check::sdk_files_for;
use anvil_codegen::emit::{GeneratedFile, rustfmt_files};
use anvil_codegen::ir::{LowerOptions, RustType, ServiceIr, StructureIr, TypeDef, lower_service};
use anvil_codegen::model::load_file;
use anvil_codegen::{GenerateMode, generate_standalone};
use common::{concatenate, workspace_root};

/// Names of the `types` and `error` entries an operation reaches, transitively.
fn reached_types(service: &ServiceIr, operation: usize) -> (BTreeSet<String>, BTreeSet<String>) {
    fn collect(rust_type: &RustType, found: &mut Vec<(bool, String)>) {
        match rust_type {
            RustType::Named(type_ref) => found.push((
                type_ref.module == anvil_codegen::ir::TypeModule::Error,
                type_ref.name.clone(),
            )),
            RustType::List { item, .. } => collect(item, found),
            RustType::Map { key, value, .. } => {
                collect(key, found);
                collect(value, found);
            }
            RustType::Boxed(inner) => collect(inner, found),
            _ => {}
        }
    }
    fn members_of(structure: &StructureIr, found: &mut Vec<(bool, String)>) {
        for member in &structure.members {
            collect(&member.rust_type, found);
        }
    }
    let operation = &service.operations[operation];
    let mut pending = Vec::new();
    members_of(&operation.input, &mut pending);
    members_of(&operation.output, &mut pending);
    for variant in &operation.error.variants {
        pending.push((true, variant.error_type.name.clone()));
    }
    let (mut types, mut errors) = (BTreeSet::new(), BTreeSet::new());
    while let Some((is_error, name)) = pending.pop() {
        if is_error {
            if errors.insert(name.clone())
                && let Some(error) = service.errors.iter().find(|error| error.rust_name == name)
            {
                members_of(error, &mut pending);
            }
            continue;
        }
        if !types.insert(name.clone()) {
            continue;
        }
        match service
            .types
            .iter()
            .find(|type_def| type_def.rust_name() == name)
        {
            Some(TypeDef::Structure(structure)) => members_of(structure, &mut pending),
            Some(TypeDef::Union(union)) => {
                for variant in &union.variants {
                    if let Some(rust_type) = &variant.rust_type {
                        collect(rust_type, &mut pending);
                    }
                }
            }
            _ => {}
        }
    }
    (types, errors)
}

#[test]
fn each_operation_of_the_five() {
    let root = workspace_root();
    let files = sdk_files_for(&root.join("models"), "../runtime").expect("models/ generates");
    for service_name in ["codestar", "datazone", "identitystore", "workmail"] {
        let model = load_file(&root.join(format!("models/{service_name}.json"))).unwrap();
        let options = LowerOptions {
            service: None,
            operations: Vec::new(),
            root: vec!["crate".into(), service_name.into()],
            source: String::new(),
        };
        let service = lower_service(&model, &options).unwrap();
        for (index, operation) in service.operations.iter().enumerate() {
            let (types, errors) = reached_types(&service, index);
            let mut wanted = vec![format!(
                "src/{service_name}/operation/{}.rs",
                operation.module_name
            )];
            for type_def in service
                .types
                .iter()
                .filter(|type_def| types.contains(type_def.rust_name()))
            {
                wanted.push(format!(
                    "src/{service_name}/types/{}.rs",
                    type_def.file_name()
                ));
            }
            for error in service
                .errors
                .iter()
                .filter(|error| errors.contains(&error.rust_name))
            {
                wanted.push(format!("src/{service_name}/error/{}.rs", error.file_name));
            }
            let picked: Vec<&GeneratedFile> = wanted
                .iter()
                .map(|path| {
                    files
                        .iter()
                        .find(|file| &file.path == path)
                        .unwrap_or_else(|| panic!("{path} not generated"))
                })
                .collect();
            insta::assert_snapshot!(
                format!("{service_name}__{}", operation.module_name),
                concatenate(picked)
            );
        }
    }
}

fn fixture_snapshot(name: &str) {
    let root = workspace_root();
    let path = root.join(format!("tests/fixtures/models/{name}.json"));
    let label = format!("tests/fixtures/models/{name}.json");
    let mut files = generate_standalone(&path, &label, &[], "../../runtime", GenerateMode::Client)
        .unwrap_or_else(|error| panic!("{name} does not generate:\n{error}"));
    rustfmt_files(&mut files).expect("rustfmt runs");
    insta::assert_snapshot!(format!("fixture__{name}"), concatenate(&files));
}

#[test]
fn fixture_recursive() {
    fixture_snapshot("recursive");
}

#[test]
fn fixture_reserved_names() {
    fixture_snapshot("reserved_names");
}

#[test]
fn fixture_enum_values() {
    fixture_snapshot("enum_values");
}

#[test]
fn fixture_collisions() {
    fixture_snapshot("collisions");
}

#[test]
fn fixture_empty() {
    fixture_snapshot("empty");
}

#[test]
fn fixture_sparse() {
    fixture_snapshot("sparse");
}

#[test]
fn fixture_kinds() {
    fixture_snapshot("kinds");
}

#[test]
fn fixture_constraints() {
    fixture_snapshot("constraints");
}

#[test]
fn fixture_endpoint_bindings() {
    fixture_snapshot("endpoint_bindings");
}

#[test]
fn fixtures_are_all_covered() {
    let dir = workspace_root().join("tests/fixtures/models");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "json")
        })
        .map(|path| path.file_stem().unwrap().to_string_lossy().to_string())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "collisions",
            "constraints",
            "empty",
            "endpoint_bindings",
            "enum_values",
            "kinds",
            "recursive",
            "reserved_names",
            "sparse"
        ],
        "a new fixture needs a snapshot test above"
    );
}
