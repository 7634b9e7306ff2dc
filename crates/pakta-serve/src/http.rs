//! A deliberately small HTTP/1.1 server for local preview: GET and HEAD,
//! one thread per connection, bound to the loopback interface only.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Duration;

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
    /// The handler takes over the connection (server-sent events).
    Stream(Box<dyn FnOnce(TcpStream) + Send>),
}

impl Response {
    pub(crate) fn ok(content_type: &'static str, body: Vec<u8>) -> Self {
        Response::Body {
            status: 200,
            content_type,
            body,
        }
    }

    pub(crate) fn not_found(body: Vec<u8>) -> Self {
        Response::Body {
            status: 404,
            content_type: "text/html; charset=utf-8",
            body,
        }
    }
}

pub(crate) type Handler = dyn Fn(&Request) -> Response + Send + Sync;

/// Serves `handler` on `listener` until the process ends.
pub(crate) fn serve(listener: TcpListener, handler: Arc<Handler>) {
    for stream in listener.incoming().flatten() {
        let handler = Arc::clone(&handler);
        std::thread::spawn(move || {
            let _ = handle(stream, &*handler);
        });
    }
}

fn handle(stream: TcpStream, handler: &Handler) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
    }
    let mut parts = request_line.split_whitespace();
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
        return write_response(stream, 400, "text/plain", b"bad request", false);
    };
    if method != "GET" && method != "HEAD" {
        return write_response(stream, 405, "text/plain", b"only GET and HEAD", false);
    }
    let raw_path = target.split(['?', '#']).next().unwrap_or("/");
    let request = Request {
        path: percent_decode(raw_path),
    };
    match handler(&request) {
        Response::Body {
            status,
            content_type,
            body,
        } => write_response(stream, status, content_type, &body, method == "HEAD"),
        Response::Stream(take_over) => {
            take_over(stream);
            Ok(())
        }
    }
}

fn write_response(
    mut stream: TcpStream,
    status: u16,
    content_type: &str,
    body: &[u8],
    head_only: bool,
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Error",
    };
    write!(
        stream,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
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
}
