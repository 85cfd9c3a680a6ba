//! Look-arounds with a regular reading, rewritten as several `regex` tests.
//!
//! A branch of the pattern (one side of a top-level `|`) that can only match from the start
//! of the text (its first item is `^`, or everything before its body is `^` or look-ahead and
//! the body itself starts with `^`) evaluates its leading look-aheads at position 0 only:
//!
//! - `(?=X)` there holds exactly when `\A(?:X)` matches the text, and `(?!X)` when it does not;
//! - a look-behind right before the final `$` is evaluated at the end of the text only:
//!   `(?<=X)$` holds exactly when `(?:X)\z` matches, `(?<!X)$` when it does not;
//! - a look-ahead right before the final `$` sees the empty rest of the text, so it is a
//!   constant: whether `X` matches the empty string;
//! - the rest of the branch, without those assertions, is one more test, anchored with `\A`.
//!
//! The text matches the pattern when every test of at least one branch holds. Each test is
//! a plain `regex` pattern, so the whole check stays linear in the text. Capturing groups do
//! not matter here (a branch with a back-reference is not rewritten), and non-repeated groups
//! are read as their content.
//!
//! Anything else (a look-around inside a repeated group, in the middle of the body, or in a
//! branch that may start anywhere) is left to the bounded backtracking path.

use super::RegexTest;
use super::ecma::{Flags, Node};
use super::to_regex::write_exact;

/// The tests for `tree`, or `None` when some look-around has no reading here.
pub fn rewrite(tree: &Node, flags: Flags) -> Option<Vec<Vec<RegexTest>>> {
    let top = strip_groups(tree);
    let branches: Vec<&Node> = match top {
        Node::Alt(branches) => branches.iter().collect(),
        other => vec![other],
    };
    let mut alternatives = Vec::new();
    for branch in branches {
        let mut items = Vec::new();
        flatten(branch, &mut items);
        if let Some(tests) = rewrite_branch(&items, flags)? {
            alternatives.push(tests);
        }
    }
    Some(alternatives)
}

/// A non-repeated group's content (captures do not matter without back-references).
fn strip_groups(node: &Node) -> &Node {
    match node {
        Node::Group { node, .. } => strip_groups(node),
        other => other,
    }
}

/// The items of a sequence, with nested sequences and groups around sequences spliced in.
fn flatten<'a>(node: &'a Node, out: &mut Vec<&'a Node>) {
    match node {
        Node::Concat(items) => items.iter().for_each(|item| flatten(item, out)),
        Node::Group { node, .. } if !matches!(strip_groups(node), Node::Alt(_)) => {
            flatten(node, out)
        }
        Node::Empty => {}
        other => out.push(other),
    }
}

/// The tests of one branch: `Some(None)` when the branch can never match, `None` when it
/// cannot be rewritten.
fn rewrite_branch(items: &[&Node], flags: Flags) -> Option<Option<Vec<RegexTest>>> {
    let leading = items
        .iter()
        .take_while(|item| matches!(item, Node::Start | Node::Look { ahead: true, .. }))
        .count();
    let (head, rest) = items.split_at(leading);
    let anchored = head.iter().any(|item| matches!(item, Node::Start))
        || rest.first().is_some_and(|first| starts_anchored(first));
    let mut tests = Vec::new();
    if head.iter().any(|item| matches!(item, Node::Look { .. })) {
        if !anchored {
            return None;
        }
        for item in head {
            if let Node::Look { negated, node, .. } = item {
                tests.push(RegexTest {
                    regex: format!(r"\A(?:{})", write_exact(node, flags).ok()?),
                    negated: *negated,
                });
            }
        }
    }
    // Assertions right before a final `$`.
    let mut body: Vec<&Node> = rest.to_vec();
    if body.last().is_some_and(|last| matches!(last, Node::End)) {
        let end = body.len() - 1;
        let mut first_assertion = end;
        while first_assertion > 0 && matches!(body[first_assertion - 1], Node::Look { .. }) {
            first_assertion -= 1;
        }
        for item in &body[first_assertion..end] {
            let Node::Look {
                ahead,
                negated,
                node,
            } = item
            else {
                continue;
            };
            let inner = write_exact(node, flags).ok()?;
            if *ahead {
                // Nothing follows the end of the text: the look-ahead sees the empty string.
                let matches_empty = regex::Regex::new(&format!(r"\A(?:{inner})"))
                    .ok()?
                    .is_match("");
                if matches_empty == *negated {
                    return Some(None);
                }
            } else {
                tests.push(RegexTest {
                    regex: format!(r"(?:{inner})\z"),
                    negated: *negated,
                });
            }
        }
        body.drain(first_assertion..end);
    }
    if tests.is_empty() {
        // No test besides the body: it must be free of look-around as it stands.
        let whole: Vec<Node> = head
            .iter()
            .chain(&body)
            .map(|item| (*item).clone())
            .collect();
        let regex = write_exact(&Node::Concat(whole), flags).ok()?;
        return Some(Some(vec![RegexTest {
            regex,
            negated: false,
        }]));
    }
    let body: Vec<Node> = body.into_iter().cloned().collect();
    let regex = write_exact(&Node::Concat(body), flags).ok()?;
    tests.push(RegexTest {
        regex: if anchored {
            format!(r"\A{regex}")
        } else {
            regex
        },
        negated: false,
    });
    // The body first: it usually fails fastest on bad input, and most inputs pass.
    tests.rotate_right(1);
    Some(Some(tests))
}

/// Whether every match of `node` starts at the start of the text.
fn starts_anchored(node: &Node) -> bool {
    match node {
        Node::Start => true,
        Node::Group { node, .. } => starts_anchored(node),
        Node::Concat(items) => items
            .iter()
            .find(|item| !matches!(item, Node::Look { .. } | Node::Empty))
            .is_some_and(starts_anchored),
        Node::Alt(branches) => branches.iter().all(starts_anchored),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::RegexTest;
    use super::super::ecma::{Flags, parse};
    use super::rewrite;

    fn tests(source: &str) -> Option<Vec<Vec<(String, bool)>>> {
        let flags = Flags::default();
        let tree = parse(source, flags).unwrap();
        rewrite(&tree, flags).map(|alternatives| {
            alternatives
                .into_iter()
                .map(|tests| {
                    tests
                        .into_iter()
                        .map(|RegexTest { regex, negated }| (regex, negated))
                        .collect()
                })
                .collect()
        })
    }

    fn test(regex: &str, negated: bool) -> (String, bool) {
        (regex.to_owned(), negated)
    }

    #[test]
    fn leading_look_aheads() {
        assert_eq!(
            tests("^(?!xn--)(?=.*a)[a-z-]+$").unwrap(),
            vec![vec![
                test(r"\A[a-z\-]+\z", false),
                test(r"\A(?:xn\-\-)", true),
                test(r"\A(?:[^\x{A}\x{D}\x{2028}\x{2029}]*a)", false),
            ]]
        );
    }

    #[test]
    fn trailing_assertions() {
        assert_eq!(
            tests(r"^[a-z.]*(?<!\.)$").unwrap(),
            vec![vec![test(r"\A[a-z\.]*\z", false), test(r"(?:\.)\z", true)]]
        );
        // A look-ahead at the end sees nothing: `(?!\.)` always holds there.
        assert_eq!(
            tests(r"^[a-z.]*(?!\.)$").unwrap(),
            vec![vec![test(r"\A[a-z\.]*\z", false)]]
        );
        // ... and `(?=\.)` never does.
        assert_eq!(
            tests(r"^a(?=\.)$").unwrap(),
            Vec::<Vec<(String, bool)>>::new()
        );
    }

    #[test]
    fn branches_and_groups() {
        assert_eq!(
            tests(r"^(?!aws:).+|(\$x)$").unwrap(),
            vec![
                vec![
                    test(r"\A[^\x{A}\x{D}\x{2028}\x{2029}]+", false),
                    test(r"\A(?:aws:)", true)
                ],
                vec![test(r"\$x\z", false)],
            ]
        );
        assert_eq!(
            tests(r"^(^(?!_{2}))(^[a-z_]+$)$").unwrap(),
            vec![vec![
                test(r"\A[a-z_]+\z\z", false),
                test(r"\A(?:_{2})", true)
            ]]
        );
    }

    #[test]
    fn what_is_not_rewritten() {
        // A look-ahead in a repeated group, or where the match may start anywhere.
        assert_eq!(tests(r"^((?!-)[a-z-]+\.)+$"), None);
        assert_eq!(tests(r"(?!-)[a-z]+"), None);
        assert_eq!(tests(r"^(?!(.)\1)[a-z]+$"), None);
    }
}
