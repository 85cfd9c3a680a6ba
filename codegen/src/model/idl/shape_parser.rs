//! Shape statements: simple shapes, enums, aggregates, services, resources, operations.

use super::ast::{
    Decorations, IdlFile, InlineStructure, MemberDefinition, OperationBody, OperationIo, Reference,
    ShapeBody, ShapeDefinition,
};
use super::lexer::TokenKind;
use super::parser::{ParseResult, Parser};

const SIMPLE_TYPES: &[&str] = &[
    "blob",
    "boolean",
    "document",
    "string",
    "byte",
    "short",
    "integer",
    "long",
    "float",
    "double",
    "bigInteger",
    "bigDecimal",
    "timestamp",
];

const MEMBER_TYPES: &[&str] = &["list", "set", "map", "structure", "union"];

impl Parser {
    /// A shape statement, after its decorations; consumes the trailing line break.
    pub(super) fn shape_statement(
        &mut self,
        decorations: Decorations,
        file: &IdlFile,
    ) -> ParseResult<ShapeDefinition> {
        let position = self.position();
        let type_name = self.identifier("a shape type or `apply`")?;
        let v2 = file.is_v2();
        let known = SIMPLE_TYPES.contains(&type_name.as_str())
            || MEMBER_TYPES.contains(&type_name.as_str())
            || matches!(
                type_name.as_str(),
                "enum" | "intEnum" | "service" | "resource" | "operation"
            );
        if !known {
            return self.error(position, format!("unknown shape type `{type_name}`"));
        }
        match type_name.as_str() {
            "enum" | "intEnum" if !v2 => {
                return self.error(position, format!("{type_name} shapes need IDL version 2"));
            }
            "set" if v2 => {
                return self.error(
                    position,
                    "set shapes are not part of IDL version 2; use a list with @uniqueItems",
                );
            }
            _ => {}
        }
        self.required_space()?;
        let name = self.identifier("a shape name")?;
        let mut shape = ShapeDefinition {
            type_name,
            name,
            decorations,
            mixins: Vec::new(),
            for_resource: None,
            body: ShapeBody::None,
            position,
        };
        let is_aggregate = MEMBER_TYPES.contains(&shape.type_name.as_str());
        if is_aggregate {
            shape.for_resource = self.for_resource(v2)?;
        }
        shape.mixins = self.mixins(v2)?;
        match shape.type_name.as_str() {
            simple if SIMPLE_TYPES.contains(&simple) => {}
            "enum" | "intEnum" => {
                self.ws();
                shape.body = ShapeBody::Members(self.members(true, v2)?);
            }
            "service" | "resource" => {
                self.ws();
                shape.body = ShapeBody::Entity(self.node_object()?);
            }
            "operation" => {
                self.ws();
                shape.body = ShapeBody::Operation(Box::new(self.operation_body(v2)?));
            }
            _ => {
                self.ws();
                shape.body = ShapeBody::Members(self.members(false, v2)?);
            }
        }
        self.br()?;
        Ok(shape)
    }

    /// `sp for sp Resource`, if present.
    fn for_resource(&mut self, v2: bool) -> ParseResult<Option<Reference>> {
        let mark = self.mark();
        self.sp();
        if !self.at_keyword("for") {
            self.reset(mark);
            return Ok(None);
        }
        let position = self.position();
        if !v2 {
            return self.error(
                position,
                "binding a structure to a resource with `for` needs IDL version 2",
            );
        }
        self.advance();
        self.required_space()?;
        Ok(Some(self.shape_id()?))
    }

    /// `sp with [A B]`, if present.
    fn mixins(&mut self, v2: bool) -> ParseResult<Vec<Reference>> {
        let mark = self.mark();
        self.sp();
        if !self.at_keyword("with") {
            self.reset(mark);
            return Ok(Vec::new());
        }
        if !v2 {
            return self.error(self.position(), "mixins need IDL version 2");
        }
        self.advance();
        self.ws();
        self.expect(TokenKind::LBracket, "`[`")?;
        self.ws();
        let mut mixins = vec![self.shape_id()?];
        self.ws();
        while *self.peek() != TokenKind::RBracket {
            mixins.push(self.shape_id()?);
            self.ws();
        }
        self.advance();
        Ok(mixins)
    }

    /// `{ members }` of an aggregate (`enum_members`: of an enum or intEnum).
    fn members(&mut self, enum_members: bool, v2: bool) -> ParseResult<Vec<MemberDefinition>> {
        self.expect(TokenKind::LBrace, "`{`")?;
        let mut members: Vec<MemberDefinition> = Vec::new();
        loop {
            let decorations = self.decorations()?;
            if *self.peek() == TokenKind::RBrace {
                if !decorations.traits.is_empty() {
                    return self.expected("a member name after the traits");
                }
                self.advance();
                return Ok(members);
            }
            let position = self.position();
            let (name, target) = if enum_members {
                (self.identifier("a member name or `}`")?, None)
            } else if *self.peek() == TokenKind::Dollar {
                if !v2 {
                    return self.error(
                        position,
                        "eliding a member target (`$name`) needs IDL version 2",
                    );
                }
                self.advance();
                (self.identifier("a member name after `$`")?, None)
            } else {
                let name = self.identifier("a member name or `}`")?;
                self.ws();
                self.expect(TokenKind::Colon, "`:`")?;
                self.ws();
                (name, Some(self.shape_id()?))
            };
            if members.iter().any(|member| member.name == name) {
                return self.error(position, format!("member `{name}` is defined twice"));
            }
            let assigned = self.value_assignment(v2)?;
            members.push(MemberDefinition {
                name,
                target,
                decorations,
                assigned,
                position,
            });
        }
    }

    /// ` = value` followed by a line break, if present.
    fn value_assignment(&mut self, v2: bool) -> ParseResult<Option<super::ast::Node>> {
        let mark = self.mark();
        self.sp();
        if *self.peek() != TokenKind::Equal {
            self.reset(mark);
            return Ok(None);
        }
        if !v2 {
            return self.error(self.position(), "`=` default values need IDL version 2");
        }
        self.advance();
        self.sp();
        let value = self.node_value()?;
        self.sp();
        if *self.peek() == TokenKind::Comma {
            self.advance();
        }
        self.br()?;
        Ok(Some(value))
    }

    fn operation_body(&mut self, v2: bool) -> ParseResult<OperationBody> {
        self.expect(TokenKind::LBrace, "`{`")?;
        self.ws();
        let mut body = OperationBody::default();
        while *self.peek() != TokenKind::RBrace {
            let position = self.position();
            let key = self.identifier("`input`, `output`, `errors` or `}`")?;
            self.ws();
            match key.as_str() {
                "input" | "output" => {
                    let io = self.operation_io(v2)?;
                    let slot = if key == "input" {
                        &mut body.input
                    } else {
                        &mut body.output
                    };
                    if slot.is_some() {
                        return self.error(
                            position,
                            format!("the operation's `{key}` is defined twice"),
                        );
                    }
                    *slot = Some(io);
                }
                "errors" => {
                    self.expect(TokenKind::Colon, "`:`")?;
                    self.ws();
                    self.expect(TokenKind::LBracket, "`[`")?;
                    self.ws();
                    let mut errors = Vec::new();
                    while *self.peek() != TokenKind::RBracket {
                        errors.push(self.shape_id()?);
                        self.ws();
                    }
                    self.advance();
                    if body.errors.is_some() {
                        return self.error(position, "the operation's `errors` are defined twice");
                    }
                    body.errors = Some(errors);
                }
                other => {
                    return self.error(position, format!("unknown operation property `{other}` (expected `input`, `output` or `errors`)"));
                }
            }
            self.ws();
        }
        self.advance();
        Ok(body)
    }

    fn operation_io(&mut self, v2: bool) -> ParseResult<OperationIo> {
        let position = self.position();
        match self.peek() {
            TokenKind::Colon => {
                self.advance();
                self.ws();
                Ok(OperationIo::Target(self.shape_id()?))
            }
            TokenKind::Walrus => {
                if !v2 {
                    return self.error(
                        position,
                        "inline input and output (`:=`) need IDL version 2",
                    );
                }
                self.advance();
                let decorations = self.decorations()?;
                let for_resource = if self.at_keyword("for") {
                    self.advance();
                    self.required_space()?;
                    Some(self.shape_id()?)
                } else {
                    None
                };
                let mixins = self.mixins(v2)?;
                self.ws();
                let members = self.members(false, v2)?;
                Ok(OperationIo::Inline(InlineStructure {
                    decorations,
                    for_resource,
                    mixins,
                    members,
                    position,
                }))
            }
            _ => self.expected("`:` or `:=`"),
        }
    }
}
