//! Escapes and bracketed classes, read as regress reads them (Annex B included outside
//! Unicode mode).

use super::{ClassAtom, Parser, Set, SetItem, Unsupported, digits, white_space, word_chars};

impl Parser {
    /// A character escape after the backslash (shared by atoms and classes), as regress reads
    /// it: control escapes, `\cX`, `\0`, `\xHH`, `\uHHHH` (joining surrogate pairs),
    /// `\u{H..}`, legacy octal and identity escapes outside Unicode mode.
    pub(super) fn character_escape(&mut self) -> Result<u32, Unsupported> {
        let Some(c) = self.peek() else {
            return Err(Unsupported("a trailing backslash".to_owned()));
        };
        self.at += 1;
        let code = match c {
            'f' => 0x0C,
            'n' => 0x0A,
            'r' => 0x0D,
            't' => 0x09,
            'v' => 0x0B,
            'c' => match self.peek() {
                Some(letter) if letter.is_ascii_alphabetic() => {
                    self.at += 1;
                    u32::from(letter) % 32
                }
                _ => return Err(Unsupported("`\\c` without a letter".to_owned())),
            },
            '0' if !self.peek().is_some_and(|next| next.is_ascii_digit()) => 0,
            'x' => {
                let start = self.at;
                match (self.hex_digit(), self.hex_digit()) {
                    (Some(high), Some(low)) => high * 16 + low,
                    _ if !self.flags.unicode => {
                        self.at = start;
                        u32::from('x')
                    }
                    _ => return Err(Unsupported("a short `\\x` escape".to_owned())),
                }
            }
            'u' => match self.unicode_escape() {
                Some(code) => code,
                None if !self.flags.unicode => u32::from('u'),
                None => return Err(Unsupported("a short `\\u` escape".to_owned())),
            },
            '0'..='7' if !self.flags.unicode => self.legacy_octal(c),
            _ if !self.flags.unicode || r"^$\.*+?()[]{}|/".contains(c) => u32::from(c),
            _ => return Err(Unsupported(format!("the escape `\\{c}`"))),
        };
        Ok(code)
    }

    fn hex_digit(&mut self) -> Option<u32> {
        let digit = self.peek()?.to_digit(16)?;
        self.at += 1;
        Some(digit)
    }

    /// Annex B octal escapes, the first digit already read.
    fn legacy_octal(&mut self, first: char) -> u32 {
        let value = |c: char| u32::from(c) - u32::from('0');
        let is_octal = |c: Option<char>| c.is_some_and(|c| ('0'..='7').contains(&c));
        let second = self.peek();
        if !is_octal(second) {
            return value(first);
        }
        let second = second.map_or(0, value);
        self.at += 1;
        if first <= '3' && is_octal(self.peek()) {
            let third = self.peek().map_or(0, value);
            self.at += 1;
            return value(first) * 64 + second * 8 + third;
        }
        value(first) * 8 + second
    }

    /// After `\u`: `{H..}` or four hex digits, a lead surrogate joined with a following
    /// `\uHHHH` trail surrogate. Reads exactly as regress does, including its handling of a
    /// lead surrogate followed by `\u` and something that is not a trail: the lead stands
    /// alone and reading resumes right after that second `\u`.
    fn unicode_escape(&mut self) -> Option<u32> {
        let start = self.at;
        if self.eat('{') {
            let mut text = String::new();
            loop {
                match self.peek() {
                    Some('}') => {
                        self.at += 1;
                        break;
                    }
                    Some(c) => {
                        self.at += 1;
                        text.push(c);
                    }
                    None => {
                        self.at = start;
                        return None;
                    }
                }
            }
            return match u32::from_str_radix(&text, 16) {
                Ok(code) if code <= 0x10_FFFF => Some(code),
                _ => {
                    self.at = start;
                    None
                }
            };
        }
        let lead = match self.four_hex() {
            Some(code) => code,
            None => {
                self.at = start;
                return None;
            }
        };
        if !(0xD800..=0xDBFF).contains(&lead) || !self.eat_str("\\u") {
            return Some(lead);
        }
        let after_second_u = self.at;
        match self.four_hex() {
            Some(trail) if (0xDC00..=0xDFFF).contains(&trail) => {
                Some(0x10000 + ((lead - 0xD800) << 10) + (trail - 0xDC00))
            }
            _ => {
                self.at = after_second_u;
                Some(lead)
            }
        }
    }

    /// Four characters read as hexadecimal the way `u16::from_str_radix` does.
    fn four_hex(&mut self) -> Option<u32> {
        if self.chars.len() < self.at + 4 {
            return None;
        }
        let text: String = self.chars[self.at..self.at + 4].iter().collect();
        let code = u16::from_str_radix(&text, 16).ok()?;
        self.at += 4;
        Some(u32::from(code))
    }

    /// A bracketed class, after its `[`.
    pub(super) fn class(&mut self) -> Result<Set, Unsupported> {
        let negated = self.eat('^');
        let mut items = Vec::new();
        loop {
            match self.peek() {
                None => return Err(Unsupported("an unclosed class".to_owned())),
                Some(']') => {
                    self.at += 1;
                    break;
                }
                Some(_) => {}
            }
            let first = self.class_atom()?;
            if !self.eat('-') {
                push_atom(&mut items, first);
                continue;
            }
            if self.peek() == Some(']') || self.peek().is_none() {
                push_atom(&mut items, first);
                push_atom(&mut items, ClassAtom::Char(u32::from('-')));
                continue;
            }
            let second = self.class_atom()?;
            match (first, second) {
                (ClassAtom::Char(low), ClassAtom::Char(high)) => {
                    if low > high {
                        return Err(Unsupported("a reversed class range".to_owned()));
                    }
                    items.push(SetItem::Range(low, high));
                }
                (first, second) => {
                    if self.flags.unicode {
                        return Err(Unsupported("a class range with a class escape".to_owned()));
                    }
                    // Annex B: `[\w-.]` is `\w`, `-` and `.`.
                    push_atom(&mut items, first);
                    push_atom(&mut items, ClassAtom::Char(u32::from('-')));
                    push_atom(&mut items, second);
                }
            }
        }
        Ok(Set { negated, items })
    }

    fn class_atom(&mut self) -> Result<ClassAtom, Unsupported> {
        let Some(c) = self.peek() else {
            return Err(Unsupported("an unclosed class".to_owned()));
        };
        self.at += 1;
        if c != '\\' {
            return Ok(ClassAtom::Char(u32::from(c)));
        }
        let Some(escape) = self.peek() else {
            return Err(Unsupported("a trailing backslash".to_owned()));
        };
        match escape {
            'b' => {
                self.at += 1;
                Ok(ClassAtom::Char(0x08))
            }
            '-' if self.flags.unicode => {
                self.at += 1;
                Ok(ClassAtom::Char(u32::from('-')))
            }
            'c' if !self.flags.unicode => match self.peek_at(1) {
                Some(next @ ('0'..='9' | '_')) => {
                    self.at += 2;
                    Ok(ClassAtom::Char(u32::from(next) & 0x1F))
                }
                Some(next) if next.is_ascii_alphabetic() => {
                    self.at += 2;
                    Ok(ClassAtom::Char(u32::from(next) % 32))
                }
                // Annex B: the backslash stands for itself and `c` is read next.
                _ => Ok(ClassAtom::Char(u32::from('\\'))),
            },
            'd' | 'D' | 'w' | 'W' | 's' | 'S' => {
                self.at += 1;
                Ok(ClassAtom::Set(class_escape(escape)))
            }
            'p' | 'P' if self.flags.unicode => {
                self.at += 1;
                let name = self.property_name()?;
                Ok(ClassAtom::Set(Set::of(vec![SetItem::Property {
                    name,
                    negated: escape == 'P',
                }])))
            }
            _ => Ok(ClassAtom::Char(self.character_escape()?)),
        }
    }
}

fn push_atom(items: &mut Vec<SetItem>, atom: ClassAtom) {
    match atom {
        ClassAtom::Char(c) => items.push(SetItem::Range(c, c)),
        ClassAtom::Set(set) if !set.negated => items.extend(set.items),
        ClassAtom::Set(set) => items.push(SetItem::Nested(set)),
    }
}

/// `\d`, `\D`, `\w`, `\W`, `\s`, `\S`.
pub(super) fn class_escape(c: char) -> Set {
    let set = match c.to_ascii_lowercase() {
        'd' => digits(),
        'w' => word_chars(),
        _ => white_space(),
    };
    if c.is_ascii_uppercase() {
        set.negate()
    } else {
        set
    }
}
