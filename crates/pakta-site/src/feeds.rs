//! Machine-readable companions of the pages: Atom feeds of signings and
//! changes, iCalendar files of upcoming deadlines, the sitemap and
//! robots.txt. Every date comes from the content or `--today`, never the
//! clock.

use std::fmt::Write;

use chrono::NaiveDate;

use super::views::Links;
use pakta_content::escape;
use pakta_content::schema::characters;
use pakta_load::history::History;
use pakta_model::{Agreement, Model};

const FEED_ENTRIES: usize = 50;

/// The latest thing that happened to an agreement: a stage reached, an
/// activity, an evaluation, or a commit to its file.
pub(crate) fn last_change(a: &Agreement, history: &History, today: NaiveDate) -> Option<NaiveDate> {
    let dates = &a.front.dates;
    dates
        .stages()
        .map(|(_, d)| d.value)
        .chain(dates.terminated.as_ref().map(|d| d.value))
        .chain(a.front.activities.iter().map(|x| x.date.value))
        .chain(a.front.evaluations.iter().map(|x| x.date.value))
        .chain(history.revisions(&a.path).first().map(|r| r.date))
        .filter(|d| *d <= today)
        .max()
}

/// An Atom feed of the most recent changes among `agreements`.
pub(crate) fn atom(
    model: &Model,
    links: &Links,
    history: &History,
    title: &str,
    self_path: &str,
    page_path: &str,
    agreements: &[&Agreement],
) -> String {
    let today = model.today;
    let mut entries: Vec<(NaiveDate, &Agreement)> = agreements
        .iter()
        .filter_map(|a| last_change(a, history, today).map(|d| (d, *a)))
        .collect();
    entries.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.id.cmp(&y.1.id)));
    entries.truncate(FEED_ENTRIES);
    let updated = entries.first().map_or(today, |e| e.0);
    // One line per entry, without indentation: a national site writes a
    // feed per unit and per partner, tens of thousands of files.
    let mut out = String::new();
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n<title>{}</title><id>{}</id><link rel=\"self\" href=\"{}\"/><link rel=\"alternate\" type=\"text/html\" href=\"{}\"/><updated>{}T00:00:00Z</updated><author><name>{}</name></author>\n",
        escape::html(&model.config.site.language),
        escape::html(title),
        escape::html(&links.absolute(self_path)),
        escape::html(&links.absolute(self_path)),
        escape::html(&links.absolute(page_path)),
        updated,
        escape::html(&model.config.site.title),
    );
    for (date, a) in entries {
        let href = links.absolute(&format!("{}/", a.id));
        let unit = &model.units[a.unit];
        // Atom's summary is optional: an agreement without one gets none,
        // rather than an empty element readers show as a blank excerpt.
        let summary = match a.summary() {
            "" => String::new(),
            text => format!("<summary>{}</summary>", escape::html(text)),
        };
        let _ = writeln!(
            out,
            "<entry><title>{}</title><id>{}</id><link href=\"{}\"/><updated>{date}T00:00:00Z</updated><category term=\"{}\"/>{summary}<author><name>{}</name></author></entry>",
            escape::html(&a.front.title),
            escape::html(&href),
            escape::html(&href),
            a.status(),
            escape::html(&unit.name),
        );
    }
    out.push_str("</feed>\n");
    out
}

/// One all-day event in a calendar.
pub(crate) struct Event {
    pub uid: String,
    pub date: NaiveDate,
    pub summary: String,
    pub url: String,
}

/// An iCalendar file; `DTSTAMP` is the build's `today`, so the same input
/// gives the same file.
pub(crate) fn icalendar(name: &str, today: NaiveDate, events: &[Event]) -> String {
    let stamp = today.format("%Y%m%dT000000Z");
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//pakta//agreements//EN".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        format!("X-WR-CALNAME:{}", escape_ical(name)),
    ];
    for event in events {
        let next_day = event.date.succ_opt().unwrap_or(event.date);
        lines.extend([
            "BEGIN:VEVENT".to_string(),
            format!("UID:{}", escape_ical(&event.uid)),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART;VALUE=DATE:{}", event.date.format("%Y%m%d")),
            format!("DTEND;VALUE=DATE:{}", next_day.format("%Y%m%d")),
            format!("SUMMARY:{}", escape_ical(&event.summary)),
            format!("URL:{}", event.url),
            "END:VEVENT".to_string(),
        ]);
    }
    lines.push("END:VCALENDAR".to_string());
    let mut out = String::new();
    for line in lines {
        fold(&line, &mut out);
    }
    out
}

fn escape_ical(text: &str) -> String {
    if !text.contains(['\\', ';', ',', '\n', '\r'])
        && text.chars().all(|c| characters::is_allowed(c, false))
    {
        return text.to_string();
    }
    let text: String = text
        .chars()
        .filter(|&c| characters::is_allowed(c, true))
        .collect();
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
        .replace('\r', "")
}

/// Lines longer than 75 octets continue on the next line after a space
/// (RFC 5545, 3.1), never splitting a character.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// Sitemaps hold at most 50,000 addresses; bigger sites get an index of
/// several.
/// A page for the sitemap: its file below the site root and, when its
/// content's last change is known from Git, that day.
pub(crate) struct SitemapPage {
    pub path: String,
    pub lastmod: Option<NaiveDate>,
}

pub(crate) fn sitemaps(links: &Links, pages: &[SitemapPage]) -> Vec<(String, String)> {
    const LIMIT: usize = 50_000;
    let urlset = |chunk: &[SitemapPage]| {
        let mut out = String::from(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for page in chunk {
            let path = page.path.strip_suffix("index.html").unwrap_or(&page.path);
            let loc = escape::html(&links.absolute(path));
            let _ = match page.lastmod {
                Some(day) => writeln!(
                    out,
                    "  <url><loc>{loc}</loc><lastmod>{}</lastmod></url>",
                    day.format("%Y-%m-%d")
                ),
                None => writeln!(out, "  <url><loc>{loc}</loc></url>"),
            };
        }
        out.push_str("</urlset>\n");
        out
    };
    if pages.len() <= LIMIT {
        return vec![("sitemap.xml".to_string(), urlset(pages))];
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (n, chunk) in pages.chunks(LIMIT).enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        let _ = writeln!(
            index,
            "  <sitemap><loc>{}</loc></sitemap>",
            escape::html(&links.absolute(&name))
        );
        files.push((name, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    files.push(("sitemap.xml".to_string(), index));
    files
}

pub(crate) fn robots(links: &Links) -> String {
    format!(
        "User-agent: *\nAllow: /\nSitemap: {}\n",
        links.absolute("sitemap.xml")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_lines_are_folded_and_escaped() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
        let ics = icalendar(
            "KPU",
            day,
            &[Event {
                uid: "expires-a@pakta".into(),
                date: day,
                summary: format!("Berakhir: {}, ; ok", "panjang ".repeat(12)),
                url: "https://x.org/a/".into(),
            }],
        );
        assert!(ics.contains("DTSTART;VALUE=DATE:20260309\r\n"));
        assert!(ics.contains("DTEND;VALUE=DATE:20260310\r\n"));
        assert!(ics.contains("\\, \\; ok"));
        assert!(ics.lines().all(|l| l.len() <= 75), "{ics}");
        assert!(ics.contains("\r\n "));
    }

    #[test]
    fn ical_text_is_escaped_and_control_characters_dropped() {
        assert_eq!(escape_ical("a\u{7}b\u{1b};"), "ab\\;");
    }

    #[test]
    fn big_sites_get_a_sitemap_index() {
        let links = Links::new("https://x.org/s");
        let pages: Vec<SitemapPage> = (0..50_001)
            .map(|i| SitemapPage {
                path: format!("p{i}/index.html"),
                lastmod: (i == 1).then(|| NaiveDate::from_ymd_opt(2026, 3, 9).unwrap()),
            })
            .collect();
        let files = sitemaps(&links, &pages);
        assert_eq!(files.len(), 3);
        assert!(files[2].1.contains("https://x.org/s/sitemap-2.xml"));
        assert!(
            files[0]
                .1
                .contains("<url><loc>https://x.org/s/p0/</loc></url>")
        );
        assert!(
            files[0]
                .1
                .contains("<url><loc>https://x.org/s/p1/</loc><lastmod>2026-03-09</lastmod></url>")
        );
        assert_eq!(sitemaps(&links, &pages[..2]).len(), 1);
    }
}
