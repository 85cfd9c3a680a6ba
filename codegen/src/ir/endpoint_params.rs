//! The endpoint rule parameters an operation sets, gathered for the endpoint resolver.

use crate::model::{Model, NodeValue, Shape, ShapeId, ShapeKind};

use super::{EndpointParamIr, EndpointParamSource, StructureIr};

/// The endpoint parameters an operation sets: its `@staticContextParams` and the input
/// members marked `@contextParam`, sorted by parameter name.
pub fn endpoint_params(
    operation: &Shape,
    input_id: Option<&ShapeId>,
    input: &StructureIr,
    model: &Model,
) -> Vec<EndpointParamIr> {
    let mut params = Vec::new();
    if let Some(statics) = operation
        .traits
        .raw
        .get("smithy.rules#staticContextParams")
        .and_then(|value| value.as_object())
    {
        for (name, param) in statics {
            if let Some(value) = param.get("value") {
                params.push(EndpointParamIr {
                    name: name.clone(),
                    source: EndpointParamSource::Static(NodeValue::from_json(value)),
                });
            }
        }
    }
    let input_members = input_id
        .and_then(|id| model.shape(id))
        .map(|shape| match &shape.kind {
            ShapeKind::Structure(members) => members.as_slice(),
            _ => &[],
        })
        .unwrap_or(&[]);
    for member in input_members {
        let Some(name) = member
            .traits
            .raw
            .get("smithy.rules#contextParam")
            .and_then(|value| value.get("name"))
            .and_then(|name| name.as_str())
        else {
            continue;
        };
        if let Some(field) = input
            .members
            .iter()
            .find(|field| field.member_name == member.name)
        {
            params.push(EndpointParamIr {
                name: name.to_string(),
                source: EndpointParamSource::InputMember {
                    field_name: field.field_name.clone(),
                },
            });
        }
    }
    params.sort_by(|a, b| a.name.cmp(&b.name));
    params
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{LowerOptions, lower_service};
    use crate::model::load_str;

    #[test]
    fn gathers_static_and_member_parameters_sorted_by_name() {
        let model = load_str(
            r#"{"smithy": "2.0", "shapes": {
                "ex#Svc": {"type": "service", "version": "1", "operations": [{"target": "ex#Op"}],
                    "traits": {"aws.protocols#awsJson1_0": {}}},
                "ex#Op": {"type": "operation", "input": {"target": "ex#OpInput"},
                    "traits": {"smithy.rules#staticContextParams": {
                        "UseArnRegion": {"value": true}}}},
                "ex#OpInput": {"type": "structure", "members": {
                    "Bucket": {"target": "smithy.api#String",
                        "traits": {"smithy.rules#contextParam": {"name": "BucketName"}}},
                    "Other": {"target": "smithy.api#String"}}}
            }}"#,
            std::path::Path::new("test.json"),
        )
        .unwrap();
        let options = LowerOptions {
            service: None,
            operations: Vec::new(),
            root: vec!["crate".to_string()],
            source: "test.json".to_string(),
        };
        let service = lower_service(&model, &options).unwrap();
        assert_eq!(
            service.operations[0].endpoint_params,
            [
                EndpointParamIr {
                    name: "BucketName".to_string(),
                    source: EndpointParamSource::InputMember {
                        field_name: "bucket".to_string()
                    },
                },
                EndpointParamIr {
                    name: "UseArnRegion".to_string(),
                    source: EndpointParamSource::Static(NodeValue::Bool(true)),
                },
            ]
        );
    }
}
