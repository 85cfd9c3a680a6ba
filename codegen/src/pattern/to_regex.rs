//! Writing a parsed ECMA-262 pattern in the syntax of the `regex` crate, whose engines run in
//! time linear in the input.
//!
//! The rules, each keeping ECMA-262's meaning (as regress implements it) on Rust strings:
//!
//! - every set is written as an explicit class: `\d` as `[0-9]`, `\w` as `[0-9A-Z_a-z]`, `\s`
//!   as ECMA-262's white space and line terminators, `.` as anything but `\n`, `\r`, U+2028
//!   and U+2029 (anything at all under `s`), `[^]` as any character and `[]` as an empty class
//!   that never matches; surrogate code points, which a Rust string cannot hold, are left out;
//! - characters are written literally when printable ASCII (escaped when `regex` reads them as
//!   syntax) and as `\x{..}` otherwise, so Annex B's identity, control, octal and `\u` escapes
//!   are all settled by then;
//! - `\p{..}` and `\P{..}` keep their names (the names the corpus uses are shared by both
//!   engines);
//! - the `i` flag adds the other case of every ASCII letter to its set (the only case pairs
//!   regress applies to them), and the Kelvin sign and long s that regress folds into `k`
//!   and `s`; a set holding other non-ASCII characters or a property under `i` is not
//!   translated;
//! - `^` is `\A` and `$` is `\z` (without `m`); `\b` is the ASCII word boundary `(?-u:\b)`;
//! - groups become non-capturing (only whether a match exists is asked), quantifiers keep
//!   their bounds (lazy or greedy does not change whether a match exists).
//!
//! Look-around and back-references have no `regex` equivalent: [`write_exact`] refuses them,
//! and [`write_relaxed`] writes the superset pattern that drops every look-around and reads a
//! back-reference as "anything the group could have matched, or nothing".

use super::ecma::{Flags, Node, Set, SetItem, Unsupported};

/// `node` in `regex` syntax, with exactly its meaning; look-around and back-references are
/// [`Unsupported`].
pub fn write_exact(node: &Node, flags: Flags) -> Result<String, Unsupported> {
    let mut writer = Writer {
        flags,
        relaxed: false,
        root: node,
    };
    let mut out = String::new();
    writer.node(node, &mut out)?;
    Ok(out)
}

/// A `regex` pattern that matches every text `node` matches (and possibly more): look-around
/// is dropped and a back-reference becomes an optional copy of its group.
pub fn write_relaxed(node: &Node, flags: Flags) -> Result<String, Unsupported> {
    let mut writer = Writer {
        flags,
        relaxed: true,
        root: node,
    };
    let mut out = String::new();
    writer.node(node, &mut out)?;
    Ok(out)
}

struct Writer<'a> {
    flags: Flags,
    relaxed: bool,
    root: &'a Node,
}

impl Writer<'_> {
    fn node(&mut self, node: &Node, out: &mut String) -> Result<(), Unsupported> {
        match node {
            Node::Empty => {}
            Node::Set(set) => self.set(set, out)?,
            // The relaxed pattern may match more: a line anchor is simply left out.
            Node::Start | Node::End if self.flags.multiline && self.relaxed => {}
            Node::Start | Node::End if self.flags.multiline => {
                return Err(Unsupported(
                    "a `^` or `$` under the `m` flag (ECMA-262's line terminators)".to_owned(),
                ));
            }
            Node::Start => out.push_str(r"\A"),
            Node::End => out.push_str(r"\z"),
            Node::WordBoundary { negated } => {
                if *negated {
                    return Err(Unsupported("`\\B`".to_owned()));
                }
                if self.flags.ignore_case && self.flags.unicode {
                    return Err(Unsupported("`\\b` under the `iu` flags".to_owned()));
                }
                out.push_str(r"(?-u:\b)");
            }
            Node::Concat(items) => {
                for item in items {
                    // A branch written inside a sequence needs its own group.
                    if matches!(item, Node::Alt(_)) {
                        out.push_str("(?:");
                        self.node(item, out)?;
                        out.push(')');
                    } else {
                        self.node(item, out)?;
                    }
                }
            }
            Node::Alt(branches) => {
                for (index, branch) in branches.iter().enumerate() {
                    if index > 0 {
                        out.push('|');
                    }
                    self.node(branch, out)?;
                }
            }
            Node::Repeat { node, min, max } => {
                let mut inner = String::new();
                self.node(node, &mut inner)?;
                if inner.is_empty() {
                    return Ok(());
                }
                if is_single_atom(node) {
                    out.push_str(&inner);
                } else {
                    out.push_str("(?:");
                    out.push_str(&inner);
                    out.push(')');
                }
                match (min, max) {
                    (0, None) => out.push('*'),
                    (1, None) => out.push('+'),
                    (0, Some(1)) => out.push('?'),
                    (min, None) => out.push_str(&format!("{{{min},}}")),
                    (min, Some(max)) if min == max => out.push_str(&format!("{{{min}}}")),
                    (min, Some(max)) => out.push_str(&format!("{{{min},{max}}}")),
                }
            }
            Node::Group { node, .. } => {
                out.push_str("(?:");
                self.node(node, out)?;
                out.push(')');
            }
            Node::Look { .. } if self.relaxed => {}
            Node::Look { .. } => return Err(Unsupported("look-around".to_owned())),
            Node::BackRef(index) if self.relaxed => {
                let Some(group) = find_group(self.root, *index) else {
                    return Err(Unsupported(format!("a back-reference to group {index}")));
                };
                out.push_str("(?:");
                self.node(group, out)?;
                out.push_str(")?");
            }
            Node::BackRef(_) => return Err(Unsupported("a back-reference".to_owned())),
        }
        Ok(())
    }

    fn set(&self, set: &Set, out: &mut String) -> Result<(), Unsupported> {
        // A single character outside any class is written as itself.
        if let [SetItem::Range(first, last)] = set.items[..]
            && first == last
            && !set.negated
            && self.case_closed(first, last)?.len() == 1
            && char::from_u32(first).is_some()
        {
            write_char(first, out);
            return Ok(());
        }
        let mut items = String::new();
        self.set_items(&set.items, &mut items)?;
        if items.is_empty() {
            // No item at all: `[]` never matches and `[^]` matches any character.
            out.push_str(if set.negated {
                r"[\x{0}-\x{10FFFF}]"
            } else {
                r"[^\x{0}-\x{10FFFF}]"
            });
            return Ok(());
        }
        out.push('[');
        if set.negated {
            out.push('^');
        }
        out.push_str(&items);
        out.push(']');
        Ok(())
    }

    fn set_items(&self, items: &[SetItem], out: &mut String) -> Result<(), Unsupported> {
        for item in items {
            match item {
                SetItem::Range(first, last) => {
                    for (first, last) in self.case_closed(*first, *last)? {
                        write_range(first, last, out);
                    }
                }
                SetItem::Property { name, negated } => {
                    if self.flags.ignore_case {
                        return Err(Unsupported(format!(
                            "the property `{name}` under the `i` flag"
                        )));
                    }
                    out.push_str(if *negated { r"\P{" } else { r"\p{" });
                    out.push_str(property_name(name)?);
                    out.push('}');
                }
                SetItem::Nested(set) => {
                    if self.flags.ignore_case && set.negated {
                        return Err(Unsupported(
                            "a negated class escape (`\\D`, `\\W`, `\\S`) inside a class under the `i` flag"
                                .to_owned(),
                        ));
                    }
                    self.set(set, out)?;
                }
            }
        }
        Ok(())
    }

    /// The range, plus the other case of its ASCII letters under `i`.
    fn case_closed(&self, first: u32, last: u32) -> Result<Vec<(u32, u32)>, Unsupported> {
        let mut ranges = vec![(first, last)];
        if !self.flags.ignore_case {
            return Ok(ranges);
        }
        if last > 0x7F {
            return Err(Unsupported(
                "a non-ASCII character under the `i` flag".to_owned(),
            ));
        }
        for (lower, upper) in [(0x61u32, 0x7Au32), (0x41, 0x5A)] {
            let low = first.max(lower);
            let high = last.min(upper);
            if low <= high {
                // Lower case to upper case and back: the distance is 0x20.
                let shift = |c: u32| if lower == 0x61 { c - 0x20 } else { c + 0x20 };
                ranges.push((shift(low), shift(high)));
            }
        }
        // regress also folds the Kelvin sign into `k` and the long s into `s`.
        for (letter, extra) in [(u32::from('k'), 0x212A), (u32::from('s'), 0x17F)] {
            if (first..=last).contains(&letter) || (first..=last).contains(&(letter - 0x20)) {
                ranges.push((extra, extra));
            }
        }
        Ok(ranges)
    }
}

/// The group with number `index`.
fn find_group(node: &Node, index: u32) -> Option<&Node> {
    match node {
        Node::Group { index: own, node } if *own == index => Some(node),
        Node::Group { node, .. } | Node::Repeat { node, .. } | Node::Look { node, .. } => {
            find_group(node, index)
        }
        Node::Concat(items) | Node::Alt(items) => {
            items.iter().find_map(|item| find_group(item, index))
        }
        _ => None,
    }
}

/// Whether `node` is written as one atom that a quantifier can follow directly.
fn is_single_atom(node: &Node) -> bool {
    matches!(node, Node::Set(_) | Node::Group { .. })
}

/// The `regex` name for an ECMA-262 property name, for the names both engines share.
fn property_name(name: &str) -> Result<&str, Unsupported> {
    let shared = [
        "L",
        "Lu",
        "Ll",
        "Lt",
        "Lm",
        "Lo",
        "M",
        "Mn",
        "Mc",
        "Me",
        "N",
        "Nd",
        "Nl",
        "No",
        "P",
        "Pc",
        "Pd",
        "Ps",
        "Pe",
        "Pi",
        "Pf",
        "Po",
        "S",
        "Sm",
        "Sc",
        "Sk",
        "So",
        "Z",
        "Zs",
        "Zl",
        "Zp",
        "C",
        "Cc",
        "Cf",
        "Cs",
        "Co",
        "Cn",
        "Letter",
        "Mark",
        "Number",
        "Punctuation",
        "Symbol",
        "Separator",
        "Other",
        "Alphabetic",
        "Alpha",
        "White_Space",
        "Uppercase",
        "Upper",
        "Lowercase",
        "Lower",
        "ASCII",
        "Any",
    ];
    if shared.contains(&name) {
        Ok(name)
    } else {
        Err(Unsupported(format!("the property `{name}`")))
    }
}

/// Writes `first..=last` into a class, without the surrogate code points.
fn write_range(first: u32, last: u32, out: &mut String) {
    let pieces = [
        (first, last.min(0xD7FF)),
        (first.max(0xE000), last.min(0x10_FFFF)),
    ];
    for (low, high) in pieces {
        if low > high {
            continue;
        }
        write_char(low, out);
        if high > low {
            if high > low + 1 {
                out.push('-');
            }
            write_char(high, out);
        }
    }
}

/// One code point inside a class: printable ASCII as itself (escaped when it is syntax),
/// anything else as `\x{..}`.
fn write_char(c: u32, out: &mut String) {
    match char::from_u32(c) {
        Some(c) if c.is_ascii_graphic() || c == ' ' => {
            if regex_syntax_meta(c) {
                out.push('\\');
            }
            out.push(c);
        }
        _ => out.push_str(&format!(r"\x{{{c:X}}}")),
    }
}

/// Whether `regex` reads `c` as syntax somewhere (inside or outside a class).
fn regex_syntax_meta(c: char) -> bool {
    r"\.+*?()|[]{}^$#&-~".contains(c)
}

#[cfg(test)]
mod tests {
    use super::super::ecma::{Flags, parse};
    use super::{write_exact, write_relaxed};

    fn exact(source: &str, flags: &str) -> String {
        let flags = Flags::parse(flags).unwrap();
        write_exact(&parse(source, flags).unwrap(), flags).unwrap()
    }

    #[test]
    fn class_escapes_are_written_out() {
        assert_eq!(exact(r"^\d+$", ""), r"\A[0-9]+\z");
        assert_eq!(exact(r"\w", "u"), "[0-9A-Z_a-z]");
        assert_eq!(
            exact(r"\s", ""),
            r"[\x{9}-\x{D} \x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}]"
        );
        assert_eq!(exact(".", ""), r"[^\x{A}\x{D}\x{2028}\x{2029}]");
        assert_eq!(exact(".", "s"), r"[\x{0}-\x{10FFFF}]");
        assert_eq!(exact(r"[\w-.]", ""), r"[0-9A-Z_a-z\-\.]");
        assert_eq!(exact(r"[^\D]", ""), r"[^[^0-9]]");
    }

    #[test]
    fn annex_b_characters() {
        assert_eq!(exact(r"a{", ""), r"a\{");
        assert_eq!(exact(r"a{1,x}", ""), r"a\{1,x\}");
        assert_eq!(exact(r"\cJ\0\101\x4", ""), r"\x{A}\x{0}Ax4");
        assert_eq!(exact(r"\c", ""), r"\\c");
        assert_eq!(exact(r"\_\%", ""), "_%");
        assert_eq!(exact(r"\8", ""), "8");
        assert_eq!(exact(r"[]", ""), r"[^\x{0}-\x{10FFFF}]");
        assert_eq!(exact(r"[^]", ""), r"[\x{0}-\x{10FFFF}]");
    }

    #[test]
    fn surrogates() {
        assert_eq!(exact(r"\uD83D\uDE00", ""), r"\x{1F600}");
        assert_eq!(exact(r"\u{1F600}", "u"), r"\x{1F600}");
        assert_eq!(exact(r"[\uD800-\uDFFF]", ""), r"[^\x{0}-\x{10FFFF}]");
        assert_eq!(
            exact(r"[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF]", ""),
            r"[ -\x{D7FF}\x{E000}-\x{FFFD}\x{10000}-\x{10FFFF}]"
        );
    }

    #[test]
    fn anchors_and_case() {
        assert_eq!(exact("^(a|bc)+$", ""), r"\A(?:a|bc)+\z");
        assert_eq!(
            exact("^(?:true|false)$", "i"),
            r"\A(?:[tT][rR][uU][eE]|[fF][aA][lL][sS\x{17F}][eE])\z"
        );
        assert_eq!(exact(r"\bx", ""), r"(?-u:\b)x");
        assert!(
            write_exact(
                &parse("^a$", Flags::parse("m").unwrap()).unwrap(),
                Flags::parse("m").unwrap()
            )
            .is_err()
        );
    }

    #[test]
    fn relaxed_drops_look_around() {
        let flags = Flags::default();
        let node = parse(r"^(?!aws:)(a)\1$", flags).unwrap();
        assert!(write_exact(&node, flags).is_err());
        assert_eq!(write_relaxed(&node, flags).unwrap(), r"\A(?:a)(?:a)?\z");
    }
}
