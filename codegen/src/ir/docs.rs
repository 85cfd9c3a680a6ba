//! Model documentation (HTML or plain text) -> rustdoc Markdown.
//!
//! AWS documentation is HTML with a small tag vocabulary. The conversion keeps paragraphs,
//! lists, code spans, emphasis and links, drops every other tag, and escapes what rustdoc
//! would misread: `[` `]` (intra-doc links), `<` `>` (HTML tags), `*` and bare URLs.

/// Converts documentation text to Markdown lines (no `///` prefix). Returns no lines for
/// empty text.
pub fn to_markdown(text: &str) -> Vec<String> {
    let mut converter = Converter::default();
    converter.run(text);
    converter.finish()
}

#[derive(Default)]
struct Converter {
    /// Finished paragraphs (each one logical line; list items are their own paragraphs).
    blocks: Vec<Block>,
    /// The paragraph being written.
    current: String,
    /// Inside `<code>`: text is not escaped.
    code_depth: usize,
    /// Inside `<pre>`: whitespace is kept and the block is fenced.
    in_pre: bool,
    /// Open `<a href>` targets, innermost last (`None` when the anchor has no usable href).
    links: Vec<Option<String>>,
    /// List nesting depth.
    list_depth: usize,
}

enum Block {
    Paragraph(String),
    Item { depth: usize, text: String },
    Code(String),
}

impl Converter {
    fn run(&mut self, text: &str) {
        let mut rest = text;
        while let Some(start) = rest.find('<') {
            self.text(&rest[..start]);
            let after = &rest[start..];
            match after.find('>') {
                Some(end) if looks_like_tag(&after[1..end]) => {
                    self.tag(&after[1..end]);
                    rest = &after[end + 1..];
                }
                _ => {
                    self.text("&lt;");
                    rest = &after[1..];
                }
            }
        }
        self.text(rest);
    }

    fn text(&mut self, raw: &str) {
        if raw.is_empty() {
            return;
        }
        let decoded = decode_entities(raw);
        if self.in_pre {
            self.current.push_str(&decoded);
            return;
        }
        let mut collapsed = String::with_capacity(decoded.len());
        let mut last_space = self.current.is_empty() || self.current.ends_with(' ');
        for c in decoded.chars() {
            if c.is_whitespace() {
                if !last_space {
                    collapsed.push(' ');
                    last_space = true;
                }
            } else {
                collapsed.push(c);
                last_space = false;
            }
        }
        if self.code_depth > 0 {
            self.current.push_str(&collapsed.replace('`', "'"));
        } else {
            self.current.push_str(&escape_markdown(&collapsed));
        }
    }

    fn tag(&mut self, inner: &str) {
        let closing = inner.starts_with('/');
        let body = inner.trim_start_matches('/').trim_end_matches('/');
        let name: String = body
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match (name.as_str(), closing) {
            (
                "p" | "div" | "note" | "important" | "br" | "h1" | "h2" | "h3" | "h4" | "dt" | "dd",
                _,
            ) => self.end_block(),
            ("ul" | "ol", false) => {
                self.end_block();
                self.list_depth += 1;
            }
            ("ul" | "ol", true) => {
                self.end_block();
                self.list_depth = self.list_depth.saturating_sub(1);
            }
            ("li", false) => {
                self.end_block();
                self.current.push('\u{0}');
            }
            ("li", true) => self.end_block(),
            ("code", false) if !self.in_pre => {
                if self.code_depth == 0 {
                    self.current.push('`');
                }
                self.code_depth += 1;
            }
            ("code", true) if !self.in_pre => {
                self.code_depth = self.code_depth.saturating_sub(1);
                if self.code_depth == 0 {
                    if self.current.ends_with('`') {
                        self.current.pop();
                    } else {
                        self.current.push('`');
                    }
                }
            }
            ("pre", false) => {
                self.end_block();
                self.in_pre = true;
            }
            ("pre", true) => {
                let code = std::mem::take(&mut self.current);
                self.in_pre = false;
                if !code.trim().is_empty() {
                    self.blocks
                        .push(Block::Code(code.trim_matches('\n').to_string()));
                }
            }
            ("b" | "strong", _) if self.code_depth == 0 => self.current.push_str("**"),
            ("i" | "em", _) if self.code_depth == 0 => self.current.push('*'),
            ("a", false) => {
                let href = attribute(body, "href").filter(|href| href.starts_with("http"));
                if href.is_some() {
                    self.current.push('[');
                }
                self.links.push(href);
            }
            ("a", true) => {
                if let Some(Some(href)) = self.links.pop() {
                    if self.current.ends_with('[') {
                        // An empty anchor: show the address itself.
                        self.current.pop();
                        self.current.push_str(&format!("<{href}>"));
                    } else {
                        self.current.push_str(&format!("]({href})"));
                    }
                }
            }
            _ => {}
        }
    }

    fn end_block(&mut self) {
        let text = std::mem::take(&mut self.current);
        let (is_item, text) = match text.strip_prefix('\u{0}') {
            Some(rest) => (true, rest.to_string()),
            None => (false, text),
        };
        let text = fix_emphasis(text.trim());
        if text.is_empty() {
            return;
        }
        if is_item || self.list_depth > 0 {
            let depth = self.list_depth.max(1);
            self.blocks.push(Block::Item { depth, text });
        } else {
            self.blocks.push(Block::Paragraph(text));
        }
    }

    fn finish(mut self) -> Vec<String> {
        if self.in_pre {
            self.in_pre = false;
            self.text("");
        }
        self.end_block();
        let mut lines = Vec::new();
        let mut previous_item = false;
        for block in self.blocks {
            match block {
                Block::Paragraph(text) => {
                    if !lines.is_empty() {
                        lines.push(String::new());
                    }
                    lines.push(text);
                    previous_item = false;
                }
                Block::Item { depth, text } => {
                    if !lines.is_empty() && !previous_item {
                        lines.push(String::new());
                    }
                    lines.push(format!("{}- {text}", "  ".repeat(depth - 1)));
                    previous_item = true;
                }
                Block::Code(code) => {
                    if !lines.is_empty() {
                        lines.push(String::new());
                    }
                    lines.push("```text".to_string());
                    lines.extend(code.lines().map(str::to_string));
                    lines.push("```".to_string());
                    previous_item = false;
                }
            }
        }
        lines
    }
}

/// `<` followed by something tag-shaped (`p`, `/p`, `a href=..`, `br/`).
fn looks_like_tag(inner: &str) -> bool {
    let body = inner.trim_start_matches('/');
    body.starts_with(|c: char| c.is_ascii_alphabetic()) || inner.starts_with('!')
}

/// The value of `name="..."` (or single-quoted) in a tag body.
fn attribute(body: &str, name: &str) -> Option<String> {
    let start = body.find(&format!("{name}="))? + name.len() + 1;
    let rest = &body[start..];
    let quote = rest.chars().next()?;
    if quote != '"' && quote != '\'' {
        return None;
    }
    let value = &rest[1..];
    let end = value.find(quote)?;
    Some(decode_entities(&value[..end]).trim().to_string())
}

/// Escapes Markdown syntax rustdoc would misread in plain text, and wraps bare URLs.
fn escape_markdown(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for word in text.split_inclusive(' ') {
        let bare = word.trim_end();
        if bare.starts_with("http://") || bare.starts_with("https://") {
            let url = bare.trim_end_matches(['.', ',', ';', ')']);
            let tail = &bare[url.len()..];
            escaped.push('<');
            escaped.push_str(url);
            escaped.push('>');
            escaped.push_str(&escape_chars(tail));
            escaped.push_str(&word[bare.len()..]);
        } else {
            escaped.push_str(&escape_chars(word));
        }
    }
    escaped
}

fn escape_chars(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '[' | ']' | '*' | '\\' => {
                escaped.push('\\');
                escaped.push(c);
            }
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            _ => escaped.push(c),
        }
    }
    escaped
}

/// Drops a dangling `**` or `*` left by unbalanced emphasis tags.
fn fix_emphasis(text: &str) -> String {
    let unescaped_stars = text.matches("**").count();
    let mut text = text.to_string();
    if unescaped_stars % 2 == 1
        && let Some(position) = text.rfind("**")
    {
        text.replace_range(position..position + 2, "");
    }
    text
}

/// Decodes the HTML entities that appear in AWS documentation.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut decoded = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('&') {
        decoded.push_str(&rest[..start]);
        let after = &rest[start..];
        let entity_end = after.find(';').filter(|end| *end <= 10);
        let replacement = entity_end.and_then(|end| entity(&after[1..end]));
        match (entity_end, replacement) {
            (Some(end), Some(c)) => {
                decoded.push(c);
                rest = &after[end + 1..];
            }
            _ => {
                decoded.push('&');
                rest = &after[1..];
            }
        }
    }
    decoded.push_str(rest);
    decoded
}

fn entity(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markdown(text: &str) -> String {
        to_markdown(text).join("\n")
    }

    #[test]
    fn plain_text_passes_through_with_escapes() {
        assert_eq!(markdown("The user's name."), "The user's name.");
        assert_eq!(markdown("  spaced\n  out  "), "spaced out");
        assert_eq!(
            markdown("Use [brackets] and a*b"),
            "Use \\[brackets\\] and a\\*b"
        );
        assert_eq!(
            markdown("See https://example.com."),
            "See <https://example.com>."
        );
        assert_eq!(markdown(""), "");
    }

    #[test]
    fn html_becomes_markdown() {
        assert_eq!(
            markdown("<p>First <code>a[0]</code> &lt;b&gt;.</p><p>Second <b>bold</b>.</p>"),
            "First `a[0]` &lt;b&gt;.\n\nSecond **bold**."
        );
        assert_eq!(
            markdown("<p>Pick one:</p><ul><li><p>A</p></li><li>B</li></ul><p>Done</p>"),
            "Pick one:\n\n- A\n- B\n\nDone"
        );
        assert_eq!(
            markdown("See <a href=\"https://docs.aws.amazon.com/x\">the guide</a>."),
            "See [the guide](https://docs.aws.amazon.com/x)."
        );
        assert_eq!(
            markdown("<a href=\"relative.html\">local</a> link"),
            "local link"
        );
        assert_eq!(markdown("a < b and c <d"), "a &lt; b and c &lt;d");
        assert_eq!(
            markdown("<pre>x = 1\n  y</pre>"),
            "```text\nx = 1\n  y\n```"
        );
        assert_eq!(markdown("<i>unbalanced"), "*unbalanced");
    }
}
