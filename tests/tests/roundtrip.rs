//! Round-trip properties of the generated JSON readers and writers.
//!
//! A generator driven by the Smithy models in `models/` makes random JSON that fits a shape
//! (keyed by member names, as people write it). For each root type of the five operations
//! (inputs, outputs and every modeled error) and each random case:
//!
//! - Display: the JSON reads strictly with nothing missing; writing it in
//!   [`JsonStyle::Display`] and reading that text back strictly gives an equal value; writing
//!   the second value gives the same bytes; and the written JSON equals the generated JSON
//!   once the legitimate differences are normalized (timestamps to one instant, `null` members
//!   to absent except for documents, where `null` is a value; absent members with a `@default`
//!   to that default; numbers to one spelling).
//! - Wire (awsJson services only, where wire names are member names): writing in
//!   [`JsonStyle::Wire`] and reading back with [`JsonReader::wire`] gives an equal value, and
//!   writing that gives the same bytes.
//!
//! Every case has a fixed seed. A failure prints the root, the seed, the generated JSON and a
//! smaller JSON that fails the same way. After the cases, each model's shape closure must have
//! been visited in full, so a root missing from [`roots!`] fails the test.
//!
//! `ANVIL_ROUNDTRIP_CASES` overrides the number of cases per root (default 256).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Debug};
use std::path::PathBuf;

use anvil_codegen::model::{self, EnumValue, Model, NodeValue, ShapeId, ShapeKind};
use anvil_runtime::Path;
use anvil_runtime::json::{JsonError, JsonReader};
use anvil_runtime::wire::{JsonStyle, JsonWriter};
use serde_json::{Map, Number, Value};

/// Random cases per root and property unless `ANVIL_ROUNDTRIP_CASES` says otherwise.
const DEFAULT_CASES: u64 = 256;
/// How deep aggregate shapes nest before optional members, list items and map entries stop.
const MAX_SHAPE_DEPTH: usize = 6;
/// How deep a random document nests.
const MAX_DOCUMENT_DEPTH: usize = 4;
/// Failing cases shrunk per root and property (distinct results are reported).
const SHRUNK_EXAMPLES: usize = 8;
/// Upper bound on property checks spent shrinking one failure.
const SHRINK_BUDGET: usize = 4_000;

/// 0001-01-01T00:00:00Z in seconds since the epoch.
const MIN_SECS: i64 = -62_135_596_800;
/// 9999-12-31T23:59:59Z in seconds since the epoch.
const MAX_SECS: i64 = 253_402_300_799;

// ---------------------------------------------------------------------------------------
// The roots: (shape id in the model, generated Rust type) per service.
// ---------------------------------------------------------------------------------------

/// A generated type with the JSON entry points every structure and union has.
trait JsonShape: Sized + PartialEq + Debug {
    fn read(value: &Value, reader: &mut JsonReader) -> Result<Self, JsonError>;
    fn write(&self, style: JsonStyle) -> String;
}

/// One root type: where it sits in the model and how to run the properties on it.
struct Root {
    shape: &'static str,
    rust: &'static str,
    display: fn(&Value) -> Result<Value, Failure>,
    wire: fn(&Value) -> Result<(), Failure>,
}

/// Lists the roots per service; implements [`JsonShape`] for each type and builds
/// `all_roots()`, keyed by the service's model file name.
macro_rules! roots {
    ($($service:ident { $($shape:literal => $ty:ty,)+ })+) => {
        $($(
            impl JsonShape for $ty {
                fn read(value: &Value, reader: &mut JsonReader) -> Result<Self, JsonError> {
                    // Generated readers take the runtime's own JSON tree: go through the text.
                    let value = anvil_runtime::json::parse(&value.to_string())?;
                    <$ty>::read_json(&value, &Path::Root, reader)
                }

                fn write(&self, style: JsonStyle) -> String {
                    let mut out = JsonWriter::new(style);
                    self.write_json(&mut out);
                    out.finish()
                }
            }
        )+)+

        fn all_roots() -> BTreeMap<&'static str, Vec<Root>> {
            let mut roots = BTreeMap::new();
            $(
                roots.insert(
                    stringify!($service),
                    vec![$(Root {
                        shape: $shape,
                        rust: stringify!($ty),
                        display: display_property::<$ty>,
                        wire: wire_property::<$ty>,
                    },)+],
                );
            )+
            roots
        }
    };
}

roots! {
    identitystore {
        "com.amazonaws.identitystore#UpdateUserRequest" =>
            anvil_sdk::identitystore::operation::update_user::UpdateUserInput,
        "com.amazonaws.identitystore#UpdateUserResponse" =>
            anvil_sdk::identitystore::operation::update_user::UpdateUserOutput,
        "com.amazonaws.identitystore#AccessDeniedException" =>
            anvil_sdk::identitystore::error::AccessDeniedException,
        "com.amazonaws.identitystore#ConflictException" =>
            anvil_sdk::identitystore::error::ConflictException,
        "com.amazonaws.identitystore#InternalServerException" =>
            anvil_sdk::identitystore::error::InternalServerException,
        "com.amazonaws.identitystore#ResourceNotFoundException" =>
            anvil_sdk::identitystore::error::ResourceNotFoundException,
        "com.amazonaws.identitystore#ServiceQuotaExceededException" =>
            anvil_sdk::identitystore::error::ServiceQuotaExceededException,
        "com.amazonaws.identitystore#ThrottlingException" =>
            anvil_sdk::identitystore::error::ThrottlingException,
        "com.amazonaws.identitystore#ValidationException" =>
            anvil_sdk::identitystore::error::ValidationException,
    }
    workmail {
        "com.amazonaws.workmail#UpdateUserRequest" =>
            anvil_sdk::workmail::operation::update_user::UpdateUserInput,
        "com.amazonaws.workmail#UpdateUserResponse" =>
            anvil_sdk::workmail::operation::update_user::UpdateUserOutput,
        "com.amazonaws.workmail#DirectoryServiceAuthenticationFailedException" =>
            anvil_sdk::workmail::error::DirectoryServiceAuthenticationFailedException,
        "com.amazonaws.workmail#DirectoryUnavailableException" =>
            anvil_sdk::workmail::error::DirectoryUnavailableException,
        "com.amazonaws.workmail#EntityNotFoundException" =>
            anvil_sdk::workmail::error::EntityNotFoundException,
        "com.amazonaws.workmail#EntityStateException" =>
            anvil_sdk::workmail::error::EntityStateException,
        "com.amazonaws.workmail#InvalidParameterException" =>
            anvil_sdk::workmail::error::InvalidParameterException,
        "com.amazonaws.workmail#OrganizationNotFoundException" =>
            anvil_sdk::workmail::error::OrganizationNotFoundException,
        "com.amazonaws.workmail#OrganizationStateException" =>
            anvil_sdk::workmail::error::OrganizationStateException,
        "com.amazonaws.workmail#UnsupportedOperationException" =>
            anvil_sdk::workmail::error::UnsupportedOperationException,
    }
    datazone {
        "com.amazonaws.datazone#UpdateUserProfileInput" =>
            anvil_sdk::datazone::operation::update_user_profile::UpdateUserProfileInput,
        "com.amazonaws.datazone#UpdateUserProfileOutput" =>
            anvil_sdk::datazone::operation::update_user_profile::UpdateUserProfileOutput,
        "com.amazonaws.datazone#CreateUserProfileInput" =>
            anvil_sdk::datazone::operation::create_user_profile::CreateUserProfileInput,
        "com.amazonaws.datazone#CreateUserProfileOutput" =>
            anvil_sdk::datazone::operation::create_user_profile::CreateUserProfileOutput,
        "com.amazonaws.datazone#AccessDeniedException" =>
            anvil_sdk::datazone::error::AccessDeniedException,
        "com.amazonaws.datazone#InternalServerException" =>
            anvil_sdk::datazone::error::InternalServerException,
        "com.amazonaws.datazone#ResourceNotFoundException" =>
            anvil_sdk::datazone::error::ResourceNotFoundException,
        "com.amazonaws.datazone#ThrottlingException" =>
            anvil_sdk::datazone::error::ThrottlingException,
        "com.amazonaws.datazone#UnauthorizedException" =>
            anvil_sdk::datazone::error::UnauthorizedException,
        "com.amazonaws.datazone#ValidationException" =>
            anvil_sdk::datazone::error::ValidationException,
    }
    codestar {
        "com.amazonaws.codestar#UpdateUserProfileRequest" =>
            anvil_sdk::codestar::operation::update_user_profile::UpdateUserProfileInput,
        "com.amazonaws.codestar#UpdateUserProfileResult" =>
            anvil_sdk::codestar::operation::update_user_profile::UpdateUserProfileOutput,
        "com.amazonaws.codestar#UserProfileNotFoundException" =>
            anvil_sdk::codestar::error::UserProfileNotFoundException,
        "com.amazonaws.codestar#ValidationException" =>
            anvil_sdk::codestar::error::ValidationException,
    }
}

#[test]
fn identitystore_round_trips() {
    run_service("identitystore", true);
}

#[test]
fn workmail_round_trips() {
    run_service("workmail", true);
}

#[test]
fn datazone_round_trips() {
    // restJson1: labels leave the body on the wire, so only the Display property applies.
    run_service("datazone", false);
}

#[test]
fn codestar_round_trips() {
    run_service("codestar", true);
}

// ---------------------------------------------------------------------------------------
// The properties.
// ---------------------------------------------------------------------------------------

/// Which check failed; shrinking keeps a smaller JSON only if it fails the same way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FailureKind {
    FirstReadFailed,
    FirstMissedRequired,
    WrittenNotJson,
    SecondReadFailed,
    SecondMissedRequired,
    ValuesDiffer,
    WritingNotDeterministic,
    WrittenDiffersFromGenerated,
    WireReadFailed,
    WireValuesDiffer,
    WireNotDeterministic,
}

#[derive(Clone, Debug)]
struct Failure {
    kind: FailureKind,
    detail: String,
}

impl Failure {
    fn new(kind: FailureKind, detail: impl Into<String>) -> Self {
        Self {
            kind,
            detail: detail.into(),
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{:?}: {}", self.kind, self.detail)
    }
}

/// Reads `json` strictly, requiring that no required member was missing.
fn read_strict<T: JsonShape>(
    json: &Value,
    read_failed: FailureKind,
    missed: FailureKind,
) -> Result<T, Failure> {
    let mut reader = JsonReader::strict();
    let value =
        T::read(json, &mut reader).map_err(|error| Failure::new(read_failed, error.to_string()))?;
    if !reader.missing_required().is_empty() {
        return Err(Failure::new(
            missed,
            format!("missing required: {:?}", reader.missing_required()),
        ));
    }
    Ok(value)
}

/// The Display property; returns the written JSON for the comparison with the generated one.
fn display_property<T: JsonShape>(json: &Value) -> Result<Value, Failure> {
    use FailureKind::*;
    let first: T = read_strict(json, FirstReadFailed, FirstMissedRequired)?;
    let text = first.write(JsonStyle::Display);
    let written: Value = serde_json::from_str(&text)
        .map_err(|error| Failure::new(WrittenNotJson, format!("{error}; text: {text}")))?;
    let second: T =
        read_strict(&written, SecondReadFailed, SecondMissedRequired).map_err(|failure| {
            Failure::new(failure.kind, format!("{}; text: {text}", failure.detail))
        })?;
    if first != second {
        return Err(Failure::new(
            ValuesDiffer,
            format!("first:  {first:?}\nsecond: {second:?}\nwritten: {text}"),
        ));
    }
    let again = second.write(JsonStyle::Display);
    if again != text {
        return Err(Failure::new(
            WritingNotDeterministic,
            format!("first write:  {text}\nsecond write: {again}"),
        ));
    }
    Ok(written)
}

/// The Wire property (awsJson: wire names are the member names).
fn wire_property<T: JsonShape>(json: &Value) -> Result<(), Failure> {
    use FailureKind::*;
    let first: T = read_strict(json, FirstReadFailed, FirstMissedRequired)?;
    let text = first.write(JsonStyle::Wire);
    let written: Value = serde_json::from_str(&text)
        .map_err(|error| Failure::new(WrittenNotJson, format!("{error}; text: {text}")))?;
    let mut reader = JsonReader::wire();
    let back = T::read(&written, &mut reader)
        .map_err(|error| Failure::new(WireReadFailed, format!("{error}; text: {text}")))?;
    if first != back {
        return Err(Failure::new(
            WireValuesDiffer,
            format!("first: {first:?}\nback:  {back:?}\nwire:  {text}"),
        ));
    }
    let again = back.write(JsonStyle::Wire);
    if again != text {
        return Err(Failure::new(
            WireNotDeterministic,
            format!("first write:  {text}\nsecond write: {again}"),
        ));
    }
    Ok(())
}

/// The Display property plus the comparison of written and generated JSON.
fn check_display(model: &Model, shape: &ShapeId, root: &Root, json: &Value) -> Result<(), Failure> {
    let written = (root.display)(json)?;
    let expected = normalize(model, shape, json);
    let actual = normalize(model, shape, &written);
    if expected != actual {
        return Err(Failure::new(
            FailureKind::WrittenDiffersFromGenerated,
            format!("normalized generated: {expected}\nnormalized written:   {actual}"),
        ));
    }
    Ok(())
}

/// Which property a case runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Property {
    Display,
    Wire,
}

fn check(
    model: &Model,
    shape: &ShapeId,
    root: &Root,
    property: Property,
    json: &Value,
) -> Result<(), Failure> {
    match property {
        Property::Display => check_display(model, shape, root, json),
        Property::Wire => (root.wire)(&without_header_members(model, shape, json)),
    }
}

/// An error's members bound to headers (`Retry-After`) travel in headers, not in the JSON
/// body, so the Wire property leaves them out.
fn without_header_members(model: &Model, shape: &ShapeId, json: &Value) -> Value {
    let Some(found) = model.shape(shape) else {
        return json.clone();
    };
    let (ShapeKind::Structure(members), Value::Object(object)) = (&found.kind, json) else {
        return json.clone();
    };
    if found.traits.error.is_none() {
        return json.clone();
    }
    let mut object = object.clone();
    for member in members {
        if member.traits.http_header.is_some() {
            object.remove(&member.name);
        }
    }
    Value::Object(object)
}

fn cases_per_root() -> u64 {
    match std::env::var("ANVIL_ROUNDTRIP_CASES") {
        Ok(text) => text
            .parse()
            .unwrap_or_else(|_| panic!("ANVIL_ROUNDTRIP_CASES must be a number, not {text:?}")),
        Err(_) => DEFAULT_CASES,
    }
}

/// A fixed seed per (root, property, case): FNV-1a of the names, mixed with the case number.
fn case_seed(shape: &str, property: Property, case: u64) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in shape.bytes().chain(format!("{property:?}").bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    splitmix64(hash ^ case.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

fn load_model(service: &str) -> Model {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../models")
        .join(format!("{service}.json"));
    model::load_file(&path).unwrap_or_else(|error| panic!("{error}"))
}

/// Runs both properties over every root of `service`, then checks shape coverage.
fn run_service(service: &str, awsjson: bool) {
    let model = load_model(service);
    let all = all_roots();
    let roots = all
        .get(service)
        .unwrap_or_else(|| panic!("no roots listed for {service}"));
    let cases = cases_per_root();
    let properties: &[Property] = if awsjson {
        &[Property::Display, Property::Wire]
    } else {
        &[Property::Display]
    };

    let mut visited = BTreeSet::new();
    let mut failures = Vec::new();
    let mut runs = 0u64;
    for root in roots {
        let shape = ShapeId::parse(root.shape).unwrap_or_else(|error| panic!("{error}"));
        match model.shape(&shape).map(|found| &found.kind) {
            Some(ShapeKind::Structure(_) | ShapeKind::Union(_)) => {}
            other => panic!(
                "root {} is not a structure or union in the model: {other:?}",
                root.shape
            ),
        }
        for &property in properties {
            let mut failed = 0u64;
            let mut examples = Vec::new();
            for case in 0..cases {
                let seed = case_seed(root.shape, property, case);
                let json = Generator::new(&model, seed, &mut visited).value(&shape, 0);
                runs += 1;
                if let Err(failure) = check(&model, &shape, root, property, &json) {
                    failed += 1;
                    if examples.len() < SHRUNK_EXAMPLES {
                        examples.push((case, seed, json, failure));
                    }
                }
            }
            if failed == 0 {
                continue;
            }
            // Shrink a few failing cases; report each distinct minimal JSON once.
            let mut reports = Vec::new();
            let mut seen = BTreeSet::new();
            for (case, seed, json, failure) in examples {
                let minimal = sorted_deep(&shrink(&model, &shape, &json, |candidate| {
                    check(&model, &shape, root, property, candidate)
                        .err()
                        .is_some_and(|again| again.kind == failure.kind)
                }));
                if !seen.insert(minimal.to_string()) {
                    continue;
                }
                let minimal_failure = check(&model, &shape, root, property, &minimal)
                    .expect_err("the shrunk JSON still fails");
                reports.push(format!(
                    "  case {case}, seed {seed:#018x}\n  generated JSON: {json}\n  {failure}\n  \
                     minimal JSON: {minimal}\n  minimal failure: {minimal_failure}"
                ));
            }
            failures.push(format!(
                "{service} {} ({}) {property:?}: {failed}/{cases} cases failed; \
                 {} distinct minimal case(s):\n{}",
                root.shape,
                root.rust.replace(' ', ""),
                reports.len(),
                reports.join("\n  --\n"),
            ));
        }
    }

    let missing = coverage_gaps(&model, &visited);
    println!(
        "{service}: {runs} cases over {} roots; {} of {} closure shapes visited ({})",
        roots.len(),
        visited.iter().filter(|id| !id.is_prelude()).count(),
        closure_shapes(&model).len(),
        kind_counts(&model, &visited),
    );
    assert!(
        missing.is_empty(),
        "{service}: the roots never reached these shapes of the operations' closure \
         (add their roots): {missing:?}"
    );
    assert!(
        failures.is_empty(),
        "{} round-trip failure(s):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// Shapes of the services' closure (not services, operations or resources) never visited.
fn coverage_gaps(model: &Model, visited: &BTreeSet<ShapeId>) -> Vec<String> {
    closure_shapes(model)
        .into_iter()
        .filter(|id| !visited.contains(id))
        .map(|id| {
            let kind = model.shape(&id).map_or("?", |shape| shape.kind.type_name());
            format!("{id} ({kind})")
        })
        .collect()
}

/// Every shape reachable from the services' operations and errors, except the service,
/// operation and resource shapes themselves.
fn closure_shapes(model: &Model) -> BTreeSet<ShapeId> {
    let mut starts = Vec::new();
    for (shape, service) in model.services() {
        starts.extend(model::service_operations(model, &shape.id));
        starts.extend(service.errors.iter().cloned());
    }
    model::closure(model, starts)
        .into_iter()
        .filter(|id| {
            !matches!(
                model.shape(id).map(|shape| &shape.kind),
                Some(ShapeKind::Service(_) | ShapeKind::Operation(_) | ShapeKind::Resource(_))
            )
        })
        .collect()
}

fn kind_counts(model: &Model, visited: &BTreeSet<ShapeId>) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for id in visited.iter().filter(|id| !id.is_prelude()) {
        if let Some(shape) = model.shape(id) {
            *counts.entry(shape.kind.type_name()).or_default() += 1;
        }
    }
    counts
        .iter()
        .map(|(kind, count)| format!("{count} {kind}"))
        .collect::<Vec<_>>()
        .join(", ")
}

// ---------------------------------------------------------------------------------------
// Shrinking: drop optional members and items, shorten strings and documents, while the
// JSON still fits the shape and the failure stays the same.
// ---------------------------------------------------------------------------------------

fn shrink(
    model: &Model,
    shape: &ShapeId,
    json: &Value,
    still_fails: impl Fn(&Value) -> bool,
) -> Value {
    let mut current = json.clone();
    let mut budget = SHRINK_BUDGET;
    'outer: loop {
        for candidate in smaller(model, shape, &current) {
            if budget == 0 {
                break 'outer;
            }
            budget -= 1;
            if still_fails(&candidate) {
                current = candidate;
                continue 'outer;
            }
        }
        break;
    }
    current
}

/// Values one step smaller than `value` that still fit the shape `id`.
fn smaller(model: &Model, id: &ShapeId, value: &Value) -> Vec<Value> {
    let Some(shape) = model.shape(id) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    match (&shape.kind, value) {
        (ShapeKind::Structure(members) | ShapeKind::Union(members), Value::Object(entries)) => {
            let is_union = matches!(shape.kind, ShapeKind::Union(_));
            for (key, item) in entries {
                let member = members.iter().find(|member| &member.name == key);
                let removable =
                    item.is_null() || (!is_union && member.is_some_and(|m| !m.traits.required));
                if removable {
                    let mut fewer = entries.clone();
                    fewer.shift_remove(key);
                    out.push(Value::Object(fewer));
                }
            }
            for (key, item) in entries {
                let Some(member) = members.iter().find(|member| &member.name == key) else {
                    continue;
                };
                if item.is_null() {
                    continue;
                }
                for smaller_item in smaller(model, &member.target, item) {
                    let mut changed = entries.clone();
                    changed.insert(key.clone(), smaller_item);
                    out.push(Value::Object(changed));
                }
            }
        }
        (ShapeKind::List(member), Value::Array(items)) => {
            for index in 0..items.len() {
                let mut fewer = items.clone();
                fewer.remove(index);
                out.push(Value::Array(fewer));
            }
            for (index, item) in items.iter().enumerate().filter(|(_, item)| !item.is_null()) {
                for smaller_item in smaller(model, &member.target, item) {
                    let mut changed = items.clone();
                    changed[index] = smaller_item;
                    out.push(Value::Array(changed));
                }
            }
        }
        (ShapeKind::Map { value: member, .. }, Value::Object(entries)) => {
            for key in entries.keys() {
                let mut fewer = entries.clone();
                fewer.shift_remove(key);
                out.push(Value::Object(fewer));
            }
            for (key, item) in entries.iter().filter(|(_, item)| !item.is_null()) {
                for smaller_item in smaller(model, &member.target, item) {
                    let mut changed = entries.clone();
                    changed.insert(key.clone(), smaller_item);
                    out.push(Value::Object(changed));
                }
            }
        }
        (ShapeKind::String | ShapeKind::Enum(_), Value::String(text)) => {
            out.extend(shorter_strings(text).into_iter().map(Value::String));
        }
        (ShapeKind::Document, _) => out.extend(smaller_documents(value)),
        _ => {}
    }
    out
}

/// Any JSON, one step smaller.
fn smaller_documents(value: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    match value {
        Value::Object(entries) => {
            out.extend(entries.values().cloned());
            for key in entries.keys() {
                let mut fewer = entries.clone();
                fewer.shift_remove(key);
                out.push(Value::Object(fewer));
            }
            for (key, item) in entries {
                for shorter in shorter_strings(key) {
                    if !entries.contains_key(&shorter) {
                        let mut renamed = entries.clone();
                        renamed.shift_remove(key);
                        renamed.insert(shorter, item.clone());
                        out.push(Value::Object(renamed));
                    }
                }
            }
            for (key, item) in entries {
                for smaller_item in smaller_documents(item) {
                    let mut changed = entries.clone();
                    changed.insert(key.clone(), smaller_item);
                    out.push(Value::Object(changed));
                }
            }
        }
        Value::Array(items) => {
            out.extend(items.iter().cloned());
            for index in 0..items.len() {
                let mut fewer = items.clone();
                fewer.remove(index);
                out.push(Value::Array(fewer));
            }
            for (index, item) in items.iter().enumerate() {
                for smaller_item in smaller_documents(item) {
                    let mut changed = items.clone();
                    changed[index] = smaller_item;
                    out.push(Value::Array(changed));
                }
            }
        }
        Value::String(text) => out.extend(shorter_strings(text).into_iter().map(Value::String)),
        _ => {}
    }
    out
}

/// `value` with every object's members sorted by name, for comparing failures.
fn sorted_deep(value: &Value) -> Value {
    match value {
        Value::Object(entries) => Value::Object(sorted(
            entries
                .iter()
                .map(|(key, item)| (key.clone(), sorted_deep(item)))
                .collect(),
        )),
        Value::Array(items) => Value::Array(items.iter().map(sorted_deep).collect()),
        other => other.clone(),
    }
}

fn shorter_strings(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    if chars.is_empty() {
        return out;
    }
    out.push(String::new());
    if chars.len() > 1 {
        let half = chars.len() / 2;
        out.push(chars[..half].iter().collect());
        out.push(chars[half..].iter().collect());
        for index in 0..chars.len() {
            let mut fewer = chars.clone();
            fewer.remove(index);
            out.push(fewer.into_iter().collect());
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// The random source: xorshift64*, seeded through splitmix64.
// ---------------------------------------------------------------------------------------

fn splitmix64(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        // xorshift needs a non-zero state.
        Self(splitmix64(seed) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..bound` (`bound` > 0).
    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound
    }

    /// A length or count in `0..bound`.
    fn index(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }

    /// True with probability `numerator / denominator`.
    fn chance(&mut self, numerator: u64, denominator: u64) -> bool {
        self.below(denominator) < numerator
    }

    /// A number in `low..=high`.
    fn between(&mut self, low: i64, high: i64) -> i64 {
        let span = (i128::from(high) - i128::from(low) + 1) as u128;
        let offset = u128::from(self.next()) % span;
        (i128::from(low) + offset as i128) as i64
    }

    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.index(items.len())].clone()
    }
}

// ---------------------------------------------------------------------------------------
// The model-driven JSON generator.
// ---------------------------------------------------------------------------------------

/// Characters that tend to break JSON escaping or UTF-8 handling.
const AWKWARD_CHARS: &[char] = &[
    '"',
    '\\',
    '/',
    '\'',
    '\u{0}',
    '\u{1}',
    '\u{8}',
    '\u{9}',
    '\u{a}',
    '\u{c}',
    '\u{d}',
    '\u{1f}',
    '\u{7f}',
    '\u{80}',
    '\u{a0}',
    '\u{2028}',
    '\u{2029}',
    '\u{feff}',
    '\u{fffd}',
    '\u{ffff}',
    'é',
    'ß',
    '中',
    '\u{301}',
    '😀',
    '🦀',
    '\u{10000}',
    '\u{10ffff}',
    '$',
    '<',
    '&',
];

struct Generator<'a> {
    model: &'a Model,
    rng: Rng,
    visited: &'a mut BTreeSet<ShapeId>,
}

impl<'a> Generator<'a> {
    fn new(model: &'a Model, seed: u64, visited: &'a mut BTreeSet<ShapeId>) -> Self {
        Self {
            model,
            rng: Rng::new(seed),
            visited,
        }
    }

    /// A random JSON value that fits the shape `id`, keyed by member names.
    fn value(&mut self, id: &ShapeId, depth: usize) -> Value {
        let model = self.model;
        let shape = model
            .shape(id)
            .unwrap_or_else(|| panic!("{id} is not in the model"));
        self.visited.insert(id.clone());
        let deep = depth >= MAX_SHAPE_DEPTH;
        match &shape.kind {
            ShapeKind::Structure(members) => {
                let mut object = Map::new();
                for member in members {
                    if member.traits.required || (!deep && self.rng.chance(1, 2)) {
                        let item = self.value(&member.target, depth + 1);
                        object.insert(member.name.clone(), item);
                    } else if self.rng.chance(1, 8) {
                        // Explicit null reads as absent.
                        object.insert(member.name.clone(), Value::Null);
                    }
                }
                Value::Object(self.shuffled(object))
            }
            ShapeKind::Union(members) => {
                let chosen = self.rng.index(members.len());
                let mut object = Map::new();
                for (index, member) in members.iter().enumerate() {
                    if index == chosen {
                        let item = self.value(&member.target, depth + 1);
                        object.insert(member.name.clone(), item);
                    } else if self.rng.chance(1, 6) {
                        // Null members of a union are not set.
                        object.insert(member.name.clone(), Value::Null);
                    }
                }
                Value::Object(self.shuffled(object))
            }
            ShapeKind::List(member) => {
                let count = if deep { 0 } else { self.rng.index(5) };
                let sparse = shape.traits.sparse;
                let items = (0..count)
                    .map(|_| {
                        if sparse && self.rng.chance(1, 4) {
                            Value::Null
                        } else {
                            self.value(&member.target, depth + 1)
                        }
                    })
                    .collect();
                // The member shape is visited even when no item is made.
                self.visited.insert(member.target.clone());
                Value::Array(items)
            }
            ShapeKind::Map { key, value } => {
                let count = if deep { 0 } else { self.rng.index(4) };
                let sparse = shape.traits.sparse;
                let mut object = Map::new();
                for _ in 0..count {
                    let key_value = self.value(&key.target, depth + 1);
                    let key_text = key_value
                        .as_str()
                        .unwrap_or_else(|| panic!("map key shape {} is not a string", key.target))
                        .to_string();
                    let item = if sparse && self.rng.chance(1, 4) {
                        Value::Null
                    } else {
                        self.value(&value.target, depth + 1)
                    };
                    object.insert(key_text, item);
                }
                self.visited.insert(key.target.clone());
                self.visited.insert(value.target.clone());
                Value::Object(object)
            }
            ShapeKind::Enum(members) => {
                let listed: Vec<String> = members
                    .iter()
                    .filter_map(|member| match &member.traits.enum_value {
                        Some(EnumValue::String(text)) => Some(text.clone()),
                        _ => None,
                    })
                    .collect();
                Value::String(self.enum_text(&listed))
            }
            ShapeKind::IntEnum(members) => {
                let listed: Vec<i64> = members
                    .iter()
                    .filter_map(|member| match &member.traits.enum_value {
                        Some(EnumValue::Int(number)) => Some(*number),
                        _ => None,
                    })
                    .collect();
                if !listed.is_empty() && self.rng.chance(3, 4) {
                    Value::from(self.rng.pick(&listed))
                } else {
                    Value::from(self.integer(i64::from(i32::MIN), i64::from(i32::MAX)))
                }
            }
            ShapeKind::String => match &shape.traits.legacy_enum {
                Some(entries) => {
                    let listed: Vec<String> =
                        entries.iter().map(|entry| entry.value.clone()).collect();
                    Value::String(self.enum_text(&listed))
                }
                None => Value::String(self.string()),
            },
            ShapeKind::Boolean => Value::Bool(self.rng.chance(1, 2)),
            ShapeKind::Byte => Value::from(self.integer(i64::from(i8::MIN), i64::from(i8::MAX))),
            ShapeKind::Short => Value::from(self.integer(i64::from(i16::MIN), i64::from(i16::MAX))),
            ShapeKind::Integer => {
                Value::from(self.integer(i64::from(i32::MIN), i64::from(i32::MAX)))
            }
            ShapeKind::Long => Value::from(self.integer(i64::MIN, i64::MAX)),
            ShapeKind::Float => self.float(),
            ShapeKind::Double => self.double(),
            ShapeKind::BigInteger => self.big_number(false),
            ShapeKind::BigDecimal => self.big_number(true),
            ShapeKind::Timestamp => self.timestamp(),
            ShapeKind::Blob => Value::String(base64(&self.bytes())),
            ShapeKind::Document => self.document(0),
            ShapeKind::Service(_) | ShapeKind::Operation(_) | ShapeKind::Resource(_) => {
                panic!("{id} is a {} and has no JSON form", shape.kind.type_name())
            }
        }
    }

    /// Object members in a random order: readers must not depend on it.
    fn shuffled(&mut self, object: Map<String, Value>) -> Map<String, Value> {
        let mut entries: Vec<(String, Value)> = object.into_iter().collect();
        for index in (1..entries.len()).rev() {
            let other = self.rng.index(index + 1);
            entries.swap(index, other);
        }
        entries.into_iter().collect()
    }

    /// A listed value most of the time, otherwise a value the model does not list.
    fn enum_text(&mut self, listed: &[String]) -> String {
        if !listed.is_empty() && self.rng.chance(3, 4) {
            return self.rng.pick(listed);
        }
        match self.rng.below(4) {
            0 => "FUTURE_VALUE".to_string(),
            1 => String::new(),
            _ => self.string(),
        }
    }

    fn string(&mut self) -> String {
        let length = match self.rng.below(8) {
            0 => 0,
            1..=5 => 1 + self.rng.index(8),
            _ => 1 + self.rng.index(40),
        };
        (0..length).map(|_| self.char()).collect()
    }

    fn char(&mut self) -> char {
        match self.rng.below(10) {
            0..=4 => char::from(b' ' + self.rng.below(95) as u8),
            5..=6 => self.rng.pick(AWKWARD_CHARS),
            7 => char::from(self.rng.below(0x20) as u8),
            8 => loop {
                // Any scalar value of the Basic Multilingual Plane.
                if let Some(found) = char::from_u32(self.rng.below(0x1_0000) as u32) {
                    break found;
                }
            },
            _ => char::from_u32(0x1_0000 + self.rng.below(0x10_0000) as u32)
                .expect("astral planes hold no surrogates"),
        }
    }

    /// An integer in `low..=high`, with the ends and small values likely.
    fn integer(&mut self, low: i64, high: i64) -> i64 {
        match self.rng.below(8) {
            0 => low,
            1 => high,
            2 => 0,
            3 => self.rng.between(-2, 2).clamp(low, high),
            4 => self.rng.pick(&[low + 1, high - 1, -1, 1]).clamp(low, high),
            _ => self.rng.between(low, high),
        }
    }

    fn double(&mut self) -> Value {
        const SPECIAL: &[f64] = &[
            0.0,
            -0.0,
            1.0,
            -1.5,
            0.1,
            1e-7,
            123_456_789.125,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            5e-324,
            -5e-324,
            1e300,
            -2.5e-300,
            9_007_199_254_740_993.0,
        ];
        // Spellings a person might write; each is a finite double.
        const TEXTS: &[&str] = &["5", "-0", "1E3", "2.5e-5", "-7e+2", "0.000001", "1e22"];
        match self.rng.below(6) {
            0 => Value::from(self.rng.pick(SPECIAL)),
            1 => number(self.rng.pick(TEXTS)),
            2 => Value::from(self.rng.between(-1_000_000, 1_000_000) as f64 / 64.0),
            _ => loop {
                let candidate = f64::from_bits(self.rng.next());
                if candidate.is_finite() {
                    break Value::from(candidate);
                }
            },
        }
    }

    fn float(&mut self) -> Value {
        const SPECIAL: &[f32] = &[
            0.0,
            -0.0,
            1.0,
            0.1,
            f32::MAX,
            f32::MIN,
            f32::MIN_POSITIVE,
            1e-45,
        ];
        let value = if self.rng.chance(1, 3) {
            self.rng.pick(SPECIAL)
        } else {
            loop {
                let candidate = f32::from_bits(self.rng.next() as u32);
                if candidate.is_finite() {
                    break candidate;
                }
            }
        };
        Value::from(f64::from(value))
    }

    /// A big number: a JSON number with many digits, sometimes a string holding one.
    fn big_number(&mut self, decimal: bool) -> Value {
        let mut text = String::new();
        if self.rng.chance(1, 2) {
            text.push('-');
        }
        let digits = 1 + self.rng.index(40);
        text.push(char::from(b'1' + self.rng.below(9) as u8));
        for _ in 1..digits {
            text.push(char::from(b'0' + self.rng.below(10) as u8));
        }
        if self.rng.chance(1, 8) {
            text = "0".to_string();
        }
        if decimal && self.rng.chance(1, 2) {
            text.push('.');
            for _ in 0..=self.rng.index(20) {
                text.push(char::from(b'0' + self.rng.below(10) as u8));
            }
        }
        if decimal && self.rng.chance(1, 3) {
            text.push_str(&format!("e{}", self.rng.between(-400, 400)));
        }
        if self.rng.chance(1, 4) {
            Value::String(text)
        } else {
            number(&text)
        }
    }

    fn bytes(&mut self) -> Vec<u8> {
        let length = self.rng.index(24);
        (0..length).map(|_| self.rng.next() as u8).collect()
    }

    /// A timestamp: an RFC 3339 string or epoch seconds, within years 1 to 9999.
    fn timestamp(&mut self) -> Value {
        let seconds = match self.rng.below(8) {
            0 => self.rng.pick(&[
                MIN_SECS,
                MAX_SECS,
                0,
                -1,
                946_845_296,
                951_782_400,    // 2000-02-29
                -2_203_891_200, // 1900-03-01
                4_107_542_400,  // 2100-03-01
            ]),
            1 => self.rng.between(-2_000_000_000, 4_000_000_000),
            _ => self.rng.between(MIN_SECS, MAX_SECS),
        };
        let nanos = match self.rng.below(5) {
            0 | 1 => 0,
            2 => self.rng.below(1_000) as u32 * 1_000_000,
            3 => self.rng.below(1_000_000) as u32 * 1_000,
            _ => self.rng.below(1_000_000_000) as u32,
        };
        if self.rng.chance(1, 2) {
            Value::String(self.rfc3339(seconds, nanos))
        } else {
            number(&self.epoch_seconds(seconds, nanos))
        }
    }

    fn rfc3339(&mut self, seconds: i64, nanos: u32) -> String {
        let mut offset_minutes = if self.rng.chance(1, 3) {
            self.rng.between(-(23 * 60 + 59), 23 * 60 + 59)
        } else {
            0
        };
        let mut local = seconds + offset_minutes * 60;
        if !(MIN_SECS..=MAX_SECS).contains(&local) {
            offset_minutes = 0;
            local = seconds;
        }
        let (year, month, day) = civil_from_days(local.div_euclid(86_400));
        let of_day = local.rem_euclid(86_400);
        let separator = if self.rng.chance(1, 8) { 't' } else { 'T' };
        let mut text = format!(
            "{year:04}-{month:02}-{day:02}{separator}{:02}:{:02}:{:02}",
            of_day / 3600,
            of_day / 60 % 60,
            of_day % 60
        );
        let fraction = format!("{nanos:09}");
        let needed = fraction.trim_end_matches('0').len();
        if needed > 0 || self.rng.chance(1, 4) {
            let shown = self.rng.between(needed.max(1) as i64, 9) as usize;
            text.push('.');
            text.push_str(&fraction[..shown]);
        }
        if offset_minutes == 0 {
            text.push_str(self.rng.pick(&["Z", "Z", "Z", "z", "+00:00", "-00:00"]));
        } else {
            let sign = if offset_minutes < 0 { '-' } else { '+' };
            let magnitude = offset_minutes.abs();
            text.push_str(&format!(
                "{sign}{:02}:{:02}",
                magnitude / 60,
                magnitude % 60
            ));
        }
        text
    }

    /// Epoch seconds as a JSON number's text, plain or with an exponent.
    fn epoch_seconds(&mut self, seconds: i64, nanos: u32) -> String {
        let total = i128::from(seconds) * 1_000_000_000 + i128::from(nanos);
        let sign = if total < 0 { "-" } else { "" };
        let magnitude = total.unsigned_abs();
        let whole = (magnitude / 1_000_000_000).to_string();
        let mut fraction = format!("{:09}", magnitude % 1_000_000_000)
            .trim_end_matches('0')
            .to_string();
        if !fraction.is_empty() && self.rng.chance(1, 4) {
            // Trailing zeros change nothing.
            fraction.push_str("00");
        }
        match self.rng.below(6) {
            // 0.<digits>e<n>
            0 => format!("{sign}0.{whole}{fraction}e{}", whole.len()),
            // <digits>E-<n>
            1 if !fraction.is_empty() => {
                // JSON allows no leading zeros.
                let digits = format!("{whole}{fraction}");
                let digits = digits.trim_start_matches('0');
                format!("{sign}{digits}E-{}", fraction.len())
            }
            _ if fraction.is_empty() => format!("{sign}{whole}"),
            _ => format!("{sign}{whole}.{fraction}"),
        }
    }

    /// Random JSON of every type, nested up to [`MAX_DOCUMENT_DEPTH`].
    fn document(&mut self, depth: usize) -> Value {
        let kinds = if depth >= MAX_DOCUMENT_DEPTH { 5 } else { 8 };
        match self.rng.below(kinds) {
            0 => Value::Null,
            1 => Value::Bool(self.rng.chance(1, 2)),
            2 | 3 => self.document_number(),
            4 => Value::String(self.string()),
            5 | 6 => Value::Array(
                (0..self.rng.index(5))
                    .map(|_| self.document(depth + 1))
                    .collect(),
            ),
            _ => {
                let mut object = Map::new();
                for _ in 0..self.rng.index(5) {
                    let key = self.string();
                    let item = self.document(depth + 1);
                    object.insert(key, item);
                }
                Value::Object(object)
            }
        }
    }

    fn document_number(&mut self) -> Value {
        const TEXTS: &[&str] = &[
            "0",
            "-0",
            "-0.0",
            "1E5",
            "1e-7",
            "2.5E+3",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
            "-9223372036854775809",
            "123456789012345678901234567890",
            "1.7976931348623157e308",
            "5e-324",
            "0.1",
        ];
        match self.rng.below(5) {
            0 => number(self.rng.pick(TEXTS)),
            1 => Value::from(self.rng.next()),
            2 => Value::from(self.rng.next() as i64),
            3 => Value::from(self.rng.between(-1000, 1000)),
            _ => self.double(),
        }
    }
}

/// A JSON number with exactly this text (the workspace's serde_json keeps number text).
fn number(text: &str) -> Value {
    Value::Number(
        serde_json::from_str::<Number>(text)
            .unwrap_or_else(|error| panic!("{text:?} is not a JSON number: {error}")),
    )
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for index in 0..4 {
            if index <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * index) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Normalization: what may legitimately differ between generated and written JSON.
// ---------------------------------------------------------------------------------------

/// `value` (which fits shape `id`) with nulls dropped, defaults filled, timestamps as one
/// instant text and numbers in one spelling.
fn normalize(model: &Model, id: &ShapeId, value: &Value) -> Value {
    let shape = model
        .shape(id)
        .unwrap_or_else(|| panic!("{id} is not in the model"));
    match &shape.kind {
        ShapeKind::Structure(members) => {
            let object = value.as_object().expect("a structure is an object");
            let mut out = Map::new();
            for member in members {
                let is_document = matches!(
                    model.shape(&member.target).map(|target| &target.kind),
                    Some(ShapeKind::Document)
                );
                match object.get(&member.name) {
                    // A null document is a value (Document::Null), not an absent member.
                    Some(item) if !item.is_null() || is_document => {
                        out.insert(member.name.clone(), normalize(model, &member.target, item));
                    }
                    _ => match &member.traits.default {
                        Some(default) if *default != NodeValue::Null => {
                            let default = default.to_json();
                            out.insert(
                                member.name.clone(),
                                normalize(model, &member.target, &default),
                            );
                        }
                        _ => {}
                    },
                }
            }
            Value::Object(sorted(out))
        }
        ShapeKind::Union(members) => {
            let object = value.as_object().expect("a union is an object");
            let mut out = Map::new();
            for member in members {
                if let Some(item) = object.get(&member.name).filter(|item| !item.is_null()) {
                    out.insert(member.name.clone(), normalize(model, &member.target, item));
                }
            }
            Value::Object(out)
        }
        ShapeKind::List(member) => Value::Array(
            value
                .as_array()
                .expect("a list is an array")
                .iter()
                .map(|item| {
                    if item.is_null() {
                        Value::Null
                    } else {
                        normalize(model, &member.target, item)
                    }
                })
                .collect(),
        ),
        ShapeKind::Map { value: member, .. } => {
            let object = value.as_object().expect("a map is an object");
            let out = object
                .iter()
                .map(|(key, item)| {
                    let item = if item.is_null() {
                        Value::Null
                    } else {
                        normalize(model, &member.target, item)
                    };
                    (key.clone(), item)
                })
                .collect();
            Value::Object(sorted(out))
        }
        ShapeKind::Byte
        | ShapeKind::Short
        | ShapeKind::Integer
        | ShapeKind::Long
        | ShapeKind::IntEnum(_) => Value::from(value.as_i64().expect("an integer")),
        ShapeKind::Float | ShapeKind::Double => Value::from(value.as_f64().expect("a number")),
        ShapeKind::BigInteger | ShapeKind::BigDecimal => Value::String(match value {
            Value::String(text) => text.clone(),
            other => other.to_string(),
        }),
        ShapeKind::Timestamp => {
            let (seconds, nanos) = instant(value);
            Value::String(format!("{seconds}s+{nanos}ns"))
        }
        ShapeKind::Document => document_normal(value),
        _ => value.clone(),
    }
}

/// A document with numbers spelled one way: integers that fit 64 bits exactly, every other
/// number as the nearest double (what a document keeps).
fn document_normal(value: &Value) -> Value {
    match value {
        Value::Number(number) => {
            let text = number.to_string();
            let is_integer = !text.contains(['.', 'e', 'E']);
            if let (true, Ok(unsigned)) = (is_integer, text.parse::<u64>()) {
                Value::from(unsigned)
            } else if let (true, Ok(signed)) = (is_integer, text.parse::<i64>()) {
                Value::from(signed)
            } else {
                Value::from(text.parse::<f64>().expect("a finite number"))
            }
        }
        Value::Array(items) => Value::Array(items.iter().map(document_normal).collect()),
        Value::Object(entries) => Value::Object(sorted(
            entries
                .iter()
                .map(|(key, item)| (key.clone(), document_normal(item)))
                .collect(),
        )),
        other => other.clone(),
    }
}

fn sorted(object: Map<String, Value>) -> Map<String, Value> {
    let mut entries: Vec<(String, Value)> = object.into_iter().collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    entries.into_iter().collect()
}

/// The instant a timestamp's JSON names: whole seconds (rounded down) and nanoseconds.
/// Parsed here, independently of the runtime.
fn instant(value: &Value) -> (i64, u32) {
    match value {
        Value::Number(number) => instant_of_epoch_text(&number.to_string()),
        Value::String(text) => instant_of_rfc3339(text),
        other => panic!("not a timestamp: {other}"),
    }
}

fn instant_of_epoch_text(text: &str) -> (i64, u32) {
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(at) => (
            &text[..at],
            text[at + 1..].parse::<i32>().expect("an exponent"),
        ),
        None => (text, 0),
    };
    let (negative, digits) = match mantissa.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, mantissa),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = format!("{whole}{fraction}");
    let mut nanos: i128 = all_digits.parse().expect("digits");
    let shift = exponent + 9 - fraction.len() as i32;
    if shift >= 0 {
        nanos *= 10i128.pow(shift as u32);
    } else {
        nanos /= 10i128.pow(shift.unsigned_abs());
    }
    if negative {
        nanos = -nanos;
    }
    let seconds = nanos.div_euclid(1_000_000_000);
    let subsecond = nanos.rem_euclid(1_000_000_000);
    (seconds as i64, subsecond as u32)
}

fn instant_of_rfc3339(text: &str) -> (i64, u32) {
    let field = |range: std::ops::Range<usize>| -> i64 {
        text.get(range.clone())
            .and_then(|part| part.parse().ok())
            .unwrap_or_else(|| panic!("bad RFC 3339 field {range:?} in {text:?}"))
    };
    let (year, month, day) = (field(0..4), field(5..7), field(8..10));
    let (hour, minute, second) = (field(11..13), field(14..16), field(17..19));
    let mut rest = &text[19..];
    let mut nanos = 0u32;
    if let Some(after_point) = rest.strip_prefix('.') {
        let digits = after_point.chars().take_while(char::is_ascii_digit).count();
        let padded = format!("{:0<9}", &after_point[..digits]);
        nanos = padded[..9].parse().expect("fraction digits");
        rest = &after_point[digits..];
    }
    let offset_seconds = match rest {
        "Z" | "z" => 0,
        _ => {
            let sign = if rest.starts_with('-') { -1 } else { 1 };
            let hours: i64 = rest[1..3].parse().expect("offset hours");
            let minutes: i64 = rest[4..6].parse().expect("offset minutes");
            sign * (hours * 3600 + minutes * 60)
        }
    };
    let days = days_from_civil(year, month as u32, day as u32);
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset_seconds;
    (seconds, nanos)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = i64::from((month + 9) % 12);
    let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The proleptic Gregorian date of a day count since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let shifted = days + 719_468;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_from_march + 2) / 5 + 1) as u32;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

// ---------------------------------------------------------------------------------------
// Checks of the test's own machinery.
// ---------------------------------------------------------------------------------------

#[test]
fn calendar_helpers_agree_with_known_instants() {
    assert_eq!(days_from_civil(1970, 1, 1), 0);
    assert_eq!(days_from_civil(1, 1, 1) * 86_400, MIN_SECS);
    assert_eq!(days_from_civil(9999, 12, 31) * 86_400 + 86_399, MAX_SECS);
    assert_eq!(instant_of_rfc3339("2000-01-02T20:34:56Z"), (946_845_296, 0));
    assert_eq!(
        instant_of_rfc3339("2000-01-02T22:04:56.5+01:30"),
        (946_845_296, 500_000_000)
    );
    assert_eq!(
        instant_of_epoch_text("946845296.123"),
        (946_845_296, 123_000_000)
    );
    assert_eq!(instant_of_epoch_text("-0.5"), (-1, 500_000_000));
    assert_eq!(
        instant_of_epoch_text("0.9468452961e9"),
        (946_845_296, 100_000_000)
    );
    assert_eq!(instant_of_epoch_text("1500E-3"), (1, 500_000_000));
    let mut rng = Rng::new(7);
    for _ in 0..10_000 {
        let days = rng.between(MIN_SECS / 86_400, MAX_SECS / 86_400);
        let (year, month, day) = civil_from_days(days);
        assert_eq!(
            days_from_civil(year, month, day),
            days,
            "{year}-{month}-{day}"
        );
    }
}

#[test]
fn generated_timestamps_name_the_instant_they_were_made_from() {
    let model = load_model("codestar");
    let mut visited = BTreeSet::new();
    let mut generator = Generator::new(&model, 11, &mut visited);
    for _ in 0..5_000 {
        let seconds = if generator.rng.chance(1, 4) {
            generator.rng.between(-3, 3)
        } else {
            generator.rng.between(MIN_SECS, MAX_SECS)
        };
        let nanos = generator.rng.below(1_000_000_000) as u32;
        let text = generator.rfc3339(seconds, nanos);
        assert_eq!(instant_of_rfc3339(&text), (seconds, nanos), "{text}");
        let text = generator.epoch_seconds(seconds, nanos);
        assert!(
            serde_json::from_str::<Number>(&text).is_ok(),
            "{text} is not JSON"
        );
        assert_eq!(instant_of_epoch_text(&text), (seconds, nanos), "{text}");
    }
}

#[test]
fn generator_is_deterministic_per_seed() {
    let model = load_model("identitystore");
    let shape = ShapeId::parse("com.amazonaws.identitystore#UpdateUserRequest").unwrap();
    let make = |seed| {
        let mut visited = BTreeSet::new();
        Generator::new(&model, seed, &mut visited).value(&shape, 0)
    };
    assert_eq!(make(42).to_string(), make(42).to_string());
    assert_ne!(make(42).to_string(), make(43).to_string());
}

#[test]
fn base64_matches_known_encodings() {
    assert_eq!(base64(b""), "");
    assert_eq!(base64(b"f"), "Zg==");
    assert_eq!(base64(b"fo"), "Zm8=");
    assert_eq!(base64(b"foo"), "Zm9v");
    assert_eq!(base64(&[0xfb, 0xff]), "+/8=");
}

#[test]
fn generator_covers_every_simple_kind() {
    // The five operations have no blob, float, bigInteger, intEnum, map or sparse list; a
    // small model with them keeps those branches of the generator honest.
    let text = r#"{"smithy": "2.0", "shapes": {
        "ex#Everything": {"type": "structure", "members": {
            "blob": {"target": "ex#Bytes", "traits": {"smithy.api#required": {}}},
            "byte": {"target": "smithy.api#Byte", "traits": {"smithy.api#required": {}}},
            "short": {"target": "smithy.api#Short", "traits": {"smithy.api#required": {}}},
            "long": {"target": "smithy.api#Long", "traits": {"smithy.api#required": {}}},
            "float": {"target": "smithy.api#Float", "traits": {"smithy.api#required": {}}},
            "double": {"target": "smithy.api#Double", "traits": {"smithy.api#required": {}}},
            "bigInteger": {"target": "smithy.api#BigInteger", "traits": {"smithy.api#required": {}}},
            "bigDecimal": {"target": "smithy.api#BigDecimal", "traits": {"smithy.api#required": {}}},
            "stamp": {"target": "smithy.api#Timestamp", "traits": {"smithy.api#required": {}}},
            "level": {"target": "ex#Level", "traits": {"smithy.api#required": {}}},
            "tags": {"target": "ex#Tags", "traits": {"smithy.api#required": {}}},
            "holes": {"target": "ex#Holes", "traits": {"smithy.api#required": {}}}
        }},
        "ex#Bytes": {"type": "blob"},
        "ex#Level": {"type": "intEnum", "members": {
            "LOW": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 1}},
            "HIGH": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 9}}
        }},
        "ex#Tags": {"type": "map", "key": {"target": "smithy.api#String"},
                    "value": {"target": "smithy.api#Integer"}},
        "ex#Holes": {"type": "list", "member": {"target": "smithy.api#String"},
                     "traits": {"smithy.api#sparse": {}}}
    }}"#;
    let model = model::load_str(text, std::path::Path::new("everything.json"))
        .unwrap_or_else(|error| panic!("{error}"));
    let shape = ShapeId::new("ex", "Everything");
    let mut visited = BTreeSet::new();
    let mut saw_null_item = false;
    for seed in 0..500 {
        let json = Generator::new(&model, seed, &mut visited).value(&shape, 0);
        let object = json.as_object().expect("an object");
        let blob = object["blob"].as_str().expect("base64 text");
        assert_eq!(blob.len() % 4, 0, "{blob}");
        let byte = object["byte"].as_i64().expect("an integer");
        assert!(i8::try_from(byte).is_ok(), "{byte}");
        let short = object["short"].as_i64().expect("an integer");
        assert!(i16::try_from(short).is_ok(), "{short}");
        assert!(object["long"].as_i64().is_some());
        let float = object["float"].as_f64().expect("a number");
        assert_eq!(
            f64::from(float as f32),
            float,
            "a float member holds an f32"
        );
        assert!(object["double"].as_f64().is_some_and(f64::is_finite));
        for big in ["bigInteger", "bigDecimal"] {
            let text = match &object[big] {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            assert!(
                serde_json::from_str::<Number>(&text).is_ok(),
                "{big}: {text}"
            );
        }
        let (seconds, _) = instant(&object["stamp"]);
        assert!(
            (MIN_SECS..=MAX_SECS).contains(&seconds),
            "{}",
            object["stamp"]
        );
        assert!(object["level"].as_i64().is_some());
        for item in object["tags"].as_object().expect("a map").values() {
            assert!(item.as_i64().is_some());
        }
        saw_null_item |= object["holes"]
            .as_array()
            .expect("a list")
            .iter()
            .any(Value::is_null);
        // Normalizing understands every value the generator makes.
        let normal = normalize(&model, &shape, &json);
        assert_eq!(normal, normalize(&model, &shape, &json));
    }
    assert!(saw_null_item, "a sparse list holds nulls now and then");
    assert!(visited.contains(&ShapeId::new("ex", "Level")));
}
