//! The preview's HTTP layer, on hyper: GET and HEAD on the loopback
//! interface, for the preview's own address only.
//!
//! Everything a page on another origin could use against the preview is
//! bounded here: requests naming another host are refused (DNS rebinding
//! would otherwise let any web site read the preview, problem reports with
//! excerpts of private files included), a request head is capped in bytes
//! and in time, connections are multiplexed over a fixed number of threads,
//! and pages are rendered on a bounded pool.

use std::convert::Infallible;
use std::io;
use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::channel::Channel;
use http_body_util::{Either, Full};
use hyper::body::Incoming;
use hyper::header::{self, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::sync::Semaphore;

/// Threads that accept connections and parse requests; they never render.
const NETWORK_THREADS: usize = 2;
/// Threads that render pages; further requests wait for one.
pub(crate) const RENDER_THREADS: usize = 8;
/// Open connections at once; further ones wait in the kernel's backlog.
const MAX_CONNECTIONS: usize = 512;
/// The request line and headers together. Browsers send a few kilobytes;
/// a larger head is answered 431 and its connection closed.
pub(crate) const MAX_HEAD_BYTES: usize = 16 * 1024;
/// A connection that has not sent a whole request head by then is closed.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);

/// The policy of the published site (no inline script or style, nothing
/// from another origin), sent with every response so that the preview
/// fails where the published site would.
pub(crate) const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' data:; \
     style-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; \
     base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

pub(crate) struct Request {
    /// Percent-decoded path without query string, always starting with `/`.
    pub path: String,
}

pub(crate) enum Response {
    Body {
        status: u16,
        content_type: &'static str,
        body: Vec<u8>,
    },
    /// A body that stays open and is written as things happen
    /// (server-sent events).
    Events(Channel<Bytes>),
}

impl Response {
    pub(crate) fn ok(content_type: &'static str, body: Vec<u8>) -> Self {
        Response::Body {
            status: 200,
            content_type,
            body,
        }
    }

    pub(crate) fn text(status: u16, message: impl Into<String>) -> Self {
        Response::Body {
            status,
            content_type: "text/plain; charset=utf-8",
            body: message.into().into_bytes(),
        }
    }
}

pub(crate) type Handler = dyn Fn(&Request) -> Response + Send + Sync;

type Body = Either<Full<Bytes>, Channel<Bytes>>;

/// Serves `handler` on `listener` until the process ends.
pub(crate) fn serve(listener: TcpListener, handler: Arc<Handler>) -> io::Result<()> {
    let port = listener.local_addr()?.port();
    let hosts = Arc::new(AllowedHosts::for_port(port));
    listener.set_nonblocking(true)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(NETWORK_THREADS)
        .max_blocking_threads(RENDER_THREADS)
        .thread_name("pakta-serve")
        .enable_io()
        .enable_time()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
        loop {
            let slot = Arc::clone(&slots)
                .acquire_owned()
                .await
                .expect("the semaphore is never closed");
            // Accepting fails for one connection at a time (it was reset, or
            // file descriptors ran out for a moment); the server goes on.
            let Ok((stream, _)) = listener.accept().await else {
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            };
            let handler = Arc::clone(&handler);
            let hosts = Arc::clone(&hosts);
            tokio::spawn(async move {
                let service = service_fn(move |request| {
                    answer(request, Arc::clone(&handler), Arc::clone(&hosts))
                });
                // A connection's errors (a head too large or too slow, a
                // client gone) end that connection only.
                let _ = http1::Builder::new()
                    .timer(TokioTimer::new())
                    .header_read_timeout(HEAD_TIMEOUT)
                    .max_buf_size(MAX_HEAD_BYTES)
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
                drop(slot);
            });
        }
    })
}

async fn answer(
    request: hyper::Request<Incoming>,
    handler: Arc<Handler>,
    hosts: Arc<AllowedHosts>,
) -> Result<hyper::Response<Body>, Infallible> {
    let response = if !hosts.allows(&request) {
        Response::text(
            403,
            format!(
                "pakta serve answers only requests for {}\n",
                hosts.names.join(" or ")
            ),
        )
    } else if request.method() != Method::GET && request.method() != Method::HEAD {
        Response::text(405, "only GET and HEAD\n")
    } else {
        let request = Request {
            path: percent_decode(request.uri().path()),
        };
        // Rendering is CPU work and may block; it runs on the bounded pool
        // so the network threads keep answering live-reload streams.
        match tokio::task::spawn_blocking(move || handler(&request)).await {
            Ok(response) => response,
            Err(_) => Response::text(
                500,
                "pakta failed while answering this request; see the terminal\n",
            ),
        }
    };
    Ok(into_hyper(response))
}

fn into_hyper(response: Response) -> hyper::Response<Body> {
    let (status, content_type, body) = match response {
        Response::Body {
            status,
            content_type,
            body,
        } => (
            status,
            content_type,
            Either::Left(Full::new(Bytes::from(body))),
        ),
        Response::Events(channel) => (200, "text/event-stream", Either::Right(channel)),
    };
    let mut response = hyper::Response::new(body);
    *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// The names the preview answers to: the address it is bound to, and
/// `localhost`, both with its port.
struct AllowedHosts {
    names: Vec<String>,
}

impl AllowedHosts {
    fn for_port(port: u16) -> Self {
        AllowedHosts {
            names: vec![format!("127.0.0.1:{port}"), format!("localhost:{port}")],
        }
    }

    /// A request names its host in an absolute target or else in `Host`;
    /// a request naming none is refused too.
    fn allows<B>(&self, request: &hyper::Request<B>) -> bool {
        let named = match request.uri().authority() {
            Some(authority) => Some(authority.as_str()),
            None => request
                .headers()
                .get(header::HOST)
                .and_then(|host| host.to_str().ok()),
        };
        named.is_some_and(|host| self.allows_name(host))
    }

    fn allows_name(&self, host: &str) -> bool {
        self.names
            .iter()
            .any(|name| name.eq_ignore_ascii_case(host.trim()))
    }
}

fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&high), Some(&low)) => hex(high).zip(hex(low)),
            _ => None,
        };
        match escaped {
            Some((high, low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The content type for a file name, by its extension.
pub(crate) fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "gz" => "application/gzip",
        "xml" => "application/xml",
        "atom" => "application/atom+xml",
        "ics" => "text/calendar; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("/a%20b/%C3%A9"), "/a b/é");
        assert_eq!(percent_decode("/100%"), "/100%");
        assert_eq!(percent_decode("/%zz"), "/%zz");
        assert_eq!(percent_decode("/%é"), "/%é");
    }

    fn request(target: &str, host: Option<&str>) -> hyper::Request<()> {
        let mut builder = hyper::Request::builder().uri(target);
        if let Some(host) = host {
            builder = builder.header(header::HOST, host);
        }
        builder.body(()).unwrap()
    }

    #[test]
    fn only_the_previews_own_host_is_answered() {
        let hosts = AllowedHosts::for_port(8000);
        assert!(hosts.allows(&request("/", Some("127.0.0.1:8000"))));
        assert!(hosts.allows(&request("/", Some("LocalHost:8000"))));
        assert!(!hosts.allows(&request("/", Some("evil.example:8000"))));
        assert!(!hosts.allows(&request("/", Some("localhost"))));
        assert!(!hosts.allows(&request("/", Some("localhost:8001"))));
        assert!(!hosts.allows(&request("/", Some("127.0.0.1:8000.evil.example"))));
        assert!(!hosts.allows(&request("/", None)));
        assert!(!hosts.allows(&request(
            "http://evil.example:8000/",
            Some("127.0.0.1:8000")
        )));
        assert!(hosts.allows(&request("http://localhost:8000/", None)));
    }
}
