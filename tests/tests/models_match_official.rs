//! `models/*.json` must be faithful extracts of the official AWS models in `../shared`.
//!
//! `cargo xtask extract-models` writes those files; this test re-derives what they should hold
//! with its own closure walk (independent of the xtask code, so each checks the other) and
//! compares shape by shape:
//!
//! - the shape ids are exactly the service, the selected operations and everything they reach;
//! - shapes appear in the official order;
//! - every shape equals the official one key for key, member for member and trait for trait,
//!   ignoring `smithy.api#documentation`; on the service shape, `operations` must be exactly the
//!   selected operations and `resources` is not compared;
//! - wherever the official model has documentation ours has a non-empty, hand-written text (not
//!   the placeholder, not the official wording, no HTML), and nowhere else.

use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;

use serde_json::{Map, Value};

const OFFICIAL_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/models/aws");
const MODELS_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../models");
const DOC: &str = "smithy.api#documentation";
const PLACEHOLDER: &str = "TODO: describe";

/// One file under `models/` and the official model and operations it is cut from.
struct Extract {
    file: &'static str,
    official: &'static str,
    operations: &'static [&'static str],
}

const DATAZONE: Extract = Extract {
    file: "datazone.json",
    official: "datazone-2018-05-10.json",
    operations: &["UpdateUserProfile", "CreateUserProfile"],
};
const IDENTITYSTORE: Extract = Extract {
    file: "identitystore.json",
    official: "identitystore-2020-06-15.json",
    operations: &["UpdateUser"],
};
const WORKMAIL: Extract = Extract {
    file: "workmail.json",
    official: "workmail-2017-10-01.json",
    operations: &["UpdateUser"],
};
const CODESTAR: Extract = Extract {
    file: "codestar.json",
    official: "codestar-2017-04-19.json",
    operations: &["UpdateUserProfile"],
};

/// One mismatch between our file and the official model.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Difference {
    file: String,
    shape: String,
    member: Option<String>,
    trait_id: Option<String>,
    problem: String,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.shape)?;
        if let Some(member) = &self.member {
            write!(f, "${member}")?;
        }
        if let Some(trait_id) = &self.trait_id {
            write!(f, " [{trait_id}]")?;
        }
        write!(f, ": {}", self.problem)
    }
}

fn load(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

fn official_model(extract: &Extract) -> Value {
    let dir = Path::new(OFFICIAL_DIR);
    if !dir.is_dir() {
        panic!(
            "../shared is missing: expected the official AWS models at {} (check out the shared \
             folder next to the workspace)",
            dir.display()
        );
    }
    load(&dir.join(extract.official))
}

fn our_model(extract: &Extract) -> Value {
    load(&Path::new(MODELS_DIR).join(extract.file))
}

fn shapes_of(model: &Value) -> &Map<String, Value> {
    model["shapes"]
        .as_object()
        .expect("model has a `shapes` object")
}

/// Every `target` reachable from `value` without entering a `traits` object.
fn references(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(object) => {
            for (key, child) in object {
                match (key.as_str(), child) {
                    ("traits", _) => {}
                    ("target", Value::String(target)) => out.push(target.clone()),
                    _ => references(child, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| references(item, out)),
        _ => {}
    }
}

fn visit(shapes: &Map<String, Value>, id: &str, seen: &mut BTreeSet<String>) {
    if id.starts_with("smithy.api#") || seen.contains(id) {
        return;
    }
    let shape = shapes
        .get(id)
        .unwrap_or_else(|| panic!("official model references undefined shape {id}"));
    let kind = shape["type"].as_str().unwrap_or_default();
    assert!(
        !matches!(kind, "service" | "resource"),
        "operation closure reached {kind} {id}"
    );
    seen.insert(id.to_string());
    let mut next = Vec::new();
    references(shape, &mut next);
    for target in next {
        visit(shapes, &target, seen);
    }
}

/// The single service shape of an official model.
fn service_id(shapes: &Map<String, Value>) -> String {
    let services: Vec<&String> = shapes
        .iter()
        .filter(|(_, shape)| shape["type"] == "service")
        .map(|(id, _)| id)
        .collect();
    assert_eq!(services.len(), 1, "expected one service shape");
    services[0].clone()
}

/// Shape ids the extract must contain: the service plus the closure of the selected operations
/// and of the service-wide errors.
fn expected_ids(official: &Value, extract: &Extract) -> BTreeSet<String> {
    let shapes = shapes_of(official);
    let service = service_id(shapes);
    let namespace = service.split('#').next().unwrap();
    let mut seen = BTreeSet::new();
    for op in extract.operations {
        let id = format!("{namespace}#{op}");
        assert_eq!(shapes[&id]["type"], "operation", "{id} is not an operation");
        visit(shapes, &id, &mut seen);
    }
    let mut errors = Vec::new();
    references(&shapes[&service]["errors"], &mut errors);
    for error in errors {
        visit(shapes, &error, &mut seen);
    }
    seen.insert(service);
    seen
}

/// A shape's documentation slots: `(None, traits)` for the shape and `(Some(name), traits)` for
/// each member (including list `member` and map `key` / `value`).
fn doc_slots(shape: &Value) -> Vec<(Option<String>, Option<&Value>)> {
    let mut slots = vec![(None, shape.get("traits"))];
    for key in ["member", "key", "value"] {
        if let Some(member) = shape.get(key) {
            slots.push((Some(key.to_string()), member.get("traits")));
        }
    }
    if let Some(members) = shape.get("members").and_then(Value::as_object) {
        for (name, member) in members {
            slots.push((Some(name.clone()), member.get("traits")));
        }
    }
    slots
}

fn without_docs(shape: &Value) -> Value {
    let mut shape = shape.clone();
    let strip = |holder: &mut Value| {
        if let Some(traits) = holder.get_mut("traits").and_then(Value::as_object_mut) {
            traits.shift_remove(DOC);
        }
    };
    strip(&mut shape);
    for key in ["member", "key", "value"] {
        if let Some(member) = shape.get_mut(key) {
            strip(member);
        }
    }
    if let Some(members) = shape.get_mut("members").and_then(Value::as_object_mut) {
        members.values_mut().for_each(strip);
    }
    shape
}

fn looks_like_html(text: &str) -> bool {
    [
        "<p>", "</", "<a ", "<b>", "<i>", "<code>", "<ul>", "<li>", "<br", "&lt;", "&amp;",
    ]
    .iter()
    .any(|tag| text.contains(tag))
}

/// Compares our extract with the official model; returns every difference found.
fn compare(extract: &Extract, ours: &Value, official: &Value) -> Vec<Difference> {
    let mut diffs = Vec::new();
    let file = extract.file;
    let mut push = |shape: &str, member: Option<&str>, trait_id: Option<&str>, problem: String| {
        diffs.push(Difference {
            file: file.to_string(),
            shape: shape.to_string(),
            member: member.map(str::to_string),
            trait_id: trait_id.map(str::to_string),
            problem,
        })
    };

    let top: Vec<&String> = ours
        .as_object()
        .map(|o| o.keys().collect())
        .unwrap_or_default();
    if top != ["smithy", "shapes"] {
        push(
            "<file>",
            None,
            None,
            format!("top-level keys are {top:?}, expected smithy and shapes"),
        );
    }
    if ours["smithy"] != "2.0" {
        push(
            "<file>",
            None,
            None,
            format!("smithy version is {}", ours["smithy"]),
        );
    }
    let Some(our_shapes) = ours["shapes"].as_object() else {
        push("<file>", None, None, "no shapes object".to_string());
        return diffs;
    };
    let official_shapes = shapes_of(official);
    let service = service_id(official_shapes);
    let namespace = service.split('#').next().unwrap();

    // Same set of shapes, in official order.
    let expected = expected_ids(official, extract);
    let actual: BTreeSet<String> = our_shapes.keys().cloned().collect();
    for id in expected.difference(&actual) {
        push(id, None, None, "shape missing from our model".to_string());
    }
    for id in actual.difference(&expected) {
        push(
            id,
            None,
            None,
            "shape not in the official closure".to_string(),
        );
    }
    let official_order: Vec<&String> = official_shapes
        .keys()
        .filter(|id| actual.contains(*id))
        .collect();
    let our_order: Vec<&String> = our_shapes
        .keys()
        .filter(|id| official_shapes.contains_key(*id))
        .collect();
    if official_order != our_order {
        push(
            "<file>",
            None,
            None,
            "shapes are not in the official order".to_string(),
        );
    }

    for (id, ours) in our_shapes {
        let Some(theirs) = official_shapes.get(id) else {
            continue;
        };
        let mut ours_plain = without_docs(ours);
        let mut theirs_plain = without_docs(theirs);

        if *id == service {
            let selected: BTreeSet<String> = extract
                .operations
                .iter()
                .map(|op| format!("{namespace}#{op}"))
                .collect();
            let mut listed = Vec::new();
            references(&ours_plain["operations"], &mut listed);
            let listed_set: BTreeSet<String> = listed.iter().cloned().collect();
            if listed_set != selected || listed.len() != selected.len() {
                push(
                    id,
                    None,
                    None,
                    format!("operations are {listed:?}, expected {selected:?}"),
                );
            }
            for object in [&mut ours_plain, &mut theirs_plain] {
                let object = object.as_object_mut().unwrap();
                object.shift_remove("operations");
                object.shift_remove("resources");
            }
        }

        compare_objects(id, None, &ours_plain, &theirs_plain, &mut push);
        compare_docs(id, ours, theirs, &mut push);
    }
    diffs
}

type Push<'a> = dyn FnMut(&str, Option<&str>, Option<&str>, String) + 'a;

/// Key-for-key comparison of a shape (or of a member when `member` is set); `traits`, `members`
/// and list/map members are compared entry by entry.
fn compare_objects(
    id: &str,
    member: Option<&str>,
    ours: &Value,
    theirs: &Value,
    push: &mut Push<'_>,
) {
    let empty = Map::new();
    let ours = ours.as_object().unwrap_or(&empty);
    let theirs = theirs.as_object().unwrap_or(&empty);
    let keys: BTreeSet<&String> = ours.keys().chain(theirs.keys()).collect();
    for key in keys {
        let (a, b) = (ours.get(key), theirs.get(key));
        match key.as_str() {
            "traits" => {
                let a = a.and_then(Value::as_object).unwrap_or(&empty);
                let b = b.and_then(Value::as_object).unwrap_or(&empty);
                let trait_ids: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
                for trait_id in trait_ids {
                    match (a.get(trait_id), b.get(trait_id)) {
                        (Some(x), Some(y)) if x == y => {}
                        (Some(x), Some(y)) => push(
                            id,
                            member,
                            Some(trait_id),
                            format!("value {x} differs from official {y}"),
                        ),
                        (Some(_), None) => {
                            push(id, member, Some(trait_id), "trait not in official".into())
                        }
                        (None, _) => {
                            push(id, member, Some(trait_id), "official trait missing".into())
                        }
                    }
                }
            }
            "members" if member.is_none() => {
                let a = a.and_then(Value::as_object).unwrap_or(&empty);
                let b = b.and_then(Value::as_object).unwrap_or(&empty);
                let a_names: Vec<&String> = a.keys().collect();
                let b_names: Vec<&String> = b.keys().collect();
                if a_names != b_names {
                    push(
                        id,
                        None,
                        None,
                        format!("members {a_names:?} differ from official {b_names:?}"),
                    );
                }
                for (name, our_member) in a {
                    if let Some(their_member) = b.get(name) {
                        compare_objects(id, Some(name), our_member, their_member, push);
                    }
                }
            }
            "member" | "key" | "value" if member.is_none() => match (a, b) {
                (Some(x), Some(y)) => compare_objects(id, Some(key), x, y, push),
                _ => push(id, Some(key), None, "present on only one side".into()),
            },
            _ if a == b => {}
            _ => {
                let show = |v: Option<&Value>| v.map_or("absent".to_string(), Value::to_string);
                push(
                    id,
                    member,
                    None,
                    format!("key `{key}` is {} but official is {}", show(a), show(b)),
                );
            }
        }
    }
}

/// Documentation present exactly where the official model has it, and written by us.
fn compare_docs(id: &str, ours: &Value, theirs: &Value, push: &mut Push<'_>) {
    let our_slots = doc_slots(ours);
    for (member, their_traits) in doc_slots(theirs) {
        // Members missing on our side are already reported by `compare_objects`.
        let Some((_, our_traits)) = our_slots.iter().find(|(m, _)| *m == member) else {
            continue;
        };
        let member = member.as_deref();
        let official = their_traits.and_then(|t| t.get(DOC));
        let ours = our_traits.and_then(|t| t.get(DOC));
        let problem = match (ours, official) {
            (None, None) => continue,
            (Some(_), None) => "documentation where the official model has none".to_string(),
            (None, Some(_)) => "documentation missing".to_string(),
            (Some(ours), Some(official)) => {
                let text = ours.as_str().unwrap_or_default().trim();
                if !ours.is_string() {
                    "documentation is not a string".to_string()
                } else if text.is_empty() {
                    "documentation is empty".to_string()
                } else if text == PLACEHOLDER {
                    "documentation is still the placeholder".to_string()
                } else if text == official.as_str().unwrap_or_default().trim() {
                    "documentation is the official text".to_string()
                } else if looks_like_html(text) {
                    "documentation contains HTML".to_string()
                } else {
                    continue;
                }
            }
        };
        push(id, member, Some(DOC), problem);
    }
}

fn assert_matches(extract: &Extract) {
    let official = official_model(extract);
    let ours = our_model(extract);
    let diffs = compare(extract, &ours, &official);
    let list: Vec<String> = diffs.iter().map(ToString::to_string).collect();
    assert!(
        diffs.is_empty(),
        "models/{} differs from the official model in {} place(s) (regenerate with \
         `cargo xtask extract-models`):\n{}",
        extract.file,
        diffs.len(),
        list.join("\n")
    );
}

#[test]
fn datazone_matches_official() {
    assert_matches(&DATAZONE);
}

#[test]
fn identitystore_matches_official() {
    assert_matches(&IDENTITYSTORE);
}

#[test]
fn workmail_matches_official() {
    assert_matches(&WORKMAIL);
}

#[test]
fn codestar_matches_official() {
    assert_matches(&CODESTAR);
}

fn diff(
    shape: &str,
    member: Option<&str>,
    trait_id: &str,
) -> (String, String, Option<String>, Option<String>) {
    (
        "datazone.json".to_string(),
        shape.to_string(),
        member.map(str::to_string),
        Some(trait_id.to_string()),
    )
}

fn located(diffs: &[Difference]) -> Vec<(String, String, Option<String>, Option<String>)> {
    diffs
        .iter()
        .map(|d| {
            (
                d.file.clone(),
                d.shape.clone(),
                d.member.clone(),
                d.trait_id.clone(),
            )
        })
        .collect()
}

#[test]
fn changed_length_max_is_reported() {
    let official = official_model(&DATAZONE);
    let mut ours = our_model(&DATAZONE);
    let id = "com.amazonaws.datazone#UserProfileName";
    let max = &mut ours["shapes"][id]["traits"]["smithy.api#length"]["max"];
    assert_eq!(*max, 1024, "test premise: the official maximum is 1024");
    *max = Value::from(1023);

    let diffs = compare(&DATAZONE, &ours, &official);
    assert_eq!(
        located(&diffs),
        [diff(id, None, "smithy.api#length")],
        "{diffs:#?}"
    );
    assert!(diffs[0].problem.contains("1023"), "{diffs:#?}");
}

#[test]
fn dropped_member_trait_is_reported() {
    let official = official_model(&DATAZONE);
    let mut ours = our_model(&DATAZONE);
    let id = "com.amazonaws.datazone#UpdateUserProfileInput";
    let traits = ours["shapes"][id]["members"]["status"]["traits"]
        .as_object_mut()
        .unwrap();
    assert!(
        traits.shift_remove("smithy.api#required").is_some(),
        "test premise: status is required"
    );

    let diffs = compare(&DATAZONE, &ours, &official);
    assert_eq!(
        located(&diffs),
        [diff(id, Some("status"), "smithy.api#required")],
        "{diffs:#?}"
    );
}

#[test]
fn copied_or_placeholder_documentation_is_reported() {
    let official = official_model(&DATAZONE);
    let mut ours = our_model(&DATAZONE);
    let op = "com.amazonaws.datazone#CreateUserProfile";
    let input = "com.amazonaws.datazone#CreateUserProfileInput";
    ours["shapes"][op]["traits"][DOC] = official["shapes"][op]["traits"][DOC].clone();
    ours["shapes"][input]["members"]["userType"]["traits"][DOC] = Value::from(PLACEHOLDER);

    let diffs = compare(&DATAZONE, &ours, &official);
    assert_eq!(
        located(&diffs),
        [diff(op, None, DOC), diff(input, Some("userType"), DOC)],
        "{diffs:#?}"
    );
}
