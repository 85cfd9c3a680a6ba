//! Engine tests on small rule sets, including the cases of the rules-engine conformance
//! suite for the newer functions (`coalesce`, `ite`, `split`) and for headers and defaults.

use super::*;
use crate::document::Document;

const PARTITIONS: &str = r#"{"partitions": [{
    "id": "aws", "regionRegex": "^(us|eu)\\-\\w+\\-\\d+$", "regions": {"us-east-1": {}},
    "outputs": {"name": "aws", "dnsSuffix": "amazonaws.com", "dualStackDnsSuffix": "api.aws",
                "supportsFIPS": true, "supportsDualStack": false, "implicitGlobalRegion": "us-east-1"}}]}"#;

fn partitions() -> Partitions {
    Partitions::from_json(PARTITIONS).unwrap()
}

fn rule_set(parameters: &str, rules: &str) -> RuleSet {
    let text = format!(r#"{{"version": "1.1", "parameters": {parameters}, "rules": {rules}}}"#);
    RuleSet::from_json(&text).unwrap_or_else(|err| panic!("{err}"))
}

fn url(rules: &RuleSet, params: Params) -> String {
    match rules.resolve(&params, &partitions()) {
        Ok(endpoint) => endpoint.url().to_string(),
        Err(err) => panic!("expected an endpoint, got: {err}"),
    }
}

fn error(rules: &RuleSet, params: Params) -> String {
    match rules.resolve(&params, &partitions()) {
        Ok(endpoint) => panic!("expected an error, got {}", endpoint.url()),
        Err(err) => err.message().to_string(),
    }
}

const FALLBACK: &str = r#"{"conditions": [], "error": "endpoint error", "type": "error"}"#;

#[test]
fn coalesce_takes_the_first_present_value() {
    let rules = rule_set(
        r#"{"req": {"type": "string", "required": true, "default": "reqValue"},
            "opt1": {"type": "string"}, "opt2": {"type": "string"}}"#,
        &format!(
            r#"[{{"conditions": [{{"fn": "coalesce", "argv": [{{"ref": "opt1"}}, {{"ref": "opt2"}}], "assign": "v"}}],
                 "error": "The value is: {{v}}", "type": "error"}},
                {{"conditions": [{{"fn": "isSet", "argv": [{{"ref": "req"}}]}}, {{"fn": "stringEquals", "argv": ["{{req}}", "other"]}}],
                 "error": "unreachable", "type": "error"}},
                {FALLBACK}]"#
        ),
    );
    assert_eq!(
        error(&rules, Params::new().set("opt1", "a").set("opt2", "b")),
        "The value is: a"
    );
    assert_eq!(
        error(&rules, Params::new().set("opt2", "b")),
        "The value is: b"
    );
    assert_eq!(error(&rules, Params::new()), "endpoint error");
    let required_first = rule_set(
        r#"{"req": {"type": "string", "required": true, "default": "reqValue"}, "opt": {"type": "string"}}"#,
        r#"[{"conditions": [{"fn": "coalesce", "argv": [{"ref": "opt"}, {"ref": "req"}], "assign": "v"}],
             "error": "The value is: {v}", "type": "error"}]"#,
    );
    assert_eq!(
        error(&required_first, Params::new()),
        "The value is: reqValue"
    );
    assert_eq!(
        error(&required_first, Params::new().set("opt", "o")),
        "The value is: o"
    );
}

#[test]
fn ite_picks_a_branch() {
    let rules = rule_set(
        r#"{"useFips": {"type": "boolean", "required": true, "default": false}}"#,
        r#"[{"conditions": [{"fn": "ite", "argv": [{"ref": "useFips"}, "-fips", ""], "assign": "suffix"}],
             "endpoint": {"url": "https://example{suffix}.com"}, "type": "endpoint"}]"#,
    );
    assert_eq!(
        url(&rules, Params::new().set("useFips", true)),
        "https://example-fips.com"
    );
    assert_eq!(url(&rules, Params::new()), "https://example.com");
}

#[test]
fn split_results_are_indexed_with_get_attr() {
    let part = |index: usize| {
        format!(
            r#"{{"fn": "coalesce", "argv": [{{"fn": "getAttr", "argv": [{{"ref": "parts"}}, "[{index}]"]}}, "<null>"], "assign": "p{index}"}}"#
        )
    };
    let rules = rule_set(
        r#"{"Input": {"type": "string", "required": true}, "Limit": {"type": "string", "required": true}}"#,
        &format!(
            r#"[{{"conditions": [{{"fn": "stringEquals", "argv": ["{{Limit}}", "2"]}},
                                 {{"fn": "split", "argv": ["{{Input}}", "--", 2], "assign": "parts"}}, {}, {}, {}],
                 "endpoint": {{"url": "https://example.com", "properties": {{"splitResult": "p1={{p0}}; p2={{p1}}; p3={{p2}}"}}}},
                 "type": "endpoint"}},
                {{"conditions": [{{"fn": "split", "argv": ["{{Input}}", "--", 0], "assign": "parts"}}, {}, {}, {}],
                 "endpoint": {{"url": "https://example.com", "properties": {{"splitResult": "p1={{p0}}; p2={{p1}}; p3={{p2}}"}}}},
                 "type": "endpoint"}}]"#,
            part(0),
            part(1),
            part(2),
            part(0),
            part(1),
            part(2)
        ),
    );
    let split_result = |input: &str, limit: &str| {
        let endpoint = rules
            .resolve(
                &Params::new().set("Input", input).set("Limit", limit),
                &partitions(),
            )
            .unwrap();
        endpoint.properties()["splitResult"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(split_result("a--b--c", "0"), "p1=a; p2=b; p3=c");
    assert_eq!(split_result("--both--", "2"), "p1=; p2=both--; p3=<null>");
    assert_eq!(split_result("", "0"), "p1=; p2=<null>; p3=<null>");
}

#[test]
fn string_arrays_default_and_index() {
    let rules = rule_set(
        r#"{"list": {"type": "stringArray", "required": true, "default": ["first", "second"]}}"#,
        &format!(
            r#"[{{"conditions": [{{"fn": "getAttr", "argv": [{{"ref": "list"}}, "[0]"], "assign": "v"}}],
                 "endpoint": {{"url": "https://example.com/{{v}}"}}, "type": "endpoint"}},
                {{"conditions": [{{"fn": "getAttr", "argv": [{{"ref": "list"}}, "[-1]"], "assign": "v"}}],
                 "endpoint": {{"url": "https://example.com/last/{{v}}"}}, "type": "endpoint"}},
                {FALLBACK}]"#
        ),
    );
    assert_eq!(url(&rules, Params::new()), "https://example.com/first");
    assert_eq!(
        url(&rules, Params::new().set("list", vec!["only"])),
        "https://example.com/only"
    );
    assert_eq!(
        error(&rules, Params::new().set("list", Vec::<String>::new())),
        "endpoint error"
    );
}

#[test]
fn headers_and_properties_expand_templates() {
    let rules = rule_set(
        r#"{"Region": {"type": "string"}}"#,
        r#"[{"conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]},
                            {"fn": "aws.partition", "argv": ["{Region}"], "assign": "p"}],
             "endpoint": {"url": "https://{Region}.{p#dnsSuffix}",
                          "headers": {"x-amz-region": ["{Region}"], "x-amz-multi": ["*", "{Region}"]},
                          "properties": {"authSchemes": [{"name": "sigv4", "signingRegion": "{Region}",
                                                          "disableDoubleEncoding": true}],
                                         "nested": {"list": [1, -2, 1.5, null, "{{literal}}"], "fips": {"fn": "getAttr", "argv": [{"ref": "p"}, "supportsFIPS"]}}}},
             "type": "endpoint"},
            {"conditions": [], "error": "Region must be set", "type": "error"}]"#,
    );
    let endpoint = rules
        .resolve(&Params::new().set("Region", "us-east-1"), &partitions())
        .unwrap();
    assert_eq!(endpoint.url(), "https://us-east-1.amazonaws.com");
    assert_eq!(
        endpoint.headers(),
        [
            ("x-amz-region".to_string(), vec!["us-east-1".to_string()]),
            (
                "x-amz-multi".to_string(),
                vec!["*".to_string(), "us-east-1".to_string()]
            ),
        ]
    );
    let schemes = endpoint.auth_schemes();
    assert_eq!(schemes[0].name, "sigv4");
    assert_eq!(schemes[0].signing_region.as_deref(), Some("us-east-1"));
    assert_eq!(schemes[0].disable_double_encoding, Some(true));
    let nested = endpoint.properties()["nested"].as_object().unwrap();
    assert_eq!(
        nested["list"],
        Document::Array(vec![
            Document::from(1u64),
            Document::from(-2i64),
            Document::from(1.5),
            Document::Null,
            Document::from("{literal}"),
        ])
    );
    assert_eq!(nested["fips"], Document::Bool(true));
    assert_eq!(error(&rules, Params::new()), "Region must be set");
}

#[test]
fn trees_do_not_fall_through() {
    let rules = rule_set(
        r#"{"Flag": {"type": "Boolean", "required": true, "default": false}}"#,
        r#"[{"conditions": [], "type": "tree",
             "rules": [{"conditions": [{"fn": "booleanEquals", "argv": [{"ref": "Flag"}, true]}],
                        "endpoint": {"url": "https://flag.example.com"}, "type": "endpoint"}]},
            {"conditions": [], "endpoint": {"url": "https://never.example.com"}, "type": "endpoint"}]"#,
    );
    assert_eq!(
        url(&rules, Params::new().set("Flag", true)),
        "https://flag.example.com"
    );
    let err = rules.resolve(&Params::new(), &partitions()).unwrap_err();
    assert_eq!(err.kind(), EndpointErrorKind::NoRuleMatched);
}

#[test]
fn parameters_are_checked_before_evaluation() {
    let rules = rule_set(
        r#"{"Region": {"type": "String", "required": true}, "UseFIPS": {"type": "Boolean", "required": true, "default": false}}"#,
        r#"[{"conditions": [], "endpoint": {"url": "https://{Region}.example.com"}, "type": "endpoint"}]"#,
    );
    let missing = rules.resolve(&Params::new(), &partitions()).unwrap_err();
    assert_eq!(missing.kind(), EndpointErrorKind::MissingParameter);
    assert!(missing.message().contains("`Region`"));
    let wrong = rules
        .resolve(
            &Params::new()
                .set("Region", "us-east-1")
                .set("UseFIPS", "yes"),
            &partitions(),
        )
        .unwrap_err();
    assert_eq!(wrong.kind(), EndpointErrorKind::InvalidParameter);
    assert!(wrong.message().contains("`UseFIPS`"));
    let parameter = rules.parameter("UseFIPS").unwrap();
    assert_eq!(parameter.kind(), ParameterType::Boolean);
    assert_eq!(parameter.default(), Some(&Value::Bool(false)));
    assert!(parameter.is_required());
}

#[test]
fn assigned_names_are_scoped_to_their_rule() {
    let out_of_scope = r#"{"version": "1.0", "parameters": {"A": {"type": "string"}}, "rules": [
        {"conditions": [{"fn": "isSet", "argv": [{"ref": "A"}]}, {"fn": "uriEncode", "argv": ["{A}"], "assign": "enc"}],
         "endpoint": {"url": "https://{enc}.example.com"}, "type": "endpoint"},
        {"conditions": [], "error": "got {enc}", "type": "error"}]}"#;
    let err = RuleSet::from_json(out_of_scope).unwrap_err();
    assert_eq!(err.path(), "$.rules[1].error");
    assert!(err.message().contains("`enc`"), "{err}");
}

#[test]
fn parse_errors_carry_the_json_path() {
    let cases = [
        (
            r#"{"version": "1.0", "parameters": {}, "rules": [{"conditions": [{"fn": "nope", "argv": []}], "error": "x", "type": "error"}]}"#,
            "$.rules[0].conditions[0].fn",
        ),
        (
            r#"{"version": "1.0", "parameters": {}, "rules": [{"conditions": [{"fn": "not", "argv": [true, false]}], "error": "x", "type": "error"}]}"#,
            "$.rules[0].conditions[0].argv",
        ),
        (
            r#"{"version": "1.0", "parameters": {"P": {"type": "Integer"}}, "rules": []}"#,
            "$.parameters.P.type",
        ),
        (
            r#"{"version": "1.0", "parameters": {"P": {"type": "Boolean", "default": "x"}}, "rules": []}"#,
            "$.parameters.P.default",
        ),
        (
            r#"{"version": "1.0", "parameters": {}, "rules": [{"conditions": [], "endpoint": {"url": "https://{x"}, "type": "endpoint"}]}"#,
            "$.rules[0].endpoint.url",
        ),
        (
            r#"{"version": "1.0", "parameters": {}, "rules": [{"conditions": [], "type": "maybe"}]}"#,
            "$.rules[0].type",
        ),
        (
            r#"{"version": "1.0", "parameters": {}, "rules": [{"conditions": [{"ref": "x"}], "error": "x", "type": "error"}]}"#,
            "$.rules[0].conditions[0]",
        ),
        (r#"{"version": "1.0", "parameters": {}}"#, "$"),
        ("not json", "$"),
    ];
    for (text, path) in cases {
        let err = RuleSet::from_json(text).expect_err(text);
        assert_eq!(err.path(), path, "{err}");
    }
}

#[test]
fn url_and_arn_records_are_read_with_get_attr() {
    let rules = rule_set(
        r#"{"Endpoint": {"type": "string"}, "Arn": {"type": "string"}}"#,
        &format!(
            r#"[{{"conditions": [{{"fn": "parseURL", "argv": ["{{Endpoint}}"], "assign": "url"}},
                                 {{"fn": "booleanEquals", "argv": [{{"fn": "getAttr", "argv": [{{"ref": "url"}}, "isIp"]}}, false]}}],
                 "endpoint": {{"url": "{{url#scheme}}://{{url#authority}}{{url#normalizedPath}}x"}}, "type": "endpoint"}},
                {{"conditions": [{{"fn": "aws.parseArn", "argv": ["{{Arn}}"], "assign": "arn"}},
                                 {{"fn": "getAttr", "argv": [{{"ref": "arn"}}, "resourceId[1]"], "assign": "name"}}],
                 "endpoint": {{"url": "https://{{name}}.{{arn#region}}.{{arn#service}}.example.com"}}, "type": "endpoint"}},
                {FALLBACK}]"#
        ),
    );
    assert_eq!(
        url(&rules, Params::new().set("Endpoint", "https://host.com")),
        "https://host.com/x"
    );
    assert_eq!(
        url(&rules, Params::new().set("Endpoint", "http://h:8/a/b")),
        "http://h:8/a/b/x"
    );
    assert_eq!(
        error(&rules, Params::new().set("Endpoint", "https://h.com/?q=1")),
        "endpoint error"
    );
    assert_eq!(
        url(
            &rules,
            Params::new().set("Arn", "arn:aws:kinesis:us-west-2:123:stream/my-stream")
        ),
        "https://my-stream.us-west-2.kinesis.example.com"
    );
    assert_eq!(
        error(
            &rules,
            Params::new().set("Arn", "arn:aws:kinesis:us-west-2:123:stream")
        ),
        "endpoint error"
    );
}
