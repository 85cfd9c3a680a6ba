//! Reading an ECMA-262 pattern (as regress reads it, Annex B included) into a tree whose
//! character sets are already resolved: `\d`, `\w`, `\s`, `.` and the `i` flag become explicit
//! sets of code points, so that a later stage can write them in another engine's syntax.
//!
//! The reader only sees patterns that regress has compiled with the same flags, so it does not
//! have to report syntax errors well: anything it does not understand is an
//! [`Unsupported`] naming the construct, never a guess.

use std::fmt;

mod escapes;

use escapes::class_escape;

/// A construct the reader does not handle; the pattern then cannot be translated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unsupported(pub String);

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One item of a character set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SetItem {
    /// The code points `first..=last`.
    Range(u32, u32),
    /// A Unicode property (`L`, `Zs`, `Alphabetic`...), or its complement when `negated`.
    Property {
        /// The property name as written.
        name: String,
        /// `\P{..}` rather than `\p{..}`.
        negated: bool,
    },
    /// Another set, as a whole (for `\D`, `\W`, `\S` inside a class).
    Nested(Set),
}

/// A set of code points: the union of its items, or its complement when `negated`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Set {
    /// Matches what the items do not.
    pub negated: bool,
    /// The items, in source order.
    pub items: Vec<SetItem>,
}

impl Set {
    fn of(items: Vec<SetItem>) -> Self {
        Self {
            negated: false,
            items,
        }
    }

    fn single(c: u32) -> Self {
        Self::of(vec![SetItem::Range(c, c)])
    }

    fn negate(mut self) -> Self {
        self.negated = !self.negated;
        self
    }
}

/// A parsed pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    /// Matches the empty string.
    Empty,
    /// One code point of the set.
    Set(Set),
    /// `^`: start of input (or of a line under the `m` flag).
    Start,
    /// `$`: end of input (or of a line under the `m` flag).
    End,
    /// `\b` (or `\B` when `negated`), on ASCII word characters.
    WordBoundary {
        /// `\B`.
        negated: bool,
    },
    /// The items one after another.
    Concat(Vec<Node>),
    /// Any one of the branches.
    Alt(Vec<Node>),
    /// `node` repeated `min..=max` times (`max` `None`: no upper bound).
    Repeat {
        /// The repeated node.
        node: Box<Node>,
        /// Fewest repetitions.
        min: u32,
        /// Most repetitions.
        max: Option<u32>,
    },
    /// A capturing group (`index` from 1).
    Group {
        /// The group's number, for back-references.
        index: u32,
        /// The group's content.
        node: Box<Node>,
    },
    /// A look-around assertion.
    Look {
        /// Look-ahead (`(?=`, `(?!`) rather than look-behind.
        ahead: bool,
        /// `(?!`, `(?<!`.
        negated: bool,
        /// What is looked for.
        node: Box<Node>,
    },
    /// A back-reference to the group with this number.
    BackRef(u32),
}

/// The flags that change how a pattern reads.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flags {
    /// `i`.
    pub ignore_case: bool,
    /// `m`.
    pub multiline: bool,
    /// `s`.
    pub dot_all: bool,
    /// `u`.
    pub unicode: bool,
}

impl Flags {
    /// Reads regress flag letters; other letters are unsupported.
    pub fn parse(letters: &str) -> Result<Self, Unsupported> {
        let mut flags = Self::default();
        for letter in letters.chars() {
            match letter {
                'i' => flags.ignore_case = true,
                'm' => flags.multiline = true,
                's' => flags.dot_all = true,
                'u' => flags.unicode = true,
                other => return Err(Unsupported(format!("the flag `{other}`"))),
            }
        }
        Ok(flags)
    }
}

/// ECMA-262's `\d`.
pub fn digits() -> Set {
    Set::of(vec![SetItem::Range('0' as u32, '9' as u32)])
}

/// ECMA-262's `\w` (ASCII only, also in Unicode mode without `i`).
pub fn word_chars() -> Set {
    Set::of(vec![
        SetItem::Range('0' as u32, '9' as u32),
        SetItem::Range('A' as u32, 'Z' as u32),
        SetItem::Range('_' as u32, '_' as u32),
        SetItem::Range('a' as u32, 'z' as u32),
    ])
}

/// ECMA-262's `\s`: WhiteSpace (tab, vertical tab, form feed, U+FEFF and the `Zs` category)
/// and LineTerminator (`\n`, `\r`, U+2028, U+2029).
pub fn white_space() -> Set {
    Set::of(
        [
            (0x09, 0x0D),
            (0x20, 0x20),
            (0xA0, 0xA0),
            (0x1680, 0x1680),
            (0x2000, 0x200A),
            (0x2028, 0x2029),
            (0x202F, 0x202F),
            (0x205F, 0x205F),
            (0x3000, 0x3000),
            (0xFEFF, 0xFEFF),
        ]
        .into_iter()
        .map(|(first, last)| SetItem::Range(first, last))
        .collect(),
    )
}

/// The line terminators, which `.` does not match without the `s` flag.
pub fn line_terminators() -> Set {
    Set::of(vec![
        SetItem::Range(0x0A, 0x0A),
        SetItem::Range(0x0D, 0x0D),
        SetItem::Range(0x2028, 0x2029),
    ])
}

/// Parses `source` under `flags` into a tree.
pub fn parse(source: &str, flags: Flags) -> Result<Node, Unsupported> {
    let chars: Vec<char> = source.chars().collect();
    let group_count = count_groups(&chars);
    let mut parser = Parser {
        chars,
        at: 0,
        flags,
        groups: 0,
        group_count,
        depth: 0,
    };
    let node = parser.disjunction()?;
    if parser.at != parser.chars.len() {
        return Err(Unsupported(format!(
            "an unmatched `{}`",
            parser.chars[parser.at]
        )));
    }
    Ok(node)
}

/// The number of capturing groups in the pattern (back-references are read against it).
fn count_groups(chars: &[char]) -> u32 {
    let mut count = 0u32;
    let mut in_class = false;
    let mut at = 0;
    while at < chars.len() {
        match chars[at] {
            '\\' => at += 1,
            '[' => in_class = true,
            ']' => in_class = false,
            '(' if !in_class => {
                let named = chars.get(at + 1) == Some(&'?')
                    && chars.get(at + 2) == Some(&'<')
                    && !matches!(chars.get(at + 3), Some('=' | '!'));
                if chars.get(at + 1) != Some(&'?') || named {
                    count = count.saturating_add(1);
                }
            }
            _ => {}
        }
        at += 1;
    }
    count
}

/// How deep groups may nest before the reader gives up (the tree is walked recursively).
const MAX_DEPTH: usize = 200;

struct Parser {
    chars: Vec<char>,
    at: usize,
    flags: Flags,
    /// Capturing groups opened so far.
    groups: u32,
    /// Capturing groups in the whole pattern.
    group_count: u32,
    depth: usize,
}

/// What a class atom stands for.
enum ClassAtom {
    Char(u32),
    Set(Set),
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.at + ahead).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn eat_str(&mut self, text: &str) -> bool {
        let len = text.chars().count();
        if self.chars.len() >= self.at + len
            && self.chars[self.at..self.at + len]
                .iter()
                .copied()
                .eq(text.chars())
        {
            self.at += len;
            true
        } else {
            false
        }
    }

    fn disjunction(&mut self) -> Result<Node, Unsupported> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Unsupported("groups nested too deeply".to_owned()));
        }
        let mut branches = vec![self.alternative()?];
        while self.eat('|') {
            branches.push(self.alternative()?);
        }
        self.depth -= 1;
        Ok(if branches.len() == 1 {
            branches.pop().unwrap_or(Node::Empty)
        } else {
            Node::Alt(branches)
        })
    }

    fn alternative(&mut self) -> Result<Node, Unsupported> {
        let mut items: Vec<Node> = Vec::new();
        while let Some(c) = self.peek() {
            if c == ')' || c == '|' {
                break;
            }
            let before = items.len();
            let quantifiable = self.term(&mut items)?;
            if let Some((min, max)) = self.quantifier() {
                if !quantifiable {
                    return Err(Unsupported("a quantified assertion".to_owned()));
                }
                // `\c` without a control letter pushes two atoms; the quantifier takes the last.
                let start = items.len().max(before + 1) - 1;
                let quantified: Vec<Node> = items.split_off(start);
                let node = concat(quantified);
                items.push(Node::Repeat {
                    node: Box::new(node),
                    min,
                    max,
                });
            }
        }
        Ok(concat(items))
    }

    /// A quantifier (with its lazy `?`, which does not change whether a match exists).
    fn quantifier(&mut self) -> Option<(u32, Option<u32>)> {
        let bounds = match self.peek()? {
            '*' => {
                self.at += 1;
                (0, None)
            }
            '+' => {
                self.at += 1;
                (1, None)
            }
            '?' => {
                self.at += 1;
                (0, Some(1))
            }
            '{' => self.braced_quantifier()?,
            _ => return None,
        };
        self.eat('?');
        Some(bounds)
    }

    fn braced_quantifier(&mut self) -> Option<(u32, Option<u32>)> {
        let start = self.at;
        self.at += 1;
        let Some(min) = self.decimal() else {
            self.at = start;
            return None;
        };
        let mut max = Some(min);
        if self.eat(',') {
            max = self.decimal();
        }
        if !self.eat('}') {
            self.at = start;
            return None;
        }
        Some((min, max))
    }

    /// Digits as a number, saturating.
    fn decimal(&mut self) -> Option<u32> {
        let mut value: Option<u32> = None;
        while let Some(digit) = self.peek().and_then(|c| c.to_digit(10)) {
            self.at += 1;
            value = Some(value.unwrap_or(0).saturating_mul(10).saturating_add(digit));
        }
        value
    }

    /// Reads one term into `items`; returns whether a quantifier may follow.
    fn term(&mut self, items: &mut Vec<Node>) -> Result<bool, Unsupported> {
        let Some(c) = self.peek() else {
            return Ok(false);
        };
        self.at += 1;
        match c {
            '^' => {
                items.push(Node::Start);
                Ok(false)
            }
            '$' => {
                items.push(Node::End);
                Ok(false)
            }
            '.' => {
                items.push(Node::Set(if self.flags.dot_all {
                    Set::default().negate()
                } else {
                    line_terminators().negate()
                }));
                Ok(true)
            }
            '(' => self.group(items),
            '[' => {
                let set = self.class()?;
                items.push(Node::Set(set));
                Ok(true)
            }
            '\\' => self.atom_escape(items),
            '{' if self.flags.unicode => Err(Unsupported("a lone `{` in Unicode mode".to_owned())),
            '{' => {
                // Annex B: a brace that starts no quantifier is itself.
                items.push(self.literal(u32::from(c)));
                Ok(true)
            }
            '*' | '+' | '?' => Err(Unsupported(format!(
                "a quantifier `{c}` with nothing before it"
            ))),
            _ => {
                items.push(self.literal(u32::from(c)));
                Ok(true)
            }
        }
    }

    fn group(&mut self, items: &mut Vec<Node>) -> Result<bool, Unsupported> {
        let look = if self.eat_str("?=") {
            Some((true, false))
        } else if self.eat_str("?!") {
            Some((true, true))
        } else if self.eat_str("?<=") {
            Some((false, false))
        } else if self.eat_str("?<!") {
            Some((false, true))
        } else {
            None
        };
        if let Some((ahead, negated)) = look {
            let node = self.disjunction()?;
            self.close_group()?;
            items.push(Node::Look {
                ahead,
                negated,
                node: Box::new(node),
            });
            // Annex B lets a look-ahead be quantified outside Unicode mode.
            return Ok(ahead && !self.flags.unicode);
        }
        if self.eat_str("?:") {
            let node = self.disjunction()?;
            self.close_group()?;
            items.push(node);
            return Ok(true);
        }
        if self.peek() == Some('?') && self.peek_at(1) != Some('<') {
            return self.modifier_group(items);
        }
        if self.eat('?') {
            if self.eat('<') {
                // A named group: the name does not matter here.
                while let Some(c) = self.peek() {
                    self.at += 1;
                    if c == '>' {
                        break;
                    }
                }
            } else {
                return Err(Unsupported("a modifier group `(?flags:...)`".to_owned()));
            }
        }
        self.groups = self.groups.saturating_add(1);
        let index = self.groups;
        let node = self.disjunction()?;
        self.close_group()?;
        items.push(Node::Group {
            index,
            node: Box::new(node),
        });
        Ok(true)
    }

    /// `(?ims-ims:...)`, after its `(`: the content read under the changed flags.
    fn modifier_group(&mut self, items: &mut Vec<Node>) -> Result<bool, Unsupported> {
        self.at += 1;
        let outer = self.flags;
        let mut adding = true;
        loop {
            let Some(c) = self.peek() else {
                return Err(Unsupported("an unclosed modifier group".to_owned()));
            };
            self.at += 1;
            let flag = match c {
                ':' => break,
                '-' => {
                    adding = false;
                    continue;
                }
                'i' => &mut self.flags.ignore_case,
                'm' => &mut self.flags.multiline,
                's' => &mut self.flags.dot_all,
                other => return Err(Unsupported(format!("the modifier `{other}`"))),
            };
            *flag = adding;
        }
        if self.flags.ignore_case != outer.ignore_case || self.flags.multiline != outer.multiline {
            // The writer applies `i` and `m` to the whole tree; only `s` is settled here.
            self.flags = outer;
            return Err(Unsupported("an `i` or `m` modifier group".to_owned()));
        }
        let node = self.disjunction();
        self.flags = outer;
        let node = node?;
        self.close_group()?;
        items.push(node);
        Ok(true)
    }

    fn close_group(&mut self) -> Result<(), Unsupported> {
        if self.eat(')') {
            Ok(())
        } else {
            Err(Unsupported("an unclosed group".to_owned()))
        }
    }

    /// A single character as a node (the `i` flag is applied when the tree is written out).
    fn literal(&self, c: u32) -> Node {
        Node::Set(Set::single(c))
    }

    /// An escape outside a class.
    fn atom_escape(&mut self, items: &mut Vec<Node>) -> Result<bool, Unsupported> {
        let Some(c) = self.peek() else {
            return Err(Unsupported("a trailing backslash".to_owned()));
        };
        match c {
            'b' | 'B' => {
                self.at += 1;
                items.push(Node::WordBoundary { negated: c == 'B' });
                Ok(false)
            }
            'c' if !self.flags.unicode => {
                self.at += 1;
                match self.peek() {
                    Some(letter) if letter.is_ascii_alphabetic() => {
                        self.at += 1;
                        items.push(self.literal(u32::from(letter) % 32));
                    }
                    _ => {
                        // Annex B: `\c` without a letter is a backslash and a `c`.
                        items.push(self.literal(u32::from('\\')));
                        items.push(self.literal(u32::from('c')));
                    }
                }
                Ok(true)
            }
            'd' | 'D' | 'w' | 'W' | 's' | 'S' => {
                self.at += 1;
                items.push(Node::Set(class_escape(c)));
                Ok(true)
            }
            'p' | 'P' if self.flags.unicode => {
                self.at += 1;
                let name = self.property_name()?;
                items.push(Node::Set(Set::of(vec![SetItem::Property {
                    name,
                    negated: c == 'P',
                }])));
                Ok(true)
            }
            '1'..='9' => {
                let start = self.at;
                let number = self.decimal().unwrap_or(0);
                if number <= self.group_count {
                    items.push(Node::BackRef(number));
                    return Ok(true);
                }
                if self.flags.unicode {
                    return Err(Unsupported(format!(
                        "a back-reference to a missing group {number}"
                    )));
                }
                self.at = start;
                let code = self.character_escape()?;
                items.push(self.literal(code));
                Ok(true)
            }
            'k' if self.flags.unicode || self.has_named_groups() => {
                Err(Unsupported("a named back-reference".to_owned()))
            }
            _ => {
                let code = self.character_escape()?;
                items.push(self.literal(code));
                Ok(true)
            }
        }
    }

    fn has_named_groups(&self) -> bool {
        self.chars
            .windows(3)
            .any(|window| window[0] == '(' && window[1] == '?' && window[2] == '<')
            && self
                .chars
                .windows(4)
                .any(|window| window[..3] == ['(', '?', '<'] && !matches!(window[3], '=' | '!'))
    }

    /// `{Name}` after `\p` or `\P`.
    pub(super) fn property_name(&mut self) -> Result<String, Unsupported> {
        if !self.eat('{') {
            return Err(Unsupported("a `\\p` without a name".to_owned()));
        }
        let mut name = String::new();
        loop {
            match self.peek() {
                Some('}') => {
                    self.at += 1;
                    return Ok(name);
                }
                Some(c) => {
                    self.at += 1;
                    name.push(c);
                }
                None => return Err(Unsupported("an unclosed `\\p{`".to_owned())),
            }
        }
    }
}

fn concat(mut items: Vec<Node>) -> Node {
    match items.len() {
        0 => Node::Empty,
        1 => items.pop().unwrap_or(Node::Empty),
        _ => Node::Concat(items),
    }
}
