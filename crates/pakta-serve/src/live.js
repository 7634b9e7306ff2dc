// Live reload for `pakta serve`: reloads the page after a successful
// rebuild and shows the problems of a failed one over the page. It is a
// file of its own (with live.css) because pages forbid inline script and
// style. PAKTA_OVERLAY_HEADING is replaced, as it is served, by the
// overlay's heading in the preview's language (a JSON string).
(() => {
  const heading = PAKTA_OVERLAY_HEADING;
  const events = new EventSource("/__pakta/live");
  let overlay = null;
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("problems", (event) => {
    if (!overlay) {
      const style = document.createElement("link");
      style.rel = "stylesheet";
      style.href = "/__pakta/live.css";
      document.head.appendChild(style);
      overlay = document.createElement("div");
      overlay.className = "pakta-live-overlay";
      overlay.setAttribute("role", "alert");
      document.body.appendChild(overlay);
    }
    overlay.replaceChildren();
    const title = document.createElement("h2");
    title.textContent = heading;
    const text = document.createElement("pre");
    text.textContent = JSON.parse(event.data);
    overlay.append(title, text);
  });
})();
