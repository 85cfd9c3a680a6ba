//! The default hyper client against small HTTP/1.1 servers on 127.0.0.1 started by each test.
#![cfg(feature = "default-https-client")]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use anvil_runtime::retry::{
    AttemptOutcome, FixedJitter, RetryClassification, RetryConfig, RetryStrategy, run_with_retries,
};
use anvil_runtime::transport::{
    DispatchErrorKind, HttpClient, HyperClient, TimeoutConfig, with_attempt_timeout,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// How the test server treats each request it reads.
#[derive(Clone, Copy)]
enum Behaviour {
    /// Answers `200` with the request's method, path and body, keeping the connection open.
    Echo,
    /// Waits this long before answering.
    Slow(Duration),
    /// Closes the connection without answering.
    Hang,
    /// Writes a plain-text line as soon as the connection opens, then closes it.
    PlainTextGreeting,
    /// Answers the first `n` requests with `503` and a retry hint, then echoes.
    UnavailableFirst(usize),
}

/// A local server; it lives as long as the test's runtime.
struct TestServer {
    url: String,
    accepted: Arc<AtomicUsize>,
    requests: Arc<AtomicUsize>,
}

impl TestServer {
    async fn start(behaviour: Behaviour) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let url = format!("http://{}", listener.local_addr().expect("local address"));
        let accepted = Arc::new(AtomicUsize::new(0));
        let requests = Arc::new(AtomicUsize::new(0));
        let (accept_count, request_count) = (accepted.clone(), requests.clone());
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                accept_count.fetch_add(1, Ordering::SeqCst);
                tokio::spawn(serve(stream, behaviour, request_count.clone()));
            }
        });
        Self {
            url,
            accepted,
            requests,
        }
    }

    fn accepted(&self) -> usize {
        self.accepted.load(Ordering::SeqCst)
    }

    fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

/// Serves requests on one connection until the client closes it.
async fn serve(mut stream: TcpStream, behaviour: Behaviour, requests: Arc<AtomicUsize>) {
    if let Behaviour::PlainTextGreeting = behaviour {
        let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\n\r\n").await;
        return;
    }
    let mut buffer = Vec::new();
    while let Some((head, body)) = read_request(&mut stream, &mut buffer).await {
        let number = requests.fetch_add(1, Ordering::SeqCst) + 1;
        let response = match behaviour {
            Behaviour::Hang | Behaviour::PlainTextGreeting => return,
            Behaviour::Slow(delay) => {
                tokio::time::sleep(delay).await;
                echo(&head, &body)
            }
            Behaviour::UnavailableFirst(n) if number <= n => {
                "HTTP/1.1 503 Service Unavailable\r\nx-amz-retry-after: 5\r\ncontent-length: 0\r\n\r\n"
                    .to_owned()
            }
            Behaviour::Echo | Behaviour::UnavailableFirst(_) => echo(&head, &body),
        };
        if stream.write_all(response.as_bytes()).await.is_err() {
            return;
        }
    }
}

fn echo(head: &str, body: &[u8]) -> String {
    let request_line = head.lines().next().unwrap_or_default();
    let text = format!("{request_line}|{}", String::from_utf8_lossy(body));
    format!(
        "HTTP/1.1 200 OK\r\ncontent-length: {}\r\n\r\n{text}",
        text.len()
    )
}

/// Reads one request (head and `content-length` body); `None` once the connection closes.
async fn read_request(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<(String, Vec<u8>)> {
    let head_end = loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        read_more(stream, buffer).await?;
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let length = head
        .lines()
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.trim().parse::<usize>().ok())
        .unwrap_or(0);
    while buffer.len() < head_end + length {
        read_more(stream, buffer).await?;
    }
    let body = buffer[head_end..head_end + length].to_vec();
    buffer.drain(..head_end + length);
    Some((head, body))
}

async fn read_more(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<()> {
    let mut chunk = [0u8; 4096];
    match stream.read(&mut chunk).await {
        Ok(0) | Err(_) => None,
        Ok(n) => {
            buffer.extend_from_slice(&chunk[..n]);
            Some(())
        }
    }
}

/// `error` and its sources, one per line.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push('\n');
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

fn client() -> HyperClient {
    HyperClient::new(&TimeoutConfig::default()).expect("the system has root certificates")
}

fn post(url: &str, path: &str, body: &str) -> http::Request<Vec<u8>> {
    http::Request::post(format!("{url}{path}"))
        .header("content-type", "application/json")
        .body(body.as_bytes().to_vec())
        .expect("valid request")
}

#[tokio::test]
async fn sequential_requests_reuse_one_kept_alive_connection() {
    let server = TestServer::start(Behaviour::Echo).await;
    let client = client();
    for n in 0..3 {
        let request = post(
            &server.url,
            &format!("/call/{n}"),
            &format!("{{\"n\":{n}}}"),
        );
        let response = client.dispatch(request).await.expect("server answers");
        assert_eq!(response.status(), 200);
        let text = String::from_utf8(response.into_body()).expect("text");
        assert_eq!(text, format!("POST /call/{n} HTTP/1.1|{{\"n\":{n}}}"));
    }
    assert_eq!(server.requests(), 3);
    assert_eq!(server.accepted(), 1, "the pooled connection is reused");
}

#[tokio::test]
async fn clones_share_the_connection_pool() {
    let server = TestServer::start(Behaviour::Echo).await;
    let first = client();
    let second = first.clone();
    first
        .dispatch(post(&server.url, "/a", ""))
        .await
        .expect("answer");
    second
        .dispatch(post(&server.url, "/b", ""))
        .await
        .expect("answer");
    assert_eq!(server.accepted(), 1);
}

#[tokio::test]
async fn attempt_timeout_cuts_off_a_slow_server() {
    let server = TestServer::start(Behaviour::Slow(Duration::from_secs(30))).await;
    let client = client();
    let dispatch = client.dispatch(post(&server.url, "/slow", ""));
    let err = with_attempt_timeout(Some(Duration::from_millis(200)), dispatch)
        .await
        .expect_err("the server is too slow");
    assert_eq!(err.kind(), DispatchErrorKind::Timeout);
    assert!(err.is_retryable());
}

#[tokio::test]
async fn a_dropped_connection_is_a_retryable_io_error() {
    let server = TestServer::start(Behaviour::Hang).await;
    let err = client()
        .dispatch(post(&server.url, "/drop", "{}"))
        .await
        .expect_err("the server hangs up");
    assert_eq!(err.kind(), DispatchErrorKind::Io, "{err}");
    assert!(err.is_retryable(), "{err}");
}

#[tokio::test]
async fn a_refused_connection_is_a_retryable_connect_error() {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let url = format!("http://{}", listener.local_addr().expect("local address"));
    drop(listener);
    let err = client()
        .dispatch(post(&url, "/", ""))
        .await
        .expect_err("nothing listens there");
    assert_eq!(err.kind(), DispatchErrorKind::Connect, "{err}");
    assert!(err.is_retryable());
}

#[tokio::test]
async fn a_failed_tls_handshake_is_a_connect_error_not_worth_retrying() {
    // The server answers in plain text, so the TLS handshake reads garbage.
    let server = TestServer::start(Behaviour::PlainTextGreeting).await;
    let https_url = server.url.replace("http://", "https://");
    let dispatch = client().dispatch(post(&https_url, "/", ""));
    let err = with_attempt_timeout(Some(Duration::from_secs(10)), dispatch)
        .await
        .expect_err("no TLS there");
    assert_eq!(
        err.kind(),
        DispatchErrorKind::Connect,
        "{}",
        error_chain(&err)
    );
    assert!(!err.is_retryable(), "{}", error_chain(&err));
}

#[tokio::test]
async fn a_request_without_scheme_and_host_is_not_retryable() {
    let request = http::Request::get("/relative")
        .body(Vec::new())
        .expect("valid request");
    let err = client()
        .dispatch(request)
        .await
        .expect_err("no host to send to");
    assert!(!err.is_retryable(), "{err}");
}

#[tokio::test]
async fn the_retry_loop_rides_out_unavailable_responses() {
    let server = TestServer::start(Behaviour::UnavailableFirst(2)).await;
    let client = client();
    let config = RetryConfig::default()
        .with_initial_backoff(Duration::from_millis(1))
        .with_max_backoff(Duration::from_millis(20));
    let strategy = RetryStrategy::new(config).with_jitter(FixedJitter(1.0));
    let response = run_with_retries(&strategy, "Echo", |attempt| {
        let request = post(&server.url, "/retry", &format!("attempt {attempt}"));
        let dispatch = client.dispatch(request);
        async move {
            match with_attempt_timeout(Some(Duration::from_secs(5)), dispatch).await {
                Ok(response) if response.status().is_success() => {
                    AttemptOutcome::new(Ok(response), RetryClassification::success())
                }
                Ok(response) => {
                    let classification =
                        RetryClassification::error_response(response.status().as_u16())
                            .with_response_headers(response.headers());
                    AttemptOutcome::new(Ok(response), classification)
                }
                Err(err) => {
                    let classification = RetryClassification::dispatch_failure(&err);
                    AttemptOutcome::new(Err(err), classification)
                }
            }
        }
    })
    .await
    .expect("the third attempt succeeds");
    let text = String::from_utf8(response.into_body()).expect("text");
    assert_eq!(text, "POST /retry HTTP/1.1|attempt 3");
    assert_eq!(server.requests(), 3);
    assert_eq!(
        server.accepted(),
        1,
        "503 responses keep the connection alive"
    );
    assert_eq!(
        strategy.quota().available(),
        495,
        "two retries spent, the last one refunded"
    );
}

#[tokio::test]
async fn the_connect_timeout_applies_when_the_server_never_completes_the_handshake() {
    // A listener that never accepts, with a one-slot backlog: once the backlog is full the
    // kernel drops further SYNs, so new connections neither succeed nor fail.
    let socket = tokio::net::TcpSocket::new_v4().expect("socket");
    socket
        .bind("127.0.0.1:0".parse().expect("address"))
        .expect("bind loopback");
    let listener = socket.listen(1).expect("listen");
    let address = listener.local_addr().expect("local address");
    let mut fillers = Vec::new();
    for _ in 0..8 {
        let attempt = tokio::time::timeout(Duration::from_millis(200), TcpStream::connect(address));
        match attempt.await {
            Ok(Ok(stream)) => fillers.push(stream),
            Ok(Err(_)) | Err(_) => break,
        }
    }
    let timeouts = TimeoutConfig::default().with_connect(Some(Duration::from_millis(300)));
    let client = HyperClient::new(&timeouts).expect("the system has root certificates");
    let err = with_attempt_timeout(
        Some(Duration::from_secs(10)),
        client.dispatch(post(&format!("http://{address}"), "/", "")),
    )
    .await
    .expect_err("the handshake never completes");
    assert_eq!(err.kind(), DispatchErrorKind::Timeout, "{err}");
    assert!(
        !error_chain(&err).contains("attempt timeout"),
        "{}",
        error_chain(&err)
    );
    assert!(err.is_retryable());
}
