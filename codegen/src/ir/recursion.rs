//! Finds the members that must be boxed so that recursive structures and unions have a
//! finite size. Lists and maps already put their items on the heap, so only cycles made of
//! direct structure/union members count.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Model, ShapeId, ShapeKind};

/// `(shape, member name)` pairs to box. Deterministic: shapes are visited in id order and
/// members in declared order; every edge that closes a cycle during the walk is boxed,
/// which leaves the remaining graph acyclic.
pub fn members_to_box(model: &Model, shapes: &BTreeSet<ShapeId>) -> BTreeSet<(ShapeId, String)> {
    let mut edges: BTreeMap<&ShapeId, Vec<(&str, &ShapeId)>> = BTreeMap::new();
    for id in shapes {
        let Some(shape) = model.shape(id) else {
            continue;
        };
        let (ShapeKind::Structure(members) | ShapeKind::Union(members)) = &shape.kind else {
            continue;
        };
        let direct = members.iter().filter(|member| {
            matches!(
                model.shape(&member.target).map(|target| &target.kind),
                Some(ShapeKind::Structure(_) | ShapeKind::Union(_))
            ) && !member.target.is_prelude()
        });
        edges.insert(
            id,
            direct
                .map(|member| (member.name.as_str(), &member.target))
                .collect(),
        );
    }

    #[derive(Clone, Copy, PartialEq)]
    enum State {
        OnStack,
        Done,
    }
    let mut state: BTreeMap<&ShapeId, State> = BTreeMap::new();
    let mut boxed = BTreeSet::new();
    for &root in edges.keys() {
        if state.contains_key(root) {
            continue;
        }
        // Iterative depth-first walk: (shape, index of the next edge to follow).
        let mut stack: Vec<(&ShapeId, usize)> = vec![(root, 0)];
        state.insert(root, State::OnStack);
        while let Some((shape, next)) = stack.last_mut() {
            let shape_edges = edges.get(shape).map(Vec::as_slice).unwrap_or_default();
            let Some(&(member, target)) = shape_edges.get(*next) else {
                state.insert(shape, State::Done);
                stack.pop();
                continue;
            };
            *next += 1;
            let shape = *shape;
            match state.get(target) {
                Some(State::OnStack) => {
                    boxed.insert((shape.clone(), member.to_string()));
                }
                Some(State::Done) => {}
                None => {
                    state.insert(target, State::OnStack);
                    stack.push((target, 0));
                }
            }
        }
    }
    boxed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{closure, load_str};
    use std::path::Path;

    #[test]
    fn boxes_direct_cycles_only() {
        let text = r#"{"smithy": "2.0", "shapes": {
            "ex#A": {"type": "structure", "members": {"b": {"target": "ex#B"}}},
            "ex#B": {"type": "structure", "members": {"a": {"target": "ex#A"}}},
            "ex#Self": {"type": "structure", "members": {"next": {"target": "ex#Self"}}},
            "ex#Tree": {"type": "structure", "members": {"kids": {"target": "ex#Trees"}}},
            "ex#Trees": {"type": "list", "member": {"target": "ex#Tree"}},
            "ex#Expr": {"type": "union", "members": {"not": {"target": "ex#Expr"},
                                                      "lit": {"target": "smithy.api#String"}}}
        }}"#;
        let model = load_str(text, Path::new("t.json")).unwrap();
        let roots = ["A", "Self", "Tree", "Expr"].map(|name| ShapeId::new("ex", name));
        let boxed = members_to_box(&model, &closure(&model, roots));
        let pairs: Vec<String> = boxed
            .iter()
            .map(|(id, member)| format!("{}.{member}", id.name()))
            .collect();
        assert_eq!(pairs, ["B.a", "Expr.not", "Self.next"]);
    }
}
