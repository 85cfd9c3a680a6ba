//! The retry loop's `tracing` events: one per attempt, at debug level, without header values.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anvil_runtime::retry::{
    AttemptOutcome, FixedJitter, RetryClassification, RetryConfig, RetryStrategy, run_with_retries,
};
use anvil_runtime::transport::test_util::ReplayClient;
use anvil_runtime::transport::{DispatchError, HttpClient};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};

type Fields = BTreeMap<String, String>;

/// Keeps every event's level and fields.
#[derive(Clone, Default)]
struct Capture {
    events: Arc<Mutex<Vec<(Level, Fields)>>>,
}

struct FieldWriter<'a>(&'a mut Fields);

impl Visit for FieldWriter<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }

    fn record(&self, _: &Id, _: &Record<'_>) {}

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = Fields::new();
        event.record(&mut FieldWriter(&mut fields));
        let level = *event.metadata().level();
        self.events
            .lock()
            .expect("not poisoned")
            .push((level, fields));
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

#[tokio::test(start_paused = true)]
async fn every_attempt_is_logged_at_debug_without_header_values() {
    let transport = ReplayClient::new();
    transport.push_response(
        http::Response::builder()
            .status(503)
            .header("x-amz-retry-after", "40")
            .header("set-cookie", "SECRET-RESPONSE-VALUE")
            .body(Vec::new())
            .expect("valid response"),
    );
    transport.push_error(DispatchError::timeout("no answer"));
    transport.push_response(http::Response::new(b"ok".to_vec()));

    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let config = RetryConfig::default().with_initial_backoff(Duration::from_millis(10));
    let strategy = RetryStrategy::new(config).with_jitter(FixedJitter(1.0));
    run_with_retries(&strategy, "GetThing", |_| {
        let request = http::Request::get("https://service.example/")
            .header("authorization", "SECRET-REQUEST-VALUE")
            .body(Vec::new())
            .expect("valid request");
        let dispatch = transport.dispatch(request);
        async move {
            let result = dispatch.await;
            let classification = match &result {
                Ok(response) if response.status().is_success() => RetryClassification::success(),
                Ok(response) => RetryClassification::error_response(response.status().as_u16())
                    .with_response_headers(response.headers()),
                Err(err) => RetryClassification::dispatch_failure(err),
            };
            AttemptOutcome::new(result, classification)
        }
    })
    .await
    .expect("the third attempt succeeds");

    let events = capture.events.lock().expect("not poisoned").clone();
    assert_eq!(events.len(), 3, "{events:?}");
    assert!(events.iter().all(|(level, _)| *level == Level::DEBUG));
    let field = |n: usize, name: &str| events[n].1.get(name).cloned().unwrap_or_default();

    assert_eq!(field(0, "operation"), "GetThing");
    assert_eq!(field(0, "attempt"), "1");
    assert_eq!(field(0, "status"), "503");
    assert_eq!(field(0, "kind"), "transient");
    assert_eq!(
        field(0, "delay_ms"),
        "40",
        "the hint outweighs the 10 ms bound"
    );

    assert_eq!(field(1, "attempt"), "2");
    assert_eq!(field(1, "kind"), "timeout");
    assert_eq!(field(1, "dispatch_error"), "timeout");
    assert_eq!(field(1, "delay_ms"), "20");
    assert!(
        !events[1].1.contains_key("status"),
        "no response, no status"
    );

    assert_eq!(field(2, "attempt"), "3");
    assert_eq!(field(2, "reason"), "succeeded");

    let everything = format!("{events:?}");
    assert!(!everything.contains("SECRET"), "{everything}");
}
