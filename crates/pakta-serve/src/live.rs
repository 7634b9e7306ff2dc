//! Live reload: the browser keeps a server-sent-events connection open and
//! is told to reload after a successful rebuild, or shown the problems of a
//! failed one in an overlay.

use std::io::Write;
use std::net::TcpStream;
use std::sync::{Condvar, Mutex};
use std::time::Duration;

pub(crate) const EVENTS_PATH: &str = "/__pakta/live";
pub(crate) const SCRIPT_PATH: &str = "/__pakta/live.js";

/// The script every served HTML page gets before `</body>`.
pub(crate) const SCRIPT: &str = r#"(() => {
  const events = new EventSource("/__pakta/live");
  let overlay = null;
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("problems", (event) => {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
        "background:rgba(20,20,20,.94);color:#fff;padding:2rem;font:14px/1.5 monospace";
      document.body.appendChild(overlay);
    }
    overlay.replaceChildren();
    const title = document.createElement("h2");
    title.textContent = "pakta: the last change has problems";
    title.style.cssText = "color:#ff8a80;font:bold 18px sans-serif;margin:0 0 1rem";
    const text = document.createElement("pre");
    text.textContent = JSON.parse(event.data);
    text.style.whiteSpace = "pre-wrap";
    overlay.append(title, text);
  });
})();
"#;

#[derive(Default)]
struct State {
    generation: u64,
    problems: Option<String>,
}

/// What the browsers are told after each rebuild.
#[derive(Default)]
pub(crate) struct Live {
    state: Mutex<State>,
    changed: Condvar,
}

impl Live {
    /// A rebuild finished; `problems` is the report of a failed one.
    pub(crate) fn publish(&self, problems: Option<String>) {
        let mut state = self.state.lock().expect("live state");
        state.generation += 1;
        state.problems = problems;
        self.changed.notify_all();
    }

    /// Holds one browser's event stream open until it goes away.
    pub(crate) fn stream(&self, mut stream: TcpStream) {
        let header = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\
                      Cache-Control: no-store\r\nConnection: keep-alive\r\n\r\n";
        if stream.write_all(header.as_bytes()).is_err() {
            return;
        }
        let mut state = self.state.lock().expect("live state");
        let mut seen = state.generation;
        if let Some(problems) = &state.problems
            && stream
                .write_all(problems_event(problems).as_bytes())
                .is_err()
        {
            return;
        }
        loop {
            let (next, timeout) = self
                .changed
                .wait_timeout_while(state, Duration::from_secs(15), |s| s.generation == seen)
                .expect("live state");
            state = next;
            let message = if timeout.timed_out() {
                ": keep-alive\n\n".to_string()
            } else {
                seen = state.generation;
                match &state.problems {
                    Some(problems) => problems_event(problems),
                    None => "event: reload\ndata: {}\n\n".to_string(),
                }
            };
            if stream
                .write_all(message.as_bytes())
                .and_then(|()| stream.flush())
                .is_err()
            {
                return;
            }
        }
    }
}

fn problems_event(problems: &str) -> String {
    let data = serde_json::to_string(problems).expect("strings serialise");
    format!("event: problems\ndata: {data}\n\n")
}

/// Adds the live-reload script to an HTML page.
pub(crate) fn inject(html: &[u8]) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT_PATH}\"></script>");
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(at) => format!("{}{tag}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_end_of_the_body() {
        let page = inject(b"<html><body><p>x</p></body></html>");
        assert_eq!(
            String::from_utf8(page).unwrap(),
            "<html><body><p>x</p><script src=\"/__pakta/live.js\"></script></body></html>"
        );
    }

    #[test]
    fn problems_travel_as_one_json_string() {
        assert_eq!(
            problems_event("error: a\n  --> b"),
            "event: problems\ndata: \"error: a\\n  --> b\"\n\n"
        );
    }
}
