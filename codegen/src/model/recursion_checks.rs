//! Recursion no Rust type can hold, found when the model is loaded rather than by
//! overflowing the stack later:
//!
//! - a list or map that contains itself with no structure or union in between (its Rust
//!   type would be infinite), and collections nested deeper than [`MAX_COLLECTION_DEPTH`];
//! - a cycle of structure members that must all be set: `@required`, without a
//!   `@default` and not `@clientOptional` (no value of such a structure can be built).
//!
//! Every walk here is iterative.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use super::load::Problem;
use super::prelude::prelude_shapes;
use super::{Member, NodeValue, Shape, ShapeId, ShapeKind};

/// How many lists and maps may nest directly inside one another.
pub const MAX_COLLECTION_DEPTH: usize = 64;

/// Problems with recursive collections and required-member cycles, each with the file
/// position of the shape it is reported on.
pub(super) fn check_recursion(
    shapes: &[Shape],
    position: &BTreeMap<ShapeId, usize>,
) -> Vec<(Option<usize>, Problem)> {
    let prelude = prelude_shapes();
    let by_id: BTreeMap<&ShapeId, &Shape> = prelude
        .iter()
        .chain(shapes)
        .map(|shape| (&shape.id, shape))
        .collect();
    let mut problems = collection_problems(shapes, &by_id);
    problems.extend(required_cycle_problems(shapes, &by_id));
    problems
        .into_iter()
        .map(|(id, problem)| (position.get(&id).copied(), problem))
        .collect()
}

/// The collection a list or map holds directly (its item or value), if that is a list or
/// map too.
fn inner_collection<'a>(shape: &Shape, by_id: &BTreeMap<&ShapeId, &'a Shape>) -> Option<&'a Shape> {
    let target = match &shape.kind {
        ShapeKind::List(member) => &member.target,
        ShapeKind::Map { value, .. } => &value.target,
        _ => return None,
    };
    by_id
        .get(target)
        .copied()
        .filter(|inner| matches!(inner.kind, ShapeKind::List(_) | ShapeKind::Map { .. }))
}

fn collection_problems(
    shapes: &[Shape],
    by_id: &BTreeMap<&ShapeId, &Shape>,
) -> Vec<(ShapeId, Problem)> {
    let mut problems = Vec::new();
    let mut reported: BTreeSet<&ShapeId> = BTreeSet::new();
    for shape in shapes {
        if !matches!(shape.kind, ShapeKind::List(_) | ShapeKind::Map { .. })
            || reported.contains(&shape.id)
        {
            continue;
        }
        // Each collection holds at most one collection directly: follow the chain.
        let mut chain: Vec<&ShapeId> = vec![&shape.id];
        let mut current = shape;
        while let Some(inner) = inner_collection(current, by_id) {
            if let Some(start) = chain.iter().position(|id| **id == inner.id) {
                if start == 0 {
                    let cycle: Vec<String> = chain
                        .iter()
                        .chain(std::iter::once(&&inner.id))
                        .map(|id| id.to_string())
                        .collect();
                    reported.extend(chain.iter().copied());
                    problems.push((
                        shape.id.clone(),
                        Problem {
                            location: format!("$.shapes[\"{}\"]", shape.id),
                            message: format!(
                                "{} {} contains itself with no structure or union in between ({}); no Rust type can hold it",
                                shape.kind.type_name(),
                                shape.id,
                                cycle.join(" -> ")
                            ),
                        },
                    ));
                }
                // A cycle further down is reported from its own first shape.
                break;
            }
            chain.push(&inner.id);
            if chain.len() > MAX_COLLECTION_DEPTH {
                problems.push((
                    shape.id.clone(),
                    Problem {
                        location: format!("$.shapes[\"{}\"]", shape.id),
                        message: format!(
                            "{} {} nests more than {MAX_COLLECTION_DEPTH} lists and maps directly inside one another",
                            shape.kind.type_name(),
                            shape.id
                        ),
                    },
                ));
                break;
            }
            current = inner;
        }
    }
    problems
}

/// Whether a structure member must hold a value for the structure to exist.
fn must_be_set(member: &Member) -> bool {
    let has_default = matches!(&member.traits.default, Some(value) if *value != NodeValue::Null);
    member.traits.required && !has_default && !member.traits.client_optional
}

fn required_cycle_problems(
    shapes: &[Shape],
    by_id: &BTreeMap<&ShapeId, &Shape>,
) -> Vec<(ShapeId, Problem)> {
    // Structure -> the structures its must-be-set members target (member name kept).
    let mut edges: BTreeMap<&ShapeId, Vec<(&str, &ShapeId)>> = BTreeMap::new();
    for shape in shapes {
        let ShapeKind::Structure(members) = &shape.kind else {
            continue;
        };
        let targets = members
            .iter()
            .filter(|member| must_be_set(member))
            .filter(|member| {
                by_id
                    .get(&member.target)
                    .is_some_and(|target| matches!(target.kind, ShapeKind::Structure(_)))
            })
            .map(|member| (member.name.as_str(), &member.target))
            .collect();
        edges.insert(&shape.id, targets);
    }
    let edges = cyclic_core(edges);
    let mut problems = Vec::new();
    let mut reported: BTreeSet<&ShapeId> = BTreeSet::new();
    for shape in shapes {
        if reported.contains(&shape.id) || !edges.contains_key(&shape.id) {
            continue;
        }
        let Some(cycle) = shortest_cycle(&shape.id, &edges) else {
            continue;
        };
        reported.extend(cycle.iter().map(|(id, _)| *id));
        let (_, first_member) = cycle[0];
        let route: Vec<String> = cycle
            .iter()
            .map(|(id, member)| format!("{id}${member}"))
            .collect();
        problems.push((
            shape.id.clone(),
            Problem {
                location: format!("$.shapes[\"{}\"].members.{first_member}", shape.id),
                message: format!(
                    "structure {} can never be built: its required members lead back to it ({} -> {}); make one of them optional or give it a default",
                    shape.id,
                    route.join(" -> "),
                    shape.id
                ),
            },
        ));
    }
    problems
}

/// The part of the graph that can hold a cycle: nodes with no way in or no way out are
/// peeled off (with a work list, so an acyclic model of any size costs linear time).
fn cyclic_core<'a>(
    edges: BTreeMap<&'a ShapeId, Vec<(&'a str, &'a ShapeId)>>,
) -> BTreeMap<&'a ShapeId, Vec<(&'a str, &'a ShapeId)>> {
    let mut incoming: BTreeMap<&ShapeId, Vec<&ShapeId>> = BTreeMap::new();
    let mut in_degree: BTreeMap<&ShapeId, usize> = edges.keys().map(|id| (*id, 0)).collect();
    let mut out_degree: BTreeMap<&ShapeId, usize> = BTreeMap::new();
    for (from, out) in &edges {
        let targets: BTreeSet<&ShapeId> = out
            .iter()
            .map(|(_, target)| *target)
            .filter(|target| edges.contains_key(target))
            .collect();
        out_degree.insert(from, targets.len());
        for target in targets {
            incoming.entry(target).or_default().push(from);
            *in_degree.entry(target).or_default() += 1;
        }
    }
    let mut removed: BTreeSet<&ShapeId> = BTreeSet::new();
    let mut pending: Vec<&ShapeId> = edges
        .keys()
        .copied()
        .filter(|id| in_degree[id] == 0 || out_degree[id] == 0)
        .collect();
    while let Some(id) = pending.pop() {
        if !removed.insert(id) {
            continue;
        }
        for (_, target) in edges.get(id).into_iter().flatten() {
            if let Some(degree) = in_degree.get_mut(target)
                && !removed.contains(target)
            {
                *degree = degree.saturating_sub(1);
                if *degree == 0 {
                    pending.push(target);
                }
            }
        }
        for source in incoming.get(id).into_iter().flatten() {
            if let Some(degree) = out_degree.get_mut(source)
                && !removed.contains(source)
            {
                *degree = degree.saturating_sub(1);
                if *degree == 0 {
                    pending.push(source);
                }
            }
        }
    }
    edges
        .into_iter()
        .filter(|(id, _)| !removed.contains(id))
        .map(|(id, out)| {
            let kept = out
                .into_iter()
                .filter(|(_, target)| !removed.contains(target))
                .collect();
            (id, kept)
        })
        .collect()
}

/// The shortest route from `start` back to itself, as (structure, member) steps.
fn shortest_cycle<'a>(
    start: &'a ShapeId,
    edges: &BTreeMap<&'a ShapeId, Vec<(&'a str, &'a ShapeId)>>,
) -> Option<Vec<(&'a ShapeId, &'a str)>> {
    let mut came_from: BTreeMap<&ShapeId, (&ShapeId, &str)> = BTreeMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(current) = queue.pop_front() {
        for (member, target) in edges.get(current).into_iter().flatten() {
            if *target == start {
                let mut steps = vec![(current, *member)];
                let mut at = current;
                while at != start {
                    let (previous, via) = came_from[at];
                    steps.push((previous, via));
                    at = previous;
                }
                steps.reverse();
                return Some(steps);
            }
            if !came_from.contains_key(target) {
                came_from.insert(target, (current, member));
                queue.push_back(target);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::model::load_str;

    #[test]
    fn representable_recursion_loads() {
        let text = r#"{"smithy": "2.0", "shapes": {
            "ex#Node": {"type": "structure", "members": {
                "children": {"target": "ex#Nodes", "traits": {"smithy.api#required": {}}},
                "parent": {"target": "ex#Node"}
            }},
            "ex#Nodes": {"type": "list", "member": {"target": "ex#Node"}},
            "ex#Loose": {"type": "structure", "members": {"next": {"target": "ex#Loose",
                "traits": {"smithy.api#required": {}, "smithy.api#clientOptional": {}}}}},
            "ex#Choice": {"type": "union", "members": {"again": {"target": "ex#Choices"}}},
            "ex#Choices": {"type": "list", "member": {"target": "ex#Choice"}},
            "ex#Deep": {"type": "list", "member": {"target": "ex#Deeper"}},
            "ex#Deeper": {"type": "list", "member": {"target": "ex#Node"}}
        }}"#;
        load_str(text, Path::new("test.json")).unwrap();
    }

    #[test]
    fn long_required_chains_are_fine_and_fast() {
        let count = 10_000;
        let mut shapes = Vec::new();
        for index in 0..count {
            shapes.push(format!(
                r#""ex#S{index}": {{"type": "structure", "members": {{"next": {{"target": "ex#S{}", "traits": {{"smithy.api#required": {{}}}}}}}}}}"#,
                index + 1
            ));
        }
        shapes.push(format!(r#""ex#S{count}": {{"type": "structure"}}"#));
        let text = format!(r#"{{"smithy": "2.0", "shapes": {{{}}}}}"#, shapes.join(","));
        load_str(&text, Path::new("test.json")).unwrap();
        let closed = text.replace(
            &format!(r#""ex#S{count}": {{"type": "structure"}}"#),
            &format!(
                r#""ex#S{count}": {{"type": "structure", "members": {{"back": {{"target": "ex#S{}", "traits": {{"smithy.api#required": {{}}}}}}}}}}"#,
                count - 2
            ),
        );
        let error = load_str(&closed, Path::new("test.json"))
            .unwrap_err()
            .to_string();
        assert_eq!(error.lines().count(), 1, "{error}");
        assert!(error.contains("can never be built"), "{error}");
    }

    #[test]
    fn deep_collection_chains_are_reported_once_per_start() {
        let mut shapes = Vec::new();
        for index in 0..100 {
            shapes.push(format!(
                r#""ex#L{index}": {{"type": "list", "member": {{"target": "ex#L{}"}}}}"#,
                index + 1
            ));
        }
        shapes.push(r#""ex#L100": {"type": "string"}"#.to_string());
        let text = format!(r#"{{"smithy": "2.0", "shapes": {{{}}}}}"#, shapes.join(","));
        let error = load_str(&text, Path::new("test.json"))
            .unwrap_err()
            .to_string();
        assert!(error.contains("ex#L0 nests more than 64"), "{error}");
    }
}
