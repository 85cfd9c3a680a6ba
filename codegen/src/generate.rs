//! The whole pipeline: model files -> checked models -> IR -> formatted crate files.

use std::path::{Path, PathBuf};

use anvil_runtime::endpoint::Partitions;

use crate::emit::{self, GeneratedFile, RenderError, multi_service_lib};
use crate::ir::endpoint::{StaleCheck, mark_stale_tests};
use crate::ir::protocol::SUPPORTED_PROTOCOLS;
use crate::ir::{LowerError, LowerOptions, ServiceIr, lower_service};
use crate::manifest::{RuntimeNeeds, cargo_toml, crate_name};
use crate::model::{LoadError, Model, load_file, load_path};
use crate::pattern::PatternEngine;

/// One service to put into a generated crate.
#[derive(Clone, Debug)]
pub struct ServiceSpec {
    /// The Smithy JSON AST file.
    pub model_path: PathBuf,
    /// How the file is named in generated headers (e.g. `models/identitystore.json`).
    pub source_label: String,
    /// The Rust module name (e.g. `identitystore`).
    pub module_name: String,
    /// Operations to generate; empty means all of the service's operations.
    pub operations: Vec<String>,
}

/// What to generate for a service.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum GenerateMode {
    /// Types, requests and response parsing. A service whose protocol Anvil does not speak
    /// is refused with [`CodegenError::UnsupportedProtocol`].
    #[default]
    Client,
    /// Types, builders, validation and errors only (`--types-only`), whatever the protocol;
    /// the crate documentation says so.
    TypesOnly,
}

/// Why generation failed. Every variant's message names the file concerned.
#[derive(Debug, thiserror::Error)]
pub enum CodegenError {
    /// The model could not be read or is invalid.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The model is valid but cannot be turned into Rust.
    #[error("{}", prefix_lines(path, source))]
    Lower {
        /// The model file.
        path: PathBuf,
        /// What went wrong.
        source: LowerError,
    },
    /// The generator produced tokens that do not parse.
    #[error(transparent)]
    Render(#[from] RenderError),
    /// The partitions table cannot be used.
    #[error("the partitions table: {0}")]
    Partitions(String),
    /// The service's protocol is not one Anvil builds requests for, and types only were
    /// not asked for.
    #[error(
        "{}: service `{service}` has {}, which Anvil cannot build requests for yet (it speaks \
         {}); pass `--types-only` to generate its types without requests",
        path.display(),
        describe_protocols(protocols),
        SUPPORTED_PROTOCOLS.join(", ")
    )]
    UnsupportedProtocol {
        /// The model file.
        path: PathBuf,
        /// The service shape id.
        service: String,
        /// The protocol traits the service carries (none, or only unsupported ones).
        protocols: Vec<String>,
    },
}

fn describe_protocols(protocols: &[String]) -> String {
    match protocols {
        [] => "no protocol trait".to_string(),
        [only] => format!("the protocol trait `{only}`"),
        several => format!(
            "the protocol traits {}",
            several
                .iter()
                .map(|name| format!("`{name}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Refuses a service without a protocol Anvil speaks, unless types only are wanted (then
/// any protocol is dropped).
fn settle_protocol(
    service: &mut ServiceIr,
    path: &Path,
    mode: GenerateMode,
) -> Result<(), CodegenError> {
    match mode {
        GenerateMode::TypesOnly => service.protocol = None,
        GenerateMode::Client if service.protocol.is_none() => {
            return Err(CodegenError::UnsupportedProtocol {
                path: path.to_path_buf(),
                service: service.shape_id.clone(),
                protocols: service.declared_protocols.clone(),
            });
        }
        GenerateMode::Client => {}
    }
    Ok(())
}

/// The partitions table generated crates embed unless told otherwise: the workspace's
/// `models/sdk-partitions.json`, a copy of the official table cut by `cargo xtask extract-models`.
pub const DEFAULT_PARTITIONS_JSON: &str = include_str!("../../models/sdk-partitions.json");

/// The partitions table as compact JSON, once the runtime's parser has accepted it.
fn compact_partitions(text: &str) -> Result<String, CodegenError> {
    Partitions::from_json(text).map_err(|err| CodegenError::Partitions(err.to_string()))?;
    let json: serde_json::Value =
        serde_json::from_str(text).map_err(|err| CodegenError::Partitions(err.to_string()))?;
    Ok(json.to_string())
}

/// `src/partitions.rs`, embedding the compact table.
fn partitions_file(compact_json: &str, header: &str) -> Result<GeneratedFile, RenderError> {
    emit::format_file(
        "src/partitions.rs",
        emit::endpoint::partitions_module(compact_json),
        header,
    )
}

fn prefix_lines(path: &Path, error: &LowerError) -> String {
    error
        .problems
        .iter()
        .map(|problem| format!("{}: {problem}", path.display()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Generates the multi-service crate `anvil-sdk`: `Cargo.toml`, `src/lib.rs` and a module
/// per service. `runtime_path` is written into `Cargo.toml` as the runtime's path. Every
/// service must have a protocol Anvil speaks (the crate's operation table needs requests).
pub fn generate_sdk(
    specs: &[ServiceSpec],
    runtime_path: &str,
) -> Result<Vec<GeneratedFile>, CodegenError> {
    generate_sdk_with_partitions(specs, DEFAULT_PARTITIONS_JSON, runtime_path)
}

/// [`generate_sdk`] with the partitions table `partitions_json` (text of `sdk-partitions.json`).
/// Besides the modules, writes `src/partitions.rs` and, per service with endpoint test cases,
/// `tests/endpoints_<module>.rs`.
pub fn generate_sdk_with_partitions(
    specs: &[ServiceSpec],
    partitions_json: &str,
    runtime_path: &str,
) -> Result<Vec<GeneratedFile>, CodegenError> {
    let partitions = compact_partitions(partitions_json)?;
    let stale_check = StaleCheck::new(partitions_json).map_err(CodegenError::Partitions)?;
    let mut files = vec![GeneratedFile {
        path: "Cargo.toml".to_string(),
        contents: String::new(),
    }];
    let mut modules = Vec::new();
    let mut has_endpoints = false;
    for spec in specs {
        let model = load_file(&spec.model_path)?;
        let options = LowerOptions {
            service: None,
            operations: spec.operations.clone(),
            root: vec!["crate".to_string(), spec.module_name.clone()],
            source: spec.source_label.clone(),
        };
        let mut service =
            lower_service(&model, &options).map_err(|source| CodegenError::Lower {
                path: spec.model_path.clone(),
                source,
            })?;
        settle_protocol(&mut service, &spec.model_path, GenerateMode::Client)?;
        mark_stale(&mut service, &stale_check, &spec.model_path)?;
        files.extend(emit::service(
            &service,
            &format!("src/{}", spec.module_name),
            false,
        )?);
        if let Some(endpoint) = service
            .endpoint
            .as_ref()
            .filter(|endpoint| !endpoint.tests.is_empty())
        {
            let service_path = format!("anvil_sdk::{}", spec.module_name);
            files.push(emit::format_file(
                &format!("tests/endpoints_{}.rs", spec.module_name),
                emit::endpoint::endpoint_tests(&service_path, &service.title, endpoint),
                &emit::header_line(&spec.source_label),
            )?);
        }
        has_endpoints |= service.endpoint.is_some();
        modules.push((spec.module_name.clone(), service));
    }
    files[0].contents = cargo_toml(
        "anvil-sdk",
        "Typed Rust clients for AWS operations, generated by Anvil from Smithy models.",
        runtime_path,
        false,
        modules
            .iter()
            .fold(RuntimeNeeds::default(), |needs, (_, service)| {
                needs.or(runtime_needs(service))
            }),
    );
    let docs = vec![
        "Typed Rust clients for AWS operations, generated by Anvil from Smithy models.".to_string(),
        String::new(),
        "Each service is a module with `types` (shared shapes), `error` (modeled errors) and"
            .to_string(),
        "`operation::<name>` (input, output and error enum of each operation).".to_string(),
    ];
    let mut lib = multi_service_lib(&docs, &modules);
    if has_endpoints {
        lib.extend(emit::endpoint::partitions_declaration());
        files.push(partitions_file(
            &partitions,
            &emit::header_line("models/sdk-partitions.json"),
        )?);
    }
    files.push(emit::format_file(
        "src/lib.rs",
        lib,
        &emit::header_line("models/"),
    )?);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Generates a standalone crate for one model: the service is the crate root.
pub fn generate_standalone(
    model_path: &Path,
    source_label: &str,
    operations: &[String],
    runtime_path: &str,
    mode: GenerateMode,
) -> Result<Vec<GeneratedFile>, CodegenError> {
    generate_standalone_with_partitions(
        model_path,
        source_label,
        operations,
        DEFAULT_PARTITIONS_JSON,
        runtime_path,
        mode,
    )
}

/// [`generate_standalone`] with the partitions table `partitions_json`, embedded as
/// `src/partitions.rs` when the service has an endpoint rule set.
pub fn generate_standalone_with_partitions(
    model_path: &Path,
    source_label: &str,
    operations: &[String],
    partitions_json: &str,
    runtime_path: &str,
    mode: GenerateMode,
) -> Result<Vec<GeneratedFile>, CodegenError> {
    let model = load_path(model_path)?;
    generate_standalone_from_model(
        &model,
        None,
        source_label,
        operations,
        partitions_json,
        runtime_path,
        mode,
    )
}

/// [`generate_standalone_with_partitions`] for a model already loaded (e.g. from Smithy
/// IDL files), generating `service` (a shape id; `None` when the model has only one).
pub fn generate_standalone_from_model(
    model: &Model,
    service: Option<&str>,
    source_label: &str,
    operations: &[String],
    partitions_json: &str,
    runtime_path: &str,
    mode: GenerateMode,
) -> Result<Vec<GeneratedFile>, CodegenError> {
    let model_path = model.source.as_path();
    let options = LowerOptions {
        service: service.map(str::to_string),
        operations: operations.to_vec(),
        root: vec!["crate".to_string()],
        source: source_label.to_string(),
    };
    let mut service = lower_service(model, &options).map_err(|source| CodegenError::Lower {
        path: model_path.to_path_buf(),
        source,
    })?;
    settle_protocol(&mut service, model_path, mode)?;
    let crate_name = crate_name(&service.title);
    let description = format!("A Rust client for {}, generated by Anvil.", service.title);
    let mut files = vec![GeneratedFile {
        path: "Cargo.toml".to_string(),
        contents: cargo_toml(
            &crate_name,
            &description,
            runtime_path,
            true,
            runtime_needs(&service),
        ),
    }];
    files.extend(emit::service(&service, "src", true)?);
    if service.endpoint.is_some() {
        let partitions = compact_partitions(partitions_json)?;
        files.push(partitions_file(
            &partitions,
            &emit::header_line(source_label),
        )?);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Marks the stale endpoint test cases of `service` (see [`mark_stale_tests`]).
fn mark_stale(
    service: &mut ServiceIr,
    check: &StaleCheck,
    path: &Path,
) -> Result<(), CodegenError> {
    let Some(endpoint) = service.endpoint.as_mut() else {
        return Ok(());
    };
    mark_stale_tests(endpoint, check).map_err(|problem| CodegenError::Lower {
        path: path.to_path_buf(),
        source: LowerError {
            problems: vec![format!("{}: {problem}", service.shape_id)],
        },
    })
}

/// The runtime features `service`'s code calls for.
fn runtime_needs(service: &ServiceIr) -> RuntimeNeeds {
    RuntimeNeeds {
        compression: service
            .operations
            .iter()
            .any(|operation| operation.compress_request),
        backtracking: service
            .patterns
            .iter()
            .any(|pattern| matches!(pattern.engine, PatternEngine::Backtracking { .. })),
    }
}
