//! The endpoint rule set of a service (`smithy.rules#endpointRuleSet`) and its test cases
//! (`smithy.rules#endpointTests`), checked with the runtime's own engine at generation time so
//! that the embedded rule set cannot fail to parse when the generated client runs.

mod cases;
mod verdict;

pub use cases::{EndpointTestIr, Expectation, test_cases};
pub use verdict::{CaseVerdict, StaleCheck};

use anvil_runtime::endpoint::{RuleSet, Value as ParamValue};
use serde_json::Value;

use crate::model::Traits;

/// The trait holding a service's endpoint rule set.
pub const RULE_SET_TRAIT: &str = "smithy.rules#endpointRuleSet";
/// The trait holding a service's endpoint test cases.
pub const TESTS_TRAIT: &str = "smithy.rules#endpointTests";

/// A service's endpoint rules, ready to embed.
#[derive(Clone, Debug, PartialEq)]
pub struct EndpointIr {
    /// The rule set as compact JSON, `documentation` texts removed; it parses with
    /// [`RuleSet::from_json`].
    pub rule_set_json: String,
    /// The declared parameters, for the generated documentation.
    pub parameters: Vec<EndpointParameterIr>,
    /// The service's endpoint test cases, in model order.
    pub tests: Vec<EndpointTestIr>,
}

/// One rule-set parameter, as the generated documentation lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct EndpointParameterIr {
    /// The name `Params::set` takes.
    pub name: String,
    /// `String`, `Boolean` or `stringArray`.
    pub type_name: String,
    /// The client setting it comes from, if any.
    pub built_in: Option<String>,
    /// Whether resolution fails without a value.
    pub required: bool,
    /// The default value, if any.
    pub default: Option<ParamValue>,
}

/// Lowers the endpoint traits of a service shape; `None` when it has no rule set. The error
/// names the service and the JSON path inside the rule set.
pub fn lower_endpoint(traits: &Traits, service_id: &str) -> Result<Option<EndpointIr>, String> {
    let Some(rule_set) = traits.raw.get(RULE_SET_TRAIT) else {
        return Ok(None);
    };
    let compact = without_documentation(rule_set);
    let rule_set_json = compact.to_string();
    let parsed = RuleSet::from_json(&rule_set_json)
        .map_err(|err| format!("{service_id}: {RULE_SET_TRAIT}: {err}"))?;
    let parameters = parsed
        .parameters()
        .iter()
        .map(|parameter| EndpointParameterIr {
            name: parameter.name().to_string(),
            type_name: parameter.kind().name().to_string(),
            built_in: parameter.built_in().map(str::to_string),
            required: parameter.is_required(),
            default: parameter.default().cloned(),
        })
        .collect();
    let tests = match traits.raw.get(TESTS_TRAIT) {
        Some(tests) => {
            test_cases(tests).map_err(|err| format!("{service_id}: {TESTS_TRAIT}: {err}"))?
        }
        None => Vec::new(),
    };
    Ok(Some(EndpointIr {
        rule_set_json,
        parameters,
        tests,
    }))
}

/// Marks the test cases that are stale with respect to the partitions table of `check` (see
/// [`CaseVerdict`]), so that the generated tests ignore them with the reason.
pub fn mark_stale_tests(endpoint: &mut EndpointIr, check: &StaleCheck) -> Result<(), String> {
    let rule_set = RuleSet::from_json(&endpoint.rule_set_json).map_err(|err| err.to_string())?;
    for test in &mut endpoint.tests {
        test.stale = match check.check(&rule_set, &test.params(), &test.expect) {
            CaseVerdict::Stale(reason) => Some(reason),
            CaseVerdict::StaleSuffix(reason) => Some(format!("{reason} (older table)")),
            CaseVerdict::Passed | CaseVerdict::Failed(_) => None,
        };
    }
    Ok(())
}

/// The rule set without the `documentation` of its parameters and rules: the engine does not
/// need them, and the generated code documents parameters in its own words.
fn without_documentation(rule_set: &Value) -> Value {
    let mut copy = rule_set.clone();
    if let Some(parameters) = copy.get_mut("parameters").and_then(Value::as_object_mut) {
        for spec in parameters.values_mut() {
            if let Some(spec) = spec.as_object_mut() {
                spec.remove("documentation");
            }
        }
    }
    if let Some(rules) = copy.get_mut("rules") {
        strip_rule_documentation(rules);
    }
    copy
}

fn strip_rule_documentation(rules: &mut Value) {
    let Some(rules) = rules.as_array_mut() else {
        return;
    };
    for rule in rules {
        if let Some(rule) = rule.as_object_mut() {
            rule.remove("documentation");
            if let Some(children) = rule.get_mut("rules") {
                strip_rule_documentation(children);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Map, json};

    fn traits_with(rule_set: Value) -> Traits {
        let mut raw = Map::new();
        raw.insert(RULE_SET_TRAIT.to_string(), rule_set);
        Traits {
            raw,
            ..Traits::default()
        }
    }

    #[test]
    fn documentation_is_removed_and_the_rest_kept() {
        let traits = traits_with(json!({
            "version": "1.0",
            "parameters": {"Region": {"type": "String", "builtIn": "AWS::Region", "documentation": "official words"}},
            "rules": [{"documentation": "tree", "conditions": [], "type": "tree", "rules": [
                {"documentation": "leaf", "conditions": [], "error": "no", "type": "error"}]}]
        }));
        let endpoint = lower_endpoint(&traits, "example#Service").unwrap().unwrap();
        assert!(
            !endpoint.rule_set_json.contains("documentation"),
            "{}",
            endpoint.rule_set_json
        );
        assert!(endpoint.rule_set_json.contains(r#""error":"no""#));
        assert_eq!(
            endpoint.parameters[0].built_in.as_deref(),
            Some("AWS::Region")
        );
        assert!(endpoint.tests.is_empty());
    }

    #[test]
    fn a_broken_rule_set_names_service_and_place() {
        let traits = traits_with(json!({"version": "1.0", "parameters": {}, "rules": [
            {"conditions": [{"fn": "nope", "argv": []}], "error": "x", "type": "error"}]}));
        let err = lower_endpoint(&traits, "example#Service").unwrap_err();
        assert!(
            err.starts_with("example#Service: smithy.rules#endpointRuleSet: "),
            "{err}"
        );
        assert!(err.contains("$.rules[0].conditions[0].fn"), "{err}");
        assert_eq!(
            lower_endpoint(&Traits::default(), "example#Service"),
            Ok(None)
        );
    }
}
