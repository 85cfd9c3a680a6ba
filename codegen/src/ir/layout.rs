//! Keeps unions compact: a union is as large as its largest payload, so structure payloads
//! estimated above [`INLINE_LIMIT`] bytes are boxed. That keeps every union small and its
//! variants close in size (clippy's `large_enum_variant`).

use std::collections::BTreeMap;

use super::{RustType, StructureIr, TypeDef, TypeModule};

/// The largest payload, in estimated bytes, a union variant holds inline.
const INLINE_LIMIT: usize = 128;

/// Boxes the large structure payloads of every union in `types`.
pub fn box_large_union_payloads(types: &mut [TypeDef]) {
    let structures: BTreeMap<&str, &StructureIr> = types
        .iter()
        .filter_map(|type_def| match type_def {
            TypeDef::Structure(structure) => Some((structure.rust_name.as_str(), structure)),
            _ => None,
        })
        .collect();
    let mut to_box = Vec::new();
    for (type_index, type_def) in types.iter().enumerate() {
        let TypeDef::Union(union) = type_def else {
            continue;
        };
        for (variant_index, variant) in union.variants.iter().enumerate() {
            if let Some(rust_type @ RustType::Named(_)) = &variant.rust_type
                && estimated_size(rust_type, &structures, 0) > INLINE_LIMIT
            {
                to_box.push((type_index, variant_index));
            }
        }
    }
    for (type_index, variant_index) in to_box {
        if let TypeDef::Union(union) = &mut types[type_index] {
            let variant = &mut union.variants[variant_index];
            variant.rust_type = variant
                .rust_type
                .take()
                .map(|inner| RustType::Boxed(Box::new(inner)));
        }
    }
}

/// A rough `size_of` on a 64-bit target; only needs to be right in order of magnitude.
fn estimated_size(
    rust_type: &RustType,
    structures: &BTreeMap<&str, &StructureIr>,
    depth: usize,
) -> usize {
    match rust_type {
        RustType::Bool | RustType::I8 => 1,
        RustType::I16 => 2,
        RustType::I32 | RustType::F32 => 4,
        RustType::I64 | RustType::F64 | RustType::Boxed(_) => 8,
        RustType::DateTime => 16,
        RustType::String
        | RustType::List { .. }
        | RustType::Blob
        | RustType::BigInteger
        | RustType::BigDecimal => 24,
        RustType::Map { .. } => 48,
        RustType::Document => 56,
        RustType::Named(type_ref) => {
            let structure = (type_ref.module == TypeModule::Types)
                .then(|| structures.get(type_ref.name.as_str()))
                .flatten();
            match structure {
                Some(structure) if depth < 8 => structure
                    .members
                    .iter()
                    .map(|member| {
                        let size = estimated_size(&member.rust_type, structures, depth + 1);
                        // An `Option` of a type without a spare bit pattern adds a tag.
                        let tag = member.presence.is_option() && size <= 16;
                        size + if tag { 8 } else { 0 }
                    })
                    .sum(),
                Some(_) => 64,
                None => 24,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{MemberIr, Presence, StructureRole, TypeRef, UnionIr, UnionVariantIr};

    fn structure(name: &str, string_members: usize) -> TypeDef {
        let members = (0..string_members)
            .map(|index| MemberIr {
                member_name: format!("m{index}"),
                field_name: format!("m{index}"),
                docs: Vec::new(),
                rust_type: RustType::String,
                presence: Presence::Optional,
                sensitive: false,
                deprecated: None,
                validation: Default::default(),
                wire_name: format!("m{index}"),
                location: crate::ir::protocol::Location::Body,
                timestamp_wire: crate::ir::protocol::TimestampWire::EpochSeconds,
                idempotency_token: false,
                media_type: None,
            })
            .collect();
        TypeDef::Structure(StructureIr {
            shape_id: format!("ex#{name}"),
            shape_name: name.to_string(),
            rust_name: name.to_string(),
            builder_name: format!("{name}Builder"),
            file_name: name.to_lowercase(),
            docs: Vec::new(),
            members,
            sensitive: false,
            role: StructureRole::Data,
            deprecated: None,
            from_input: false,
            validated: false,
            error_traits: None,
        })
    }

    fn variant(name: &str) -> UnionVariantIr {
        UnionVariantIr {
            variant_name: name.to_string(),
            member_name: name.to_string(),
            method_stem: name.to_lowercase(),
            rust_type: Some(RustType::Named(TypeRef {
                module: TypeModule::Types,
                name: name.to_string(),
                kind: crate::ir::TypeKind::Structure,
            })),
            sensitive: false,
            docs: Vec::new(),
            validation: Default::default(),
            wire_name: name.to_string(),
            timestamp_wire: crate::ir::protocol::TimestampWire::EpochSeconds,
        }
    }

    #[test]
    fn boxes_only_large_structure_payloads() {
        let mut types = vec![
            structure("Small", 2),
            structure("Large", 12),
            TypeDef::Union(UnionIr {
                rust_name: "Choice".to_string(),
                file_name: "choice".to_string(),
                docs: Vec::new(),
                variants: vec![variant("Small"), variant("Large")],
                unknown_variant: "Unknown".to_string(),
                sensitive: false,
                validated: false,
            }),
        ];
        box_large_union_payloads(&mut types);
        let TypeDef::Union(union) = &types[2] else {
            unreachable!()
        };
        assert!(matches!(
            union.variants[0].rust_type,
            Some(RustType::Named(_))
        ));
        assert!(matches!(
            union.variants[1].rust_type,
            Some(RustType::Boxed(_))
        ));
    }
}
