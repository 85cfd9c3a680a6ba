//! Service and resource bodies (node objects) to their JSON AST properties.

use serde_json::{Map, Value, json};

use super::ast::{Node, NodeKind};
use super::error::SyntaxError;
use super::resolve::Scope;

const SERVICE_KEYS: &[&str] = &["version", "operations", "resources", "errors", "rename"];
const RESOURCE_KEYS: &[&str] = &[
    "identifiers",
    "properties",
    "create",
    "put",
    "read",
    "update",
    "delete",
    "list",
    "operations",
    "collectionOperations",
    "resources",
];

/// Lowers the body of a `service` or `resource`.
pub fn lower_properties(
    type_name: &str,
    entries: &[(String, Node)],
    scope: &Scope<'_>,
    v2: bool,
) -> Result<Map<String, Value>, SyntaxError> {
    let allowed = if type_name == "service" {
        SERVICE_KEYS
    } else {
        RESOURCE_KEYS
    };
    let mut properties = Map::new();
    for (key, node) in entries {
        if !allowed.contains(&key.as_str()) {
            let message = format!(
                "unknown {type_name} property `{key}` (expected one of {})",
                allowed.join(", ")
            );
            return Err(SyntaxError::new(node.position, message));
        }
        if properties.contains_key(key) {
            return Err(SyntaxError::new(
                node.position,
                format!("{type_name} property `{key}` is written twice"),
            ));
        }
        let value = match key.as_str() {
            "version" => match &node.kind {
                NodeKind::String(text) => Value::String(text.clone()),
                _ => {
                    return Err(SyntaxError::new(
                        node.position,
                        "a service `version` must be a string",
                    ));
                }
            },
            "operations" | "resources" | "errors" | "collectionOperations" => {
                let NodeKind::Array(items) = &node.kind else {
                    return Err(SyntaxError::new(
                        node.position,
                        format!("`{key}` must be a list of shape ids"),
                    ));
                };
                let targets = items
                    .iter()
                    .map(|item| target(item, scope))
                    .collect::<Result<Vec<_>, _>>()?;
                Value::Array(targets)
            }
            "create" | "put" | "read" | "update" | "delete" | "list" => target(node, scope)?,
            "identifiers" | "properties" => {
                if key == "properties" && !v2 {
                    return Err(SyntaxError::new(
                        node.position,
                        "resource properties need IDL version 2",
                    ));
                }
                let NodeKind::Object(entries) = &node.kind else {
                    return Err(SyntaxError::new(
                        node.position,
                        format!("`{key}` must map names to shape ids"),
                    ));
                };
                let mut map = Map::new();
                for (name, item) in entries {
                    map.insert(name.clone(), target(item, scope)?);
                }
                Value::Object(map)
            }
            _ => {
                let NodeKind::Object(entries) = &node.kind else {
                    return Err(SyntaxError::new(
                        node.position,
                        "`rename` must map shape ids to names",
                    ));
                };
                let mut map = Map::new();
                for (id, name) in entries {
                    let id = scope
                        .resolve(id)
                        .map_err(|message| SyntaxError::new(name.position, message))?;
                    let NodeKind::String(name) = &name.kind else {
                        return Err(SyntaxError::new(
                            name.position,
                            "a `rename` value must be a string",
                        ));
                    };
                    map.insert(id, Value::String(name.clone()));
                }
                Value::Object(map)
            }
        };
        properties.insert(key.clone(), value);
    }
    Ok(properties)
}

/// `{"target": id}` for a shape id written bare or quoted.
fn target(node: &Node, scope: &Scope<'_>) -> Result<Value, SyntaxError> {
    let text = match &node.kind {
        NodeKind::ShapeId(text) | NodeKind::String(text) => text,
        _ => return Err(SyntaxError::new(node.position, "expected a shape id")),
    };
    let id = scope
        .resolve(text)
        .map_err(|message| SyntaxError::new(node.position, message))?;
    Ok(json!({ "target": id }))
}
