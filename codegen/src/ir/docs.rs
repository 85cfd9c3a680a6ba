//! Model documentation (HTML or plain text) -> rustdoc Markdown.
//!
//! AWS documentation is HTML with a small tag vocabulary. The conversion keeps paragraphs,
//! lists, code spans, emphasis and links, drops every other tag, and escapes what rustdoc
//! would misread: `[` `]` (intra-doc links), `<` `>` (HTML tags), `*`, backticks and
//! tildes (code), and bare URLs. The text is untrusted: whatever it holds, the result has
//! no doc test, no indented code block and no character that breaks the build (see
//! [`super::doc_text`]).

use super::doc_text::{clean, code_block, escape_chars, is_safe_url};

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
    /// The current paragraph has an open backtick (code text was written since the last
    /// one); it is closed at the end of the code or of the paragraph, whichever is first.
    span_open: bool,
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
        let decoded = clean(&decode_entities(raw), self.in_pre);
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
            if !self.span_open {
                self.current.push('`');
                self.span_open = true;
            }
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
        if self.in_pre {
            // Inside `<pre>` only line breaks and the end of the block mean something.
            match (name.as_str(), closing) {
                ("br", _) => self.current.push('\n'),
                ("pre", true) => self.end_pre(),
                _ => {}
            }
            return;
        }
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
            ("code", false) => self.code_depth += 1,
            ("code", true) => {
                self.code_depth = self.code_depth.saturating_sub(1);
                if self.code_depth == 0 {
                    self.close_span();
                }
            }
            ("pre", false) => {
                self.end_block();
                self.in_pre = true;
            }
            ("pre", true) => {}
            ("b" | "strong", _) if self.code_depth == 0 => self.current.push_str("**"),
            ("i" | "em", _) if self.code_depth == 0 => self.current.push('*'),
            ("a", false) => {
                let href = attribute(body, "href").filter(|href| is_safe_url(href));
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

    /// Closes the open code span, if any (dropping it when it holds nothing).
    fn close_span(&mut self) {
        if self.span_open {
            if self.current.ends_with('`') {
                self.current.pop();
            } else {
                self.current.push('`');
            }
            self.span_open = false;
        }
    }

    /// Ends a `<pre>` block: its text becomes a fenced text block.
    fn end_pre(&mut self) {
        let code = std::mem::take(&mut self.current);
        self.in_pre = false;
        if !code.trim().is_empty() {
            self.blocks
                .push(Block::Code(code.trim_matches('\n').to_string()));
        }
    }

    fn end_block(&mut self) {
        self.close_span();
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
            self.end_pre();
        }
        self.end_block();
        let mut lines = Vec::new();
        let mut previous_item = false;
        // A list item is nested at most one level below the item before it (top level
        // after anything else): deeper indentation would read as an indented code block.
        let mut previous_depth = 0;
        for block in self.blocks {
            match block {
                Block::Paragraph(text) => {
                    if !lines.is_empty() {
                        lines.push(String::new());
                    }
                    lines.push(text);
                    previous_item = false;
                    previous_depth = 0;
                }
                Block::Item { depth, text } => {
                    if !lines.is_empty() && !previous_item {
                        lines.push(String::new());
                    }
                    let depth = depth.min(previous_depth + 1);
                    lines.push(format!("{}- {text}", "  ".repeat(depth - 1)));
                    previous_item = true;
                    previous_depth = depth;
                }
                Block::Code(code) => {
                    if !lines.is_empty() {
                        lines.push(String::new());
                    }
                    lines.extend(code_block(&code));
                    previous_item = false;
                    previous_depth = 0;
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
    Some(
        clean(&decode_entities(&value[..end]), false)
            .trim()
            .to_string(),
    )
}

/// Escapes Markdown syntax rustdoc would misread in plain text, and wraps bare URLs.
fn escape_markdown(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for word in text.split_inclusive(' ') {
        let bare = word.trim_end();
        let url = bare.trim_end_matches(['.', ',', ';', ')']);
        if is_safe_url(url) {
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

    #[test]
    fn fences_and_tildes_in_prose_are_escaped() {
        assert_eq!(
            markdown("```rust\nfn main() {}\n```"),
            "\\`\\`\\`rust fn main() {} \\`\\`\\`"
        );
        assert_eq!(markdown("~~~\nx\n~~~"), "\\~\\~\\~ x \\~\\~\\~");
        assert_eq!(
            markdown("<p>    indented</p>\n\n        more"),
            "indented\n\nmore"
        );
    }

    #[test]
    fn pre_blocks_stay_text_whatever_they_hold() {
        assert_eq!(
            markdown("<pre>```rust\nfn main() {}\n```</pre>"),
            "````text\n```rust\nfn main() {}\n```\n````"
        );
        assert_eq!(
            markdown("<pre>a<p>```rust</p>b<br/>c"),
            "````text\na```rustb\nc\n````"
        );
    }

    #[test]
    fn code_spans_close_with_their_paragraph() {
        assert_eq!(
            markdown("<code>open<p>~~~rust</p>still</code> out"),
            "`open`\n\n`~~~rust`\n\n`still` out"
        );
    }

    #[test]
    fn deep_lists_never_indent_into_code() {
        assert_eq!(
            markdown("<p>Intro</p><ul><ul><ul><li>deep</li></ul></ul></ul>"),
            "Intro\n\n- deep"
        );
        assert_eq!(
            markdown("<ul><li>a<ul><li>b<ul><li>c</li></ul></li></ul></li></ul>"),
            "- a\n  - b\n    - c"
        );
    }

    #[test]
    fn unsafe_link_targets_are_dropped() {
        assert_eq!(
            markdown("<a href=\"https://x.com/)\n```rust\">text</a>"),
            "text"
        );
        assert_eq!(
            markdown("see https://x.com/a`b ok"),
            "see https://x.com/a\\`b ok"
        );
    }

    #[test]
    fn control_and_bidi_characters_are_removed() {
        assert_eq!(markdown("a\u{202E}b&#x2066;c\0d\re&#13;f"), "abcd e f");
        assert_eq!(markdown("<pre>x\ry\u{202E}</pre>"), "```text\nx\ny\n```");
    }
}
