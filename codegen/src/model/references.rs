//! Reference checks: every member target, operation input/output/error and binding
//! resolves, and to a shape of a kind that may stand there.

use std::collections::{BTreeMap, BTreeSet};

use super::load::Problem;
use super::prelude::prelude_shapes;
use super::{Shape, ShapeId, ShapeKind};

/// Every reference must resolve, and to a shape of the right kind. Each problem comes with
/// the file position of the shape it concerns.
pub(super) fn check_references(
    shapes: &[Shape],
    declared: &BTreeSet<ShapeId>,
    position: &BTreeMap<ShapeId, usize>,
) -> Vec<(Option<usize>, Problem)> {
    let prelude = prelude_shapes();
    let kinds: BTreeMap<&ShapeId, &Shape> = prelude
        .iter()
        .chain(shapes.iter())
        .map(|shape| (&shape.id, shape))
        .collect();
    let mut problems: Vec<(Option<usize>, Problem)> = Vec::new();
    let owner = std::cell::Cell::new(None);
    let mut expect = |location: String, target: &ShapeId, allowed: &[&str], what: &str| match kinds
        .get(target)
    {
        None if declared.contains(target) => {}
        None => problems.push((
            owner.get(),
            Problem {
                location,
                message: format!("target {target} does not exist"),
            },
        )),
        Some(shape) if !allowed.is_empty() && !allowed.contains(&shape.kind.type_name()) => {
            problems.push((
                owner.get(),
                Problem {
                    location,
                    message: format!(
                        "{what} must be {}, but {target} is a {}",
                        allowed.join(" or "),
                        shape.kind.type_name()
                    ),
                },
            ))
        }
        Some(_) => {}
    };
    const ANY: &[&str] = &[];
    const DATA: &[&str] = &[
        "blob",
        "boolean",
        "string",
        "byte",
        "short",
        "integer",
        "long",
        "float",
        "double",
        "bigInteger",
        "bigDecimal",
        "timestamp",
        "document",
        "enum",
        "intEnum",
        "list",
        "map",
        "structure",
        "union",
    ];
    for shape in shapes {
        owner.set(position.get(&shape.id).copied());
        let path = format!("$.shapes[\"{}\"]", shape.id);
        match &shape.kind {
            ShapeKind::Structure(members) | ShapeKind::Union(members) => {
                for member in members {
                    let location = format!("{path}.members.{}.target", member.name);
                    expect(location, &member.target, DATA, "a member target");
                }
            }
            ShapeKind::List(member) => {
                expect(
                    format!("{path}.member.target"),
                    &member.target,
                    DATA,
                    "a list member",
                );
            }
            ShapeKind::Map { key, value } => {
                let key_kinds = &["string", "enum"];
                expect(
                    format!("{path}.key.target"),
                    &key.target,
                    key_kinds,
                    "a map key",
                );
                expect(
                    format!("{path}.value.target"),
                    &value.target,
                    DATA,
                    "a map value",
                );
            }
            ShapeKind::Enum(members) | ShapeKind::IntEnum(members) => {
                for member in members {
                    let location = format!("{path}.members.{}.target", member.name);
                    expect(location, &member.target, ANY, "");
                }
            }
            ShapeKind::Operation(operation) => {
                let structure = &["structure"];
                for (key, target) in [("input", &operation.input), ("output", &operation.output)] {
                    if let Some(target) = target {
                        expect(
                            format!("{path}.{key}"),
                            target,
                            structure,
                            "an operation's input and output",
                        );
                    }
                }
                for (index, error) in operation.errors.iter().enumerate() {
                    expect(
                        format!("{path}.errors[{index}]"),
                        error,
                        structure,
                        "an error",
                    );
                }
            }
            ShapeKind::Service(service) => {
                for (index, id) in service.operations.iter().enumerate() {
                    expect(
                        format!("{path}.operations[{index}]"),
                        id,
                        &["operation"],
                        "a bound operation",
                    );
                }
                for (index, id) in service.resources.iter().enumerate() {
                    expect(
                        format!("{path}.resources[{index}]"),
                        id,
                        &["resource"],
                        "a bound resource",
                    );
                }
                for (index, id) in service.errors.iter().enumerate() {
                    expect(
                        format!("{path}.errors[{index}]"),
                        id,
                        &["structure"],
                        "an error",
                    );
                }
            }
            ShapeKind::Resource(resource) => {
                for id in &resource.operations {
                    expect(path.clone(), id, &["operation"], "a bound operation");
                }
                for id in &resource.resources {
                    expect(path.clone(), id, &["resource"], "a child resource");
                }
            }
            _ => {}
        }
    }
    problems
}
