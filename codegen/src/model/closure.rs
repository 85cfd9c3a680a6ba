//! Which operations a service has and which shapes a set of roots reaches.

use std::collections::BTreeSet;

use super::{Model, ShapeId, ShapeKind};

/// Every operation of a service: bound directly or through (nested) resources, in binding
/// order, each once.
pub fn service_operations(model: &Model, service_id: &ShapeId) -> Vec<ShapeId> {
    let mut operations = Vec::new();
    let mut seen_resources = BTreeSet::new();
    let mut pending = vec![service_id.clone()];
    while let Some(container) = pending.pop() {
        let (direct, resources) = match model.shape(&container).map(|shape| &shape.kind) {
            Some(ShapeKind::Service(service)) => (&service.operations, &service.resources),
            Some(ShapeKind::Resource(resource)) => (&resource.operations, &resource.resources),
            _ => continue,
        };
        for operation in direct {
            if !operations.contains(operation) {
                operations.push(operation.clone());
            }
        }
        // Walk children in written order: push in reverse onto the stack.
        for resource in resources.iter().rev() {
            if seen_resources.insert(resource.clone()) {
                pending.push(resource.clone());
            }
        }
    }
    operations
}

/// The non-prelude shapes reachable from `roots` through members, operation inputs,
/// outputs and errors. Traits are not followed.
pub fn closure(model: &Model, roots: impl IntoIterator<Item = ShapeId>) -> BTreeSet<ShapeId> {
    let mut seen = BTreeSet::new();
    let mut pending: Vec<ShapeId> = roots.into_iter().collect();
    while let Some(id) = pending.pop() {
        if id.is_prelude() || seen.contains(&id) {
            continue;
        }
        let Some(shape) = model.shape(&id) else {
            continue;
        };
        seen.insert(id);
        match &shape.kind {
            ShapeKind::Operation(operation) => {
                pending.extend(operation.input.iter().cloned());
                pending.extend(operation.output.iter().cloned());
                pending.extend(operation.errors.iter().cloned());
            }
            kind => pending.extend(
                kind.members()
                    .into_iter()
                    .map(|member| member.target.clone()),
            ),
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_str;
    use std::path::Path;

    #[test]
    fn finds_operations_through_resources_and_shapes_through_members() {
        let text = r#"{"smithy": "2.0", "shapes": {
            "ex#Svc": {"type": "service", "operations": [{"target": "ex#A"}],
                       "resources": [{"target": "ex#R"}]},
            "ex#R": {"type": "resource", "read": {"target": "ex#B"},
                     "resources": [{"target": "ex#Child"}]},
            "ex#Child": {"type": "resource", "operations": [{"target": "ex#C"}]},
            "ex#A": {"type": "operation", "input": {"target": "ex#In"}},
            "ex#B": {"type": "operation"},
            "ex#C": {"type": "operation", "errors": [{"target": "ex#Oops"}]},
            "ex#In": {"type": "structure", "members": {"items": {"target": "ex#List"}}},
            "ex#List": {"type": "list", "member": {"target": "ex#Item"}},
            "ex#Item": {"type": "structure", "members": {"self": {"target": "ex#Item"}}},
            "ex#Oops": {"type": "structure", "traits": {"smithy.api#error": "client"}},
            "ex#Unused": {"type": "string"}
        }}"#;
        let model = load_str(text, Path::new("t.json")).unwrap();
        let operations = service_operations(&model, &ShapeId::new("ex", "Svc"));
        let names: Vec<&str> = operations.iter().map(ShapeId::name).collect();
        assert_eq!(names, ["A", "B", "C"]);
        let reached = closure(&model, operations);
        let names: Vec<&str> = reached.iter().map(ShapeId::name).collect();
        assert_eq!(names, ["A", "B", "C", "In", "Item", "List", "Oops"]);
    }
}
