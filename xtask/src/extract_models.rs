//! `cargo xtask extract-models [--check]`
//!
//! Cuts the shapes Anvil needs out of the official AWS models in `../shared/models/aws/` and writes
//! one small Smithy JSON AST file per service into `models/`.
//!
//! For every service listed in [`SERVICES`] the output holds:
//! - the service shape, with every trait, its `version` and its `errors`, but with `operations`
//!   narrowed to the selected operations and without `resources`;
//! - the selected operation shapes;
//! - every shape those operations reach (input, output, operation errors, service-wide errors,
//!   and recursively the targets of members, list members, map keys and map values), skipping the
//!   `smithy.api#` prelude.
//!
//! Shapes appear in the order of the official file and are copied unchanged, except for the
//! `smithy.api#documentation` trait (on shapes and on members). The official wording is not ours
//! to ship, so each documentation text is replaced by a description written by hand in the
//! project. Those texts live only in `models/*.json`: on every run the texts already present there
//! are reused for the same shape or member id, and any documentation trait that has no text yet
//! gets the placeholder [`PLACEHOLDER`]. The command fails while placeholders remain.
//!
//! It also copies `../shared/models/sdk-partitions.json` (the AWS partitions table, data the
//! endpoint rules need) unchanged to [`PARTITIONS_FILE`] under `models/`.
//!
//! With `--check` nothing is written; the command fails if a file under `models/` is not exactly
//! what a normal run would produce.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::Path;

use serde_json::{Map, Value};

/// Text written for a documentation trait that nobody has described yet.
pub const PLACEHOLDER: &str = "TODO: describe";

/// The partitions table's file name, the same in `../shared/models/` and in `models/`.
pub const PARTITIONS_FILE: &str = "sdk-partitions.json";

const DOCUMENTATION: &str = "smithy.api#documentation";
const PRELUDE_PREFIX: &str = "smithy.api#";

/// One output file: which official model it comes from and which operations it keeps.
struct ServiceSelection {
    /// Output file stem under `models/`.
    name: &'static str,
    /// File name under `../shared/models/aws/`.
    source: &'static str,
    /// Operation names (without namespace) to keep.
    operations: &'static [&'static str],
}

const SERVICES: &[ServiceSelection] = &[
    ServiceSelection {
        name: "datazone",
        source: "datazone-2018-05-10.json",
        operations: &["UpdateUserProfile", "CreateUserProfile"],
    },
    ServiceSelection {
        name: "identitystore",
        source: "identitystore-2020-06-15.json",
        operations: &["UpdateUser"],
    },
    ServiceSelection {
        name: "workmail",
        source: "workmail-2017-10-01.json",
        operations: &["UpdateUser"],
    },
    ServiceSelection {
        name: "codestar",
        source: "codestar-2017-04-19.json",
        operations: &["UpdateUserProfile"],
    },
];

pub fn run(args: &[String]) -> Result<(), String> {
    let mut check = false;
    for arg in args {
        match arg.as_str() {
            "--check" => check = true,
            other => {
                return Err(format!(
                    "extract-models: unexpected argument `{other}` (usage: cargo xtask extract-models [--check])"
                ));
            }
        }
    }

    let root = crate::workspace_root();
    let official_dir = root.join("..").join("shared").join("models").join("aws");
    if !official_dir.is_dir() {
        return Err(format!(
            "extract-models: the official models directory {} is missing; \
             the shared folder must be checked out next to the workspace",
            official_dir.display()
        ));
    }
    let out_dir = root.join("models");

    let mut total_placeholders = 0usize;
    let mut stale = Vec::new();
    for selection in SERVICES {
        let official_path = official_dir.join(selection.source);
        let out_path = out_dir.join(format!("{}.json", selection.name));
        let official = read_json(&official_path)?;
        let existing = if out_path.exists() {
            Some(read_json(&out_path)?)
        } else {
            None
        };
        let existing_docs = existing.as_ref().map(collect_docs).unwrap_or_default();

        let extracted = extract(selection, &official, &existing_docs)
            .map_err(|e| format!("extract-models: {}: {e}", official_path.display()))?;
        let text = to_pretty_json(&extracted.model)?;

        let unchanged = fs::read_to_string(&out_path).is_ok_and(|old| old == text);
        if check {
            if !unchanged {
                stale.push(out_path.display().to_string());
            }
        } else if !unchanged {
            fs::create_dir_all(&out_dir)
                .map_err(|e| format!("extract-models: cannot create {}: {e}", out_dir.display()))?;
            fs::write(&out_path, &text)
                .map_err(|e| format!("extract-models: cannot write {}: {e}", out_path.display()))?;
        }

        println!(
            "models/{}.json: {} shapes, {} documentation texts, {} placeholders{}",
            selection.name,
            extracted.shape_count,
            extracted.doc_count,
            extracted.placeholders,
            if unchanged {
                ""
            } else if check {
                " (out of date)"
            } else {
                " (written)"
            }
        );
        // Texts written for ids that are no longer part of the extraction would be lost silently.
        let mut dropped: Vec<&String> = existing_docs
            .keys()
            .filter(|id| !extracted.doc_ids.contains(*id))
            .collect();
        dropped.sort();
        for id in dropped {
            println!("  warning: the existing description of `{id}` is no longer used");
        }
        total_placeholders += extracted.placeholders;
    }

    copy_partitions(
        &root.join("..").join("shared").join("models"),
        &out_dir,
        check,
        &mut stale,
    )?;

    if !stale.is_empty() {
        return Err(format!(
            "extract-models --check: out of date: {} (run `cargo xtask extract-models`)",
            stale.join(", ")
        ));
    }
    if total_placeholders > 0 {
        return Err(format!(
            "extract-models: {total_placeholders} documentation placeholder(s) `{PLACEHOLDER}` remain in models/*.json; \
             replace each with a short description of your own"
        ));
    }
    println!("extract-models: no placeholders remain");
    Ok(())
}

/// Copies the partitions table byte for byte into `out_dir` (with `check`, only compares).
fn copy_partitions(
    shared_models: &Path,
    out_dir: &Path,
    check: bool,
    stale: &mut Vec<String>,
) -> Result<(), String> {
    let source = shared_models.join(PARTITIONS_FILE);
    let target = out_dir.join(PARTITIONS_FILE);
    let bytes = fs::read(&source)
        .map_err(|e| format!("extract-models: cannot read {}: {e}", source.display()))?;
    let unchanged = fs::read(&target).is_ok_and(|old| old == bytes);
    if check {
        if !unchanged {
            stale.push(target.display().to_string());
        }
    } else if !unchanged {
        fs::write(&target, &bytes)
            .map_err(|e| format!("extract-models: cannot write {}: {e}", target.display()))?;
    }
    println!(
        "models/{PARTITIONS_FILE}: copied unchanged{}",
        match (unchanged, check) {
            (true, _) => "",
            (false, true) => " (out of date)",
            (false, false) => " (written)",
        }
    );
    Ok(())
}

fn read_json(path: &Path) -> Result<Value, String> {
    let text = fs::read_to_string(path)
        .map_err(|e| format!("extract-models: cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text)
        .map_err(|e| format!("extract-models: {} is not valid JSON: {e}", path.display()))
}

fn to_pretty_json(value: &Value) -> Result<String, String> {
    let mut text = serde_json::to_string_pretty(value)
        .map_err(|e| format!("extract-models: cannot serialize: {e}"))?;
    text.push('\n');
    Ok(text)
}

struct Extracted {
    model: Value,
    shape_count: usize,
    doc_count: usize,
    placeholders: usize,
    /// Ids (`ns#Shape` or `ns#Shape$member`) that carry documentation in the output.
    doc_ids: HashSet<String>,
}

fn extract(
    selection: &ServiceSelection,
    official: &Value,
    existing_docs: &HashMap<String, String>,
) -> Result<Extracted, String> {
    let shapes = official
        .get("shapes")
        .and_then(Value::as_object)
        .ok_or("no `shapes` object")?;

    let services: Vec<&String> = shapes
        .iter()
        .filter(|(_, shape)| shape_type(shape) == Some("service"))
        .map(|(id, _)| id)
        .collect();
    let [service_id] = services[..] else {
        return Err(format!(
            "expected exactly one service shape, found {}",
            services.len()
        ));
    };
    let service = &shapes[service_id];
    let namespace = service_id.split('#').next().unwrap_or_default();

    // Operations bound directly on the service, and those reachable only through resources.
    let direct: Vec<String> = targets(service.get("operations"));
    let mut through_resources = Vec::new();
    for resource in targets(service.get("resources")) {
        resource_operations(
            shapes,
            &resource,
            &mut through_resources,
            &mut HashSet::new(),
        )?;
    }

    let selected: Vec<String> = selection
        .operations
        .iter()
        .map(|name| format!("{namespace}#{name}"))
        .collect();
    for op in &selected {
        match shapes.get(op).and_then(shape_type) {
            Some("operation") => {}
            Some(other) => return Err(format!("`{op}` is a {other}, not an operation")),
            None => return Err(format!("operation `{op}` does not exist")),
        }
        if !direct.contains(op) && !through_resources.contains(op) {
            return Err(format!(
                "operation `{op}` is not bound to service `{service_id}`"
            ));
        }
    }
    // Narrowed operation list: directly bound ones in official order, then the ones that the
    // official model binds only through a resource. Resources are dropped from the output, so
    // those operations are listed on the service itself to stay reachable.
    let mut operations: Vec<&String> = direct.iter().filter(|op| selected.contains(op)).collect();
    for op in &through_resources {
        if selected.contains(op) && !operations.contains(&op) {
            operations.push(op);
        }
    }

    // Closure: the selected operations plus service-wide errors, followed recursively.
    let mut keep: HashSet<String> = HashSet::new();
    let mut stack: Vec<String> = selected.clone();
    stack.extend(targets(service.get("errors")));
    while let Some(id) = stack.pop() {
        if id.starts_with(PRELUDE_PREFIX) || keep.contains(&id) {
            continue;
        }
        let shape = shapes
            .get(&id)
            .ok_or_else(|| format!("shape `{id}` is referenced but not defined"))?;
        if shape.get("mixins").is_some() {
            return Err(format!(
                "shape `{id}` uses mixins, which this extractor does not flatten"
            ));
        }
        match shape_type(shape) {
            Some("structure" | "union" | "enum" | "intEnum") => {
                if let Some(members) = shape.get("members").and_then(Value::as_object) {
                    stack.extend(members.values().filter_map(target_of));
                }
            }
            Some("list" | "set") => stack.extend(shape.get("member").and_then(target_of)),
            Some("map") => {
                stack.extend(shape.get("key").and_then(target_of));
                stack.extend(shape.get("value").and_then(target_of));
            }
            Some("operation") => {
                stack.extend(shape.get("input").and_then(target_of));
                stack.extend(shape.get("output").and_then(target_of));
                stack.extend(targets(shape.get("errors")));
            }
            Some("service" | "resource") => {
                return Err(format!(
                    "shape `{id}` is a {} inside an operation closure",
                    shape["type"]
                ));
            }
            Some(_) => {}
            None => return Err(format!("shape `{id}` has no `type`")),
        }
        keep.insert(id);
    }
    keep.insert(service_id.clone());

    // Copy the kept shapes in official order, rewriting documentation.
    let mut out_shapes = Map::new();
    let mut doc_count = 0;
    let mut placeholders = 0;
    let mut doc_ids = HashSet::new();
    for (id, shape) in shapes {
        if !keep.contains(id) {
            continue;
        }
        let mut shape = if id == service_id {
            narrow_service(shape, &operations)
        } else {
            shape.clone()
        };
        for_each_doc(id, &mut shape, &mut |doc_id, doc| {
            doc_count += 1;
            let official_text = doc.as_str().unwrap_or_default();
            let text = match existing_docs.get(doc_id) {
                // Reuse our own text; an empty one, the placeholder or a verbatim copy of the
                // official text does not count as written.
                Some(ours) if is_own_text(ours, official_text) => ours.clone(),
                _ => {
                    placeholders += 1;
                    PLACEHOLDER.to_string()
                }
            };
            *doc = Value::String(text);
            doc_ids.insert(doc_id.to_string());
        });
        out_shapes.insert(id.clone(), shape);
    }

    let mut model = Map::new();
    model.insert("smithy".to_string(), Value::String("2.0".to_string()));
    model.insert("shapes".to_string(), Value::Object(out_shapes));
    Ok(Extracted {
        model: Value::Object(model),
        shape_count: keep.len(),
        doc_count,
        placeholders,
        doc_ids,
    })
}

fn is_own_text(ours: &str, official: &str) -> bool {
    let ours = ours.trim();
    !ours.is_empty() && ours != PLACEHOLDER && ours != official.trim()
}

/// The service shape with `operations` narrowed to `operations` and `resources` removed, other
/// keys kept in place. If the official shape has no `operations` key, the list takes the place of
/// `resources`.
fn narrow_service(service: &Value, operations: &[&String]) -> Value {
    let list = Value::Array(
        operations
            .iter()
            .map(|op| {
                let mut reference = Map::new();
                reference.insert("target".to_string(), Value::String((*op).clone()));
                Value::Object(reference)
            })
            .collect(),
    );
    let has_operations = service.get("operations").is_some();
    let mut out = Map::new();
    for (key, value) in service.as_object().into_iter().flatten() {
        match key.as_str() {
            "operations" => {
                out.insert(key.clone(), list.clone());
            }
            // Resources are not carried over: they would pull in every operation bound to them.
            "resources" if !has_operations => {
                out.insert("operations".to_string(), list.clone());
            }
            "resources" => {}
            _ => {
                out.insert(key.clone(), value.clone());
            }
        }
    }
    Value::Object(out)
}

/// Collects every operation bound to a resource (lifecycle, `operations`,
/// `collectionOperations`), descending into child resources.
fn resource_operations(
    shapes: &Map<String, Value>,
    resource_id: &str,
    out: &mut Vec<String>,
    visited: &mut HashSet<String>,
) -> Result<(), String> {
    if !visited.insert(resource_id.to_string()) {
        return Ok(());
    }
    let resource = shapes
        .get(resource_id)
        .ok_or_else(|| format!("resource `{resource_id}` is referenced but not defined"))?;
    for key in ["create", "put", "read", "update", "delete", "list"] {
        out.extend(resource.get(key).and_then(target_of));
    }
    out.extend(targets(resource.get("operations")));
    out.extend(targets(resource.get("collectionOperations")));
    for child in targets(resource.get("resources")) {
        resource_operations(shapes, &child, out, visited)?;
    }
    Ok(())
}

/// Calls `f(id, value)` for every `smithy.api#documentation` trait value of a shape and of its
/// members, where `id` is `ns#Shape` or `ns#Shape$member`.
fn for_each_doc(shape_id: &str, shape: &mut Value, f: &mut dyn FnMut(&str, &mut Value)) {
    if let Some(doc) = shape.pointer_mut(&format!("/traits/{}", escape_pointer(DOCUMENTATION))) {
        f(shape_id, doc);
    }
    let Some(shape) = shape.as_object_mut() else {
        return;
    };
    for key in ["member", "key", "value"] {
        if let Some(doc) = shape
            .get_mut(key)
            .and_then(|m| m.get_mut("traits"))
            .and_then(|t| t.get_mut(DOCUMENTATION))
        {
            f(&format!("{shape_id}${key}"), doc);
        }
    }
    if let Some(members) = shape.get_mut("members").and_then(Value::as_object_mut) {
        for (name, member) in members {
            if let Some(doc) = member
                .get_mut("traits")
                .and_then(|t| t.get_mut(DOCUMENTATION))
            {
                f(&format!("{shape_id}${name}"), doc);
            }
        }
    }
}

fn escape_pointer(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// Documentation texts of an existing `models/*.json`, keyed like [`for_each_doc`].
fn collect_docs(model: &Value) -> HashMap<String, String> {
    let mut docs = HashMap::new();
    if let Some(shapes) = model.get("shapes").and_then(Value::as_object) {
        for (id, shape) in shapes {
            let mut shape = shape.clone();
            for_each_doc(id, &mut shape, &mut |doc_id, doc| {
                if let Some(text) = doc.as_str() {
                    docs.insert(doc_id.to_string(), text.to_string());
                }
            });
        }
    }
    docs
}

fn shape_type(shape: &Value) -> Option<&str> {
    shape.get("type").and_then(Value::as_str)
}

fn target_of(reference: &Value) -> Option<String> {
    reference
        .get("target")
        .and_then(Value::as_str)
        .map(str::to_string)
}

fn targets(list: Option<&Value>) -> Vec<String> {
    list.and_then(Value::as_array)
        .map(|items| items.iter().filter_map(target_of).collect())
        .unwrap_or_default()
}
