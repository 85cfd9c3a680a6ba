//! The two small syntaxes inside rule-set strings: templates (`"https://{Region}.{P#dnsSuffix}"`)
//! and `getAttr` paths (`resourceId[0]`, `a.b[2].c`).

use super::rule_set::PathPart;

/// A piece of a template string before its names are resolved.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum RawPart<'t> {
    Text(String),
    /// `{name}` or `{name#path}`.
    Placeholder {
        name: &'t str,
        path: Option<&'t str>,
    },
}

/// Splits a template into text and placeholders. `{{` and `}}` stand for `{` and `}`; a lone
/// `}` is kept as text; an unclosed `{` or an empty `{}` is an error.
pub(crate) fn split_template(template: &str) -> Result<Vec<RawPart<'_>>, String> {
    let mut parts = Vec::new();
    let mut text = String::new();
    let mut rest = template;
    while let Some(brace) = rest.find(['{', '}']) {
        text.push_str(&rest[..brace]);
        let tail = &rest[brace..];
        if let Some(after) = tail.strip_prefix("{{").or_else(|| tail.strip_prefix("}}")) {
            text.push_str(&tail[..1]);
            rest = after;
        } else if let Some(after) = tail.strip_prefix('}') {
            text.push('}');
            rest = after;
        } else {
            let inner = &tail[1..];
            let close = inner
                .find('}')
                .ok_or_else(|| format!("unclosed `{{` in template `{template}`"))?;
            let body = &inner[..close];
            let (name, path) = match body.split_once('#') {
                Some((name, path)) => (name, Some(path)),
                None => (body, None),
            };
            if name.is_empty() || path.is_some_and(str::is_empty) {
                return Err(format!(
                    "empty placeholder `{{{body}}}` in template `{template}`"
                ));
            }
            if !text.is_empty() {
                parts.push(RawPart::Text(std::mem::take(&mut text)));
            }
            parts.push(RawPart::Placeholder { name, path });
            rest = &inner[close + 1..];
        }
    }
    text.push_str(rest);
    if !text.is_empty() || parts.is_empty() {
        parts.push(RawPart::Text(text));
    }
    Ok(parts)
}

/// Parses a `getAttr` path: keys separated by `.`, each optionally followed by `[index]`s.
pub(crate) fn parse_path(path: &str) -> Result<Vec<PathPart>, String> {
    let mut parts = Vec::new();
    for segment in path.split('.') {
        let (key, mut indexes) = match segment.find('[') {
            Some(open) => segment.split_at(open),
            None => (segment, ""),
        };
        if !key.is_empty() {
            parts.push(PathPart::Key(key.to_string()));
        } else if indexes.is_empty() {
            return Err(format!("empty key in path `{path}`"));
        }
        while !indexes.is_empty() {
            let inner = indexes
                .strip_prefix('[')
                .and_then(|rest| rest.split_once(']'))
                .ok_or_else(|| format!("malformed index in path `{path}`"))?;
            let index = inner
                .0
                .parse::<i64>()
                .map_err(|_| format!("index `{}` in path `{path}` is not an integer", inner.0))?;
            parts.push(PathPart::Index(index));
            indexes = inner.1;
        }
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(value: &str) -> RawPart<'_> {
        RawPart::Text(value.to_string())
    }

    #[test]
    fn templates_split_into_text_and_placeholders() {
        assert_eq!(
            split_template("https://{Region}.{PartitionResult#dnsSuffix}").unwrap(),
            vec![
                text("https://"),
                RawPart::Placeholder {
                    name: "Region",
                    path: None
                },
                text("."),
                RawPart::Placeholder {
                    name: "PartitionResult",
                    path: Some("dnsSuffix")
                },
            ]
        );
        assert_eq!(split_template("").unwrap(), vec![text("")]);
        assert_eq!(split_template("plain").unwrap(), vec![text("plain")]);
    }

    #[test]
    fn doubled_braces_are_literal() {
        assert_eq!(
            split_template("{{\"a\": {x}}}").unwrap(),
            vec![
                text("{\"a\": "),
                RawPart::Placeholder {
                    name: "x",
                    path: None
                },
                text("}")
            ]
        );
        assert_eq!(split_template("a}b").unwrap(), vec![text("a}b")]);
    }

    #[test]
    fn broken_templates_are_errors() {
        assert!(split_template("https://{Region").is_err());
        assert!(split_template("{}").is_err());
        assert!(split_template("{a#}").is_err());
    }

    #[test]
    fn paths_parse_keys_and_indexes() {
        assert_eq!(
            parse_path("a.b[0].c").unwrap(),
            vec![
                PathPart::Key("a".into()),
                PathPart::Key("b".into()),
                PathPart::Index(0),
                PathPart::Key("c".into()),
            ]
        );
        assert_eq!(parse_path("[2]").unwrap(), vec![PathPart::Index(2)]);
        assert_eq!(
            parse_path("x[-1]").unwrap(),
            vec![PathPart::Key("x".into()), PathPart::Index(-1)]
        );
        assert!(parse_path("a[x]").is_err());
        assert!(parse_path("a[1").is_err());
        assert!(parse_path("a..b").is_err());
    }
}
