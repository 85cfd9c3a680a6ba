//! Helpers shared by the credentials tests: a temporary home directory with AWS files, and
//! a small HTTP server on 127.0.0.1 that answers canned responses and stops by itself.

#![allow(dead_code)] // Each test file uses a different subset.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anvil_runtime::credentials::Env;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A value that must never appear in any printed output.
pub const CANARY: &str = "CANARY-SECRET-do-not-print-7f3a";

/// An RFC 3339 instant far in the future.
pub const FAR_FUTURE: &str = "2999-01-01T00:00:00Z";

/// A temporary directory used as `HOME`, removed when dropped.
pub struct TempHome {
    dir: tempfile::TempDir,
}

impl TempHome {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temporary directory"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `~/.aws/<name>`.
    pub fn write_aws_file(&self, name: &str, text: &str) -> PathBuf {
        self.write(&format!(".aws/{name}"), text)
    }

    /// Writes a file below the home directory.
    pub fn write(&self, relative: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("create directories");
        std::fs::write(&path, text).expect("write file");
        path
    }

    /// Writes an executable shell script and returns its path.
    #[cfg(unix)]
    pub fn write_script(&self, name: &str, body: &str) -> PathBuf {
        use std::os::unix::fs::PermissionsExt;
        let path = self.write(name, &format!("#!/bin/sh\n{body}\n"));
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
            .expect("make executable");
        path
    }

    /// An environment with `HOME` set to this directory, IMDS off, and `pairs`.
    pub fn env(&self, pairs: &[(&str, &str)]) -> Env {
        let home = self.path().to_str().expect("UTF-8 temp path").to_string();
        let mut all = vec![
            ("HOME".to_string(), home),
            ("AWS_EC2_METADATA_DISABLED".to_string(), "true".to_string()),
        ];
        all.extend(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        Env::from_pairs(all)
    }
}

/// One request the test server received.
#[derive(Clone, Debug)]
pub struct SeenRequest {
    pub method: String,
    pub path: String,
    /// Lowercase names, values as sent.
    pub headers: Vec<(String, String)>,
}

impl SeenRequest {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// A server on 127.0.0.1 answering each request with `respond(request)` = (status, body).
/// It stops after 20 s or when the test's runtime ends.
pub struct TestServer {
    pub base: String,
    pub seen: Arc<Mutex<Vec<SeenRequest>>>,
}

impl TestServer {
    pub async fn start(
        respond: impl Fn(&SeenRequest) -> (u16, String) + Send + Sync + 'static,
    ) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        let respond = Arc::new(respond);
        tokio::spawn(async move {
            let serve = async {
                loop {
                    let Ok((mut stream, _)) = listener.accept().await else {
                        return;
                    };
                    let Some(request) = read_head(&mut stream).await else {
                        continue;
                    };
                    log.lock().expect("log").push(request.clone());
                    let (status, body) = respond(&request);
                    let response = format!(
                        "HTTP/1.1 {status} X\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                        body.len()
                    );
                    let _ = stream.write_all(response.as_bytes()).await;
                    let _ = stream.shutdown().await;
                }
            };
            let _ = tokio::time::timeout(Duration::from_secs(20), serve).await;
        });
        Self { base, seen }
    }

    pub fn requests(&self) -> Vec<SeenRequest> {
        self.seen.lock().expect("log").clone()
    }
}

async fn read_head(stream: &mut tokio::net::TcpStream) -> Option<SeenRequest> {
    let mut bytes = Vec::new();
    let mut chunk = [0_u8; 1024];
    while !bytes.windows(4).any(|window| window == b"\r\n\r\n") {
        let read = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut chunk))
            .await
            .ok()?
            .ok()?;
        if read == 0 || bytes.len() > 64 * 1024 {
            return None;
        }
        bytes.extend_from_slice(&chunk[..read]);
    }
    let text = String::from_utf8_lossy(&bytes);
    let mut lines = text.split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let method = request_line.next()?.to_string();
    let path = request_line.next()?.to_string();
    let headers = lines
        .take_while(|line| !line.is_empty())
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_string()))
        .collect();
    Some(SeenRequest {
        method,
        path,
        headers,
    })
}

/// A base URL on 127.0.0.1 where nothing listens (connections are refused).
pub async fn closed_port_base() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let address = listener.local_addr().expect("address");
    drop(listener);
    format!("http://{address}")
}

/// A credentials JSON document as the container endpoint and IMDS return it.
pub fn metadata_document(access_key_id: &str, secret: &str, expiration: &str) -> String {
    format!(
        r#"{{"Code":"Success","Type":"AWS-HMAC","AccessKeyId":"{access_key_id}","SecretAccessKey":"{secret}","Token":"TOKEN-{access_key_id}","Expiration":"{expiration}"}}"#
    )
}

/// An IMDSv2 responder: token, one role, that role's credentials document.
pub fn imds_responder(document: String) -> impl Fn(&SeenRequest) -> (u16, String) + Send + Sync {
    move |request| match (request.method.as_str(), request.path.as_str()) {
        ("PUT", "/latest/api/token") => (200, "IMDS-SESSION-TOKEN".to_string()),
        (_, path) if request.header("x-aws-ec2-metadata-token") != Some("IMDS-SESSION-TOKEN") => {
            (401, format!("missing token for {path}"))
        }
        ("GET", "/latest/meta-data/iam/security-credentials/") => (200, "test-role\n".to_string()),
        ("GET", "/latest/meta-data/iam/security-credentials/test-role") => (200, document.clone()),
        _ => (404, String::new()),
    }
}
