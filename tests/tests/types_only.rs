//! A model whose protocol Anvil does not speak is refused with a message naming the file,
//! the service, its protocol traits and the `--types-only` flag; with types only asked for,
//! the crate is generated without requests and says so in its documentation.

mod common;

use std::path::{Path, PathBuf};

use anvil_codegen::emit::GeneratedFile;
use anvil_codegen::{CodegenError, GenerateMode, generate_standalone};

use common::{shared_dir, workspace_root};

fn fixture(name: &str) -> PathBuf {
    workspace_root().join(format!("tests/fixtures/types_only/{name}.json"))
}

fn generate(model: &Path, mode: GenerateMode) -> Result<Vec<GeneratedFile>, CodegenError> {
    generate_standalone(model, &model.display().to_string(), &[], "../runtime", mode)
}

fn file<'a>(files: &'a [GeneratedFile], path: &str) -> &'a str {
    &files
        .iter()
        .find(|file| file.path == path)
        .unwrap_or_else(|| panic!("{path} not generated"))
        .contents
}

#[test]
fn an_unsupported_protocol_is_refused_with_a_clear_message() {
    let model = fixture("query_service");
    let error = generate(&model, GenerateMode::Client).unwrap_err();
    assert!(matches!(error, CodegenError::UnsupportedProtocol { .. }));
    let message = error.to_string();
    for expected in [
        model.display().to_string().as_str(),
        "service `anvil.fixture.query#QueryService`",
        "the protocol trait `aws.protocols#awsQuery`",
        "aws.protocols#restJson1",
        "`--types-only`",
    ] {
        assert!(
            message.contains(expected),
            "{expected:?} missing from: {message}"
        );
    }
}

#[test]
fn a_model_without_a_protocol_is_refused_too() {
    let error = generate(&fixture("no_protocol"), GenerateMode::Client).unwrap_err();
    assert!(
        error.to_string().contains("has no protocol trait"),
        "{error}"
    );
}

#[test]
fn types_only_crates_have_no_requests_and_say_why() {
    let files = generate(&fixture("query_service"), GenerateMode::TypesOnly).unwrap();
    let lib = file(&files, "src/lib.rs");
    assert!(lib.contains("**Types only**"), "{lib}");
    assert!(lib.contains("(`aws.protocols#awsQuery`)"), "{lib}");
    assert!(!lib.contains("OPERATIONS"), "{lib}");
    let operation = file(&files, "src/operation/put_note.rs");
    for absent in [
        "fn to_request",
        "fn parse_response",
        "impl anvil_runtime::Operation",
    ] {
        assert!(
            !operation.contains(absent),
            "{absent} in a types-only crate"
        );
    }
    assert!(operation.contains("pub fn validate("));
    let error = file(&files, "src/error/too_many_notes.rs");
    assert!(
        error.contains("anvil_runtime::RetryKind::Throttling"),
        "{error}"
    );

    let no_protocol = generate(&fixture("no_protocol"), GenerateMode::TypesOnly).unwrap();
    let lib = file(&no_protocol, "src/lib.rs");
    assert!(
        lib.contains("the model gives the service no protocol trait"),
        "{lib}"
    );
}

#[test]
fn types_only_can_be_asked_for_a_supported_protocol() {
    let model = workspace_root().join("tests/fixtures/models/empty.json");
    let files = generate(&model, GenerateMode::TypesOnly).unwrap();
    let lib = file(&files, "src/lib.rs");
    assert!(lib.contains("generated with `--types-only`"), "{lib}");
    assert!(!lib.contains("OPERATIONS"));
}

#[test]
fn an_official_aws_query_model_needs_the_flag() {
    let model = shared_dir().join("models/aws/cloudsearch-2013-01-01.json");
    let error = generate(&model, GenerateMode::Client).unwrap_err();
    assert!(
        error.to_string().contains("`aws.protocols#awsQuery`"),
        "{error}"
    );
    let files = generate(&model, GenerateMode::TypesOnly).unwrap();
    assert!(file(&files, "src/lib.rs").contains("**Types only**"));
}

/// Runtime features a model needs are on in its crate, and only then: regress for a pattern
/// that needs backtracking; neither it nor gzip for the five product operations.
#[test]
fn runtime_features_follow_the_model() {
    let root = common::workspace_root();
    let files = generate(
        &root.join("tests/fixtures/models/backtracking.json"),
        GenerateMode::Client,
    )
    .expect("the fixture generates");
    assert!(
        file(&files, "Cargo.toml").contains(
            r#"anvil-runtime = { path = "../runtime", default-features = false, features = ["pattern-backtracking"] }"#
        ),
        "{}",
        file(&files, "Cargo.toml")
    );
    assert!(file(&files, "src/patterns.rs").contains("anvil_runtime::Pattern::backtracking("));
    let sdk = std::fs::read_to_string(root.join("generated/Cargo.toml")).expect("generated/");
    assert!(
        sdk.contains(r#"path = "../runtime", default-features = false }"#),
        "{sdk}"
    );
}
