//! Evaluation of the rule tree for one set of parameter values.
//!
//! Values borrow from the parameters, the rule set and the partitions table wherever they
//! can, so that a typical resolution allocates little more than the endpoint it returns.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::document::Document;

use super::library;
use super::params::Value;
use super::partitions::{Partition, PartitionField, Partitions};
use super::resolved::{Endpoint, EndpointError};
use super::rule_set::{
    Condition, EndpointTemplate, Expr, Function, Outcome, PathPart, Property, Rule, TemplatePart,
};
use super::url::parse_url;

/// A value during evaluation.
#[derive(Clone, Debug)]
pub(crate) enum Val<'a> {
    Bool(bool),
    Int(i64),
    Str(Cow<'a, str>),
    Array(Vec<Val<'a>>),
    /// The result of `aws.partition`, read in place from the table.
    Partition(&'a Partition),
    /// The result of `parseURL` or `aws.parseArn`.
    Record(Vec<(&'static str, Val<'a>)>),
}

impl Val<'_> {
    fn as_str(&self) -> Option<&str> {
        match self {
            Val::Str(text) => Some(text),
            _ => None,
        }
    }

    fn as_bool(&self) -> Option<bool> {
        match self {
            Val::Bool(flag) => Some(*flag),
            _ => None,
        }
    }

    fn as_int(&self) -> Option<i64> {
        match self {
            Val::Int(number) => Some(*number),
            _ => None,
        }
    }

    fn owned_str(text: &str) -> Self {
        Val::Str(Cow::Owned(text.to_string()))
    }

    fn to_document(&self) -> Document {
        match self {
            Val::Bool(flag) => Document::Bool(*flag),
            Val::Int(number) => Document::from(*number),
            Val::Str(text) => Document::String(text.to_string()),
            Val::Array(items) => Document::Array(items.iter().map(Val::to_document).collect()),
            Val::Partition(partition) => {
                let fields = [
                    "name",
                    "dnsSuffix",
                    "dualStackDnsSuffix",
                    "supportsFIPS",
                    "supportsDualStack",
                    "implicitGlobalRegion",
                ];
                Document::Object(
                    fields
                        .into_iter()
                        .filter_map(|name| {
                            let value = match partition.field(name)? {
                                PartitionField::Text(text) => Document::from(text),
                                PartitionField::Flag(flag) => Document::Bool(flag),
                            };
                            Some((name.to_string(), value))
                        })
                        .collect(),
                )
            }
            Val::Record(fields) => Document::Object(
                fields
                    .iter()
                    .map(|(name, value)| (name.to_string(), value.to_document()))
                    .collect(),
            ),
        }
    }
}

type Eval<'s, 'a> = Option<Cow<'s, Val<'a>>>;

fn owned<'s, 'a>(value: Val<'a>) -> Eval<'s, 'a> {
    Some(Cow::Owned(value))
}

/// The state of one resolution: a value (or none) per slot.
pub(crate) struct Evaluator<'a> {
    slots: Vec<Option<Val<'a>>>,
    partitions: &'a Partitions,
}

impl<'a> Evaluator<'a> {
    pub(crate) fn new(slot_count: usize, partitions: &'a Partitions) -> Self {
        Evaluator {
            slots: vec![None; slot_count],
            partitions,
        }
    }

    /// Gives the parameter in `slot` its value.
    pub(crate) fn bind(&mut self, slot: usize, value: &'a Value) {
        self.slots[slot] = Some(match value {
            Value::String(text) => Val::Str(Cow::Borrowed(text)),
            Value::Bool(flag) => Val::Bool(*flag),
            Value::StringArray(items) => Val::Array(
                items
                    .iter()
                    .map(|item| Val::Str(Cow::Borrowed(item)))
                    .collect(),
            ),
        });
    }

    /// Runs the top-level rules.
    pub(crate) fn resolve(mut self, rules: &'a [Rule]) -> Result<Endpoint, EndpointError> {
        self.first_match(rules)
            .unwrap_or_else(|| Err(EndpointError::no_rule_matched()))
    }

    /// The outcome of the first rule whose conditions hold, if any.
    fn first_match(&mut self, rules: &'a [Rule]) -> Option<Result<Endpoint, EndpointError>> {
        rules.iter().find_map(|rule| self.try_rule(rule))
    }

    fn try_rule(&mut self, rule: &'a Rule) -> Option<Result<Endpoint, EndpointError>> {
        for condition in &rule.conditions {
            if !self.holds(condition) {
                return None;
            }
        }
        Some(match &rule.outcome {
            Outcome::Endpoint(template) => self.endpoint(template),
            Outcome::Error(message) => match self.eval(message).as_deref().and_then(Val::as_str) {
                Some(message) => Err(EndpointError::rule(message.to_string())),
                None => Err(EndpointError::invalid_rule(
                    "the message of a matched error rule could not be evaluated",
                )),
            },
            // Trees are terminal: when no child matches, resolution fails here.
            Outcome::Tree(children) => self
                .first_match(children)
                .unwrap_or_else(|| Err(EndpointError::no_rule_matched())),
        })
    }

    /// Whether a condition holds: its value is present and not `false`. Binds the value
    /// when the condition assigns it.
    fn holds(&mut self, condition: &'a Condition) -> bool {
        if let (None, Expr::Call(function, args)) = (condition.assign, &condition.call)
            && let Some(outcome) = self.test(*function, args)
        {
            return outcome == Some(true);
        }
        let Some(value) = self.eval(&condition.call) else {
            return false;
        };
        if matches!(*value, Val::Bool(false)) {
            return false;
        }
        if let Some(slot) = condition.assign {
            let value = value.into_owned();
            self.slots[slot] = Some(value);
        }
        true
    }

    fn endpoint(&self, template: &'a EndpointTemplate) -> Result<Endpoint, EndpointError> {
        let url = self.string(&template.url).ok_or_else(|| {
            EndpointError::invalid_rule("the URL of a matched endpoint rule could not be evaluated")
        })?;
        let mut headers = Vec::with_capacity(template.headers.len());
        for (name, values) in &template.headers {
            let values = values
                .iter()
                .map(|value| self.string(value))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| {
                    EndpointError::invalid_rule(
                        "a header of a matched endpoint rule could not be evaluated",
                    )
                })?;
            headers.push((name.clone(), values));
        }
        let mut properties = HashMap::with_capacity(template.properties.len());
        for (name, property) in &template.properties {
            let value = self.property(property).ok_or_else(|| {
                EndpointError::invalid_rule(
                    "a property of a matched endpoint rule could not be evaluated",
                )
            })?;
            properties.insert(name.clone(), value);
        }
        Ok(Endpoint {
            url,
            headers,
            properties,
        })
    }

    fn property(&self, property: &'a Property) -> Option<Document> {
        Some(match property {
            Property::Null => Document::Null,
            Property::Bool(flag) => Document::Bool(*flag),
            Property::Number(number) => Document::Number(*number),
            Property::Expr(expr) => self.eval(expr)?.to_document(),
            Property::Array(items) => Document::Array(
                items
                    .iter()
                    .map(|item| self.property(item))
                    .collect::<Option<_>>()?,
            ),
            Property::Object(fields) => Document::Object(
                fields
                    .iter()
                    .map(|(name, value)| Some((name.clone(), self.property(value)?)))
                    .collect::<Option<_>>()?,
            ),
        })
    }

    /// The string value of `expr`, moved out when evaluation built it.
    fn string(&self, expr: &'a Expr) -> Option<String> {
        match self.eval(expr)? {
            Cow::Owned(Val::Str(text)) => Some(text.into_owned()),
            Cow::Borrowed(Val::Str(text)) => Some(text.to_string()),
            _ => None,
        }
    }

    fn bool(&self, expr: &'a Expr) -> Option<bool> {
        match expr {
            Expr::Bool(flag) => Some(*flag),
            Expr::Ref(slot) => self.slots[*slot].as_ref()?.as_bool(),
            Expr::Call(function, args) => match self.test(*function, args) {
                Some(outcome) => outcome,
                None => self.eval(expr)?.as_bool(),
            },
            Expr::GetAttr(target, path) => match (&**target, path.as_slice()) {
                (Expr::Ref(slot), [PathPart::Key(key)]) => match self.slots[*slot].as_ref()? {
                    Val::Partition(partition) => match partition.field(key)? {
                        PartitionField::Flag(flag) => Some(flag),
                        PartitionField::Text(_) => None,
                    },
                    _ => self.eval(expr)?.as_bool(),
                },
                _ => self.eval(expr)?.as_bool(),
            },
            _ => self.eval(expr)?.as_bool(),
        }
    }

    /// The result of a boolean function without building a value: `Some(result)` for the
    /// functions that give a boolean, `None` for the others.
    fn test(&self, function: Function, args: &'a [Expr]) -> Option<Option<bool>> {
        let arg = |index: usize| self.eval(&args[index]);
        Some(match function {
            Function::IsSet => Some(match &args[0] {
                Expr::Ref(slot) => self.slots[*slot].is_some(),
                other => self.eval(other).is_some(),
            }),
            Function::Not => self.bool(&args[0]).map(|flag| !flag),
            Function::BooleanEquals => self
                .bool(&args[0])
                .zip(self.bool(&args[1]))
                .map(|(a, b)| a == b),
            Function::StringEquals => (|| Some(arg(0)?.as_str()? == arg(1)?.as_str()?))(),
            Function::IsValidHostLabel => (|| {
                Some(library::is_valid_host_label(
                    arg(0)?.as_str()?,
                    self.bool(&args[1])?,
                ))
            })(),
            Function::IsVirtualHostableS3Bucket => (|| {
                Some(library::is_virtual_hostable_s3_bucket(
                    arg(0)?.as_str()?,
                    self.bool(&args[1])?,
                ))
            })(),
            _ => return None,
        })
    }

    fn int(&self, expr: &'a Expr) -> Option<i64> {
        self.eval(expr)?.as_int()
    }

    /// The value of `expr`, or `None` when it is unset.
    fn eval<'s>(&'s self, expr: &'a Expr) -> Eval<'s, 'a> {
        match expr {
            Expr::Bool(flag) => owned(Val::Bool(*flag)),
            Expr::Int(number) => owned(Val::Int(*number)),
            Expr::Str(text) => owned(Val::Str(Cow::Borrowed(text))),
            Expr::Template(parts) => self.template(parts),
            Expr::Array(items) => owned(Val::Array(
                items
                    .iter()
                    .map(|item| self.eval(item).map(Cow::into_owned))
                    .collect::<Option<_>>()?,
            )),
            Expr::Ref(slot) => self.slots[*slot].as_ref().map(Cow::Borrowed),
            Expr::GetAttr(target, path) => {
                let mut current = self.eval(target)?;
                for part in path {
                    current = match current {
                        Cow::Borrowed(value) => attr(value, part)?,
                        Cow::Owned(value) => Cow::Owned(attr(&value, part)?.into_owned()),
                    };
                }
                Some(current)
            }
            Expr::Call(function, args) => self.call(*function, args),
        }
    }

    fn template<'s>(&'s self, parts: &'a [TemplatePart]) -> Eval<'s, 'a> {
        if let [TemplatePart::Value(only)] = parts {
            let value = self.eval(only)?;
            return value.as_str().is_some().then_some(value);
        }
        let estimate: usize = parts
            .iter()
            .map(|part| match part {
                TemplatePart::Text(literal) => literal.len(),
                TemplatePart::Value(_) => 16,
            })
            .sum();
        let mut text = String::with_capacity(estimate);
        for part in parts {
            match part {
                TemplatePart::Text(literal) => text.push_str(literal),
                TemplatePart::Value(expr) => text.push_str(self.eval(expr)?.as_str()?),
            }
        }
        owned(Val::Str(Cow::Owned(text)))
    }

    fn call<'s>(&'s self, function: Function, args: &'a [Expr]) -> Eval<'s, 'a> {
        let arg = |index: usize| self.eval(&args[index]);
        match function {
            Function::IsSet
            | Function::Not
            | Function::BooleanEquals
            | Function::StringEquals
            | Function::IsValidHostLabel
            | Function::IsVirtualHostableS3Bucket => {
                owned(Val::Bool(self.test(function, args).flatten()?))
            }
            Function::Partition => owned(Val::Partition(
                self.partitions.partition_of(arg(0)?.as_str()?)?,
            )),
            Function::ParseUrl => {
                let input = arg(0)?;
                let url = parse_url(input.as_str()?)?;
                owned(Val::Record(vec![
                    ("scheme", Val::owned_str(url.scheme)),
                    ("authority", Val::owned_str(url.authority)),
                    ("path", Val::owned_str(url.path)),
                    ("normalizedPath", Val::Str(Cow::Owned(url.normalized_path))),
                    ("isIp", Val::Bool(url.is_ip)),
                ]))
            }
            Function::Substring => {
                let input = arg(0)?;
                let part = library::substring(
                    input.as_str()?,
                    self.int(&args[1])?,
                    self.int(&args[2])?,
                    self.bool(&args[3])?,
                )?;
                owned(Val::owned_str(part))
            }
            Function::ParseArn => {
                let input = arg(0)?;
                let arn = library::parse_arn(input.as_str()?)?;
                owned(Val::Record(vec![
                    ("partition", Val::owned_str(arn.partition)),
                    ("service", Val::owned_str(arn.service)),
                    ("region", Val::owned_str(arn.region)),
                    ("accountId", Val::owned_str(arn.account_id)),
                    (
                        "resourceId",
                        Val::Array(arn.resource_id.into_iter().map(Val::owned_str).collect()),
                    ),
                ]))
            }
            Function::UriEncode => {
                owned(Val::Str(Cow::Owned(library::uri_encode(arg(0)?.as_str()?))))
            }
            Function::Coalesce => args.iter().find_map(|candidate| self.eval(candidate)),
            Function::Ite => {
                if self.bool(&args[0])? {
                    arg(1)
                } else {
                    arg(2)
                }
            }
            Function::Split => {
                let pieces =
                    library::split(arg(0)?.as_str()?, arg(1)?.as_str()?, self.int(&args[2])?)?;
                owned(Val::Array(
                    pieces
                        .into_iter()
                        .map(|piece| Val::Str(Cow::Owned(piece)))
                        .collect(),
                ))
            }
        }
    }
}

/// One `getAttr` step into `value`: a field of a partition or record, or an array element.
fn attr<'s, 'a>(value: &'s Val<'a>, part: &PathPart) -> Option<Cow<'s, Val<'a>>> {
    match (value, part) {
        (Val::Partition(partition), PathPart::Key(key)) => {
            let partition: &'a Partition = partition;
            Some(Cow::Owned(match partition.field(key)? {
                PartitionField::Text(text) => Val::Str(Cow::Borrowed(text)),
                PartitionField::Flag(flag) => Val::Bool(flag),
            }))
        }
        (Val::Record(fields), PathPart::Key(key)) => fields
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| Cow::Borrowed(value)),
        (Val::Array(items), PathPart::Index(index)) => usize::try_from(*index)
            .ok()
            .and_then(|index| items.get(index))
            .map(Cow::Borrowed),
        _ => None,
    }
}
