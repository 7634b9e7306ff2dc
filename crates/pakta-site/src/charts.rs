//! Horizontal bar charts written as SVG at build time: no chart library
//! in the browser, no request elsewhere. Each chart carries its title and
//! description inside the SVG (`role="img"`, `aria-labelledby`), keeps its
//! text as text, and comes with its bars as table rows, so a screen reader
//! or a copy-paste gets the same numbers the eye sees. Sizes are fixed and
//! every number is a whole number, so the same figures always give the
//! same bytes. Colours are presentation attributes (the page's
//! Content-Security-Policy forbids `style=""`); style.css may restyle the
//! classes.

use std::fmt::Write;

use pakta_content::escape;
use serde::Serialize;

/// One bar: its label as shown and its value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Bar {
    pub label: String,
    pub value: usize,
}

/// A chart ready for a template: the SVG to inline and the same bars for
/// the table beside it.
#[derive(Debug, Serialize)]
pub(crate) struct Chart {
    pub id: String,
    pub title: String,
    pub description: String,
    pub svg: String,
    pub bars: Vec<Bar>,
}

const WIDTH: usize = 640;
const LABEL_RIGHT: usize = 232;
const BAR_LEFT: usize = 240;
const BAR_SPACE: usize = 340;
const ROW: usize = 24;
const BAR_HEIGHT: usize = 16;
const PAD: usize = 8;
/// Labels longer than this are cut in the picture (never in the table):
/// at this width they would run off the left edge.
const LABEL_CHARS: usize = 34;
/// Dark blue on white: a contrast ratio above 8:1, so the bars read as
/// graphics (3:1 needed) and need no pattern.
const BAR_FILL: &str = "#0b4f9c";
const TEXT_FILL: &str = "#1a1a1a";

/// A chart of `bars` in the given order. `id` must be unique on the page:
/// it names the SVG's title and description.
pub(crate) fn bar_chart(id: &str, title: &str, description: &str, bars: Vec<Bar>) -> Chart {
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0);
    let height = PAD * 2 + ROW * bars.len().max(1);
    let mut svg = String::with_capacity(256 + bars.len() * 256);
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-labelledby="{id}-title {id}-desc" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape::html(title),
        escape::html(description)
    );
    for (row, bar) in bars.iter().enumerate() {
        let top = PAD + row * ROW;
        let width = bar_width(bar.value, max);
        let baseline = top + ROW / 2 + 4;
        let _ = write!(
            svg,
            r#"<text class="chart-label" x="{LABEL_RIGHT}" y="{baseline}" text-anchor="end" fill="{TEXT_FILL}">{}</text><rect class="chart-bar" x="{BAR_LEFT}" y="{}" width="{width}" height="{BAR_HEIGHT}" fill="{BAR_FILL}"/><text class="chart-value" x="{}" y="{baseline}" fill="{TEXT_FILL}">{}</text>"#,
            escape::html(&shorten(&bar.label)),
            top + (ROW - BAR_HEIGHT) / 2,
            BAR_LEFT + width + 6,
            bar.value
        );
    }
    svg.push_str("</svg>");
    Chart {
        id: id.to_string(),
        title: title.to_string(),
        description: description.to_string(),
        svg,
        bars,
    }
}

/// The bar's length in whole pixels; any value above zero shows at least
/// one pixel, so a small count never looks like none.
fn bar_width(value: usize, max: usize) -> usize {
    if value == 0 || max == 0 {
        return 0;
    }
    (value * BAR_SPACE / max).max(1)
}

fn shorten(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        return label.to_string();
    }
    let mut cut: String = label.chars().take(LABEL_CHARS - 1).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bars(values: &[(&str, usize)]) -> Vec<Bar> {
        values
            .iter()
            .map(|(label, value)| Bar {
                label: label.to_string(),
                value: *value,
            })
            .collect()
    }

    /// The numbers written after the bars, in order.
    fn values_in(svg: &str) -> Vec<usize> {
        svg.split(r#"class="chart-value""#)
            .skip(1)
            .map(|rest| {
                let text = &rest[rest.find('>').expect("closed tag") + 1..];
                text[..text.find('<').expect("closing tag")]
                    .parse()
                    .expect("a whole number")
            })
            .collect()
    }

    fn widths_in(svg: &str) -> Vec<usize> {
        svg.split(r#"class="chart-bar""#)
            .skip(1)
            .map(|rest| {
                let from = rest.find("width=\"").expect("a width") + 7;
                let to = from + rest[from..].find('"').expect("quoted");
                rest[from..to].parse().expect("whole pixels")
            })
            .collect()
    }

    #[test]
    fn the_picture_shows_the_numbers_of_its_table() {
        let chart = bar_chart("c", "T", "D", bars(&[("a", 40), ("b", 10), ("c", 0)]));
        let table: Vec<usize> = chart.bars.iter().map(|b| b.value).collect();
        assert_eq!(values_in(&chart.svg), table);
        assert_eq!(widths_in(&chart.svg), vec![BAR_SPACE, BAR_SPACE / 4, 0]);
    }

    #[test]
    fn a_small_value_still_shows_and_the_longest_bar_fills_the_space() {
        assert_eq!(bar_width(1, 100_000), 1);
        assert_eq!(bar_width(7, 7), BAR_SPACE);
        assert_eq!(bar_width(0, 0), 0);
    }

    #[test]
    fn title_and_description_label_the_image() {
        let chart = bar_chart("obstacles", "Kendala <1>", "A & B", bars(&[("x", 1)]));
        assert!(chart.svg.contains(r#"role="img""#));
        assert!(
            chart
                .svg
                .contains(r#"aria-labelledby="obstacles-title obstacles-desc""#)
        );
        assert!(
            chart
                .svg
                .contains(r#"<title id="obstacles-title">Kendala &lt;1&gt;</title>"#)
        );
        assert!(
            chart
                .svg
                .contains(r#"<desc id="obstacles-desc">A &amp; B</desc>"#)
        );
        assert!(!chart.svg.contains("style="));
    }

    #[test]
    fn long_labels_are_cut_in_the_picture_only() {
        let label = "Pemerintah Provinsi Daerah Istimewa Yogyakarta dan sekitarnya";
        let chart = bar_chart("c", "T", "D", bars(&[(label, 3)]));
        assert_eq!(chart.bars[0].label, label);
        let shown: String = label.chars().take(LABEL_CHARS - 1).collect();
        assert!(chart.svg.contains(&format!(">{shown}…<")));
    }

    #[test]
    fn the_same_bars_give_the_same_bytes() {
        let one = bar_chart("c", "T", "D", bars(&[("a", 3), ("b", 5)]));
        let two = bar_chart("c", "T", "D", bars(&[("a", 3), ("b", 5)]));
        assert_eq!(one.svg, two.svg);
    }
}
