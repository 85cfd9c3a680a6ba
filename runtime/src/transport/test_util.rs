//! A recording, replaying [`HttpClient`] for tests (feature `test-util`).

use std::collections::VecDeque;
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};

use super::{DispatchError, DispatchFuture, HttpClient, HttpRequest, HttpResponse};

type Responder = dyn FnMut(&HttpRequest) -> Result<HttpResponse, DispatchError> + Send;

/// Where a [`ReplayClient`] takes its answers from.
enum Answers {
    Queue(VecDeque<Result<HttpResponse, DispatchError>>),
    Function(Box<Responder>),
}

struct State {
    answers: Answers,
    recorded: Vec<HttpRequest>,
}

/// An [`HttpClient`] that never touches the network: it records every request it is given
/// and answers from a queue of canned results, or from a function of the request.
///
/// Clones share the queue and the record, so a test can keep one clone to inspect after
/// handing another to the code under test. When the queue is empty, dispatch fails with a
/// non-retryable [`DispatchError`] naming the request.
///
/// ```
/// use anvil_runtime::transport::HttpClient;
/// use anvil_runtime::transport::test_util::ReplayClient;
///
/// # let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
/// # runtime.block_on(async {
/// let replay = ReplayClient::new();
/// replay.push_response(http::Response::builder().status(200).body(b"{}".to_vec()).unwrap());
///
/// let request = http::Request::post("https://example.com/").body(b"hi".to_vec()).unwrap();
/// let response = replay.dispatch(request).await.unwrap();
/// assert_eq!(response.status(), 200);
/// assert_eq!(replay.requests()[0].body(), b"hi");
/// # });
/// ```
#[derive(Clone)]
pub struct ReplayClient {
    state: Arc<Mutex<State>>,
}

impl fmt::Debug for ReplayClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.lock();
        let queued = match &state.answers {
            Answers::Queue(queue) => Some(queue.len()),
            Answers::Function(_) => None,
        };
        f.debug_struct("ReplayClient")
            .field("queued", &queued)
            .field("recorded", &state.recorded.len())
            .finish()
    }
}

impl Default for ReplayClient {
    fn default() -> Self {
        Self::new()
    }
}

impl ReplayClient {
    /// A client with an empty queue; add answers with [`push_response`](Self::push_response)
    /// and [`push_error`](Self::push_error).
    pub fn new() -> Self {
        Self::with_answers(Answers::Queue(VecDeque::new()))
    }

    /// A client that answers with these responses, in order.
    pub fn with_responses(responses: impl IntoIterator<Item = HttpResponse>) -> Self {
        Self::with_answers(Answers::Queue(responses.into_iter().map(Ok).collect()))
    }

    /// A client that answers each request with `respond(&request)`.
    pub fn from_fn(
        respond: impl FnMut(&HttpRequest) -> Result<HttpResponse, DispatchError> + Send + 'static,
    ) -> Self {
        Self::with_answers(Answers::Function(Box::new(respond)))
    }

    fn with_answers(answers: Answers) -> Self {
        let state = State {
            answers,
            recorded: Vec::new(),
        };
        Self {
            state: Arc::new(Mutex::new(state)),
        }
    }

    /// Queues a response. Has no effect on a client built with [`from_fn`](Self::from_fn).
    pub fn push_response(&self, response: HttpResponse) {
        self.push(Ok(response));
    }

    /// Queues a failed dispatch. Has no effect on a client built with
    /// [`from_fn`](Self::from_fn).
    pub fn push_error(&self, error: DispatchError) {
        self.push(Err(error));
    }

    fn push(&self, answer: Result<HttpResponse, DispatchError>) {
        if let Answers::Queue(queue) = &mut self.lock().answers {
            queue.push_back(answer);
        }
    }

    /// Copies of the requests dispatched so far, oldest first (extensions are not copied).
    pub fn requests(&self) -> Vec<HttpRequest> {
        self.lock().recorded.iter().map(copy_request).collect()
    }

    /// How many requests were dispatched so far.
    pub fn request_count(&self) -> usize {
        self.lock().recorded.len()
    }

    /// How many queued answers are left (zero for a client built with
    /// [`from_fn`](Self::from_fn)).
    pub fn remaining(&self) -> usize {
        match &self.lock().answers {
            Answers::Queue(queue) => queue.len(),
            Answers::Function(_) => 0,
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A test that panicked while holding the lock leaves consistent data behind.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl HttpClient for ReplayClient {
    fn dispatch(&self, request: HttpRequest) -> DispatchFuture {
        let mut state = self.lock();
        let answer = match &mut state.answers {
            Answers::Queue(queue) => queue.pop_front().unwrap_or_else(|| {
                Err(DispatchError::other(format!(
                    "ReplayClient has no response queued for {} {}",
                    request.method(),
                    request.uri()
                )))
            }),
            Answers::Function(respond) => respond(&request),
        };
        state.recorded.push(request);
        drop(state);
        Box::pin(async move { answer })
    }
}

/// A copy of `request`'s method, URI, version, headers and body.
fn copy_request(request: &HttpRequest) -> HttpRequest {
    let mut copy = http::Request::new(request.body().clone());
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.version_mut() = request.version();
    *copy.headers_mut() = request.headers().clone();
    copy
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(path: &str) -> HttpRequest {
        http::Request::get(path)
            .body(Vec::new())
            .expect("valid request")
    }

    fn response(status: u16) -> HttpResponse {
        http::Response::builder()
            .status(status)
            .body(Vec::new())
            .expect("valid response")
    }

    fn run<F: std::future::Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime")
            .block_on(future)
    }

    #[test]
    fn queue_is_replayed_in_order_then_runs_dry() {
        let replay = ReplayClient::with_responses([response(503), response(200)]);
        replay.push_error(DispatchError::timeout("slow"));
        run(async {
            let first = replay.dispatch(request("/a")).await.expect("queued");
            assert_eq!(first.status(), 503);
            let second = replay.dispatch(request("/b")).await.expect("queued");
            assert_eq!(second.status(), 200);
            let third = replay
                .dispatch(request("/c"))
                .await
                .expect_err("queued error");
            assert!(third.is_timeout());
            let dry = replay
                .dispatch(request("/d"))
                .await
                .expect_err("queue is empty");
            assert!(!dry.is_retryable());
            assert!(dry.to_string().contains("GET /d"), "{dry}");
        });
        let paths: Vec<_> = replay
            .requests()
            .iter()
            .map(|r| r.uri().to_string())
            .collect();
        assert_eq!(paths, ["/a", "/b", "/c", "/d"]);
        assert_eq!(replay.remaining(), 0);
    }

    #[test]
    fn function_answers_from_the_request_and_clones_share_the_record() {
        let replay = ReplayClient::from_fn(|request| {
            let status = if request.uri().path() == "/missing" {
                404
            } else {
                200
            };
            Ok(response(status))
        });
        let handed_out = replay.clone();
        run(async {
            assert_eq!(
                handed_out
                    .dispatch(request("/missing"))
                    .await
                    .expect("answer")
                    .status(),
                404
            );
            assert_eq!(
                handed_out
                    .dispatch(request("/here"))
                    .await
                    .expect("answer")
                    .status(),
                200
            );
        });
        assert_eq!(replay.request_count(), 2);
    }
}
