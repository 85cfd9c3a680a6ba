//! Test-case `params` (Smithy node values: blobs as their text, timestamps as epoch
//! seconds) turned into the JSON the generated code speaks: what an input's `from_json`
//! reads, and what an output's `to_json` writes (timestamps as RFC 3339).

use anvil_codegen::model::{Model, NodeValue, ShapeId, ShapeKind};
use anvil_runtime::{Blob, DateTime};
use serde_json::{Map, Value};

/// Where the JSON goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Into an input's `from_json` (timestamps stay epoch seconds).
    Input,
    /// Compared with an output's or error's `to_json` (timestamps as RFC 3339).
    Output,
}

/// `value`, a node value of shape `shape`, in the JSON of `direction`. Members the model
/// does not know are kept as they are (the generated code then reports them).
pub fn convert(model: &Model, shape: &ShapeId, value: &Value, direction: Direction) -> Value {
    let Some(found) = model.shape(shape) else {
        return value.clone();
    };
    match (&found.kind, value) {
        (ShapeKind::Blob, Value::String(text)) => {
            Value::String(Blob::new(text.as_bytes().to_vec()).to_base64())
        }
        (ShapeKind::Timestamp, Value::Number(number)) if direction == Direction::Output => {
            DateTime::parse_epoch_seconds(&number.to_string())
                .ok()
                .and_then(|time| time.fmt_rfc3339().ok())
                .map_or_else(|| value.clone(), Value::String)
        }
        (ShapeKind::Structure(members) | ShapeKind::Union(members), Value::Object(entries)) => {
            let mut converted = Map::new();
            for (name, item) in entries {
                let item = match members.iter().find(|member| &member.name == name) {
                    Some(member) => convert(model, &member.target, item, direction),
                    None => item.clone(),
                };
                converted.insert(name.clone(), item);
            }
            // A member left out of the params has its default value, which a read output
            // holds (and shows) like any other value, unless `@clientOptional` keeps it unset.
            if direction == Direction::Output && matches!(found.kind, ShapeKind::Structure(_)) {
                for member in members {
                    if converted.contains_key(&member.name) || member.traits.client_optional {
                        continue;
                    }
                    let default = member.traits.default.as_ref().or_else(|| {
                        model
                            .shape(&member.target)
                            .and_then(|target| target.traits.default.as_ref())
                    });
                    if let Some(default) = default.filter(|value| **value != NodeValue::Null) {
                        let default = convert(model, &member.target, &default.to_json(), direction);
                        converted.insert(member.name.clone(), default);
                    }
                }
            }
            Value::Object(converted)
        }
        (ShapeKind::List(member), Value::Array(items)) => Value::Array(
            items
                .iter()
                .map(|item| convert(model, &member.target, item, direction))
                .collect(),
        ),
        (ShapeKind::Map { value: member, .. }, Value::Object(entries)) => Value::Object(
            entries
                .iter()
                .map(|(key, item)| (key.clone(), convert(model, &member.target, item, direction)))
                .collect(),
        ),
        _ => value.clone(),
    }
}
