//! Runs at the unanchored ends of a pattern need no more than their fewest repetitions.
//!
//! A pattern matches when it matches anywhere in the text. A branch that does not start
//! with `^` and starts with a run of one set, `S{m,n}R`, matches somewhere exactly when
//! `S{m}R` does: a match with `k` repetitions contains one with `m`, starting `k - m`
//! characters later. The same holds at the end of a branch without `$`. Writing the fewest
//! keeps the `regex` crate's automata small: `^\*|[\w\-]{1,2048}$` as written costs a
//! search 2,048 states per character of text, `^\*|[\w\-]$` a handful.

use super::ecma::Node;

/// `tree` with the leading and trailing set runs of each top-level branch cut to their
/// minimum count.
pub fn trim_unanchored_runs(tree: &Node) -> Node {
    match tree {
        Node::Alt(branches) => Node::Alt(branches.iter().map(trim_branch).collect()),
        branch => trim_branch(branch),
    }
}

fn trim_branch(branch: &Node) -> Node {
    let mut items = match branch {
        Node::Concat(items) => items.clone(),
        single => vec![single.clone()],
    };
    if let Some(first) = items.first_mut() {
        *first = fewest(first);
    }
    if let Some(last) = items.last_mut() {
        *last = fewest(last);
    }
    match items.len() {
        1 => items.remove(0),
        _ => Node::Concat(items),
    }
}

/// A run of one set at its fewest repetitions: the set written out that many times (none
/// is the empty pattern); anything else as it is.
fn fewest(item: &Node) -> Node {
    match item {
        Node::Repeat { node, min, .. } if matches!(**node, Node::Set(_)) => match min {
            0 => Node::Empty,
            1 => (**node).clone(),
            _ => Node::Repeat {
                node: node.clone(),
                min: *min,
                max: Some(*min),
            },
        },
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use crate::pattern::{PatternEngine, translate_pattern};

    fn engine(model: &str) -> PatternEngine {
        translate_pattern(model).unwrap().engine
    }

    #[test]
    fn unanchored_runs_keep_their_minimum() {
        assert_eq!(
            engine(r"^\*|[\w\-]{1,2048}$"),
            PatternEngine::Ascii(r"\A\*|[0-9A-Z_a-z\-]\z".to_owned())
        );
        assert_eq!(
            engine("[a-z]{3,}x[0-9]*"),
            PatternEngine::Ascii("[a-z]{3}x".to_owned())
        );
        // Anchored ends and runs of more than one set keep their counts.
        assert_eq!(
            engine("^[a-z]{2,4}x(?:ab){1,3}"),
            PatternEngine::Ascii(r"\A[a-z]{2,4}x(?:ab){1,3}".to_owned())
        );
    }
}
