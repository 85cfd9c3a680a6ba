//! Choosing the ECMA-262 flags for a model's pattern, and translating the parts of Java's
//! regex dialect that some official models use and whose meaning is certain.

use regress::Regex;

/// A model pattern read as ECMA-262: the source and flags regress compiles it with, and what
/// was changed to get there.
///
/// ```
/// use anvil_codegen::pattern::prepare_pattern;
///
/// let prepared = prepare_pattern(r"^[\p{L}\p{Z}]+$").unwrap();
/// assert_eq!(prepared.flags, "u");
/// assert_eq!(prepared.note, None);
///
/// let prepared = prepare_pattern("^(?i)(true|false)$").unwrap();
/// assert_eq!(prepared.source, "^(true|false)$");
/// assert_eq!(prepared.flags, "i");
/// assert!(prepared.note.is_some());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PreparedPattern {
    /// The ECMA-262 source to compile: the model's text, or its translation.
    pub source: String,
    /// The regress flag letters to compile with, in the order `i`, `m`, `s`, `u` (often empty).
    pub flags: String,
    /// What was translated from Java's dialect, for the generated docs; `None` when the model's
    /// pattern is used as written.
    pub note: Option<String>,
}

/// Prepares a model's `@pattern` for compilation with regress, at generation time.
///
/// The pattern is compiled in Unicode mode (`u`) exactly when it uses a `\p{..}` or `\P{..}`
/// class, which exist only there, and without flags otherwise, because some official
/// patterns are legal only under ECMA-262 Annex B (CodeStar's `^[\w-.+]+@[\w-.+]+$`). When it
/// compiles that way it is used as written, unless it escapes a letter that ECMA-262 has no
/// escape for (`\A`, `\z`, `\Z`, `\h`, `\Q`...): Annex B reads those as the plain letter, which
/// is never what the author meant, so such a pattern goes on to translation like one that
/// does not compile.
///
/// Otherwise the pattern is read as Java's dialect (the official models were checked with
/// Java), and what has a certain meaning is translated:
///
/// - leading inline flags (`(?i)`, `(?s)`, `(?m)`, `(?ms)`, also after a leading `^`) become
///   engine flags;
/// - a `(?i)` further in makes the ASCII letters in the rest of its group `[aA]`-style classes
///   (refused when that part holds something else whose case would matter);
/// - Java's POSIX classes `\p{Lower}`, `\p{Upper}`, `\p{ASCII}`, `\p{Alpha}`, `\p{Digit}`,
///   `\p{Alnum}`, `\p{Punct}`, `\p{Graph}`, `\p{Print}`, `\p{Blank}`, `\p{Cntrl}`,
///   `\p{XDigit}` and `\p{Space}` become their ASCII classes (what Java means by default);
///   Java's `\p{LD}` becomes `[\p{L}\p{Nd}]` and `\p{all}` becomes `[\s\S]`;
///   `\p{IsAlphabetic}` and `\p{IsWhitespace}` become `\p{Alphabetic}` and `\p{White_Space}`;
/// - possessive quantifiers (`*+`, `++`, `?+`, `{n}+`, `{n,m}+`) become plain ones;
/// - a quantifier on an anchor (`${1,128}`) is dropped, with the anchor itself when the
///   quantifier allows zero repetitions;
/// - `\A` and `\z` become `^` and `$` (look-arounds under the `m` flag), `\a` and `\e` become
///   `\x07` and `\x1B`, a symbol escaped without need (`\_`, `\:`) becomes the plain symbol,
///   and a lone `]` or `}` is escaped.
///
/// Java's nested classes and class intersections (`[a-z&&[^e]]`), its other letter escapes and
/// anything else that ECMA-262 still rejects are not translated.
///
/// A pattern that still does not compile is an `Err` with the reason, and the generator skips
/// that check. This function never panics.
///
/// ```
/// use anvil_codegen::pattern::prepare_pattern;
///
/// let prepared = prepare_pattern(r"^[\p{Punct}\w]{2}+$").unwrap();
/// assert_eq!(prepared.source, r"^[\x21-\x2F\x3A-\x40\x5B-\x60\x7B-\x7E\w]{2}$");
/// assert_eq!(prepared.flags, "");
///
/// let prepared = prepare_pattern(r"^\A[a-z]+\z$").unwrap();
/// assert_eq!(prepared.source, "^^[a-z]+$$");
///
/// assert!(prepare_pattern("[unclosed").is_err());
/// ```
pub fn prepare_pattern(model_pattern: &str) -> Result<PreparedPattern, String> {
    let flags = flags_for(model_pattern, "");
    let first_error = match Regex::with_flags(model_pattern, flags.as_str()) {
        // Annex B reads `\A` or `\z` as a plain letter; such a pattern is Java's.
        Ok(_) if has_java_only_escape(model_pattern) => format!(
            "compiles as ECMA-262 {} only by reading a Java escape such as \\A or \\z as a plain letter",
            describe_flags(&flags)
        ),
        Ok(_) => {
            return Ok(PreparedPattern {
                source: model_pattern.to_owned(),
                flags,
                note: None,
            });
        }
        Err(err) => format!(
            "does not compile as ECMA-262 {}: {err}",
            describe_flags(&flags)
        ),
    };
    let translation = match translate(model_pattern) {
        Ok(translation) => translation,
        Err(reason) => {
            return Err(format!(
                "{first_error}; not translated from Java's dialect: {reason}"
            ));
        }
    };
    if translation.notes.is_empty() {
        return Err(first_error);
    }
    let notes = translation.notes.join("; ");
    let flags = flags_for(&translation.source, &translation.flags);
    match Regex::with_flags(&translation.source, flags.as_str()) {
        Ok(_) => Ok(PreparedPattern {
            source: translation.source,
            flags,
            note: Some(format!("translated from Java's regex dialect: {notes}")),
        }),
        Err(err) => Err(format!(
            "{first_error}; still does not compile after translating from Java's dialect ({notes}): {err}"
        )),
    }
}

fn describe_flags(flags: &str) -> String {
    if flags.is_empty() {
        "without flags".to_owned()
    } else {
        format!("with flags `{flags}`")
    }
}

/// The flags to compile `source` with: `extra` (letters among `i`, `m`, `s`) plus `u` when the
/// source uses a property class, in a fixed order.
fn flags_for(source: &str, extra: &str) -> String {
    let unicode = uses_property_class(source);
    "imsu"
        .chars()
        .filter(|&flag| extra.contains(flag) || (flag == 'u' && unicode))
        .collect()
}

/// Whether `source` has a `\p{` or `\P{` that is not itself escaped.
fn uses_property_class(source: &str) -> bool {
    let mut chars = source.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            let next = chars.next();
            if matches!(next, Some('p' | 'P')) && chars.clone().next() == Some('{') {
                return true;
            }
        }
    }
    false
}

/// The ASCII class content that Java's POSIX class `name` stands for by default.
fn posix_ascii_class(name: &str) -> Option<&'static str> {
    Some(match name {
        "Lower" => "a-z",
        "Upper" => "A-Z",
        "ASCII" => r"\x00-\x7F",
        "Alpha" => "a-zA-Z",
        "Digit" => "0-9",
        "Alnum" => "a-zA-Z0-9",
        "Punct" => r"\x21-\x2F\x3A-\x40\x5B-\x60\x7B-\x7E",
        "Graph" => r"\x21-\x7E",
        "Print" => r"\x20-\x7E",
        "Blank" => r" \t",
        "Cntrl" => r"\x00-\x1F\x7F",
        "XDigit" => "0-9a-fA-F",
        "Space" => r" \t\n\x0B\f\r",
        _ => return None,
    })
}

/// The class content for Java-only property names that are not POSIX classes.
fn java_only_class(name: &str) -> Option<&'static str> {
    Some(match name {
        // Java's "letter or digit": the letter categories and decimal digits.
        "LD" => r"\p{L}\p{Nd}",
        // Java's "any character".
        "all" => r"\s\S",
        _ => return None,
    })
}

/// The ECMA-262 name of a Unicode binary property that Java writes with an `Is` prefix.
fn java_binary_property(name: &str) -> Option<&'static str> {
    let bare = name.strip_prefix("Is")?;
    if bare.eq_ignore_ascii_case("Alphabetic") {
        Some("Alphabetic")
    } else if bare.eq_ignore_ascii_case("Whitespace") || bare.eq_ignore_ascii_case("White_Space") {
        Some("White_Space")
    } else {
        None
    }
}

/// Whether `\c` is a Java escape that ECMA-262 lacks, so that Annex B would read it as the
/// plain letter (`\A`, `\z`, `\Z`, `\h`, `\Q`...).
fn is_java_only_letter(c: char) -> bool {
    c.is_ascii_alphabetic() && !"dDwWsSbBtnrfvcxukpP".contains(c)
}

/// Whether `c` must stay escaped to be read literally in ECMA-262 (`/` may always be escaped).
fn is_ecma_syntax(c: char) -> bool {
    r"^$\.*+?()[]{}|/".contains(c)
}

/// Whether `\c` escapes a symbol that ECMA-262 reads literally without the backslash (and
/// that Unicode mode refuses to see escaped), such as `\_` or `\:`.
fn escapes_a_plain_symbol(c: char, in_class: bool) -> bool {
    if c.is_alphanumeric() || is_ecma_syntax(c) {
        return false;
    }
    // Inside a class `\-` is a literal hyphen, which a bare `-` would not be.
    c != '-' || !in_class
}

/// Whether `source` has a Java-only letter escape (see [`is_java_only_letter`]).
fn has_java_only_escape(source: &str) -> bool {
    let mut chars = source.chars();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.next().is_some_and(is_java_only_letter) {
            return true;
        }
    }
    false
}

/// A translated pattern: its source, the engine flags taken from leading inline flags, and a
/// note per kind of change (empty when nothing changed).
struct Translation {
    source: String,
    flags: String,
    notes: Vec<String>,
}

/// What the translator wrote last, which decides how a following quantifier is read.
#[derive(Clone, Copy)]
enum Last {
    /// Nothing that a quantifier could apply to (start, `(`, `|`).
    Nothing,
    /// A character, class, escape or group.
    Atom,
    /// A quantifier, which a `?` makes lazy and a `+` (in Java) possessive.
    Quantifier,
    /// A quantifier with its suffix, or something that takes no further suffix.
    Done,
    /// An anchor (`^`, `$`, `\b`, `\B`), written at this byte offset of the output.
    Anchor(usize),
}

fn translate(pattern: &str) -> Result<Translation, String> {
    let mut translator = Translator {
        chars: pattern.chars().collect(),
        i: 0,
        out: String::with_capacity(pattern.len() + 16),
        flags: String::new(),
        notes: Vec::new(),
        case_insensitive: false,
        groups: Vec::new(),
        last: Last::Nothing,
    };
    translator.run()?;
    Ok(Translation {
        source: translator.out,
        flags: translator.flags,
        notes: translator.notes,
    })
}

/// A single pass over a Java-dialect pattern that writes its ECMA-262 translation.
struct Translator {
    chars: Vec<char>,
    i: usize,
    out: String,
    flags: String,
    notes: Vec<String>,
    /// Whether a mid-pattern `(?i)` is in force in the current group.
    case_insensitive: bool,
    /// For each open group, whether `(?i)` was in force where it opened.
    groups: Vec<bool>,
    last: Last,
}

impl Translator {
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.i + ahead).copied()
    }

    fn note(&mut self, note: String) {
        if !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }

    /// Copies `count` characters from the input as they are.
    fn copy(&mut self, count: usize) {
        let end = self.i.saturating_add(count).min(self.chars.len());
        self.out.extend(&self.chars[self.i..end]);
        self.i = end;
    }

    /// Copies characters while `keep` holds, at most `limit` of them.
    fn copy_while(&mut self, limit: usize, keep: impl Fn(char) -> bool) {
        let mut count = 0;
        while count < limit && self.peek(count).is_some_and(&keep) {
            count += 1;
        }
        self.copy(count);
    }

    /// Copies through the next `close` character (inclusive), or to the end.
    fn copy_through(&mut self, close: char) {
        let count = self.chars[self.i..]
            .iter()
            .position(|&c| c == close)
            .map_or(self.chars.len() - self.i, |at| at + 1);
        self.copy(count);
    }

    fn run(&mut self) -> Result<(), String> {
        self.leading_flags();
        while let Some(c) = self.peek(0) {
            match c {
                '\\' => self.escape(false)?,
                '[' => self.class()?,
                '(' => self.open_group(),
                ')' => {
                    self.case_insensitive = self.groups.pop().unwrap_or(false);
                    self.copy(1);
                    self.last = Last::Atom;
                }
                '|' => {
                    self.copy(1);
                    self.last = Last::Nothing;
                }
                '*' | '?' => self.quantifier(1, 0),
                '+' => self.quantifier(1, 1),
                '{' => match self.braces() {
                    Some((len, min)) => self.quantifier(len, min),
                    None => {
                        // Not a quantifier: a literal brace, as Annex B reads it.
                        self.copy(1);
                        self.last = Last::Atom;
                    }
                },
                '^' | '$' => {
                    self.last = Last::Anchor(self.out.len());
                    self.copy(1);
                }
                ']' | '}' => {
                    // Java reads a lone closing bracket or brace as itself.
                    self.out.push('\\');
                    self.copy(1);
                    self.note("a lone ] or } became an escaped one".to_owned());
                    self.last = Last::Atom;
                }
                c if self.case_insensitive && c.is_ascii_alphabetic() => {
                    self.out.push('[');
                    self.out.push(c.to_ascii_lowercase());
                    self.out.push(c.to_ascii_uppercase());
                    self.out.push(']');
                    self.i += 1;
                    self.last = Last::Atom;
                }
                _ => {
                    self.copy(1);
                    self.last = Last::Atom;
                }
            }
        }
        Ok(())
    }

    /// Turns inline flag groups at the start (or right after a leading `^`) into engine flags.
    fn leading_flags(&mut self) {
        let caret = usize::from(self.peek(0) == Some('^'));
        let mut at = caret;
        let mut flags = String::new();
        while self.chars.get(at) == Some(&'(') && self.chars.get(at + 1) == Some(&'?') {
            let letters_start = at + 2;
            let mut end = letters_start;
            while self
                .chars
                .get(end)
                .is_some_and(|c| matches!(c, 'i' | 'm' | 's'))
            {
                end += 1;
            }
            if end == letters_start || self.chars.get(end) != Some(&')') {
                break;
            }
            flags.extend(&self.chars[letters_start..end]);
            at = end + 1;
        }
        if flags.is_empty() {
            return;
        }
        if caret == 1 {
            self.out.push('^');
            self.last = Last::Anchor(0);
        }
        self.i = at;
        self.note(format!(
            "the leading inline flags (?{flags}) became engine flags"
        ));
        self.flags = flags;
    }

    /// Reads `{n}`, `{n,}` or `{n,m}` at the current position: its length and minimum.
    fn braces(&self) -> Option<(usize, u64)> {
        let mut len = 1;
        let mut min: u64 = 0;
        let mut digits = 0;
        while let Some(d) = self.peek(len).and_then(|c| c.to_digit(10)) {
            min = min.saturating_mul(10).saturating_add(u64::from(d));
            digits += 1;
            len += 1;
        }
        if digits == 0 {
            return None;
        }
        if self.peek(len) == Some(',') {
            len += 1;
            while self.peek(len).is_some_and(|c| c.is_ascii_digit()) {
                len += 1;
            }
        }
        (self.peek(len) == Some('}')).then_some((len + 1, min))
    }

    /// A quantifier of `len` characters whose minimum is `min`.
    fn quantifier(&mut self, len: usize, min: u64) {
        let c = self.peek(0);
        match self.last {
            Last::Quantifier if len == 1 && c == Some('+') => {
                self.i += 1;
                self.note("possessive quantifiers became plain ones".to_owned());
                self.last = Last::Done;
            }
            Last::Quantifier if len == 1 && c == Some('?') => {
                self.copy(1);
                self.last = Last::Done;
            }
            Last::Anchor(start) => {
                if min == 0 {
                    self.out.truncate(start);
                }
                self.i += len;
                if matches!(self.peek(0), Some('?' | '+')) {
                    self.i += 1;
                }
                self.note("a quantifier on an anchor was dropped".to_owned());
                self.last = Last::Done;
            }
            _ => {
                self.copy(len);
                self.last = Last::Quantifier;
            }
        }
    }

    fn open_group(&mut self) {
        if self.peek(1) != Some('?') {
            self.copy(1);
        } else {
            match self.peek(2) {
                Some(':' | '=' | '!') => self.copy(3),
                Some('<') if matches!(self.peek(3), Some('=' | '!')) => self.copy(4),
                Some('<') => self.copy_through('>'),
                _ => {
                    let mut end = 2;
                    while self
                        .peek(end)
                        .is_some_and(|c| c.is_ascii_alphabetic() || c == '-')
                    {
                        end += 1;
                    }
                    if end == 3 && self.peek(2) == Some('i') && self.peek(end) == Some(')') {
                        // Java's `(?i)` here applies to the rest of the enclosing group.
                        self.i += end + 1;
                        self.case_insensitive = true;
                        self.note("a (?i) inside the pattern became [aA]-style classes".to_owned());
                        return;
                    }
                    if self.peek(end) == Some(')') {
                        // Some other inline flag: not a group; left for the engine to judge.
                        self.copy(end + 1);
                        return;
                    }
                    self.copy(end + usize::from(self.peek(end).is_some()));
                }
            }
        }
        self.groups.push(self.case_insensitive);
        self.last = Last::Nothing;
    }

    /// An escape, outside or inside a character class.
    fn escape(&mut self, in_class: bool) -> Result<(), String> {
        let start = self.out.len();
        let Some(kind) = self.peek(1) else {
            self.copy(1);
            self.last = Last::Atom;
            return Ok(());
        };
        let may_stand_for_a_letter = matches!(kind, 'x' | 'u' | 'c' | 'k' | 'p' | 'P' | '1'..='9');
        if self.case_insensitive && may_stand_for_a_letter {
            return Err(format!(
                "the part under a mid-pattern (?i) holds the escape \\{kind}, whose case handling is unclear"
            ));
        }
        let mut anchor = matches!(kind, 'b' | 'B') && !in_class;
        match kind {
            'p' | 'P' if self.peek(2) == Some('{') => self.property(kind, in_class)?,
            'A' | 'z' if !in_class => {
                // Java's start and end of input: `^` and `$`, unless `m` is on.
                let multiline = self.flags.contains('m');
                self.out.push_str(match (kind, multiline) {
                    ('A', false) => "^",
                    ('A', true) => r"(?<![\s\S])",
                    (_, false) => "$",
                    (_, true) => r"(?![\s\S])",
                });
                self.i += 2;
                self.note(format!("Java's \\{kind} became an anchor"));
                anchor = true;
            }
            'a' | 'e' => {
                self.out
                    .push_str(if kind == 'a' { r"\x07" } else { r"\x1B" });
                self.i += 2;
                self.note(format!("Java's \\{kind} became a hexadecimal escape"));
            }
            _ if is_java_only_letter(kind) => {
                return Err(format!("Java's \\{kind} is not translated"));
            }
            _ if escapes_a_plain_symbol(kind, in_class) => {
                // Java lets any other symbol be escaped; ECMA-262 in Unicode mode does not.
                self.out.push(kind);
                self.i += 2;
                self.note("escaped symbols that need no escape became plain".to_owned());
            }
            _ => {
                self.copy(2);
                match kind {
                    'x' => self.copy_while(2, |c| c.is_ascii_hexdigit()),
                    'u' if self.peek(0) == Some('{') => self.copy_through('}'),
                    'u' => self.copy_while(4, |c| c.is_ascii_hexdigit()),
                    'c' => self.copy_while(1, |c| c.is_ascii_alphabetic()),
                    'k' if self.peek(0) == Some('<') => self.copy_through('>'),
                    '0'..='9' => self.copy_while(usize::MAX, |c| c.is_ascii_digit()),
                    _ => {}
                }
            }
        }
        self.last = if anchor {
            Last::Anchor(start)
        } else {
            Last::Atom
        };
        Ok(())
    }

    /// `\p{Name}` or `\P{Name}` at the current position.
    fn property(&mut self, kind: char, in_class: bool) -> Result<(), String> {
        let name_start = self.i + 3;
        let Some(close) = self.chars[name_start.min(self.chars.len())..]
            .iter()
            .position(|&c| c == '}')
            .map(|at| name_start + at)
        else {
            self.copy(self.chars.len() - self.i);
            return Ok(());
        };
        let name: String = self.chars[name_start..close].iter().collect();
        let negated = kind == 'P';
        if let Some(body) = posix_ascii_class(&name).or_else(|| java_only_class(&name)) {
            if in_class {
                if negated {
                    return Err(format!(
                        "\\P{{{name}}} inside a character class has no ECMA-262 equivalent"
                    ));
                }
                self.out.push_str(body);
            } else {
                self.out.push_str(if negated { "[^" } else { "[" });
                self.out.push_str(body);
                self.out.push(']');
            }
            self.note(format!(
                "Java's \\{kind}{{{name}}} became the class [{body}]"
            ));
        } else if let Some(ecma) = java_binary_property(&name) {
            self.out.push('\\');
            self.out.push(kind);
            self.out.push('{');
            self.out.push_str(ecma);
            self.out.push('}');
            self.note(format!(
                "Java's \\{kind}{{{name}}} became \\{kind}{{{ecma}}}"
            ));
        } else {
            self.out.extend(&self.chars[self.i..=close]);
        }
        self.i = close + 1;
        Ok(())
    }

    /// A character class, through its closing `]`.
    fn class(&mut self) -> Result<(), String> {
        self.copy(1);
        if self.peek(0) == Some('^') {
            self.copy(1);
        }
        while let Some(c) = self.peek(0) {
            match c {
                ']' => {
                    self.copy(1);
                    break;
                }
                '\\' => self.escape(true)?,
                '[' => return Err("Java's nested character classes are not translated".to_owned()),
                '&' if self.peek(1) == Some('&') => {
                    return Err("Java's class intersections (&&) are not translated".to_owned());
                }
                c if self.case_insensitive && c.is_ascii_alphabetic() => {
                    return Err(
                        "the part under a mid-pattern (?i) holds a character class with letters"
                            .to_owned(),
                    );
                }
                _ => self.copy(1),
            }
        }
        self.last = Last::Atom;
        Ok(())
    }
}

#[cfg(test)]
mod tests;
