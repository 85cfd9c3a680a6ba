//! Node values to JSON, trait values (with the empty value of a trait written without
//! one), and trait maps that merge the way `apply` and mixins need.

use serde_json::{Map, Number, Value};

use super::ast::{Node, NodeKind, TraitApplication};
use super::error::{Position, SyntaxError};
use super::resolve::Scope;

/// Converts a node value to JSON; unquoted shape ids become absolute ids.
pub fn node_to_json(node: &Node, scope: &Scope<'_>) -> Result<Value, SyntaxError> {
    Ok(match &node.kind {
        NodeKind::Null => Value::Null,
        NodeKind::Bool(flag) => Value::Bool(*flag),
        NodeKind::Number(text) => number(text, node.position)?,
        NodeKind::String(text) => Value::String(text.clone()),
        NodeKind::ShapeId(text) => Value::String(
            scope
                .resolve(text)
                .map_err(|message| SyntaxError::new(node.position, message))?,
        ),
        NodeKind::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| node_to_json(item, scope))
                .collect::<Result<_, _>>()?,
        ),
        NodeKind::Object(entries) => {
            let mut object = Map::new();
            for (key, value) in entries {
                if object.contains_key(key) {
                    return Err(SyntaxError::new(
                        value.position,
                        format!("object key `{key}` is written twice"),
                    ));
                }
                object.insert(key.clone(), node_to_json(value, scope)?);
            }
            Value::Object(object)
        }
    })
}

fn number(text: &str, position: Position) -> Result<Value, SyntaxError> {
    text.parse::<Number>()
        .map(Value::Number)
        .map_err(|error| SyntaxError::new(position, format!("invalid number `{text}`: {error}")))
}

/// The absolute trait id and JSON value of a trait application. A trait written without a
/// value gets the empty value of its shape: `[]` for list traits, `true` for boolean ones,
/// `{}` otherwise.
pub fn trait_value(
    application: &TraitApplication,
    scope: &Scope<'_>,
) -> Result<(String, Value), SyntaxError> {
    let id = scope
        .resolve_reference(&application.name)
        .map_err(|message| SyntaxError::new(application.name.position, message))?;
    if id.contains('$') {
        return Err(SyntaxError::new(
            application.name.position,
            format!("a trait must be a shape, not the member `{id}`"),
        ));
    }
    let value = match &application.value {
        Some(node) => node_to_json(node, scope)?,
        None => match scope.symbols.type_of(&id) {
            Some("list" | "set") => Value::Array(Vec::new()),
            Some("boolean") => Value::Bool(true),
            _ => Value::Object(Map::new()),
        },
    };
    Ok((id, value))
}

/// Adds a trait applied a second time (by `apply` or a repeated application): equal
/// values are fine, list values are concatenated, anything else conflicts.
pub fn merge_trait(
    traits: &mut Map<String, Value>,
    id: String,
    value: Value,
) -> Result<(), String> {
    match traits.get_mut(&id) {
        None => {
            traits.insert(id, value);
            Ok(())
        }
        Some(existing) if *existing == value => Ok(()),
        Some(Value::Array(existing)) => match value {
            Value::Array(more) => {
                existing.extend(more);
                Ok(())
            }
            _ => Err(format!(
                "trait `{id}` is applied twice with conflicting values"
            )),
        },
        Some(_) => Err(format!(
            "trait `{id}` is applied twice with conflicting values"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merges_lists_and_rejects_conflicts() {
        let mut traits = Map::new();
        merge_trait(&mut traits, "a#t".into(), json!([1])).unwrap();
        merge_trait(&mut traits, "a#t".into(), json!([2])).unwrap();
        assert_eq!(traits["a#t"], json!([1, 2]));
        merge_trait(&mut traits, "a#s".into(), json!("x")).unwrap();
        merge_trait(&mut traits, "a#s".into(), json!("x")).unwrap();
        assert!(merge_trait(&mut traits, "a#s".into(), json!("y")).is_err());
    }
}
