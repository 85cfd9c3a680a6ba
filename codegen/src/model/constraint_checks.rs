//! `@length` and `@range` values that no check could honour are errors when the model is
//! loaded, not silently dropped or written into code that does not compile: bounds must be
//! numbers the constrained type can hold (whole and non-negative for lengths, whole and in
//! range for integer types, finite for floats) and `min` may not exceed `max`.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use super::load::Problem;
use super::prelude::prelude_shapes;
use super::{Bounds, Shape, ShapeId, ShapeKind, Traits};

/// Problems with constraint trait values on shapes and members.
pub(super) fn check_constraints(
    shapes: &[Shape],
    position: &BTreeMap<ShapeId, usize>,
) -> Vec<(Option<usize>, Problem)> {
    let prelude = prelude_shapes();
    let kinds: BTreeMap<&ShapeId, &ShapeKind> = prelude
        .iter()
        .chain(shapes)
        .map(|shape| (&shape.id, &shape.kind))
        .collect();
    let mut problems = Vec::new();
    for shape in shapes {
        let owner = position.get(&shape.id).copied();
        let path = format!("$.shapes[\"{}\"]", shape.id);
        let mut report = |location: String, message: String| {
            problems.push((owner, Problem { location, message }));
        };
        check_traits(&shape.traits, &shape.kind, &path, &mut report);
        for member in shape.kind.members() {
            let Some(target) = kinds.get(&member.target) else {
                continue;
            };
            let member_path = match &shape.kind {
                ShapeKind::List(_) | ShapeKind::Map { .. } => format!("{path}.{}", member.name),
                _ => format!("{path}.members.{}", member.name),
            };
            check_traits(&member.traits, target, &member_path, &mut report);
        }
    }
    problems
}

/// What a numeric bound must be for a constrained type.
#[derive(Clone, Copy)]
enum BoundKind {
    /// A length: a whole number from 0 to `u64::MAX`.
    Length,
    /// A whole number within `min..=max`.
    Integer { min: i128, max: i128 },
    /// Any whole number.
    BigInteger,
    /// A finite number no larger in magnitude than `limit`.
    Float { limit: f64 },
    /// Any number.
    Decimal,
}

fn range_kind(kind: &ShapeKind) -> Option<BoundKind> {
    let integer = |min: i128, max: i128| Some(BoundKind::Integer { min, max });
    match kind {
        ShapeKind::Byte => integer(i8::MIN.into(), i8::MAX.into()),
        ShapeKind::Short => integer(i16::MIN.into(), i16::MAX.into()),
        ShapeKind::Integer | ShapeKind::IntEnum(_) => integer(i32::MIN.into(), i32::MAX.into()),
        ShapeKind::Long => integer(i64::MIN.into(), i64::MAX.into()),
        ShapeKind::BigInteger => Some(BoundKind::BigInteger),
        ShapeKind::Float => Some(BoundKind::Float {
            limit: f64::from(f32::MAX),
        }),
        ShapeKind::Double => Some(BoundKind::Float { limit: f64::MAX }),
        ShapeKind::BigDecimal => Some(BoundKind::Decimal),
        _ => None,
    }
}

fn check_traits(
    traits: &Traits,
    kind: &ShapeKind,
    path: &str,
    report: &mut impl FnMut(String, String),
) {
    if let Some(length) = &traits.length {
        let location = format!("{path}.traits[\"smithy.api#length\"]");
        let applies = matches!(
            kind,
            ShapeKind::String
                | ShapeKind::Blob
                | ShapeKind::List(_)
                | ShapeKind::Map { .. }
                | ShapeKind::Enum(_)
        );
        if applies {
            check_bounds(length, BoundKind::Length, "length", &location, report);
        } else {
            report(
                location,
                format!(
                    "@length applies to strings, blobs, lists and maps, not to a {}",
                    kind.type_name()
                ),
            );
        }
    }
    if let Some(range) = &traits.range {
        let location = format!("{path}.traits[\"smithy.api#range\"]");
        match range_kind(kind) {
            Some(bound_kind) => {
                check_bounds(range, bound_kind, kind.type_name(), &location, report)
            }
            None => report(
                location,
                format!("@range applies to numbers, not to a {}", kind.type_name()),
            ),
        }
    }
}

fn check_bounds(
    bounds: &Bounds,
    kind: BoundKind,
    what: &str,
    location: &str,
    report: &mut impl FnMut(String, String),
) {
    let mut valid = true;
    for (name, bound) in [("min", &bounds.min), ("max", &bounds.max)] {
        if let Some(text) = bound
            && let Some(problem) = bound_problem(text, kind, what)
        {
            report(format!("{location}.{name}"), problem);
            valid = false;
        }
    }
    if let (true, Some(min), Some(max)) = (valid, &bounds.min, &bounds.max)
        && compare(min, max) == Ordering::Greater
    {
        report(
            location.to_string(),
            format!("min {min} is greater than max {max}; no value can satisfy it"),
        );
    }
}

/// Why `text` cannot bound a value of `kind`, if it cannot.
fn bound_problem(text: &str, kind: BoundKind, what: &str) -> Option<String> {
    let whole = is_whole(text);
    match kind {
        BoundKind::Length if !whole || text.starts_with('-') => Some(format!(
            "{text} is not a valid {what}: expected a whole number of 0 or more"
        )),
        BoundKind::Length if text.parse::<u64>().is_err() => {
            Some(format!("{text} is too large for a {what}"))
        }
        BoundKind::Integer { .. } | BoundKind::BigInteger if !whole => Some(format!(
            "{text} is not a whole number, as {what} bounds must be"
        )),
        BoundKind::Integer { min, max } => match text.parse::<i128>() {
            Ok(value) if (min..=max).contains(&value) => None,
            _ => Some(format!(
                "{text} does not fit a {what} (from {min} to {max})"
            )),
        },
        BoundKind::Float { limit } => match text.parse::<f64>() {
            Ok(value) if value.is_finite() && value.abs() <= limit => None,
            _ => Some(format!("{text} does not fit a {what}")),
        },
        _ => None,
    }
}

/// Digits with an optional leading minus sign.
fn is_whole(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
}

/// Orders two JSON numbers: exactly when both are whole and fit `i128`, else as `f64`.
fn compare(a: &str, b: &str) -> Ordering {
    match (a.parse::<i128>(), b.parse::<i128>()) {
        (Ok(a), Ok(b)) => a.cmp(&b),
        _ => {
            let a = a.parse::<f64>().unwrap_or(f64::NAN);
            let b = b.parse::<f64>().unwrap_or(f64::NAN);
            a.partial_cmp(&b).unwrap_or(Ordering::Equal)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(bounds: (&str, &str), kind: &ShapeKind) -> Vec<String> {
        let traits = Traits {
            range: Some(Bounds {
                min: Some(bounds.0.to_string()),
                max: Some(bounds.1.to_string()),
            }),
            length: None,
            ..Traits::default()
        };
        let mut found = Vec::new();
        check_traits(&traits, kind, "$", &mut |location, message| {
            found.push(format!("{location}: {message}"))
        });
        found
    }

    #[test]
    fn ranges_must_fit_their_type() {
        assert!(problems(("1", "10"), &ShapeKind::Integer).is_empty());
        assert!(problems(("-0.5", "1e30"), &ShapeKind::Float).is_empty());
        assert!(problems(("1e40", "1e300"), &ShapeKind::BigDecimal).is_empty());
        let too_big = problems(("1e40", "2"), &ShapeKind::Integer);
        assert!(
            too_big[0].contains(".min: 1e40 is not a whole number, as integer bounds must be"),
            "{too_big:?}"
        );
        let fraction = problems(("0.5", "2"), &ShapeKind::Long);
        assert!(fraction[0].contains("not a whole number"), "{fraction:?}");
        let overflow = problems(("0", "300"), &ShapeKind::Byte);
        assert!(
            overflow[0].contains(".max: 300 does not fit a byte"),
            "{overflow:?}"
        );
        let float = problems(("0", "1e39"), &ShapeKind::Float);
        assert!(float[0].contains("does not fit a float"), "{float:?}");
        let inverted = problems(("10", "1"), &ShapeKind::Integer);
        assert!(
            inverted[0].contains("min 10 is greater than max 1"),
            "{inverted:?}"
        );
        let inverted = problems(("1.5", "1.25"), &ShapeKind::Double);
        assert!(inverted[0].contains("greater"), "{inverted:?}");
        let wrong_type = problems(("1", "2"), &ShapeKind::String);
        assert!(
            wrong_type[0].contains("applies to numbers"),
            "{wrong_type:?}"
        );
    }

    #[test]
    fn lengths_are_whole_and_ordered() {
        let check = |min: &str, max: &str| {
            let traits = Traits {
                length: Some(Bounds {
                    min: Some(min.to_string()),
                    max: Some(max.to_string()),
                }),
                ..Traits::default()
            };
            let mut found = Vec::new();
            check_traits(
                &traits,
                &ShapeKind::String,
                "$",
                &mut |location, message| found.push(format!("{location}: {message}")),
            );
            found
        };
        assert!(check("0", "18446744073709551615").is_empty());
        assert!(check("-1", "2")[0].contains("0 or more"));
        assert!(check("1.5", "2")[0].contains("whole number"));
        assert!(check("1", "18446744073709551616")[0].contains("too large"));
        assert!(check("5", "2")[0].contains("greater"));
    }
}
