//! Default values (`@default`) checked against the member's type and turned into IR.

use crate::model::{Model, NodeValue, ShapeId, ShapeKind};

use super::DefaultValue;

/// The IR default for `value` on a member targeting `target_id`, or why it does not fit.
pub fn default_value(
    model: &Model,
    value: &NodeValue,
    target_id: &ShapeId,
) -> Result<DefaultValue, String> {
    let target = model
        .shape(target_id)
        .ok_or_else(|| format!("unknown target {target_id}"))?;
    let mismatch = || {
        format!(
            "{} does not fit a {}",
            value.kind_name(),
            target.kind.type_name()
        )
    };
    let integer = |text: &str, min: i64, max: i64| -> Result<DefaultValue, String> {
        let number: i64 = text
            .parse()
            .map_err(|_| format!("{text} is not an integer"))?;
        if (min..=max).contains(&number) {
            Ok(DefaultValue::Integer(number))
        } else {
            Err(format!(
                "{number} is out of range for a {}",
                target.kind.type_name()
            ))
        }
    };
    match (&target.kind, value) {
        (ShapeKind::Boolean, NodeValue::Bool(flag)) => Ok(DefaultValue::Bool(*flag)),
        (ShapeKind::Byte, NodeValue::Number(text)) => integer(text, i8::MIN.into(), i8::MAX.into()),
        (ShapeKind::Short, NodeValue::Number(text)) => {
            integer(text, i16::MIN.into(), i16::MAX.into())
        }
        (ShapeKind::Integer, NodeValue::Number(text)) => {
            integer(text, i32::MIN.into(), i32::MAX.into())
        }
        (ShapeKind::Long, NodeValue::Number(text)) => integer(text, i64::MIN, i64::MAX),
        (ShapeKind::Float | ShapeKind::Double, NodeValue::Number(text)) => {
            Ok(DefaultValue::Float(text.clone()))
        }
        (
            ShapeKind::BigInteger | ShapeKind::BigDecimal,
            NodeValue::Number(text) | NodeValue::String(text),
        ) => Ok(DefaultValue::BigNumber(text.clone())),
        (ShapeKind::String, NodeValue::String(text)) if target.traits.legacy_enum.is_some() => {
            Ok(DefaultValue::EnumValue(text.clone()))
        }
        (ShapeKind::String, NodeValue::String(text)) => Ok(DefaultValue::String(text.clone())),
        (ShapeKind::Enum(_), NodeValue::String(text)) => Ok(DefaultValue::EnumValue(text.clone())),
        (ShapeKind::IntEnum(_), NodeValue::Number(text)) => {
            match integer(text, i32::MIN.into(), i32::MAX.into())? {
                DefaultValue::Integer(number) => Ok(DefaultValue::IntEnumValue(number)),
                _ => Err(mismatch()),
            }
        }
        (ShapeKind::List(_), NodeValue::Array(items)) if items.is_empty() => {
            Ok(DefaultValue::EmptyList)
        }
        (ShapeKind::Map { .. }, NodeValue::Object(entries)) if entries.is_empty() => {
            Ok(DefaultValue::EmptyMap)
        }
        (ShapeKind::List(_) | ShapeKind::Map { .. }, _) => {
            Err("only empty lists and maps can be defaults".to_string())
        }
        (ShapeKind::Blob, NodeValue::String(text)) => anvil_runtime::Blob::from_base64(text)
            .map(|blob| DefaultValue::Blob(blob.into_inner()))
            .map_err(|error| error.to_string()),
        (ShapeKind::Timestamp, NodeValue::Number(text)) => {
            anvil_runtime::DateTime::parse_epoch_seconds(text)
                .map(|time| DefaultValue::Timestamp {
                    seconds: time.secs(),
                    nanos: time.subsec_nanos(),
                })
                .map_err(|error| error.to_string())
        }
        (ShapeKind::Timestamp, NodeValue::String(text)) => {
            anvil_runtime::DateTime::parse_rfc3339(text)
                .map(|time| DefaultValue::Timestamp {
                    seconds: time.secs(),
                    nanos: time.subsec_nanos(),
                })
                .map_err(|error| error.to_string())
        }
        (ShapeKind::Document, value) => Ok(DefaultValue::Document(value.clone())),
        _ => Err(mismatch()),
    }
}
