//! The site's URL space starts with a few fixed names; agreement ids live
//! beside them. Both the check (an id may not take one) and the site (which
//! writes them) need the list, so it sits below both.

/// The file that marks an output folder as written by `pakta build`, which
/// may therefore replace it; it sits at the top of every built site.
pub const OUTPUT_MARKER: &str = ".pakta-site";

/// The first path segments the site itself uses; an agreement id may not
/// start with one of them.
pub const RESERVED_SEGMENTS: &[&str] = &[
    OUTPUT_MARKER,
    "404.html",
    "about",
    "assets",
    "data",
    "files",
    "findings",
    "index.html",
    "lists",
    "monev",
    "partners",
    "reports",
    "robots.txt",
    "search",
    "sitemap.xml",
    "units",
];

/// Whether an id's first segment is one the site uses: a reserved name,
/// or one of the numbered sitemaps (`sitemap-2.xml`) a site of more than
/// 50,000 pages gets.
pub fn is_reserved_segment(segment: &str) -> bool {
    RESERVED_SEGMENTS.contains(&segment)
        || segment
            .strip_prefix("sitemap-")
            .and_then(|rest| rest.strip_suffix(".xml"))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}
