//! `cargo bench -p anvil-runtime --bench sign`: time of one `sign_request` call.
//!
//! The requests are what the generated clients send: IdentityStore UpdateUser with one
//! attribute operation (157-byte body), the same with temporary credentials, UpdateUser with
//! 100 operations (to show what hashing a larger body adds), and DataZone
//! UpdateUserProfile (restJson1, a path with percent-encoded labels). Each call re-signs the
//! same request, as a retry does: the previous signature headers are replaced. Each cell is
//! the median and minimum over batches of about 2 ms.

use std::hint::black_box;
use std::time::{Duration, Instant, SystemTime};

use anvil_runtime::credentials::Credentials;
use anvil_runtime::sign::{SigningParams, sign_request};

const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const TOKEN: &str = "IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQD6+example/SESSIONtoken+withPADDING==";
const USER_AGENT: &str = "anvil-sdk/0.1.0 os/linux lang/rust";

/// The awsJson1_1 body of IdentityStore UpdateUser with `operations` attribute operations.
fn update_user_body(operations: usize) -> Vec<u8> {
    let operations: Vec<String> = (0..operations)
        .map(|index| {
            format!(r#"{{"AttributePath":"name.givenName{index}","AttributeValue":"Jane Doe"}}"#)
        })
        .collect();
    format!(
        r#"{{"IdentityStoreId":"d-9067642ac7","Operations":[{}],"UserId":"b8e4b7a6-2e4f-4c5a-9d7e-0123456789ab"}}"#,
        operations.join(",")
    )
    .into_bytes()
}

fn identitystore_update_user(operations: usize) -> http::Request<Vec<u8>> {
    let body = update_user_body(operations);
    http::Request::builder()
        .method("POST")
        .uri("https://identitystore.us-east-1.amazonaws.com/")
        .header("content-type", "application/x-amz-json-1.1")
        .header("x-amz-target", "AWSIdentityStore.UpdateUser")
        .header("content-length", body.len())
        .header("user-agent", USER_AGENT)
        .body(body)
        .expect("a valid request")
}

fn datazone_update_user_profile() -> http::Request<Vec<u8>> {
    let body = br#"{"status":"ASSIGNED","type":"IAM"}"#.to_vec();
    http::Request::builder()
        .method("PUT")
        .uri("https://datazone.us-east-1.api.aws/v2/domains/dzd_4p9n6sw4qt9xgn/user-profiles/arn%3Aaws%3Aiam%3A%3A123456789012%3Auser%2Fjane")
        .header("content-type", "application/json")
        .header("content-length", body.len())
        .header("user-agent", USER_AGENT)
        .body(body)
        .expect("a valid request")
}

/// Median and minimum time of one call to `run`, over batches of about 2 ms each.
fn measure(mut run: impl FnMut()) -> (Duration, Duration) {
    const SAMPLES: usize = 60;
    const TARGET: Duration = Duration::from_millis(2);
    let mut batch: u32 = 1;
    loop {
        let start = Instant::now();
        for _ in 0..batch {
            run();
        }
        if start.elapsed() >= TARGET / 4 || batch >= 1 << 24 {
            break;
        }
        batch *= 2;
    }
    batch *= 4;
    let mut samples: Vec<Duration> = (0..SAMPLES)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..batch {
                run();
            }
            start.elapsed() / batch
        })
        .collect();
    samples.sort();
    (samples[SAMPLES / 2], samples[0])
}

fn main() {
    let long_term = Credentials::new("AKIDEXAMPLE", SECRET, None, None, "bench");
    let temporary = Credentials::new("AKIDEXAMPLE", SECRET, Some(TOKEN.into()), None, "bench");
    let time = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_123);
    let identitystore = SigningParams::from_parts("identitystore", "us-east-1", None, time);
    let datazone = SigningParams::from_parts("datazone", "us-east-1", None, time);

    let rows = [
        (
            "identitystore UpdateUser, 1 operation",
            identitystore_update_user(1),
            &long_term,
            &identitystore,
        ),
        (
            "  same, with a session token",
            identitystore_update_user(1),
            &temporary,
            &identitystore,
        ),
        (
            "identitystore UpdateUser, 100 operations",
            identitystore_update_user(100),
            &long_term,
            &identitystore,
        ),
        (
            "datazone UpdateUserProfile (restJson1)",
            datazone_update_user_profile(),
            &long_term,
            &datazone,
        ),
    ];

    println!(
        "{:<42} {:>10}  µs per call, median / minimum over batches of ~2 ms",
        "request", "body bytes"
    );
    for (name, mut request, credentials, params) in rows {
        let body_bytes = request.body().len();
        let (median, minimum) = measure(|| {
            sign_request(black_box(&mut request), credentials, params).expect("signs");
        });
        println!(
            "{name:<42} {body_bytes:>10}  {:>8.3} / {:<8.3}",
            median.as_secs_f64() * 1e6,
            minimum.as_secs_f64() * 1e6
        );
    }
}
