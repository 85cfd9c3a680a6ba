//! The endpoint rules engine conformance models (`../shared/conformance/rules-engine/*.smithy`),
//! loaded by the IDL loader with the trait definitions, their `smithy.rules#endpointTests` run
//! through the same engine and verdicts as the AWS models (see `endpoint_corpus.rs`).
//!
//! The summary line reads `rules-engine: N passed, M failed, K skipped (F models)`.

use std::path::{Path, PathBuf};

use anvil_codegen::ir::endpoint::{
    CaseVerdict, RULE_SET_TRAIT, StaleCheck, TESTS_TRAIT, test_cases,
};
use anvil_codegen::model::load_paths;
use anvil_runtime::endpoint::RuleSet;

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared");

fn rules_engine_models() -> Vec<PathBuf> {
    let directory = Path::new(SHARED).join("conformance/rules-engine");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&directory)
        .unwrap_or_else(|error| panic!("../shared is missing: {}: {error}", directory.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "smithy")
        })
        .collect();
    files.sort();
    files
}

#[test]
fn rules_engine_conformance_models_pass_their_endpoint_tests() {
    let partitions = std::fs::read_to_string(Path::new(SHARED).join("models/sdk-partitions.json"))
        .expect("sdk-partitions.json is readable");
    let check = StaleCheck::new(&partitions).expect("sdk-partitions.json parses");
    let trait_definitions = [Path::new(SHARED).join("conformance/trait-definitions")];
    let models = rules_engine_models();
    let (mut passed, mut skipped) = (0, 0);
    let mut failed = Vec::new();
    for path in &models {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let model = match load_paths(std::slice::from_ref(path), &trait_definitions) {
            Ok(model) => model,
            Err(error) => {
                failed.push(format!("{name}: does not load:\n{error}"));
                continue;
            }
        };
        let Some((service, _)) = model.services().next() else {
            failed.push(format!("{name}: no service shape"));
            continue;
        };
        let (Some(rules), Some(tests)) = (
            service.traits.raw.get(RULE_SET_TRAIT),
            service.traits.raw.get(TESTS_TRAIT),
        ) else {
            failed.push(format!(
                "{name}: the service lacks {RULE_SET_TRAIT} or {TESTS_TRAIT}"
            ));
            continue;
        };
        let rule_set = match RuleSet::from_json(&rules.to_string()) {
            Ok(rule_set) => rule_set,
            Err(error) => {
                failed.push(format!("{name}: {error}"));
                continue;
            }
        };
        let cases = match test_cases(tests) {
            Ok(cases) => cases,
            Err(error) => {
                failed.push(format!("{name}: {error}"));
                continue;
            }
        };
        skipped += tests["testCases"].as_array().map_or(0, Vec::len) - cases.len();
        for case in &cases {
            match check.check(&rule_set, &case.params(), &case.expect) {
                CaseVerdict::Passed => passed += 1,
                CaseVerdict::Failed(problem) => {
                    failed.push(format!("{name} {}: {problem}", case.name))
                }
                CaseVerdict::Stale(reason) | CaseVerdict::StaleSuffix(reason) => {
                    failed.push(format!(
                        "{name} {}: stale against the partitions: {reason}",
                        case.name
                    ))
                }
            }
        }
    }
    println!(
        "rules-engine: {passed} passed, {} failed, {skipped} skipped ({} models)",
        failed.len(),
        models.len()
    );
    for failure in &failed {
        println!("FAILED: {failure}");
    }
    assert!(
        failed.is_empty(),
        "{} failures (listed above)",
        failed.len()
    );
    assert!(
        models.len() >= 12 && passed > 0,
        "{} models, {passed} passed",
        models.len()
    );
}
