//! [`TestServer`]: answers each request on 127.0.0.1 with the next scripted [`Action`],
//! after checking its signature, and records every attempt.

use std::collections::VecDeque;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::http1::{read_request, write_response};
use crate::sigv4::{PathRules, RawRequest, Verified, verify};

/// How long a connection may take to send its request.
const READ_TIMEOUT: Duration = Duration::from_secs(10);

/// A scripted answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    /// The HTTP status.
    pub status: u16,
    /// Headers besides `Content-Length`, `Connection` and the request id.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Reply {
    /// A reply with this status, content type and body.
    pub fn new(status: u16, content_type: &str, body: &str) -> Self {
        Self {
            status,
            headers: vec![("Content-Type".to_string(), content_type.to_string())],
            body: body.as_bytes().to_vec(),
        }
    }

    /// An `awsJson1_1` reply.
    pub fn aws_json(status: u16, body: &str) -> Self {
        Self::new(status, "application/x-amz-json-1.1", body)
    }

    /// A `restJson1` reply.
    pub fn rest_json(status: u16, body: &str) -> Self {
        Self::new(status, "application/json", body)
    }

    /// An `awsJson1_1` error: `__type` in the body.
    pub fn aws_json_error(status: u16, code: &str, message: &str) -> Self {
        let body = serde_json::json!({"__type": code, "message": message});
        Self::aws_json(status, &body.to_string())
    }

    /// A `restJson1` error: the `X-Amzn-ErrorType` header and a message in the body.
    pub fn rest_json_error(status: u16, code: &str, message: &str) -> Self {
        let body = serde_json::json!({"message": message});
        Self::rest_json(status, &body.to_string()).header("X-Amzn-ErrorType", code)
    }

    /// Adds a header.
    #[must_use]
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }
}

/// What the server does with one request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Answers at once.
    Reply(Reply),
    /// Answers after this long (to outlast an attempt timeout).
    Delay(Duration, Reply),
    /// Reads the request, then closes the connection without a word.
    Drop,
}

/// One request the server received.
#[derive(Clone, Debug)]
pub struct Attempt {
    /// When its head and body had been read.
    pub received: Instant,
    /// The request.
    pub request: RawRequest,
    /// The signature check: the verified claims, or why it failed.
    pub signature: Result<Verified, String>,
    /// The status answered, or `None` for a dropped connection.
    pub answered: Option<u16>,
}

/// What the server and the test share.
#[derive(Default)]
struct Shared {
    script: Mutex<VecDeque<Action>>,
    attempts: Mutex<Vec<Attempt>>,
    /// Connections that did not carry a readable request.
    broken: Mutex<Vec<String>>,
    served: AtomicUsize,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A test that panicked while holding the lock has failed already; the data is still
    // worth reading for its report.
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A scripted HTTP/1.1 server on an ephemeral port of 127.0.0.1, one thread per
/// connection, one request per connection. Stops when dropped.
///
/// Each request's SigV4 signature is recomputed with [`crate::sigv4`] and the secret key of
/// the access key it names; one that does not verify is answered `403
/// InvalidSignatureException` without using the script. Requests beyond the script are
/// answered `400 UnscriptedRequest` (an error no client retries).
pub struct TestServer {
    address: SocketAddr,
    shared: Arc<Shared>,
    stopping: Arc<AtomicBool>,
    acceptor: Option<JoinHandle<()>>,
}

impl TestServer {
    /// Starts a server that knows the secret key of `access_key_id`.
    pub fn start(access_key_id: &str, secret_access_key: &str) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let address = listener.local_addr().expect("the bound address");
        let shared = Arc::new(Shared::default());
        let stopping = Arc::new(AtomicBool::new(false));
        let keys = Arc::new((access_key_id.to_string(), secret_access_key.to_string()));
        let acceptor = {
            let (shared, stopping) = (Arc::clone(&shared), Arc::clone(&stopping));
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stopping.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let (shared, keys) = (Arc::clone(&shared), Arc::clone(&keys));
                    std::thread::spawn(move || serve(&stream, &shared, &keys));
                }
            })
        };
        Self {
            address,
            shared,
            stopping,
            acceptor: Some(acceptor),
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// Adds an action to the end of the script.
    pub fn push(&self, action: Action) -> &Self {
        lock(&self.shared.script).push_back(action);
        self
    }

    /// Adds an immediate reply to the end of the script.
    pub fn reply(&self, reply: Reply) -> &Self {
        self.push(Action::Reply(reply))
    }

    /// Every request received so far, in order of arrival.
    pub fn attempts(&self) -> Vec<Attempt> {
        lock(&self.shared.attempts).clone()
    }

    /// How many requests were received.
    pub fn attempt_count(&self) -> usize {
        lock(&self.shared.attempts).len()
    }

    /// Scripted actions not used yet.
    pub fn unused_actions(&self) -> usize {
        lock(&self.shared.script).len()
    }

    /// Panics unless every request received verified and every connection carried a
    /// readable request; returns the attempts.
    pub fn assert_all_signed(&self) -> Vec<Attempt> {
        let broken = lock(&self.shared.broken).clone();
        assert!(broken.is_empty(), "unreadable connections: {broken:?}");
        let attempts = self.attempts();
        for (index, attempt) in attempts.iter().enumerate() {
            if let Err(error) = &attempt.signature {
                panic!("attempt {} is not signed right: {error}", index + 1);
            }
        }
        attempts
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        // Wakes the acceptor so it sees the flag.
        let _ = TcpStream::connect(self.address);
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }
}

/// Reads one request from `stream`, records it and answers it.
fn serve(stream: &TcpStream, shared: &Shared, (access_key_id, secret): &(String, String)) {
    let _ = stream.set_read_timeout(Some(READ_TIMEOUT));
    let request = match read_request(stream) {
        Ok(request) => request,
        Err(error) => {
            // The server's own wake-up connection sends nothing; anything else counts.
            if !error.contains("closed before the request head") {
                lock(&shared.broken).push(error);
            }
            return;
        }
    };
    let received = Instant::now();
    let signature = verify(&request, secret, PathRules::default()).and_then(|verified| {
        if verified.authorization.access_key_id == *access_key_id {
            Ok(verified)
        } else {
            Err(format!(
                "signed with access key {}, not {access_key_id}",
                verified.authorization.access_key_id
            ))
        }
    });
    let action = match &signature {
        Ok(_) => lock(&shared.script).pop_front().unwrap_or_else(|| {
            Action::Reply(Reply::aws_json_error(
                400,
                "UnscriptedRequest",
                "the test server has no scripted answer left",
            ))
        }),
        Err(error) => Action::Reply(Reply::aws_json_error(
            403,
            "InvalidSignatureException",
            error,
        )),
    };
    let number = shared.served.fetch_add(1, Ordering::SeqCst) + 1;
    let (delay, reply) = match action {
        Action::Reply(reply) => (None, Some(reply)),
        Action::Delay(delay, reply) => (Some(delay), Some(reply)),
        Action::Drop => (None, None),
    };
    lock(&shared.attempts).push(Attempt {
        received,
        request,
        signature,
        answered: reply.as_ref().map(|reply| reply.status),
    });
    let Some(reply) = reply else {
        return;
    };
    if let Some(delay) = delay {
        std::thread::sleep(delay);
    }
    let mut headers = reply.headers;
    if !headers
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("x-amzn-requestid"))
    {
        headers.push((
            "x-amzn-RequestId".to_string(),
            format!("test-request-{number}"),
        ));
    }
    // The client may have given up (attempt timeout); that is its business.
    let _ = write_response(stream, reply.status, &headers, &reply.body);
}

/// `http://127.0.0.1:PORT` for a port nothing listens on (bound, then released), so that
/// connecting is refused.
pub fn refused_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    let address = listener.local_addr().expect("the bound address");
    drop(listener);
    format!("http://{address}")
}
