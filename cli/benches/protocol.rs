//! `cargo bench -p anvil --bench protocol`: time of the generated wire code for the five
//! operations — `to_request` (serialize) and `parse_response` (parse) — next to what
//! serde_json alone needs for the same JSON: `to_vec` of the request body as a ready
//! `serde_json::Value`, and `from_slice::<Value>` of the response body. The extra row is
//! IdentityStore UpdateUser with 100 attribute operations of mixed document types; its
//! success response is `{}`, so its parse column reads the request body back instead
//! (`anvil_runtime::json::parse_bytes`, then `UpdateUserInput::read_json`, the same two
//! steps `parse_response` takes). Every input passes `validate()`; every response is a success
//! with each output member set. Each cell is the median and minimum over many batches.

use std::collections::HashMap;
mod timing;

use std::hint::black_box;
use std::time::{Duration, Instant};

use anvil_runtime::http::{Request, Response};
use anvil_runtime::json::JsonReader;
use anvil_runtime::{DateTime, Document, Path};
use anvil_sdk::codestar::operation::update_user_profile as codestar_update;
use anvil_sdk::datazone::operation::create_user_profile as datazone_create;
use anvil_sdk::datazone::operation::update_user_profile as datazone_update;
use anvil_sdk::datazone::types::{
    IamUserProfileDetails, SsoUserProfileDetails, UserProfileDetails, UserProfileStatus,
    UserProfileType, UserType,
};
use anvil_sdk::identitystore::operation::update_user as identitystore_update;
use anvil_sdk::identitystore::types::AttributeOperation;
use anvil_sdk::workmail::operation::update_user as workmail_update;
use anvil_sdk::workmail::types::UserRole;
use serde_json::Value;

use timing::measure;

const REQUEST_ID: &str = "6f1c2a4e-93b7-4d0a-8e52-7c1f0b9d3a61";
const DATE: &str = "Tue, 14 Nov 2023 22:15:23 GMT";

/// An RSA-2048 public key in OpenSSH form (random modulus), as CodeStar stores one.
const SSH_PUBLIC_KEY: &str = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQAf9H8pny/Ix9XMWn9brY73TFE+ZexnGBeOyBT16sZkoi2OQgQc+82ZfxXsKPxFpvJkv0dHOf71EdfHBTHLO++BGJ18cR4zJAMByfuRHwEM2lelMeKD9FJPinzaQYgzAEBebTLF6mgjnYD+92uF9d6AalZUrtG8HW3LBs8TdE2GTHZwP8QI8ydWcyLEY9ndt4S9vE2AaB0bE2msFiaHFpgD0VHd81C5GSTA7v0QHaF8aK9dqocyxkNLq149R0FUmRO/Ix0UiciNS/Js3V+wym3Gdb3MTttkKOqF/SrUvnTAseic1V44ahxOTmeepkyb47+YVi2q/deNyzICrdpsGUZv jane.doe@example.com";

/// A success response as a service sends it: status, the usual headers, the JSON body.
fn response(status: u16, content_type: &str, body: &str) -> Response<Vec<u8>> {
    Response::builder()
        .status(status)
        .header("Date", DATE)
        .header("Content-Type", content_type)
        .header("Content-Length", body.len())
        .header("Connection", "keep-alive")
        .header("x-amzn-RequestId", REQUEST_ID)
        .body(body.as_bytes().to_vec())
        .expect("the response is well formed")
}

fn object(entries: &[(&str, Document)]) -> Document {
    Document::from(
        entries
            .iter()
            .map(|(key, value)| (key.to_string(), value.clone()))
            .collect::<HashMap<_, _>>(),
    )
}

fn attribute(path: &str, value: Document) -> AttributeOperation {
    AttributeOperation::builder()
        .attribute_path(path)
        .attribute_value(value)
        .build()
        .expect("attribute path is set")
}

/// The attribute changes of one realistic profile edit: strings, a structured name, lists
/// of objects with booleans, a number and a boolean.
fn profile_edit(index: usize) -> Vec<AttributeOperation> {
    vec![
        attribute("displayName", Document::from(format!("Jane Doe {index}"))),
        attribute(
            "name",
            object(&[
                ("givenName", Document::from("Jane")),
                ("familyName", Document::from("Doe")),
                ("middleName", Document::from("Quinn")),
                ("honorificPrefix", Document::from("Dr.")),
                ("formatted", Document::from("Dr. Jane Quinn Doe")),
            ]),
        ),
        attribute(
            "emails",
            Document::from(vec![
                object(&[
                    ("value", Document::from("jane.doe@example.com")),
                    ("type", Document::from("work")),
                    ("primary", Document::from(true)),
                ]),
                object(&[
                    ("value", Document::from("jane@home.example.org")),
                    ("type", Document::from("home")),
                    ("primary", Document::from(false)),
                ]),
            ]),
        ),
        attribute(
            "addresses",
            Document::from(vec![object(&[
                ("streetAddress", Document::from("410 Terry Ave N")),
                ("locality", Document::from("Seattle")),
                ("region", Document::from("WA")),
                ("postalCode", Document::from("98109")),
                ("country", Document::from("US")),
                ("type", Document::from("work")),
                ("primary", Document::from(true)),
            ])]),
        ),
        attribute(
            "phoneNumbers",
            Document::from(vec![object(&[
                ("value", Document::from("+1 206 555 0100")),
                ("type", Document::from("work")),
                ("primary", Document::from(true)),
            ])]),
        ),
        attribute("name.givenName", Document::from("Jane")),
        attribute("title", Document::from("Principal Engineer")),
        attribute("preferredLanguage", Document::from("en-US")),
        attribute("timezone", Document::from("America/Los_Angeles")),
        attribute("userType", Document::from("Employee")),
        attribute("costCenter", Document::from(4_711_i64 + index as i64)),
        attribute("weeklyHours", Document::from(37.5)),
        attribute("active", Document::from(true)),
    ]
}

fn identitystore_input(operations: usize) -> identitystore_update::UpdateUserInput {
    let edits = (0..).flat_map(profile_edit).take(operations).collect();
    identitystore_update::UpdateUserInput::builder()
        .identity_store_id("d-9067642ac7")
        .user_id("906722b2be-b8e4b7a6-2e4f-4c5a-9d7e-0123456789ab")
        .set_operations(Some(edits))
        .build()
        .expect("all required members are set")
}

fn workmail_input() -> workmail_update::UpdateUserInput {
    workmail_update::UpdateUserInput::builder()
        .organization_id("m-0123456789abcdef0123456789abcdef")
        .user_id("S-1-1-11-1111111111-2222222222-3333333333-3333")
        .role(UserRole::User)
        .display_name("Jane Q. Doe")
        .first_name("Jane")
        .last_name("Doe")
        .hidden_from_global_address_list(false)
        .initials("JQD")
        .telephone("+1 206 555 0100")
        .street("410 Terry Ave N")
        .job_title("Principal Engineer")
        .city("Seattle")
        .company("Example Corp")
        .zip_code("98109")
        .department("Platform Engineering")
        .country("US")
        .office("SEA-54 12.301")
        .identity_provider_user_id("906722b2be-b8e4b7a6-2e4f-4c5a-9d7e-0123456789ab")
        .build()
        .expect("all required members are set")
}

fn datazone_update_input() -> datazone_update::UpdateUserProfileInput {
    datazone_update::UpdateUserProfileInput::builder()
        .domain_identifier("dzd_4p9n6sw4qt9xgn")
        .user_identifier("906722b2be-b8e4b7a6-2e4f-4c5a-9d7e-0123456789ab")
        .r#type(UserProfileType::Sso)
        .status(UserProfileStatus::Activated)
        .build()
        .expect("all required members are set")
}

fn datazone_create_input() -> datazone_create::CreateUserProfileInput {
    datazone_create::CreateUserProfileInput::builder()
        .domain_identifier("dzd_4p9n6sw4qt9xgn")
        .user_identifier("arn:aws:iam::123456789012:role/DataScientist")
        .user_type(UserType::IamRole)
        .client_token("3c0b8c9e-51d2-4a7f-9d6b-2f8e4a1c7b05")
        .build()
        .expect("all required members are set")
}

fn codestar_input() -> codestar_update::UpdateUserProfileInput {
    codestar_update::UpdateUserProfileInput::builder()
        .user_arn("arn:aws:iam::123456789012:user/jane.doe")
        .display_name("Jane Q. Doe")
        .email_address("jane.doe@example.com")
        .ssh_public_key(SSH_PUBLIC_KEY)
        .build()
        .expect("all required members are set")
}

fn cell((median, min): (Duration, Duration)) -> String {
    format!(
        "{:>9.3} / {:<9.3}",
        median.as_secs_f64() * 1e6,
        min.as_secs_f64() * 1e6
    )
}

struct Row {
    name: &'static str,
    request_bytes: usize,
    response_bytes: usize,
    serialize: (Duration, Duration),
    to_vec: (Duration, Duration),
    parse: (Duration, Duration),
    from_slice: (Duration, Duration),
}

/// Times one operation: `serialize` builds the request, `parse` reads `response`; the
/// baselines run serde_json on the request body and on the response body.
fn row<T, E: std::fmt::Debug>(
    name: &'static str,
    serialize: impl Fn() -> Request<Vec<u8>>,
    response: &Response<Vec<u8>>,
    parse: impl Fn(&Response<Vec<u8>>) -> Result<T, E>,
) -> Row {
    let body = serialize().body().to_vec();
    let request_value: Value = serde_json::from_slice(&body).expect("the request body is JSON");
    parse(response).expect("the response parses");
    serde_json::from_slice::<Value>(response.body()).expect("the response body is JSON");
    Row {
        name,
        request_bytes: body.len(),
        response_bytes: response.body().len(),
        serialize: measure(|| {
            black_box(serialize());
        }),
        to_vec: measure(|| {
            black_box(serde_json::to_vec(black_box(&request_value)).ok());
        }),
        parse: measure(|| {
            black_box(parse(black_box(response)).ok());
        }),
        from_slice: measure(|| {
            black_box(serde_json::from_slice::<Value>(black_box(response.body())).ok());
        }),
    }
}

fn main() {
    let identitystore = identitystore_input(13);
    let identitystore_100 = identitystore_input(100);
    let workmail = workmail_input();
    let datazone_update = datazone_update_input();
    let datazone_create = datazone_create_input();
    let codestar = codestar_input();
    assert_eq!(identitystore_100.operations().map(<[_]>::len), Some(100));
    for outcome in [
        identitystore.validate(),
        identitystore_100.validate(),
        workmail.validate(),
        datazone_update.validate(),
        datazone_create.validate(),
        codestar.validate(),
    ] {
        assert!(outcome.is_ok(), "{outcome:?}");
    }

    const AWS_JSON: &str = "application/x-amz-json-1.1";
    let identitystore_response = response(200, AWS_JSON, "{}");
    let workmail_response = response(200, AWS_JSON, "{}");
    let datazone_update_response = response(
        200,
        "application/json",
        r#"{"domainId":"dzd_4p9n6sw4qt9xgn","id":"906722b2be-b8e4b7a6-2e4f-4c5a-9d7e-0123456789ab","type":"SSO","status":"ACTIVATED","details":{"sso":{"username":"jane.doe@example.com","firstName":"Jane","lastName":"Doe"}}}"#,
    );
    let datazone_create_response = response(
        201,
        "application/json",
        r#"{"domainId":"dzd_4p9n6sw4qt9xgn","id":"c3a9d8e1-7b2f-4e6a-9c5d-1f0e2b3a4c5d","type":"IAM","status":"ASSIGNED","details":{"iam":{"arn":"arn:aws:iam::123456789012:role/DataScientist"}}}"#,
    );
    let codestar_body = format!(
        r#"{{"userArn":"arn:aws:iam::123456789012:user/jane.doe","displayName":"Jane Q. Doe","emailAddress":"jane.doe@example.com","sshPublicKey":"{SSH_PUBLIC_KEY}","createdTimestamp":1.6824e9,"lastModifiedTimestamp":1700000123.456}}"#
    );
    let codestar_response = response(200, AWS_JSON, &codestar_body);

    // The responses read back in full: every output member arrives.
    let sso = SsoUserProfileDetails::builder()
        .username("jane.doe@example.com")
        .first_name("Jane")
        .last_name("Doe")
        .build();
    assert_eq!(
        datazone_update::parse_response(&datazone_update_response).map_err(|e| e.to_string()),
        Ok(datazone_update::UpdateUserProfileOutput::builder()
            .domain_id("dzd_4p9n6sw4qt9xgn")
            .id("906722b2be-b8e4b7a6-2e4f-4c5a-9d7e-0123456789ab")
            .r#type(UserProfileType::Sso)
            .status(UserProfileStatus::Activated)
            .details(UserProfileDetails::Sso(sso))
            .build())
    );
    let iam = IamUserProfileDetails::builder()
        .arn("arn:aws:iam::123456789012:role/DataScientist")
        .build();
    assert_eq!(
        datazone_create::parse_response(&datazone_create_response).map_err(|e| e.to_string()),
        Ok(datazone_create::CreateUserProfileOutput::builder()
            .domain_id("dzd_4p9n6sw4qt9xgn")
            .id("c3a9d8e1-7b2f-4e6a-9c5d-1f0e2b3a4c5d")
            .r#type(UserProfileType::Iam)
            .status(UserProfileStatus::Assigned)
            .details(UserProfileDetails::Iam(iam))
            .build())
    );
    assert_eq!(
        codestar_update::parse_response(&codestar_response).map_err(|e| e.to_string()),
        Ok(codestar_update::UpdateUserProfileOutput::builder()
            .user_arn("arn:aws:iam::123456789012:user/jane.doe")
            .display_name("Jane Q. Doe")
            .email_address("jane.doe@example.com")
            .ssh_public_key(SSH_PUBLIC_KEY)
            .created_timestamp(DateTime::from_millis(1_682_400_000_000))
            .last_modified_timestamp(DateTime::from_millis(1_700_000_123_456))
            .build()
            .expect("userArn is set"))
    );

    // The 100-operation request body read back gives the input again.
    let identitystore_100_body = identitystore_100
        .to_request("https://identitystore.us-east-1.amazonaws.com")
        .expect("the request builds")
        .body()
        .to_vec();
    let read_request = |body: &[u8]| {
        let value = anvil_runtime::json::parse_bytes(body).map_err(|error| error.to_string())?;
        identitystore_update::UpdateUserInput::read_json(
            &value,
            &Path::Root,
            &mut JsonReader::wire(),
        )
        .map_err(|error| error.to_string())
    };
    assert_eq!(
        read_request(&identitystore_100_body).as_ref(),
        Ok(&identitystore_100)
    );

    let started = Instant::now();
    let mut rows = vec![
        row(
            "identitystore UpdateUser (13 operations)",
            || {
                identitystore
                    .to_request("https://identitystore.us-east-1.amazonaws.com")
                    .expect("the request builds")
            },
            &identitystore_response,
            identitystore_update::parse_response,
        ),
        row(
            "workmail UpdateUser (every member)",
            || {
                workmail
                    .to_request("https://workmail.us-east-1.amazonaws.com")
                    .expect("the request builds")
            },
            &workmail_response,
            workmail_update::parse_response,
        ),
        row(
            "datazone UpdateUserProfile",
            || {
                datazone_update
                    .to_request("https://datazone.us-east-1.api.aws")
                    .expect("the request builds")
            },
            &datazone_update_response,
            datazone_update::parse_response,
        ),
        row(
            "datazone CreateUserProfile",
            || {
                datazone_create
                    .to_request("https://datazone.us-east-1.api.aws")
                    .expect("the request builds")
            },
            &datazone_create_response,
            datazone_create::parse_response,
        ),
        row(
            "codestar UpdateUserProfile",
            || {
                codestar
                    .to_request("https://codestar.us-east-1.amazonaws.com")
                    .expect("the request builds")
            },
            &codestar_response,
            codestar_update::parse_response,
        ),
    ];
    // The 100-operation request: "parse" reads the request body (its response is `{}`).
    let identitystore_100_value: Value =
        serde_json::from_slice(&identitystore_100_body).expect("the request body is JSON");
    let big = Row {
        name: "identitystore UpdateUser, 100 operations *",
        request_bytes: identitystore_100_body.len(),
        response_bytes: identitystore_100_body.len(),
        serialize: measure(|| {
            black_box(
                black_box(&identitystore_100)
                    .to_request("https://identitystore.us-east-1.amazonaws.com")
                    .ok(),
            );
        }),
        to_vec: measure(|| {
            black_box(serde_json::to_vec(black_box(&identitystore_100_value)).ok());
        }),
        parse: measure(|| {
            black_box(read_request(black_box(&identitystore_100_body)).ok());
        }),
        from_slice: measure(|| {
            black_box(serde_json::from_slice::<Value>(black_box(&identitystore_100_body)).ok());
        }),
    };
    rows.push(big);

    println!(
        "µs per call, median / minimum over batches of ~2 ms (serde_json: preserve_order, arbitrary_precision)"
    );
    println!(
        "{:<43} {:>6} {:>6}  {:^21}  {:^21}  {:^21}  {:^21}",
        "operation",
        "req B",
        "resp B",
        "serialize",
        "serde_json to_vec",
        "parse",
        "serde_json from_slice"
    );
    for row in &rows {
        println!(
            "{:<43} {:>6} {:>6}  {}  {}  {}  {}",
            row.name,
            row.request_bytes,
            row.response_bytes,
            cell(row.serialize),
            cell(row.to_vec),
            cell(row.parse),
            cell(row.from_slice)
        );
    }
    println!(
        "* parse = parse_bytes of the request body + UpdateUserInput::read_json (its response is {{}})"
    );
    println!("measured in {:.1} s", started.elapsed().as_secs_f64());
}
