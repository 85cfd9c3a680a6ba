//! The statement level of the IDL parser: control, metadata, namespace, `use`, shape and
//! `apply` statements, plus the token cursor and whitespace rules shared by the other
//! parser files.

use super::ast::{ApplyStatement, Decorations, IdlFile, NodeKind, Reference};
use super::error::{Position, SyntaxError};
use super::lexer::{Token, TokenKind, tokenize};

/// Node values may nest this deep before the parser gives up (guards the stack).
pub const MAX_NESTING: usize = 64;

pub type ParseResult<T> = Result<T, SyntaxError>;

/// Parses one IDL file.
pub fn parse_file(text: &str) -> ParseResult<IdlFile> {
    let mut parser = Parser {
        tokens: tokenize(text),
        index: 0,
        pending_docs: Vec::new(),
        depth: 0,
    };
    parser.file()
}

/// A cursor over the tokens of one file.
pub struct Parser {
    tokens: Vec<Token>,
    index: usize,
    /// Documentation comments seen since the last significant token.
    pending_docs: Vec<String>,
    /// Current node nesting depth.
    pub(super) depth: usize,
}

impl Parser {
    pub(super) fn peek(&self) -> &TokenKind {
        &self.tokens[self.index].kind
    }

    pub(super) fn peek_at(&self, ahead: usize) -> &TokenKind {
        let last = self.tokens.len() - 1;
        &self.tokens[(self.index + ahead).min(last)].kind
    }

    pub(super) fn position(&self) -> Position {
        self.tokens[self.index].position
    }

    pub(super) fn mark(&self) -> usize {
        self.index
    }

    pub(super) fn reset(&mut self, mark: usize) {
        self.index = mark;
    }

    /// Consumes a significant token; documentation seen before it no longer applies.
    pub(super) fn advance(&mut self) {
        if !matches!(self.peek(), TokenKind::Eof | TokenKind::Error(_)) {
            self.index += 1;
        }
        self.pending_docs.clear();
    }

    /// An error at the current token: "expected X, found Y".
    pub(super) fn expected<T>(&self, what: &str) -> ParseResult<T> {
        Err(self.expected_error(what))
    }

    pub(super) fn expected_error(&self, what: &str) -> SyntaxError {
        let message = match self.peek() {
            TokenKind::Error(message) => message.clone(),
            found => format!("expected {what}, found {}", found.describe()),
        };
        SyntaxError::new(self.position(), message)
    }

    pub(super) fn error<T>(
        &self,
        position: Position,
        message: impl Into<String>,
    ) -> ParseResult<T> {
        Err(SyntaxError::new(position, message))
    }

    /// Consumes the token if it is `kind`, otherwise fails naming `what`.
    pub(super) fn expect(&mut self, kind: TokenKind, what: &str) -> ParseResult<()> {
        if *self.peek() == kind {
            self.advance();
            Ok(())
        } else {
            self.expected(what)
        }
    }

    pub(super) fn at_keyword(&self, keyword: &str) -> bool {
        matches!(self.peek(), TokenKind::Identifier(name) if name == keyword)
    }

    /// Optional whitespace: spaces, line breaks, commas and comments.
    pub(super) fn ws(&mut self) {
        loop {
            match self.peek() {
                TokenKind::Space | TokenKind::Newline | TokenKind::Comma | TokenKind::Comment => {
                    self.index += 1;
                }
                TokenKind::DocComment(text) => {
                    let text = text.clone();
                    self.pending_docs.push(text);
                    self.index += 1;
                }
                _ => return,
            }
        }
    }

    /// Optional spaces on the same line.
    pub(super) fn sp(&mut self) {
        while *self.peek() == TokenKind::Space {
            self.index += 1;
        }
    }

    /// At least one space.
    pub(super) fn required_space(&mut self) -> ParseResult<()> {
        if *self.peek() != TokenKind::Space {
            return self.expected("a space");
        }
        self.sp();
        Ok(())
    }

    /// The end of a statement: spaces, then a line break or comment (or the end of the
    /// file), then any whitespace.
    pub(super) fn br(&mut self) -> ParseResult<()> {
        self.sp();
        match self.peek() {
            TokenKind::Newline | TokenKind::Comment | TokenKind::DocComment(_) => {
                // A documentation comment ending a statement's line documents nothing.
                self.index += 1;
                self.ws();
                Ok(())
            }
            TokenKind::Eof => Ok(()),
            _ => self.expected("a line break"),
        }
    }

    /// Takes the documentation comments collected since the last significant token.
    pub(super) fn take_docs(&mut self) -> Option<String> {
        if self.pending_docs.is_empty() {
            return None;
        }
        Some(std::mem::take(&mut self.pending_docs).join("\n"))
    }

    pub(super) fn identifier(&mut self, what: &str) -> ParseResult<String> {
        match self.peek() {
            TokenKind::Identifier(name) => {
                let name = name.clone();
                self.advance();
                Ok(name)
            }
            _ => self.expected(what),
        }
    }

    /// `ns.part#Name$member` (each part optional after the first identifier), no spaces.
    pub(super) fn shape_id(&mut self) -> ParseResult<Reference> {
        let position = self.position();
        let mut text = self.identifier("a shape id")?;
        while *self.peek() == TokenKind::Dot {
            self.advance();
            text.push('.');
            text.push_str(&self.identifier("an identifier after `.`")?);
        }
        if *self.peek() == TokenKind::Pound {
            self.advance();
            text.push('#');
            text.push_str(&self.identifier("a shape name after `#`")?);
        }
        if *self.peek() == TokenKind::Dollar {
            self.advance();
            text.push('$');
            text.push_str(&self.identifier("a member name after `$`")?);
        }
        Ok(Reference { text, position })
    }

    /// `*(trait ws)`: the documentation comment before the first trait and the traits.
    /// Documentation written after a trait is ignored.
    pub(super) fn decorations(&mut self) -> ParseResult<Decorations> {
        self.ws();
        let documentation = self.take_docs();
        let mut traits = Vec::new();
        while *self.peek() == TokenKind::At {
            traits.push(self.trait_application()?);
            self.ws();
        }
        if !traits.is_empty() {
            self.pending_docs.clear();
        }
        Ok(Decorations {
            documentation,
            traits,
        })
    }

    fn file(&mut self) -> ParseResult<IdlFile> {
        let mut file = IdlFile::default();
        self.ws();
        self.control_section(&mut file)?;
        while self.at_keyword("metadata") {
            self.advance();
            self.required_space()?;
            let key = self.object_key()?;
            self.sp();
            self.expect(TokenKind::Equal, "`=`")?;
            self.sp();
            let value = self.node_value()?;
            self.br()?;
            file.metadata.push((key, value));
        }
        if *self.peek() == TokenKind::Eof {
            return Ok(file);
        }
        if !self.at_keyword("namespace") {
            return self.expected("a namespace statement");
        }
        self.advance();
        self.required_space()?;
        let mut namespace = self.identifier("a namespace")?;
        while *self.peek() == TokenKind::Dot {
            self.advance();
            namespace.push('.');
            namespace.push_str(&self.identifier("an identifier after `.`")?);
        }
        file.namespace = Some(namespace);
        self.br()?;
        while self.at_keyword("use") {
            self.advance();
            self.required_space()?;
            let reference = self.shape_id()?;
            if !reference.text.contains('#') {
                return self.error(
                    reference.position,
                    "a `use` statement needs an absolute shape id (`namespace#Name`)",
                );
            }
            if reference.text.contains('$') {
                return self.error(
                    reference.position,
                    "a `use` statement cannot import a member",
                );
            }
            self.br()?;
            file.uses.push(reference);
        }
        while *self.peek() != TokenKind::Eof {
            let decorations = self.decorations()?;
            if self.at_keyword("apply") {
                if !decorations.traits.is_empty() {
                    return self
                        .expected("a shape after the traits (traits cannot be put on `apply`)");
                }
                file.applies.push(self.apply_statement()?);
                continue;
            }
            if *self.peek() == TokenKind::Eof {
                if !decorations.traits.is_empty() {
                    return self.expected("a shape after the traits");
                }
                break;
            }
            let shape = self.shape_statement(decorations, &file)?;
            file.shapes.push(shape);
        }
        Ok(file)
    }

    fn control_section(&mut self, file: &mut IdlFile) -> ParseResult<()> {
        let mut seen: Vec<String> = Vec::new();
        while *self.peek() == TokenKind::Dollar {
            self.advance();
            let key_position = self.position();
            let key = self.object_key()?;
            self.sp();
            self.expect(TokenKind::Colon, "`:`")?;
            self.sp();
            let value = self.node_value()?;
            self.br()?;
            if seen.contains(&key) {
                return self.error(key_position, format!("duplicate control statement `{key}`"));
            }
            seen.push(key.clone());
            let text = match &value.kind {
                NodeKind::String(text) => Some(text.clone()),
                _ => None,
            };
            match (key.as_str(), text) {
                ("version", Some(version)) => {
                    if !matches!(version.as_str(), "1" | "1.0" | "2" | "2.0") {
                        return self.error(
                            value.position,
                            format!("unsupported Smithy IDL version `{version}`"),
                        );
                    }
                    file.version = Some(version);
                }
                ("operationInputSuffix", Some(suffix)) => file.input_suffix = Some(suffix),
                ("operationOutputSuffix", Some(suffix)) => file.output_suffix = Some(suffix),
                ("version" | "operationInputSuffix" | "operationOutputSuffix", None) => {
                    return self.error(
                        value.position,
                        format!("the `${key}` control statement needs a string value"),
                    );
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn apply_statement(&mut self) -> ParseResult<ApplyStatement> {
        self.advance();
        self.required_space()?;
        let target = self.shape_id()?;
        self.ws();
        let traits = match self.peek() {
            TokenKind::At => vec![self.trait_application()?],
            TokenKind::LBrace => {
                self.advance();
                let decorations = self.decorations()?;
                self.expect(TokenKind::RBrace, "`}` or a trait")?;
                decorations.traits
            }
            _ => return self.expected("`@` or `{` after the apply target"),
        };
        self.br()?;
        Ok(ApplyStatement { target, traits })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_control_metadata_namespace_and_use() {
        let file = parse_file(
            "$version: \"2\"\n$operationInputSuffix: \"In\"\nmetadata a = [1]\nnamespace a.b\nuse x.y#Z\n",
        )
        .unwrap();
        assert!(file.is_v2());
        assert_eq!(file.input_suffix.as_deref(), Some("In"));
        assert_eq!(file.metadata.len(), 1);
        assert_eq!(file.namespace.as_deref(), Some("a.b"));
        assert_eq!(file.uses[0].text, "x.y#Z");
    }

    #[test]
    fn requires_line_breaks_between_statements() {
        let error = parse_file("namespace a.b string X\n").unwrap_err();
        assert_eq!(
            error.position,
            Position {
                line: 1,
                column: 15
            }
        );
        assert!(error.message.contains("expected a line break"), "{error:?}");
    }

    #[test]
    fn bounds_nesting_depth() {
        let text = format!("metadata a = {}\n", "[".repeat(10_000));
        let error = parse_file(&text).unwrap_err();
        assert!(error.message.contains("nested"), "{error:?}");
    }
}
