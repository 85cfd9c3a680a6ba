//! How an operation's requests are authenticated and addressed: whether they are signed
//! (`aws.auth#sigv4`, `@optionalAuth`, `@auth`) and the host prefix of its
//! `smithy.api#endpoint` trait.

use crate::model::{Shape, Traits};

use super::{HostPrefixPart, StructureIr};

/// The SigV4 signing name of a service (`aws.auth#sigv4` `name`), if it has one.
pub fn signing_name(service_traits: &Traits) -> Option<String> {
    service_traits
        .raw
        .get("aws.auth#sigv4")
        .and_then(|sigv4| sigv4.get("name"))
        .and_then(|name| name.as_str())
        .map(str::to_string)
}

/// Whether requests of `operation` are signed: the service signs with SigV4, and neither
/// `@optionalAuth` nor an empty `@auth` list (on the operation, else on the service) turns
/// it off.
pub fn is_signed(service: &Shape, operation: &Shape) -> bool {
    if signing_name(&service.traits).is_none()
        || operation.traits.raw.contains_key("smithy.api#optionalAuth")
    {
        return false;
    }
    let auth = |shape: &Shape| {
        shape
            .traits
            .raw
            .get("smithy.api#auth")
            .and_then(|auth| auth.as_array())
            .map(|schemes| !schemes.is_empty())
    };
    auth(operation).or_else(|| auth(service)).unwrap_or(true)
}

/// The operation's `hostPrefix`, split into literal text and `{Label}` parts bound to
/// input members; `Err` names a label no input member provides.
pub fn host_prefix(
    operation: &Shape,
    input: &StructureIr,
) -> Result<Option<Vec<HostPrefixPart>>, String> {
    let Some(prefix) = operation
        .traits
        .raw
        .get("smithy.api#endpoint")
        .and_then(|endpoint| endpoint.get("hostPrefix"))
        .and_then(|prefix| prefix.as_str())
    else {
        return Ok(None);
    };
    let mut parts = Vec::new();
    let mut rest = prefix;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            parts.push(HostPrefixPart::Literal(rest[..open].to_string()));
        }
        let close = rest[open..]
            .find('}')
            .map(|close| open + close)
            .ok_or_else(|| format!("the hostPrefix `{prefix}` has an unclosed `{{`"))?;
        let label = &rest[open + 1..close];
        let member = input
            .members
            .iter()
            .find(|member| member.member_name == label)
            .ok_or_else(|| {
                format!("the hostPrefix `{prefix}` names `{label}`, which is not an input member")
            })?;
        parts.push(HostPrefixPart::Label {
            member_name: member.member_name.clone(),
            field_name: member.field_name.clone(),
        });
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        parts.push(HostPrefixPart::Literal(rest.to_string()));
    }
    Ok(Some(parts))
}
