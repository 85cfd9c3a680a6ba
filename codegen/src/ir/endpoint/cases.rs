//! `smithy.rules#endpointTests` cases: parameters, expectation, and a test-function name.

use std::collections::HashSet;

use anvil_runtime::Document;
use anvil_runtime::endpoint::{Endpoint, EndpointError, Params, Value as ParamValue};
use anvil_runtime::json::to_document;
use serde_json::Value;

/// One endpoint test case.
#[derive(Clone, Debug, PartialEq)]
pub struct EndpointTestIr {
    /// A unique snake-case function name derived from the case's documentation.
    pub name: String,
    /// The parameters, in the order the case lists them.
    pub params: Vec<(String, ParamValue)>,
    /// What resolution must give.
    pub expect: Expectation,
    /// Why the case is out of date with the partitions table, when it is (see
    /// [`StaleCheck`](super::StaleCheck)); set by the generator, not by [`test_cases`].
    pub stale: Option<String>,
}

impl EndpointTestIr {
    /// The case's parameters as runtime [`Params`].
    pub fn params(&self) -> Params {
        let mut params = Params::new();
        for (name, value) in &self.params {
            params.insert(name.clone(), value.clone());
        }
        params
    }
}

/// The outcome a test case expects.
#[derive(Clone, Debug, PartialEq)]
pub enum Expectation {
    /// An endpoint.
    Endpoint {
        /// The exact URL.
        url: String,
        /// Headers and their values, as the case lists them.
        headers: Vec<(String, Vec<String>)>,
        /// The properties, as JSON (an object; empty when the case gives none).
        properties: Value,
    },
    /// An error with exactly this message.
    Error(String),
}

impl Expectation {
    /// Reads a case's `expect` object.
    pub fn from_json(expect: &Value) -> Result<Expectation, String> {
        if let Some(message) = expect.get("error") {
            let message = message.as_str().ok_or("`expect.error` is not a string")?;
            return Ok(Expectation::Error(message.to_string()));
        }
        let endpoint = expect
            .get("endpoint")
            .ok_or("`expect` has neither `endpoint` nor `error`")?;
        let url = endpoint
            .get("url")
            .and_then(Value::as_str)
            .ok_or("`expect.endpoint.url` is not a string")?
            .to_string();
        let mut headers = Vec::new();
        if let Some(given) = endpoint.get("headers") {
            for (name, values) in given
                .as_object()
                .ok_or("`expect.endpoint.headers` is not an object")?
            {
                let values = values
                    .as_array()
                    .and_then(|values| {
                        values
                            .iter()
                            .map(|value| value.as_str().map(str::to_string))
                            .collect()
                    })
                    .ok_or_else(|| format!("header `{name}` is not a list of strings"))?;
                headers.push((name.clone(), values));
            }
        }
        let properties = endpoint
            .get("properties")
            .cloned()
            .unwrap_or_else(|| Value::Object(Default::default()));
        if !properties.is_object() {
            return Err("`expect.endpoint.properties` is not an object".to_string());
        }
        Ok(Expectation::Endpoint {
            url,
            headers,
            properties,
        })
    }

    /// What differs between `outcome` and this expectation; `None` when they agree. Headers
    /// compare without regard to order; properties compare as JSON values.
    pub fn mismatch(&self, outcome: &Result<Endpoint, EndpointError>) -> Option<String> {
        match (self, outcome) {
            (
                Expectation::Endpoint {
                    url,
                    headers,
                    properties,
                },
                Ok(endpoint),
            ) => {
                if endpoint.url() != url {
                    return Some(format!("url {} != expected {url}", endpoint.url()));
                }
                let mut expected_headers = headers.clone();
                let mut actual_headers = endpoint.headers().to_vec();
                expected_headers.sort();
                actual_headers.sort();
                if actual_headers != expected_headers {
                    return Some(format!(
                        "headers {actual_headers:?} != expected {expected_headers:?}"
                    ));
                }
                let actual = Document::Object(endpoint.properties().clone());
                // The runtime reads JSON with its own exact tree; hand it the text.
                let expected = anvil_runtime::json::parse(&properties.to_string())
                    .and_then(|value| to_document(&value, &anvil_runtime::Path::Root));
                match expected {
                    Ok(expected) => (actual != expected)
                        .then(|| format!("properties {actual:?} != expected {properties}")),
                    Err(error) => Some(format!("expected properties do not read: {error}")),
                }
            }
            (Expectation::Error(message), Err(err)) => (err.message() != message)
                .then(|| format!("error {:?} != expected {message:?}", err.message())),
            (Expectation::Endpoint { .. }, Err(err)) => {
                Some(format!("got the error {:?}", err.message()))
            }
            (Expectation::Error(_), Ok(endpoint)) => {
                Some(format!("got the endpoint {}", endpoint.url()))
            }
        }
    }
}

/// The cases of an `endpointTests` trait value. Cases that give no `params` but only
/// `operationInputs` are left out: their parameters come from operation bindings.
pub fn test_cases(tests: &Value) -> Result<Vec<EndpointTestIr>, String> {
    let cases = tests
        .get("testCases")
        .and_then(Value::as_array)
        .ok_or("no `testCases` array")?;
    let mut taken = HashSet::new();
    let mut lowered = Vec::with_capacity(cases.len());
    for (index, case) in cases.iter().enumerate() {
        let context = |err: String| format!("testCases[{index}]: {err}");
        if case.get("params").is_none() && case.get("operationInputs").is_some() {
            continue;
        }
        let params = params_of(case).map_err(context)?;
        let expect =
            Expectation::from_json(case.get("expect").unwrap_or(&Value::Null)).map_err(context)?;
        let documentation = case
            .get("documentation")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let name = unique_name(&slug(documentation), &mut taken);
        lowered.push(EndpointTestIr {
            name,
            params,
            expect,
            stale: None,
        });
    }
    Ok(lowered)
}

fn params_of(case: &Value) -> Result<Vec<(String, ParamValue)>, String> {
    let Some(given) = case.get("params") else {
        return Ok(Vec::new());
    };
    let given = given.as_object().ok_or("`params` is not an object")?;
    let mut params = Vec::with_capacity(given.len());
    for (name, value) in given {
        let value = match value {
            Value::String(text) => ParamValue::String(text.clone()),
            Value::Bool(flag) => ParamValue::Bool(*flag),
            Value::Array(items) => ParamValue::StringArray(
                items
                    .iter()
                    .map(|item| item.as_str().map(str::to_string))
                    .collect::<Option<_>>()
                    .ok_or_else(|| format!("parameter `{name}` is not a list of strings"))?,
            ),
            other => {
                return Err(format!(
                    "parameter `{name}` has the unsupported value {other}"
                ));
            }
        };
        params.push((name.clone(), value));
    }
    Ok(params)
}

/// Lowercase letters and digits of `text`, other runs of characters becoming one `_`.
fn slug(text: &str) -> String {
    let mut slug = String::new();
    for ch in text.chars() {
        if ch.is_ascii_alphanumeric() {
            slug.push(ch.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('_') {
            slug.push('_');
        }
        if slug.len() >= 90 {
            break;
        }
    }
    let slug = slug.trim_end_matches('_');
    match slug.chars().next() {
        None => "case".to_string(),
        Some(first) if first.is_ascii_digit() => format!("case_{slug}"),
        Some(_) if syn::parse_str::<syn::Ident>(slug).is_err() => format!("{slug}_case"),
        Some(_) => slug.to_string(),
    }
}

/// `base`, or `base_2`, `base_3`, ... for the first name not yet taken.
fn unique_name(base: &str, taken: &mut HashSet<String>) -> String {
    let mut name = base.to_string();
    let mut counter = 1;
    while !taken.insert(name.clone()) {
        counter += 1;
        name = format!("{base}_{counter}");
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_are_snake_case_and_unique() {
        assert_eq!(
            slug("For region us-east-1 with FIPS enabled"),
            "for_region_us_east_1_with_fips_enabled"
        );
        assert_eq!(slug("{UseFIPS=true, Region=cn}"), "usefips_true_region_cn");
        assert_eq!(slug("1st case"), "case_1st_case");
        assert_eq!(slug("type"), "type_case");
        assert_eq!(slug("!!"), "case");
        let mut taken = HashSet::new();
        assert_eq!(unique_name("a", &mut taken), "a");
        assert_eq!(unique_name("a", &mut taken), "a_2");
        assert_eq!(unique_name("a", &mut taken), "a_3");
    }

    #[test]
    fn cases_read_params_and_expectations() {
        let cases = test_cases(&json!({"testCases": [
            {"documentation": "one", "params": {"Region": "us-east-1", "UseFIPS": true, "List": ["a"]},
             "expect": {"endpoint": {"url": "https://x", "headers": {"h": ["1", "2"]}, "properties": {"p": 1}}}},
            {"documentation": "one", "expect": {"error": "Missing Region"}},
            {"documentation": "bound", "operationInputs": [{"operationName": "Op"}], "expect": {"error": "x"}}
        ]}))
        .unwrap();
        assert_eq!(cases.len(), 2);
        assert_eq!(cases[0].name, "one");
        assert_eq!(cases[1].name, "one_2");
        assert_eq!(
            cases[0].params().get("List"),
            Some(&ParamValue::StringArray(vec!["a".to_string()]))
        );
        let Expectation::Endpoint {
            headers,
            properties,
            ..
        } = &cases[0].expect
        else {
            panic!("an endpoint")
        };
        assert_eq!(
            headers,
            &[("h".to_string(), vec!["1".to_string(), "2".to_string()])]
        );
        assert_eq!(properties, &json!({"p": 1}));
        assert_eq!(
            cases[1].expect,
            Expectation::Error("Missing Region".to_string())
        );
        assert!(
            test_cases(&json!({"testCases": [{"params": {"X": 1}, "expect": {"error": "e"}}]}))
                .is_err()
        );
        assert!(test_cases(&json!({"testCases": [{"params": {}, "expect": {}}]})).is_err());
    }
}
