//! A look-ahead of one character set right before a run of another is a narrower first
//! character: `(?!-)[A-Za-z0-9-]{1,62}` reads exactly as `[A-Za-z0-9][A-Za-z0-9-]{0,61}`,
//! and `(?=[a-z])\w+` as `[a-z]\w*`. Written that way, a pattern whose only look-arounds are
//! of this kind needs no backtracking at all; left as they are, regress backtracks on them
//! exponentially (an e-mail pattern of the corpus takes seconds on 87 characters).
//!
//! Only sets of plain code point ranges are combined, and not under the `i` flag, where the
//! writer closes each set over case afterwards.

use super::ecma::{Node, Set, SetItem};

/// `node` with every look-ahead of one set that directly precedes a set, or a run of at
/// least one of a set, folded into that set.
pub fn inline_char_look_aheads(node: &Node, ignore_case: bool) -> Node {
    if ignore_case {
        return node.clone();
    }
    inline(node)
}

fn inline(node: &Node) -> Node {
    match node {
        Node::Concat(items) => Node::Concat(inline_items(items)),
        Node::Alt(branches) => Node::Alt(branches.iter().map(inline).collect()),
        Node::Repeat { node, min, max } => Node::Repeat {
            node: Box::new(inline(node)),
            min: *min,
            max: *max,
        },
        Node::Group { index, node } => Node::Group {
            index: *index,
            node: Box::new(inline(node)),
        },
        Node::Look {
            ahead,
            negated,
            node,
        } => Node::Look {
            ahead: *ahead,
            negated: *negated,
            node: Box::new(inline(node)),
        },
        other => other.clone(),
    }
}

fn inline_items(items: &[Node]) -> Vec<Node> {
    let items: Vec<Node> = items.iter().map(inline).collect();
    let mut out = Vec::with_capacity(items.len());
    let mut index = 0;
    while index < items.len() {
        if let Some(folded) = items
            .get(index + 1)
            .and_then(|next| fold(&items[index], next))
        {
            out.extend(folded);
            index += 2;
        } else {
            out.push(items[index].clone());
            index += 1;
        }
    }
    out
}

/// `look` followed by `next`, as plain items, when `look` is a look-ahead of one set and
/// `next` starts with exactly one character of a set.
fn fold(look: &Node, next: &Node) -> Option<Vec<Node>> {
    let Node::Look {
        ahead: true,
        negated,
        node,
    } = look
    else {
        return None;
    };
    let looked = ranges(single_set(node)?)?;
    let (first, rest) = match next {
        Node::Set(set) => (set, None),
        Node::Repeat { node, min, max } if *min >= 1 => {
            let Node::Set(set) = &**node else {
                return None;
            };
            let rest = (*max != Some(1)).then(|| Node::Repeat {
                node: node.clone(),
                min: min - 1,
                max: max.map(|max| max - 1),
            });
            (set, rest)
        }
        _ => return None,
    };
    let combined = if *negated {
        difference(&ranges(first)?, &looked)
    } else {
        intersection(&ranges(first)?, &looked)
    };
    let first = Node::Set(Set {
        negated: false,
        items: combined
            .into_iter()
            .map(|(low, high)| SetItem::Range(low, high))
            .collect(),
    });
    Some(std::iter::once(first).chain(rest).collect())
}

/// The set a look-ahead holds, if it holds one set and nothing else.
fn single_set(node: &Node) -> Option<&Set> {
    match node {
        Node::Set(set) => Some(set),
        Node::Concat(items) if items.len() == 1 => single_set(&items[0]),
        _ => None,
    }
}

/// A set's code points as sorted, merged ranges, when it is plain ranges (not negated, no
/// properties).
fn ranges(set: &Set) -> Option<Vec<(u32, u32)>> {
    if set.negated {
        return None;
    }
    let mut ranges = Vec::new();
    for item in &set.items {
        match item {
            SetItem::Range(low, high) => ranges.push((*low, *high)),
            SetItem::Nested(nested) => ranges.extend(self::ranges(nested)?),
            SetItem::Property { .. } => return None,
        }
    }
    ranges.sort_unstable();
    let mut merged: Vec<(u32, u32)> = Vec::with_capacity(ranges.len());
    for (low, high) in ranges {
        match merged.last_mut() {
            Some(last) if low <= last.1.saturating_add(1) => last.1 = last.1.max(high),
            _ => merged.push((low, high)),
        }
    }
    Some(merged)
}

fn intersection(left: &[(u32, u32)], right: &[(u32, u32)]) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    for &(low, high) in left {
        for &(other_low, other_high) in right {
            let (from, to) = (low.max(other_low), high.min(other_high));
            if from <= to {
                out.push((from, to));
            }
        }
    }
    out
}

fn difference(left: &[(u32, u32)], right: &[(u32, u32)]) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    for &(low, high) in left {
        let mut from = low;
        for &(other_low, other_high) in right {
            if other_high < from || other_low > high {
                continue;
            }
            if other_low > from {
                out.push((from, other_low - 1));
            }
            from = other_high.saturating_add(1);
            if from > high {
                break;
            }
        }
        if from <= high {
            out.push((from, high));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{difference, intersection};
    use crate::pattern::{PatternEngine, translate_pattern};

    #[test]
    fn range_arithmetic() {
        let letters = [(0x30, 0x39), (0x41, 0x5A)];
        assert_eq!(
            difference(&letters, &[(0x35, 0x35)]),
            [(0x30, 0x34), (0x36, 0x39), (0x41, 0x5A)]
        );
        assert_eq!(difference(&letters, &[(0x00, 0x40)]), [(0x41, 0x5A)]);
        assert_eq!(
            intersection(&letters, &[(0x38, 0x42)]),
            [(0x38, 0x39), (0x41, 0x42)]
        );
    }

    #[test]
    fn look_aheads_before_runs_fold_into_the_first_character() {
        let email = r"^.+@(?:(?:(?!-)[A-Za-z0-9-]{1,62})?[A-Za-z0-9]{1}\.)+[A-Za-z]{2,63}$";
        let engine = translate_pattern(email).unwrap().engine;
        let (PatternEngine::Regex(regex) | PatternEngine::Unicode { regex, .. }) = &engine else {
            panic!("no look-around is left: {engine:?}");
        };
        assert!(
            regex.contains(r"(?:[0-9A-Za-z][A-Za-z0-9\-]{0,61})?"),
            "{regex}"
        );
        assert_eq!(
            translate_pattern("^(?=[a-z])[a-z0-9]+$").unwrap().engine,
            PatternEngine::Ascii(r"\A[a-z][a-z0-9]*\z".to_owned())
        );
        // A look-ahead before a run that may be empty also looks past it: left alone.
        assert!(matches!(
            translate_pattern("^(?!-)[a-z-]*x$").unwrap().engine,
            PatternEngine::Guarded(_)
        ));
    }
}
