//! Splits IDL text into tokens. Whitespace, line breaks and comments are tokens too: the
//! IDL grammar cares where spaces and line breaks stand.

use super::error::Position;
use super::text::{decode_quoted, decode_text_block};

/// What a token is.
#[derive(Clone, Debug, PartialEq)]
pub enum TokenKind {
    /// One or more spaces or tabs.
    Space,
    /// A line feed.
    Newline,
    /// `,` (whitespace in the IDL).
    Comma,
    /// A `//` comment, including its line feed.
    Comment,
    /// A `///` documentation comment (text after the slashes and one space), with its line feed.
    DocComment(String),
    /// An identifier such as `structure` or `MyShape`.
    Identifier(String),
    /// `.`
    Dot,
    /// `#`
    Pound,
    /// `$`
    Dollar,
    /// `@`
    At,
    /// `{`
    LBrace,
    /// `}`
    RBrace,
    /// `[`
    LBracket,
    /// `]`
    RBracket,
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// `:`
    Colon,
    /// `:=`
    Walrus,
    /// `=`
    Equal,
    /// A quoted string, escapes decoded.
    String(String),
    /// A `"""` text block, incidental whitespace removed and escapes decoded.
    TextBlock(String),
    /// A number, as written.
    Number(String),
    /// Text the lexer could not read; the message says why. Always the last token.
    Error(String),
    /// The end of the file.
    Eof,
}

impl TokenKind {
    /// How the token is named in "expected ..., found ..." messages.
    pub fn describe(&self) -> String {
        match self {
            Self::Space => "a space".into(),
            Self::Newline => "a line break".into(),
            Self::Comma => "`,`".into(),
            Self::Comment => "a comment".into(),
            Self::DocComment(_) => "a documentation comment".into(),
            Self::Identifier(name) => format!("identifier `{name}`"),
            Self::Dot => "`.`".into(),
            Self::Pound => "`#`".into(),
            Self::Dollar => "`$`".into(),
            Self::At => "`@`".into(),
            Self::LBrace => "`{`".into(),
            Self::RBrace => "`}`".into(),
            Self::LBracket => "`[`".into(),
            Self::RBracket => "`]`".into(),
            Self::LParen => "`(`".into(),
            Self::RParen => "`)`".into(),
            Self::Colon => "`:`".into(),
            Self::Walrus => "`:=`".into(),
            Self::Equal => "`=`".into(),
            Self::String(_) => "a string".into(),
            Self::TextBlock(_) => "a text block".into(),
            Self::Number(text) => format!("number `{text}`"),
            Self::Error(message) => message.clone(),
            Self::Eof => "the end of the file".into(),
        }
    }
}

/// A token and where it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// What it is.
    pub kind: TokenKind,
    /// Where it starts.
    pub position: Position,
}

/// Tokenizes a whole file. A lexical error ends the list with an [`TokenKind::Error`] token
/// so the parser reports problems in file order.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut lexer = Lexer {
        chars: text.chars().filter(|c| *c != '\r').collect(),
        index: 0,
        line: 1,
        column: 1,
    };
    let mut tokens = Vec::new();
    loop {
        let position = lexer.position();
        match lexer.next_token() {
            Ok(Some(kind)) => tokens.push(Token { kind, position }),
            Ok(None) => {
                tokens.push(Token {
                    kind: TokenKind::Eof,
                    position,
                });
                return tokens;
            }
            Err((position, message)) => {
                tokens.push(Token {
                    kind: TokenKind::Error(message),
                    position,
                });
                return tokens;
            }
        }
    }
}

struct Lexer {
    chars: Vec<char>,
    index: usize,
    line: usize,
    column: usize,
}

type LexResult<T> = Result<T, (Position, String)>;

impl Lexer {
    fn position(&self) -> Position {
        Position {
            line: self.line,
            column: self.column,
        }
    }

    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.index + ahead).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek(0)?;
        self.index += 1;
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    fn next_token(&mut self) -> LexResult<Option<TokenKind>> {
        let start = self.position();
        let Some(c) = self.peek(0) else {
            return Ok(None);
        };
        let simple = match c {
            ',' => Some(TokenKind::Comma),
            '\n' => Some(TokenKind::Newline),
            '.' => Some(TokenKind::Dot),
            '#' => Some(TokenKind::Pound),
            '$' => Some(TokenKind::Dollar),
            '@' => Some(TokenKind::At),
            '{' => Some(TokenKind::LBrace),
            '}' => Some(TokenKind::RBrace),
            '[' => Some(TokenKind::LBracket),
            ']' => Some(TokenKind::RBracket),
            '(' => Some(TokenKind::LParen),
            ')' => Some(TokenKind::RParen),
            '=' => Some(TokenKind::Equal),
            _ => None,
        };
        if let Some(kind) = simple {
            self.bump();
            return Ok(Some(kind));
        }
        let kind = match c {
            ' ' | '\t' => {
                while matches!(self.peek(0), Some(' ' | '\t')) {
                    self.bump();
                }
                TokenKind::Space
            }
            ':' => {
                self.bump();
                if self.peek(0) == Some('=') {
                    self.bump();
                    TokenKind::Walrus
                } else {
                    TokenKind::Colon
                }
            }
            '/' if self.peek(1) == Some('/') => self.comment(),
            '"' => self.string(start)?,
            '-' | '0'..='9' => TokenKind::Number(self.number(start)?),
            c if c.is_ascii_alphabetic() || c == '_' => {
                let mut name = String::new();
                while let Some(c) = self
                    .peek(0)
                    .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
                {
                    name.push(c);
                    self.bump();
                }
                if !name
                    .trim_start_matches('_')
                    .starts_with(|c: char| c.is_ascii_alphabetic())
                {
                    let message = format!(
                        "`{name}` is not an identifier: leading `_` must be followed by a letter"
                    );
                    return Err((self.position(), message));
                }
                TokenKind::Identifier(name)
            }
            other => return Err((start, format!("unexpected character `{other}`"))),
        };
        Ok(Some(kind))
    }

    fn comment(&mut self) -> TokenKind {
        let doc = self.peek(2) == Some('/');
        let mut text = String::new();
        while let Some(c) = self.bump() {
            if c == '\n' {
                break;
            }
            text.push(c);
        }
        if !doc {
            return TokenKind::Comment;
        }
        let body = &text[3..];
        TokenKind::DocComment(body.strip_prefix(' ').unwrap_or(body).to_string())
    }

    fn string(&mut self, start: Position) -> LexResult<TokenKind> {
        if self.peek(1) == Some('"') && self.peek(2) == Some('"') {
            return self.text_block(start);
        }
        self.bump();
        let mut raw = String::new();
        loop {
            match self.bump() {
                None => {
                    return Err((
                        self.position(),
                        "expected `\"` to close the string, found the end of the file".into(),
                    ));
                }
                Some('"') => break,
                Some('\\') => self.escape(&mut raw),
                Some(c) => raw.push(c),
            }
        }
        decode_quoted(&raw)
            .map(TokenKind::String)
            .map_err(|message| (start, format!("invalid string: {message}")))
    }

    /// After a backslash in a string: keeps it and the character it escapes, for the
    /// decoder.
    fn escape(&mut self, raw: &mut String) {
        raw.push('\\');
        if let Some(escaped) = self.bump() {
            raw.push(escaped);
        }
    }

    fn text_block(&mut self, start: Position) -> LexResult<TokenKind> {
        for _ in 0..3 {
            self.bump();
        }
        if self.peek(0) != Some('\n') {
            let empty =
                self.peek(0) == Some('"') && self.peek(1) == Some('"') && self.peek(2) == Some('"');
            let message = if empty {
                "invalid text block: a text block may not be empty"
            } else {
                "invalid text block: a text block must start with a line break after `\"\"\"`"
            };
            return Err((start, message.into()));
        }
        self.bump();
        let mut raw = String::new();
        loop {
            match self.bump() {
                None => {
                    return Err((
                        self.position(),
                        "expected `\"\"\"` to close the text block, found the end of the file"
                            .into(),
                    ));
                }
                Some('"') if self.peek(0) == Some('"') && self.peek(1) == Some('"') => {
                    self.bump();
                    self.bump();
                    break;
                }
                Some('\\') => self.escape(&mut raw),
                Some(c) => raw.push(c),
            }
        }
        decode_text_block(&raw)
            .map(TokenKind::TextBlock)
            .map_err(|message| (start, format!("invalid text block: {message}")))
    }

    fn number(&mut self, start: Position) -> LexResult<String> {
        let mut text = String::new();
        let fail = |text: &str, why: &str| Err((start, format!("invalid number `{text}`: {why}")));
        if self.peek(0) == Some('-') {
            text.push('-');
            self.bump();
        }
        if !self.take_digits(&mut text) {
            return fail(&text, "`-` must be followed by a digit");
        }
        if self.peek(0) == Some('.') {
            text.push('.');
            self.bump();
            if !self.take_digits(&mut text) {
                return fail(&text, "`.` must be followed by a digit");
            }
        }
        if let Some(e @ ('e' | 'E')) = self.peek(0) {
            text.push(e);
            self.bump();
            if let Some(sign @ ('+' | '-')) = self.peek(0) {
                text.push(sign);
                self.bump();
            }
            if !self.take_digits(&mut text) {
                return fail(&text, "an exponent must be followed by a digit");
            }
        }
        Ok(text)
    }

    fn take_digits(&mut self, text: &mut String) -> bool {
        let before = text.len();
        while let Some(c) = self.peek(0).filter(char::is_ascii_digit) {
            text.push(c);
            self.bump();
        }
        text.len() > before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<TokenKind> {
        tokenize(text).into_iter().map(|token| token.kind).collect()
    }

    #[test]
    fn splits_a_shape_statement() {
        assert_eq!(
            kinds("string Foo // c\n"),
            [
                TokenKind::Identifier("string".into()),
                TokenKind::Space,
                TokenKind::Identifier("Foo".into()),
                TokenKind::Space,
                TokenKind::Comment,
                TokenKind::Eof,
            ]
        );
    }

    #[test]
    fn reads_strings_numbers_and_walrus() {
        assert_eq!(
            kinds("\"a\\nb\" -1.5e3 :="),
            [
                TokenKind::String("a\nb".into()),
                TokenKind::Space,
                TokenKind::Number("-1.5e3".into()),
                TokenKind::Space,
                TokenKind::Walrus,
                TokenKind::Eof,
            ]
        );
    }

    #[test]
    fn reports_bad_numbers_and_characters_with_position() {
        let tokens = tokenize("a\n  1.");
        let last = tokens.last().unwrap();
        assert_eq!(last.position, Position { line: 2, column: 3 });
        assert!(matches!(&last.kind, TokenKind::Error(m) if m.contains("`.` must be followed")));
        assert!(matches!(&tokenize("!")[0].kind, TokenKind::Error(m) if m.contains('!')));
    }
}
