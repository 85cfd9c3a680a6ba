//! JSON AST files that use mixins or `apply` entries, read as raw shapes so they are
//! flattened together with the IDL files (a plain JSON AST passes through untouched).

use serde_json::{Map, Value};

use super::raw::{ApplyEntry, Origin, RawMember, RawShape};

/// Keys of a JSON AST shape that are not entity properties.
const SHAPE_KEYS: &[&str] = &[
    "type", "traits", "members", "member", "key", "value", "mixins",
];

/// True when a JSON AST needs flattening: a shape has `mixins` or is an `apply` entry.
pub fn needs_flattening(root: &Value) -> bool {
    root.get("shapes")
        .and_then(Value::as_object)
        .is_some_and(|shapes| {
            shapes.values().any(|shape| {
                shape.get("mixins").is_some()
                    || shape.get("type").and_then(Value::as_str) == Some("apply")
            })
        })
}

/// The raw shapes and `apply` entries of a JSON AST; `file` goes into every origin.
pub fn json_raw_shapes(
    root: &Value,
    file: usize,
) -> Result<(Vec<RawShape>, Vec<ApplyEntry>), String> {
    let origin = Origin {
        file,
        position: Default::default(),
    };
    let mut shapes = Vec::new();
    let mut applies = Vec::new();
    let Some(entries) = root.get("shapes").and_then(Value::as_object) else {
        return Ok((shapes, applies));
    };
    for (id, shape) in entries {
        let path = format!("$.shapes[\"{id}\"]");
        let traits = object(shape.get("traits"), &format!("{path}.traits"))?;
        let type_name = shape
            .get("type")
            .and_then(Value::as_str)
            .ok_or_else(|| format!("{path}: missing `type`"))?;
        if type_name == "apply" {
            applies.push((id.clone(), traits, origin));
            continue;
        }
        let mut members = Vec::new();
        let named: Vec<(String, &Value)> = match shape.get("members") {
            Some(Value::Object(members)) => members
                .iter()
                .map(|(name, member)| (name.clone(), member))
                .collect(),
            Some(_) => return Err(format!("{path}.members: expected an object")),
            None => ["member", "key", "value"]
                .into_iter()
                .filter_map(|name| shape.get(name).map(|member| (name.to_string(), member)))
                .collect(),
        };
        for (name, member) in named {
            let member_path = format!("{path}.members.{name}");
            let target = member
                .get("target")
                .and_then(Value::as_str)
                .ok_or_else(|| format!("{member_path}.target: expected a string"))?;
            members.push(RawMember {
                name,
                target: Some(target.to_string()),
                traits: object(member.get("traits"), &format!("{member_path}.traits"))?,
                origin,
            });
        }
        let mixins = match shape.get("mixins") {
            None => Vec::new(),
            Some(Value::Array(mixins)) => mixins
                .iter()
                .map(|mixin| {
                    mixin
                        .get("target")
                        .and_then(Value::as_str)
                        .map(str::to_string)
                        .ok_or_else(|| {
                            format!("{path}.mixins: expected `{{\"target\": ...}}` entries")
                        })
                })
                .collect::<Result<_, _>>()?,
            Some(_) => return Err(format!("{path}.mixins: expected an array")),
        };
        let properties = shape
            .as_object()
            .map(|object| {
                object
                    .iter()
                    .filter(|(key, _)| !SHAPE_KEYS.contains(&key.as_str()))
                    .map(|(key, value)| (key.clone(), value.clone()))
                    .collect()
            })
            .unwrap_or_default();
        shapes.push(RawShape {
            id: id.clone(),
            type_name: type_name.to_string(),
            traits,
            members,
            mixins,
            for_resource: None,
            member_patches: Vec::new(),
            properties,
            origin,
        });
    }
    Ok((shapes, applies))
}

fn object(value: Option<&Value>, path: &str) -> Result<Map<String, Value>, String> {
    match value {
        None => Ok(Map::new()),
        Some(Value::Object(object)) => Ok(object.clone()),
        Some(_) => Err(format!("{path}: expected an object")),
    }
}
