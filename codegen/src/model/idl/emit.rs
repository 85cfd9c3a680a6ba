//! Flattened shapes -> JSON AST shape entries, the form the shared model builder reads.

use serde_json::{Map, Value, json};

use super::flatten::{FlatShape, FlattenError};
use super::raw::{RawMember, RawShape};

/// Writes every non-mixin shape into `out` (keyed by absolute id, in order).
pub fn emit_shapes(
    shapes: &[RawShape],
    flats: Vec<FlatShape>,
    out: &mut Map<String, Value>,
) -> Result<(), FlattenError> {
    for (shape, flat) in shapes.iter().zip(flats) {
        if shape.is_mixin() {
            continue;
        }
        out.insert(shape.id.clone(), shape_entry(shape, flat)?);
    }
    Ok(())
}

fn shape_entry(shape: &RawShape, mut flat: FlatShape) -> Result<Value, FlattenError> {
    let mut entry = Map::new();
    entry.insert("type".into(), Value::String(shape.type_name.clone()));
    let fail = |message: String| {
        Err(FlattenError {
            origin: shape.origin,
            message,
        })
    };
    let names: Vec<&str> = flat
        .members
        .iter()
        .map(|member| member.name.as_str())
        .collect();
    match shape.type_name.as_str() {
        "list" | "set" => {
            if names != ["member"] {
                return fail(format!(
                    "{} `{}` needs exactly one member, named `member` (has: {})",
                    shape.type_name,
                    shape.id,
                    names.join(", ")
                ));
            }
            let member = flat.members.into_iter().next().map(member_entry);
            entry.insert("member".into(), member.unwrap_or(Value::Null));
        }
        "map" => {
            let mut sorted = names.clone();
            sorted.sort_unstable();
            if sorted != ["key", "value"] {
                return fail(format!(
                    "map `{}` needs exactly the members `key` and `value` (has: {})",
                    shape.id,
                    names.join(", ")
                ));
            }
            for member in flat.members {
                entry.insert(member.name.clone(), member_entry(member));
            }
        }
        "structure" | "union" | "enum" | "intEnum" => {
            if names.is_empty() && matches!(shape.type_name.as_str(), "enum" | "intEnum") {
                return fail(format!(
                    "{} `{}` must have at least one member",
                    shape.type_name, shape.id
                ));
            }
            for member in &mut flat.members {
                enum_value_default(&shape.type_name, member)?;
            }
            let members: Map<String, Value> = std::mem::take(&mut flat.members)
                .into_iter()
                .map(|member| (member.name.clone(), member_entry(member)))
                .collect();
            entry.insert("members".into(), Value::Object(members));
        }
        _ => {
            if !names.is_empty() {
                return fail(format!(
                    "{} `{}` cannot have members",
                    shape.type_name, shape.id
                ));
            }
            entry.extend(flat.properties);
        }
    }
    if !flat.traits.is_empty() {
        entry.insert("traits".into(), Value::Object(flat.traits));
    }
    Ok(Value::Object(entry))
}

/// An enum member without a value gets its name; an intEnum member must have one.
fn enum_value_default(type_name: &str, member: &mut RawMember) -> Result<(), FlattenError> {
    if member.traits.contains_key("smithy.api#enumValue") {
        return Ok(());
    }
    match type_name {
        "enum" => {
            let name = Value::String(member.name.clone());
            member.traits.insert("smithy.api#enumValue".into(), name);
            Ok(())
        }
        "intEnum" => Err(FlattenError {
            origin: member.origin,
            message: format!("intEnum member `{}` needs a value", member.name),
        }),
        _ => Ok(()),
    }
}

fn member_entry(member: RawMember) -> Value {
    let mut entry = json!({ "target": member.target.unwrap_or_default() });
    if !member.traits.is_empty() {
        entry["traits"] = Value::Object(member.traits);
    }
    entry
}
