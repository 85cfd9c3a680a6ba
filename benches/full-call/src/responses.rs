//! The canned 200 responses both SDKs parse: what the services answer to these calls.

pub const REQUEST_ID: &str = "6c2b1f0e-8d9a-4e7b-b3c5-0a1b2c3d4e5f";

/// IdentityStore UpdateUser (awsJson1_1): an empty JSON object.
pub const UPDATE_USER_BODY: &str = "{}";
pub const UPDATE_USER_CONTENT_TYPE: &str = "application/x-amz-json-1.1";

/// DataZone UpdateUserProfile (restJson1): the updated profile.
pub const UPDATE_USER_PROFILE_BODY: &str = r#"{"domainId":"dzd_4p9n6sw4qt9xgn","id":"a1b2c3d4e5f6g7","type":"IAM","status":"ASSIGNED","details":{"iam":{"arn":"arn:aws:iam::123456789012:user/jane"}}}"#;
pub const UPDATE_USER_PROFILE_CONTENT_TYPE: &str = "application/json";

/// The input values both SDKs send.
pub const IDENTITY_STORE_ID: &str = "d-9067642ac7";
pub const USER_ID: &str = "b8e4b7a6-2e4f-4c5a-9d7e-0123456789ab";
pub const ATTRIBUTE_PATH: &str = "name.givenName";
pub const ATTRIBUTE_VALUE: &str = "Jane";
pub const DOMAIN_ID: &str = "dzd_4p9n6sw4qt9xgn";
pub const USER_ARN: &str = "arn:aws:iam::123456789012:user/jane";

pub const REGION: &str = "us-east-1";
pub const ACCESS_KEY_ID: &str = "AKIDEXAMPLE";
pub const SECRET_ACCESS_KEY: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
