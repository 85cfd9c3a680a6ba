//! The Smithy prelude shapes (`smithy.api#...`), built in rather than read from a file.

use super::node::NodeValue;
use super::{Shape, ShapeId, ShapeKind, Traits};

/// Every prelude shape a model may target.
pub fn prelude_shapes() -> Vec<Shape> {
    let plain = [
        ("String", ShapeKind::String),
        ("Blob", ShapeKind::Blob),
        ("Boolean", ShapeKind::Boolean),
        ("Byte", ShapeKind::Byte),
        ("Short", ShapeKind::Short),
        ("Integer", ShapeKind::Integer),
        ("Long", ShapeKind::Long),
        ("Float", ShapeKind::Float),
        ("Double", ShapeKind::Double),
        ("BigInteger", ShapeKind::BigInteger),
        ("BigDecimal", ShapeKind::BigDecimal),
        ("Timestamp", ShapeKind::Timestamp),
        ("Document", ShapeKind::Document),
        ("Unit", ShapeKind::Structure(Vec::new())),
    ];
    let primitive = [
        (
            "PrimitiveBoolean",
            ShapeKind::Boolean,
            NodeValue::Bool(false),
        ),
        ("PrimitiveByte", ShapeKind::Byte, zero()),
        ("PrimitiveShort", ShapeKind::Short, zero()),
        ("PrimitiveInteger", ShapeKind::Integer, zero()),
        ("PrimitiveLong", ShapeKind::Long, zero()),
        ("PrimitiveFloat", ShapeKind::Float, zero()),
        ("PrimitiveDouble", ShapeKind::Double, zero()),
    ];
    let mut shapes: Vec<Shape> = plain
        .into_iter()
        .map(|(name, kind)| Shape {
            id: ShapeId::prelude(name),
            kind,
            traits: Traits::default(),
        })
        .collect();
    shapes.extend(primitive.into_iter().map(|(name, kind, default)| Shape {
        id: ShapeId::prelude(name),
        kind,
        traits: Traits {
            default: Some(default),
            ..Traits::default()
        },
    }));
    shapes
}

fn zero() -> NodeValue {
    NodeValue::Number("0".to_string())
}

/// The id of `smithy.api#Unit`.
pub fn unit_id() -> ShapeId {
    ShapeId::prelude("Unit")
}
