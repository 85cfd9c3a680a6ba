//! The retry loop over the replaying transport, on Tokio's paused clock.

use std::time::Duration;

use anvil_runtime::retry::{
    AttemptOutcome, FixedJitter, QuotaConfig, RetryClassification, RetryConfig, RetryStrategy,
    run_with_retries,
};
use anvil_runtime::transport::test_util::ReplayClient;
use anvil_runtime::transport::{
    DispatchError, DispatchFuture, HttpClient, HttpRequest, HttpResponse, OperationTimedOut,
    with_attempt_timeout, with_operation_timeout,
};
use tokio::time::Instant;

fn response(status: u16, headers: &[(&str, &str)], body: &str) -> HttpResponse {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder
        .body(body.as_bytes().to_vec())
        .expect("valid response")
}

/// Milliseconds-scale settings with the whole backoff bound every time.
fn strategy(max_attempts: u32) -> RetryStrategy {
    let config = RetryConfig::default()
        .with_max_attempts(max_attempts)
        .with_initial_backoff(Duration::from_millis(10))
        .with_max_backoff(Duration::from_secs(20));
    RetryStrategy::new(config).with_jitter(FixedJitter(1.0))
}

/// What a client would do per attempt: build (and sign) a request, dispatch it within the
/// attempt timeout, and classify the result by status and `x-amzn-errortype`.
async fn call(
    strategy: &RetryStrategy,
    transport: &ReplayClient,
) -> Result<HttpResponse, DispatchError> {
    run_with_retries(strategy, "TestOperation", |attempt| {
        let request = http::Request::post("https://service.example/")
            .header("x-test-attempt", attempt.to_string())
            .body(b"{\"same\":\"body\"}".to_vec())
            .expect("valid request");
        let dispatch = transport.dispatch(request);
        async move {
            let result = with_attempt_timeout(Some(Duration::from_secs(1)), dispatch).await;
            let classification = match &result {
                Ok(response) if response.status().is_success() => RetryClassification::success(),
                Ok(response) => {
                    let mut classification =
                        RetryClassification::error_response(response.status().as_u16())
                            .with_response_headers(response.headers());
                    if let Some(code) = response.headers().get("x-amzn-errortype") {
                        let code = code.to_str().unwrap_or_default().to_owned();
                        classification = classification.with_error_code(code);
                    }
                    classification
                }
                Err(err) => RetryClassification::dispatch_failure(err),
            };
            AttemptOutcome::new(result, classification)
        }
    })
    .await
}

fn attempt_headers(transport: &ReplayClient) -> Vec<String> {
    transport
        .requests()
        .iter()
        .map(|request| {
            let value = request
                .headers()
                .get("x-test-attempt")
                .expect("attempt header");
            value.to_str().expect("ascii").to_owned()
        })
        .collect()
}

#[tokio::test(start_paused = true)]
async fn transient_failures_are_retried_with_doubling_delays() {
    let transport = ReplayClient::with_responses([
        response(503, &[], ""),
        response(500, &[], ""),
        response(200, &[], "ok"),
    ]);
    let strategy = strategy(3);
    let started = Instant::now();
    let result = call(&strategy, &transport)
        .await
        .expect("third attempt answers");
    assert_eq!(result.body(), b"ok");
    assert_eq!(started.elapsed(), Duration::from_millis(10 + 20));
    assert_eq!(attempt_headers(&transport), ["1", "2", "3"]);
    assert!(
        transport
            .requests()
            .iter()
            .all(|r| r.body() == b"{\"same\":\"body\"}")
    );
    assert_eq!(strategy.quota().available(), 495);
}

#[tokio::test(start_paused = true)]
async fn throttling_codes_on_a_400_are_retried_but_other_400s_are_not() {
    let throttled = [("x-amzn-errortype", "ThrottlingException")];
    let transport = ReplayClient::with_responses([
        response(400, &throttled, ""),
        response(400, &[("x-amzn-errortype", "ValidationException")], "bad"),
        response(200, &[], "never reached"),
    ]);
    let result = call(&strategy(3), &transport).await.expect("a response");
    assert_eq!(result.status(), 400);
    assert_eq!(result.body(), b"bad");
    assert_eq!(transport.request_count(), 2);
}

#[tokio::test(start_paused = true)]
async fn the_last_failure_is_returned_when_attempts_run_out() {
    let transport = ReplayClient::new();
    transport.push_error(DispatchError::timeout("first"));
    transport.push_error(DispatchError::timeout("second"));
    let strategy = strategy(2);
    let err = call(&strategy, &transport)
        .await
        .expect_err("both attempts time out");
    assert!(err.to_string().contains("second"), "{err}");
    assert_eq!(
        strategy.quota().available(),
        490,
        "a retry after a timeout costs 10"
    );
}

#[tokio::test(start_paused = true)]
async fn a_slow_transport_hits_the_attempt_timeout_and_is_retried() {
    let slow = ReplayClient::from_fn(|_| Ok(response(200, &[], "late")));
    // A transport whose answers take longer than the attempt timeout.
    struct Delayed(ReplayClient);
    impl HttpClient for Delayed {
        fn dispatch(&self, request: HttpRequest) -> DispatchFuture {
            let inner = self.0.dispatch(request);
            Box::pin(async move {
                tokio::time::sleep(Duration::from_secs(5)).await;
                inner.await
            })
        }
    }
    let delayed = Delayed(slow.clone());
    let strategy = strategy(2);
    let result = run_with_retries(&strategy, "Slow", |_| {
        let dispatch = delayed.dispatch(http::Request::new(Vec::new()));
        async move {
            let result = with_attempt_timeout(Some(Duration::from_millis(300)), dispatch).await;
            let classification = match &result {
                Ok(_) => RetryClassification::success(),
                Err(err) => RetryClassification::dispatch_failure(err),
            };
            AttemptOutcome::new(result, classification)
        }
    })
    .await;
    assert!(result.expect_err("every attempt is too slow").is_timeout());
    assert_eq!(slow.request_count(), 2);
}

#[tokio::test(start_paused = true)]
async fn retry_after_hints_lengthen_the_wait() {
    let transport = ReplayClient::with_responses([
        response(503, &[("x-amz-retry-after", "1500")], ""),
        response(429, &[("retry-after", "2")], ""),
        response(200, &[], ""),
    ]);
    let started = Instant::now();
    call(&strategy(3), &transport).await.expect("answers");
    assert_eq!(started.elapsed(), Duration::from_millis(1500 + 2000));
}

#[tokio::test(start_paused = true)]
async fn a_spent_quota_stops_retrying_for_every_operation() {
    let quota = QuotaConfig {
        capacity: 7,
        ..QuotaConfig::default()
    };
    let config = RetryConfig::default()
        .with_initial_backoff(Duration::from_millis(10))
        .with_quota(quota);
    let strategy = RetryStrategy::new(config).with_jitter(FixedJitter(1.0));
    let transport = ReplayClient::from_fn(|_| Ok(response(503, &[], "")));

    let first = call(&strategy, &transport).await.expect("a response");
    assert_eq!(first.status(), 503);
    assert_eq!(
        transport.request_count(),
        2,
        "7 tokens pay for one retry of 5"
    );
    assert_eq!(strategy.quota().available(), 2);

    let shared = strategy.clone();
    call(&shared, &transport).await.expect("a response");
    assert_eq!(transport.request_count(), 3, "no retry without tokens");
}

#[tokio::test(start_paused = true)]
async fn the_operation_timeout_bounds_all_attempts_and_waits() {
    let transport = ReplayClient::from_fn(|_| Ok(response(500, &[], "")));
    let config = RetryConfig::default()
        .with_max_attempts(10)
        .with_initial_backoff(Duration::from_secs(1));
    let strategy = RetryStrategy::new(config).with_jitter(FixedJitter(1.0));
    let limit = Duration::from_millis(2500);
    let result = with_operation_timeout(Some(limit), call(&strategy, &transport)).await;
    assert_eq!(result.err(), Some(OperationTimedOut { timeout: limit }));
    // Attempts at 0 s, 1 s and 3 s: the third starts after the limit.
    assert_eq!(transport.request_count(), 2);
}
