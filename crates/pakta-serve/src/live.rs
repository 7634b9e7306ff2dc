//! Live reload: the browser keeps a server-sent-events connection open and
//! is told to reload after a successful rebuild, or shown the problems of a
//! failed one in an overlay.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::channel::{Channel, Sender};
use tokio::sync::watch;

use pakta_content::i18n::Texts;
use pakta_content::message::Message;

pub(crate) const EVENTS_PATH: &str = "/__pakta/live";
pub(crate) const SCRIPT_PATH: &str = "/__pakta/live.js";
pub(crate) const STYLE_PATH: &str = "/__pakta/live.css";

/// The script every served HTML page gets before `</body>`, with its
/// overlay heading still to be filled in (see [`script`]).
const SCRIPT: &str = include_str!("live.js");
/// The overlay's look, loaded by the script when it first shows problems.
pub(crate) const STYLE: &str = include_str!("live.css");

/// Event streams open at once. Each holds its connection for as long as a
/// tab is open; beyond this many they are refused (503) so that they
/// never crowd out page requests.
pub(crate) const MAX_STREAMS: usize = 16;

/// A comment line keeps idle streams alive and finds closed tabs.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The outcome of the latest rebuild: the report of a failed one.
type Outcome = Option<Arc<str>>;

/// What the browsers are told after each rebuild.
pub(crate) struct Live {
    outcome: watch::Sender<Outcome>,
    open: Arc<AtomicUsize>,
}

impl Default for Live {
    fn default() -> Self {
        Live {
            outcome: watch::Sender::new(None),
            open: Arc::default(),
        }
    }
}

/// Counts one open stream for as long as it lives.
struct OpenStream(Arc<AtomicUsize>);

impl Drop for OpenStream {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Live {
    /// A rebuild finished; `problems` is the report of a failed one.
    pub(crate) fn publish(&self, problems: Option<String>) {
        self.outcome.send_replace(problems.map(Arc::from));
    }

    /// A new browser's event stream, or `None` when too many are open.
    /// Must be called within the server's runtime, which writes to it.
    pub(crate) fn subscribe(&self) -> Option<Channel<Bytes>> {
        let taken = self
            .open
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |open| {
                (open < MAX_STREAMS).then_some(open + 1)
            });
        if taken.is_err() {
            return None;
        }
        let open = OpenStream(Arc::clone(&self.open));
        let (sender, channel) = Channel::new(1);
        tokio::spawn(stream(self.outcome.subscribe(), sender, open));
        Some(channel)
    }
}

/// Writes one browser's events until it goes away.
async fn stream(
    mut outcome: watch::Receiver<Outcome>,
    mut sender: Sender<Bytes>,
    _open: OpenStream,
) {
    let current = outcome.borrow_and_update().clone();
    if let Some(problems) = current
        && sender
            .send_data(problems_event(&problems).into())
            .await
            .is_err()
    {
        return;
    }
    loop {
        let message = match tokio::time::timeout(KEEP_ALIVE, outcome.changed()).await {
            Err(_) => ": keep-alive\n\n".to_string(),
            Ok(Err(_)) => return,
            Ok(Ok(())) => match &*outcome.borrow_and_update() {
                Some(problems) => problems_event(problems),
                None => "event: reload\ndata: {}\n\n".to_string(),
            },
        };
        if sender.send_data(message.into()).await.is_err() {
            return;
        }
    }
}

fn problems_event(problems: &str) -> String {
    let data = serde_json::to_string(problems).expect("strings serialise");
    format!("event: problems\ndata: {data}\n\n")
}

/// The live-reload script, its overlay heading in the language of `texts`.
pub(crate) fn script(texts: &Texts) -> String {
    let heading = Message::new("serve-overlay-heading").render(texts);
    let heading = serde_json::to_string(&heading).expect("strings serialise");
    SCRIPT.replace("PAKTA_OVERLAY_HEADING", &heading)
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
    fn the_overlay_heading_speaks_the_preview_language() {
        use pakta_content::i18n::Lang;
        let indonesian = script(Texts::default_for(Lang::Id));
        assert!(!indonesian.contains("PAKTA_OVERLAY_HEADING"));
        assert!(
            indonesian.contains("const heading = \"pakta: perubahan terakhir bermasalah\";"),
            "{indonesian}"
        );
        let english = script(Texts::default_for(Lang::En));
        assert!(english.contains("const heading = \"pakta: the last change has problems\";"));
    }

    #[test]
    fn the_script_goes_before_the_end_of_the_body() {
        let page = inject(b"<html><body><p>x</p></body></html>");
        assert_eq!(
            String::from_utf8(page).unwrap(),
            "<html><body><p>x</p><script src=\"/__pakta/live.js\"></script></body></html>"
        );
    }

    #[test]
    fn streams_beyond_the_bound_are_refused() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap();
        let _inside = runtime.enter();
        let live = Live::default();
        let open: Vec<_> = (0..MAX_STREAMS).map(|_| live.subscribe()).collect();
        assert!(open.iter().all(Option::is_some));
        assert!(live.subscribe().is_none());
    }

    #[test]
    fn problems_travel_as_one_json_string() {
        assert_eq!(
            problems_event("error: a\n  --> b"),
            "event: problems\ndata: \"error: a\\n  --> b\"\n\n"
        );
    }
}
