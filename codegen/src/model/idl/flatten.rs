//! Applies `apply` statements, flattens mixins (members and traits copied per the spec,
//! `@mixin(localTraits: [...])` kept local), resolves elided member targets, and drops the
//! mixin shapes themselves.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::raw::{Origin, RawMember, RawShape};
use super::values::merge_trait;

/// Mixin chains (and `for` resources) may nest this deep before flattening gives up
/// (guards the stack).
const MAX_MIXIN_DEPTH: usize = 128;

/// A problem found while flattening, at the origin of the shape or member it concerns.
#[derive(Debug)]
pub struct FlattenError {
    /// Where.
    pub origin: Origin,
    /// What.
    pub message: String,
}

fn fail<T>(origin: Origin, message: impl Into<String>) -> Result<T, FlattenError> {
    Err(FlattenError {
        origin,
        message: message.into(),
    })
}

/// A shape with mixins applied.
#[derive(Clone, Debug)]
pub struct FlatShape {
    /// Traits, inherited ones included.
    pub traits: Map<String, Value>,
    /// Members, inherited ones first, every target resolved.
    pub members: Vec<RawMember>,
    /// Entity properties, inherited ones merged in.
    pub properties: Map<String, Value>,
}

/// Applies `applies` to `shapes`, then flattens every shape (same order as `shapes`).
pub fn flatten(
    shapes: &mut [RawShape],
    applies: Vec<(String, Map<String, Value>, Origin)>,
) -> Result<Vec<FlatShape>, FlattenError> {
    let mut index = HashMap::new();
    for (position, shape) in shapes.iter().enumerate() {
        if index.insert(shape.id.clone(), position).is_some() {
            return fail(
                shape.origin,
                format!("shape `{}` is defined more than once", shape.id),
            );
        }
    }
    for (target, traits, origin) in applies {
        let (shape_id, member) = match target.split_once('$') {
            Some((shape_id, member)) => (shape_id, Some(member)),
            None => (target.as_str(), None),
        };
        let Some(&position) = index.get(shape_id) else {
            return fail(
                origin,
                format!("`apply` target `{shape_id}` is not a shape defined in the IDL files"),
            );
        };
        let shape = &mut shapes[position];
        let slot = match member {
            None => &mut shape.traits,
            Some(member) => match shape.members.iter_mut().find(|local| local.name == member) {
                Some(local) => &mut local.traits,
                None => {
                    shape
                        .member_patches
                        .push((member.to_string(), traits, origin));
                    continue;
                }
            },
        };
        for (id, value) in traits {
            merge_trait(slot, id, value).map_err(|message| FlattenError { origin, message })?;
        }
    }
    let mut flattener = Flattener {
        shapes,
        index: &index,
        done: vec![None; shapes.len()],
        visiting: Vec::new(),
    };
    for position in 0..flattener.shapes.len() {
        flattener.flat(position)?;
    }
    Ok(flattener.done.into_iter().flatten().collect())
}

struct Flattener<'a> {
    shapes: &'a [RawShape],
    index: &'a HashMap<String, usize>,
    done: Vec<Option<FlatShape>>,
    visiting: Vec<usize>,
}

impl Flattener<'_> {
    /// Flattens the shape at `position` into `self.done` (once).
    fn flat(&mut self, position: usize) -> Result<(), FlattenError> {
        if self.done[position].is_some() {
            return Ok(());
        }
        let shape = &self.shapes[position];
        if self.visiting.contains(&position) {
            return fail(shape.origin, format!("mixin cycle through `{}`", shape.id));
        }
        if self.visiting.len() >= MAX_MIXIN_DEPTH {
            return fail(
                shape.origin,
                format!(
                    "mixins of `{}` are nested more than {MAX_MIXIN_DEPTH} levels deep",
                    shape.id
                ),
            );
        }
        self.visiting.push(position);
        if shape.is_mixin() {
            mixin_rules(shape)?;
        }
        if let Some(&resource) = shape
            .for_resource
            .as_ref()
            .and_then(|id| self.index.get(id))
        {
            self.flat(resource)?;
        }
        let mut members: Vec<RawMember> = Vec::new();
        let mut traits = Map::new();
        let mut properties = Map::new();
        for mixin_id in &shape.mixins {
            let Some(&mixin_position) = self.index.get(mixin_id) else {
                return fail(
                    shape.origin,
                    format!(
                        "mixin `{mixin_id}` of `{}` is not a shape defined in the IDL files",
                        shape.id
                    ),
                );
            };
            let mixin = &self.shapes[mixin_position];
            if !mixin.is_mixin() {
                return fail(
                    shape.origin,
                    format!(
                        "`{mixin_id}` is used as a mixin of `{}` but has no @mixin trait",
                        shape.id
                    ),
                );
            }
            if mixin.type_name != shape.type_name {
                return fail(
                    shape.origin,
                    format!(
                        "mixins may only be mixed into shapes of the same type: `{mixin_id}` is a {} but `{}` is a {}",
                        mixin.type_name, shape.id, shape.type_name
                    ),
                );
            }
            self.flat(mixin_position)?;
            let Some(flat) = &self.done[mixin_position] else {
                return fail(
                    shape.origin,
                    format!("mixin `{mixin_id}` could not be flattened"),
                );
            };
            for member in flat.members.iter().cloned() {
                match members
                    .iter_mut()
                    .find(|existing| existing.name == member.name)
                {
                    Some(existing) if existing.target == member.target => {
                        existing.traits.extend(member.traits)
                    }
                    Some(_) => {
                        return fail(
                            shape.origin,
                            format!(
                                "member `{}` of `{}` comes from two mixins with different targets",
                                member.name, shape.id
                            ),
                        );
                    }
                    None => members.push(member),
                }
            }
            let local_traits = local_traits(&mixin.traits);
            for (id, value) in &flat.traits {
                if id != "smithy.api#mixin" && !local_traits.contains(id) {
                    traits.insert(id.clone(), value.clone());
                }
            }
            merge_properties(&mut properties, flat.properties.clone());
        }
        for (name, patch, origin) in &shape.member_patches {
            let Some(member) = members.iter_mut().find(|member| member.name == *name) else {
                return fail(
                    *origin,
                    format!("`apply` target `{}${name}` is not a member", shape.id),
                );
            };
            member.traits.extend(patch.clone());
        }
        for local in &shape.members {
            if let Some(inherited) = members.iter_mut().find(|member| member.name == local.name) {
                let conflicts = match &local.target {
                    Some(_) => local.target != inherited.target,
                    None => resource_target(&self.done, self.index, shape, &local.name)
                        .is_some_and(|target| Some(target) != inherited.target),
                };
                if conflicts {
                    return fail(
                        local.origin,
                        format!(
                            "member `{}${}` conflicts with an inherited mixin member of another target",
                            shape.id, local.name
                        ),
                    );
                }
                inherited.traits.extend(local.traits.clone());
                continue;
            }
            let mut member = local.clone();
            if member.target.is_none() {
                member.target = Some(self.elided_target(shape, &local.name, local.origin)?);
            }
            members.push(member);
        }
        traits.extend(shape.traits.clone());
        merge_properties(&mut properties, shape.properties.clone());
        self.visiting.pop();
        self.done[position] = Some(FlatShape {
            traits,
            members,
            properties,
        });
        Ok(())
    }

    /// The target of `$name` from the `for` resource's identifiers, then its properties.
    fn elided_target(
        &mut self,
        shape: &RawShape,
        name: &str,
        origin: Origin,
    ) -> Result<String, FlattenError> {
        let not_found = || {
            format!(
                "`{}${name}` elides its target, but no mixin member and no identifier or property of a bound resource is named `{name}`",
                shape.id
            )
        };
        let Some(resource_id) = &shape.for_resource else {
            return fail(origin, not_found());
        };
        let Some(&resource_position) = self.index.get(resource_id) else {
            return fail(
                origin,
                format!(
                    "the `for` resource `{resource_id}` is not a shape defined in the IDL files"
                ),
            );
        };
        if self.shapes[resource_position].type_name != "resource" {
            return fail(
                origin,
                format!(
                    "the target of `for` must be a resource, but `{resource_id}` is a {}",
                    self.shapes[resource_position].type_name
                ),
            );
        }
        self.flat(resource_position)?;
        let Some(resource) = &self.done[resource_position] else {
            return fail(origin, not_found());
        };
        for key in ["identifiers", "properties"] {
            let target = resource
                .properties
                .get(key)
                .and_then(|map| map.get(name))
                .and_then(|t| t.get("target"))
                .and_then(Value::as_str);
            if let Some(target) = target {
                return Ok(target.to_string());
            }
        }
        fail(origin, not_found())
    }
}

/// Operation mixins may not have input or output; resource mixins may not have identifiers
/// or properties.
fn mixin_rules(shape: &RawShape) -> Result<(), FlattenError> {
    let forbidden: &[&str] = match shape.type_name.as_str() {
        "operation" => &["input", "output"],
        "resource" => &["identifiers", "properties"],
        _ => &[],
    };
    for key in forbidden {
        if shape.properties.contains_key(*key) {
            return fail(
                shape.origin,
                format!(
                    "{} mixin `{}` may not define `{key}`",
                    shape.type_name, shape.id
                ),
            );
        }
    }
    Ok(())
}

/// The target the `for` resource gives member `name`, when the resource is already
/// flattened and has such an identifier or property.
fn resource_target(
    done: &[Option<FlatShape>],
    index: &HashMap<String, usize>,
    shape: &RawShape,
    name: &str,
) -> Option<String> {
    let resource = done[*index.get(shape.for_resource.as_ref()?)?].as_ref()?;
    ["identifiers", "properties"].into_iter().find_map(|key| {
        let target = resource.properties.get(key)?.get(name)?.get("target")?;
        target.as_str().map(str::to_string)
    })
}

/// The trait ids a mixin keeps to itself (`@mixin(localTraits: [...])`).
fn local_traits(traits: &Map<String, Value>) -> Vec<String> {
    traits
        .get("smithy.api#mixin")
        .and_then(|mixin| mixin.get("localTraits"))
        .and_then(Value::as_array)
        .map(|ids| {
            ids.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Merges entity properties: lists are unioned, objects merged, other values replaced.
fn merge_properties(into: &mut Map<String, Value>, from: Map<String, Value>) {
    for (key, value) in from {
        match (into.get_mut(&key), value) {
            (Some(Value::Array(existing)), Value::Array(more)) => {
                for item in more {
                    if !existing.contains(&item) {
                        existing.push(item);
                    }
                }
            }
            (Some(Value::Object(existing)), Value::Object(more)) => existing.extend(more),
            (_, value) => {
                into.insert(key, value);
            }
        }
    }
}
