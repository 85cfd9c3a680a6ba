//! HTTP binding values reach requests, so they are checked when the model is loaded:
//! `@http` methods are tokens, header names are tokens, URI patterns are well formed and
//! their labels match the input's `@httpLabel` members one to one.

use std::collections::{BTreeMap, BTreeSet};

use super::load::Problem;
use super::{Member, Shape, ShapeId, ShapeKind};

/// RFC 9110 `tchar`: what a method or header field name may be made of.
fn is_tchar(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

/// A non-empty RFC 9110 token.
pub fn is_token(text: &str) -> bool {
    !text.is_empty() && text.chars().all(is_tchar)
}

/// Dot-separated DNS labels: letters, digits and `-` (not first or last), 1 to 63 each.
pub fn is_host_name(text: &str) -> bool {
    !text.is_empty()
        && text.split('.').all(|label| {
            (1..=63).contains(&label.len())
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        })
}

/// RFC 3986 `pchar` minus `%`-escapes handled by the caller: unreserved, sub-delims, `:`
/// and `@`.
fn is_path_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@".contains(c)
}

/// Checks every `@http`, `@httpHeader` and `@httpPrefixHeaders` value of the model.
pub(super) fn check_http(
    shapes: &[Shape],
    position: &BTreeMap<ShapeId, usize>,
) -> Vec<(Option<usize>, Problem)> {
    let by_id: BTreeMap<&ShapeId, &Shape> = shapes.iter().map(|shape| (&shape.id, shape)).collect();
    let mut problems = Vec::new();
    for shape in shapes {
        let owner = position.get(&shape.id).copied();
        let path = format!("$.shapes[\"{}\"]", shape.id);
        let mut report = |location: String, message: String| {
            problems.push((owner, Problem { location, message }));
        };
        for member in shape.kind.members() {
            check_header_traits(
                member,
                &format!("{path}.members.{}", member.name),
                &mut report,
            );
        }
        if let Some(prefix) = shape
            .traits
            .aws_service
            .as_ref()
            .and_then(|aws| aws.endpoint_prefix.as_ref())
            && !is_host_name(prefix)
        {
            report(
                format!("{path}.traits[\"aws.api#service\"].endpointPrefix"),
                format!(
                    "`{}` is not a host name part (dot-separated labels of letters, digits and inner `-`)",
                    prefix.escape_debug()
                ),
            );
        }
        let ShapeKind::Operation(operation) = &shape.kind else {
            continue;
        };
        let Some(http) = &shape.traits.http else {
            continue;
        };
        let http_path = format!("{path}.traits[\"smithy.api#http\"]");
        if !is_token(&http.method) {
            report(
                format!("{http_path}.method"),
                format!(
                    "`{}` is not an HTTP method (letters, digits and !#$%&'*+-.^_`|~ only)",
                    http.method.escape_debug()
                ),
            );
        }
        let input_members: &[Member] = match operation.input.as_ref().and_then(|id| by_id.get(id)) {
            Some(Shape {
                kind: ShapeKind::Structure(members),
                ..
            }) => members,
            _ => &[],
        };
        for message in uri_problems(&http.uri, input_members) {
            report(format!("{http_path}.uri"), message);
        }
    }
    problems
}

fn check_header_traits(member: &Member, path: &str, report: &mut impl FnMut(String, String)) {
    if let Some(name) = &member.traits.http_header
        && !is_token(name)
    {
        report(
            format!("{path}.traits[\"smithy.api#httpHeader\"]"),
            format!(
                "`{}` is not a valid header name (letters, digits and !#$%&'*+-.^_`|~ only)",
                name.escape_debug()
            ),
        );
    }
    if let Some(prefix) = &member.traits.http_prefix_headers
        && !prefix.is_empty()
        && !is_token(prefix)
    {
        report(
            format!("{path}.traits[\"smithy.api#httpPrefixHeaders\"]"),
            format!(
                "`{}` is not a valid header name prefix (letters, digits and !#$%&'*+-.^_`|~ only)",
                prefix.escape_debug()
            ),
        );
    }
}

/// Everything wrong with a URI pattern, given the operation's input members.
pub fn uri_problems(uri: &str, input_members: &[Member]) -> Vec<String> {
    let mut problems = Vec::new();
    let shown = uri.escape_debug().to_string();
    if !uri.starts_with('/') {
        problems.push(format!("URI pattern `{shown}` must start with `/`"));
    }
    if let Some(bad) = uri.chars().find(|c| c.is_whitespace() || c.is_control()) {
        problems.push(format!(
            "URI pattern `{shown}` holds whitespace or a control character ({:?})",
            bad
        ));
    }
    if uri.contains('#') {
        problems.push(format!(
            "URI pattern `{shown}` may not have a fragment (`#`)"
        ));
    }
    let (path, query) = match uri.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (uri, None),
    };
    let mut labels: Vec<(String, bool)> = Vec::new();
    for segment in path.split('/').skip(1) {
        if segment == "." || segment == ".." {
            problems.push(format!(
                "URI pattern `{shown}` has a dot segment `{segment}`"
            ));
            continue;
        }
        if let Some(inner) = segment
            .strip_prefix('{')
            .and_then(|rest| rest.strip_suffix('}'))
        {
            let (name, greedy) = match inner.strip_suffix('+') {
                Some(name) => (name, true),
                None => (inner, false),
            };
            if !is_identifier(name) {
                problems.push(format!(
                    "URI pattern `{shown}` has a malformed label `{segment}` (expected `{{name}}` or `{{name+}}`)"
                ));
            } else {
                labels.push((name.to_string(), greedy));
            }
            continue;
        }
        if segment.contains(['{', '}']) {
            problems.push(format!(
                "URI pattern `{shown}`: segment `{}` mixes a label with text or has a stray brace; a label must be a whole segment",
                segment.escape_debug()
            ));
            continue;
        }
        if let Some(bad) = segment.chars().find(|c| {
            !is_path_char(*c) && !"%#".contains(*c) && !c.is_whitespace() && !c.is_control()
        }) {
            problems.push(format!(
                "URI pattern `{shown}` has `{}`, which may not appear in a path",
                bad.escape_debug()
            ));
        }
    }
    if let Some(query) = query {
        if query.contains(['{', '}']) {
            problems.push(format!(
                "URI pattern `{shown}`: the query part may not hold labels or braces"
            ));
        }
        if query.contains('?') {
            problems.push(format!("URI pattern `{shown}` has a second `?`"));
        }
        let mut keys = BTreeSet::new();
        for pair in query.split('&') {
            let key = pair.split_once('=').map_or(pair, |(key, _)| key);
            if key.is_empty() {
                problems.push(format!(
                    "URI pattern `{shown}` has an empty query literal key"
                ));
            } else if !keys.insert(key) {
                problems.push(format!(
                    "URI pattern `{shown}` repeats the query literal key `{key}`"
                ));
            }
        }
    }
    check_labels(&shown, &labels, input_members, &mut problems);
    problems
}

/// Labels are unique, at most one is greedy and it is the last, and they match the
/// input's `@httpLabel` members exactly.
fn check_labels(
    shown: &str,
    labels: &[(String, bool)],
    input_members: &[Member],
    problems: &mut Vec<String>,
) {
    let mut seen = BTreeSet::new();
    for (name, _) in labels {
        if !seen.insert(name.as_str()) {
            problems.push(format!(
                "URI pattern `{shown}` uses the label `{name}` twice"
            ));
        }
    }
    let greedy_count = labels.iter().filter(|(_, greedy)| *greedy).count();
    if greedy_count > 1 {
        problems.push(format!(
            "URI pattern `{shown}` has {greedy_count} greedy labels; at most one is allowed"
        ));
    } else if greedy_count == 1 && !labels.last().is_some_and(|(_, greedy)| *greedy) {
        problems.push(format!(
            "URI pattern `{shown}`: the greedy label must be the last label"
        ));
    }
    for (name, _) in labels {
        match input_members.iter().find(|member| member.name == *name) {
            None => problems.push(format!(
                "URI pattern `{shown}`: label `{name}` names no member of the operation's input"
            )),
            Some(member) if !member.traits.http_label => problems.push(format!(
                "URI pattern `{shown}`: label `{name}` names an input member without `@httpLabel`"
            )),
            Some(_) => {}
        }
    }
    for member in input_members {
        if member.traits.http_label && !seen.contains(member.name.as_str()) {
            problems.push(format!(
                "URI pattern `{shown}` has no label for the `@httpLabel` member `{}`",
                member.name
            ));
        }
    }
}

/// Smithy identifier: `_*[A-Za-z][A-Za-z0-9_]*`.
fn is_identifier(text: &str) -> bool {
    let trimmed = text.trim_start_matches('_');
    trimmed.starts_with(|c: char| c.is_ascii_alphabetic())
        && trimmed
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Traits;

    fn label(name: &str) -> Member {
        Member {
            name: name.to_string(),
            target: ShapeId::prelude("String"),
            traits: Traits {
                http_label: true,
                required: true,
                ..Traits::default()
            },
        }
    }

    #[test]
    fn tokens() {
        assert!(is_token("GET") && is_token("X-Amz-Meta") && is_token("PATCH"));
        assert!(!is_token("") && !is_token("GET /") && !is_token("X\r\nY: z"));
        assert!(!is_token("Bad:Header") && !is_token("é"));
    }

    #[test]
    fn host_names() {
        assert!(
            is_host_name("identitystore")
                && is_host_name("api.ecr")
                && is_host_name("data-ats.iot")
        );
        assert!(!is_host_name("") && !is_host_name("evil.com/x") && !is_host_name("a..b"));
        assert!(!is_host_name("-a") && !is_host_name("a b") && !is_host_name("a@b"));
    }

    #[test]
    fn good_patterns_pass() {
        let members = [label("Bucket"), label("Key")];
        assert!(uri_problems("/{Bucket}/{Key+}?x-id=GetObject&list", &members).is_empty());
        assert!(uri_problems("/{Bucket}/{Key+}/suffix", &members).is_empty());
        assert!(uri_problems("/", &[]).is_empty());
        assert!(uri_problems("/v1/a:b/c@d/%20", &[]).is_empty());
    }

    #[test]
    fn bad_patterns_are_explained() {
        let members = [label("Id")];
        let cases = [
            ("v1/{Id}", "start with `/`"),
            ("/{Id}/x y", "whitespace"),
            ("/{Id}\r\nHost: evil", "control"),
            ("/{Id}#frag", "fragment"),
            ("/{Id}/../admin", "dot segment"),
            ("/x{Id}", "whole segment"),
            ("/{Id", "whole segment"),
            ("/{}/{Id}", "malformed label"),
            ("/{Id}/{Other}", "names no member"),
            ("/{Id}/{Id}", "twice"),
            ("/{Id}?a={b}", "query part"),
            ("/{Id}?a=1&a=2", "repeats"),
            ("/{Id}?a?b", "second `?`"),
            ("/none", "no label for"),
            ("/{Id}/a<b", "may not appear"),
        ];
        for (uri, expected) in cases {
            let problems = uri_problems(uri, &members);
            assert!(
                problems.iter().any(|problem| problem.contains(expected)),
                "{uri}: {problems:?}"
            );
        }
        let two = [label("A"), label("B")];
        assert!(uri_problems("/{A+}/{B+}", &two)[0].contains("2 greedy labels"));
        assert!(uri_problems("/{A+}/{B}", &two)[0].contains("must be the last label"));
    }
}
