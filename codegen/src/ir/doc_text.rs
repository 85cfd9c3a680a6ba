//! Model text is untrusted: these helpers make any string safe to place in a rustdoc
//! comment. Safe means three things:
//!
//! - no character that breaks the build in a `///` comment (bare CR, other control
//!   characters, bidirectional overrides, which rustc denies by default);
//! - nothing rustdoc reads as code: no fence (three backticks or tildes) and no indented
//!   block can start in prose, and every code block the generator writes is ` ```text `,
//!   fenced longer than any backtick run inside it, so a doc test never comes from a model;
//! - nothing rustdoc reads as a link or an HTML tag unless the generator put it there.

/// Whether `c` reorders how text is displayed (Unicode bidi embedding, override and
/// isolate controls, and the directional marks).
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

/// Removes control characters and bidi controls. CR LF, lone CR and LF become `\n` when
/// `keep_lines` is set, a space otherwise; tabs are kept as whitespace.
pub fn clean(text: &str, keep_lines: bool) -> String {
    let line_break = if keep_lines { '\n' } else { ' ' };
    let mut cleaned = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                cleaned.push(line_break);
            }
            '\n' => cleaned.push(line_break),
            '\t' => cleaned.push(if keep_lines { '\t' } else { ' ' }),
            c if c.is_control() || is_bidi_control(c) => {}
            c => cleaned.push(c),
        }
    }
    cleaned
}

/// One line of prose for a doc comment: cleaned, whitespace collapsed, Markdown syntax
/// escaped. For model strings placed into sentences the generator writes (titles,
/// deprecation notes, reasons).
pub fn inline_text(text: &str) -> String {
    let collapsed = clean(text, false)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    escape_chars(&collapsed)
}

/// An inline code span showing `text` literally (backticks shown as `'`, line breaks as
/// spaces). `text` should not be empty: an empty span renders as two backticks.
pub fn code_span(text: &str) -> String {
    let content = clean(text, false).replace('`', "'");
    format!("`{content}`")
}

/// A fenced ` ```text ` block holding `code` verbatim (cleaned), with a fence longer than
/// any backtick run inside, so the code can neither close it nor open another.
pub fn code_block(code: &str) -> Vec<String> {
    let code = clean(code, true);
    let longest_run = code
        .split(|c| c != '`')
        .map(str::len)
        .max()
        .unwrap_or_default();
    let fence = "`".repeat((longest_run + 1).max(3));
    let mut lines = vec![format!("{fence}text")];
    lines.extend(code.lines().map(|line| line.trim_end().to_string()));
    lines.push(fence);
    lines
}

/// Escapes every character of plain text that rustdoc's Markdown would read as syntax:
/// emphasis, links, HTML, code spans and fences, and backslash escapes themselves.
pub fn escape_chars(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '[' | ']' | '*' | '\\' | '`' | '~' => {
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

/// Whether `url` can be written as a Markdown link target or `<autolink>` as is: an
/// `http(s)` address of printable ASCII with nothing that would end the link early.
pub fn is_safe_url(url: &str) -> bool {
    (url.starts_with("http://") || url.starts_with("https://"))
        && url.chars().all(|c| {
            c.is_ascii_graphic() && !matches!(c, '<' | '>' | '(' | ')' | '`' | '\\' | '"' | '\'')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaning_drops_controls_and_normalises_line_breaks() {
        assert_eq!(
            clean("a\u{202E}b\u{2066}c\0d\u{7}e\u{85}f", false),
            "abcdef"
        );
        assert_eq!(
            clean("one\r\ntwo\rthree\nfour", true),
            "one\ntwo\nthree\nfour"
        );
        assert_eq!(clean("one\r\ntwo\rthree", false), "one two three");
        assert_eq!(clean("\ttab", true), "\ttab");
    }

    #[test]
    fn inline_text_is_one_escaped_line() {
        assert_eq!(
            inline_text("see\n```rust\n[x] <b> ~~~"),
            "see \\`\\`\\`rust \\[x\\] &lt;b&gt; \\~\\~\\~"
        );
    }

    #[test]
    fn code_spans_cannot_be_broken_out_of() {
        assert_eq!(code_span("a`b\nc\u{202E}"), "`a'b c`");
    }

    #[test]
    fn code_blocks_outfence_their_content() {
        assert_eq!(code_block("x\r\ny"), ["```text", "x", "y", "```"]);
        assert_eq!(
            code_block("```rust\nfn main() {}\n````"),
            ["`````text", "```rust", "fn main() {}", "````", "`````"]
        );
    }

    #[test]
    fn only_plain_http_addresses_are_links() {
        assert!(is_safe_url("https://docs.aws.amazon.com/a/b.html#c?d=1"));
        assert!(!is_safe_url("javascript:alert(1)"));
        assert!(!is_safe_url("https://x.com/a b"));
        assert!(!is_safe_url("https://x.com/)\n```rust"));
        assert!(!is_safe_url("https://x.com/a>b"));
    }
}
