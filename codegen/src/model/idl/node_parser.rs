//! Node values and trait applications.

use super::ast::{Node, NodeKind, TraitApplication};
use super::lexer::TokenKind;
use super::parser::{MAX_NESTING, ParseResult, Parser};

impl Parser {
    /// A node value: array, object, number, keyword, shape id, text block or string.
    pub(super) fn node_value(&mut self) -> ParseResult<Node> {
        let position = self.position();
        let kind = match self.peek().clone() {
            TokenKind::LBracket => self.nested(Self::node_array)?,
            TokenKind::LBrace => NodeKind::Object(self.nested(Self::node_object)?),
            TokenKind::Number(text) => {
                self.advance();
                NodeKind::Number(text)
            }
            TokenKind::String(text) | TokenKind::TextBlock(text) => {
                self.advance();
                NodeKind::String(text)
            }
            TokenKind::Identifier(_) => {
                let reference = self.shape_id()?;
                match reference.text.as_str() {
                    "true" => NodeKind::Bool(true),
                    "false" => NodeKind::Bool(false),
                    "null" => NodeKind::Null,
                    _ => NodeKind::ShapeId(reference.text),
                }
            }
            _ => {
                return self
                    .expected("a node value (string, text block, number, identifier, `{` or `[`)");
            }
        };
        Ok(Node { kind, position })
    }

    fn nested<T>(&mut self, parse: fn(&mut Self) -> ParseResult<T>) -> ParseResult<T> {
        if self.depth >= MAX_NESTING {
            return self.error(
                self.position(),
                format!("node values are nested more than {MAX_NESTING} levels deep"),
            );
        }
        self.depth += 1;
        let result = parse(self);
        self.depth -= 1;
        result
    }

    fn node_array(&mut self) -> ParseResult<NodeKind> {
        self.advance();
        self.ws();
        let mut items = Vec::new();
        while *self.peek() != TokenKind::RBracket {
            items.push(self.node_value()?);
            self.ws();
        }
        self.advance();
        Ok(NodeKind::Array(items))
    }

    /// `{ key: value, ... }` (the cursor is on `{`).
    pub(super) fn node_object(&mut self) -> ParseResult<Vec<(String, Node)>> {
        self.expect(TokenKind::LBrace, "`{`")?;
        self.ws();
        let mut entries = Vec::new();
        while *self.peek() != TokenKind::RBrace {
            if !matches!(self.peek(), TokenKind::String(_) | TokenKind::Identifier(_)) {
                return self.expected("`}` or an object key (identifier or string)");
            }
            entries.push(self.object_entry()?);
            self.ws();
        }
        self.advance();
        Ok(entries)
    }

    fn object_entry(&mut self) -> ParseResult<(String, Node)> {
        let key = self.object_key()?;
        self.ws();
        self.expect(TokenKind::Colon, "`:`")?;
        self.ws();
        let value = self.node_value()?;
        Ok((key, value))
    }

    /// An object key: an identifier or a quoted string.
    pub(super) fn object_key(&mut self) -> ParseResult<String> {
        match self.peek().clone() {
            TokenKind::Identifier(name) => {
                self.advance();
                Ok(name)
            }
            TokenKind::String(text) => {
                self.advance();
                Ok(text)
            }
            _ => self.expected("an identifier or a string"),
        }
    }

    /// `@name`, `@name(value)` or `@name(key: value, ...)`.
    pub(super) fn trait_application(&mut self) -> ParseResult<TraitApplication> {
        self.expect(TokenKind::At, "`@`")?;
        let name = self.shape_id()?;
        if *self.peek() != TokenKind::LParen {
            return Ok(TraitApplication { name, value: None });
        }
        self.advance();
        self.ws();
        let position = self.position();
        let value = if *self.peek() == TokenKind::RParen {
            None
        } else if self.at_structure_entry() {
            let mut entries = Vec::new();
            while *self.peek() != TokenKind::RParen {
                if !matches!(self.peek(), TokenKind::String(_) | TokenKind::Identifier(_)) {
                    return self.expected("`)` or a key (identifier or string)");
                }
                entries.push(self.object_entry()?);
                self.ws();
            }
            Some(Node {
                kind: NodeKind::Object(entries),
                position,
            })
        } else {
            let value = self.node_value()?;
            self.ws();
            Some(value)
        };
        self.expect(TokenKind::RParen, "`)`")?;
        Ok(TraitApplication { name, value })
    }

    /// True when a trait body starts with `key:` (a structure without braces).
    fn at_structure_entry(&self) -> bool {
        if !matches!(self.peek(), TokenKind::String(_) | TokenKind::Identifier(_)) {
            return false;
        }
        let mut ahead = 1;
        while matches!(
            self.peek_at(ahead),
            TokenKind::Space
                | TokenKind::Newline
                | TokenKind::Comma
                | TokenKind::Comment
                | TokenKind::DocComment(_)
        ) {
            ahead += 1;
        }
        *self.peek_at(ahead) == TokenKind::Colon
    }
}
