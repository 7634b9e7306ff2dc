//! Horizontal bar charts written as SVG at build time: no chart library
//! in the browser, no request elsewhere. Each chart carries its title and
//! description inside the SVG (`role="img"`, `aria-labelledby`), keeps its
//! text as text, and comes with its bars as table rows, so a screen reader
//! or a copy-paste gets the same numbers the eye sees. Each label stands on
//! its own line above its bar, so the picture can be narrow enough for a
//! phone without shrinking its text. Sizes are fixed and
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

/// One bar of a stacked chart: its label and a value per series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct StackedBar {
    pub label: String,
    pub values: Vec<usize>,
    pub total: usize,
}

/// A chart ready for a template: the SVG to inline and the same numbers
/// for the table beside it. An empty chart (no bar above zero) has no
/// SVG: the page says there is no data yet instead of an empty box.
#[derive(Debug, Serialize)]
pub(crate) struct Chart {
    pub id: String,
    pub title: String,
    pub description: String,
    pub svg: String,
    pub empty: bool,
    pub bars: Vec<Bar>,
    /// For a stacked chart: the series' names, in the legend's order, and
    /// its bars; `bars` then holds each bar's total.
    pub series: Vec<String>,
    pub stacked: Vec<StackedBar>,
}

/// The picture's width in CSS pixels; it never grows past it and shrinks
/// with a narrower screen, so its text at `FONT_SIZE` stays at least 12
/// CSS pixels on a 390-pixel phone (the page's content is 342 wide there).
const WIDTH: usize = 360;
/// Each label sits on its own line above its bar, so a long label has the
/// whole width and the bars keep theirs.
const LABEL_HEIGHT: usize = 18;
const BAR_HEIGHT: usize = 16;
const ROW: usize = LABEL_HEIGHT + BAR_HEIGHT + 10;
const PAD: usize = 4;
/// Room right of the longest bar for its number.
const BAR_SPACE: usize = WIDTH - 56;
/// Labels longer than this are cut in the picture (never in the table).
const LABEL_CHARS: usize = 44;
/// Dark blue on white: a contrast ratio above 8:1, so the bars read as
/// graphics (3:1 needed) and need no pattern.
const BAR_FILL: &str = "#0b4f9c";
const TEXT_FILL: &str = "#1a1a1a";
/// The fills of a stacked chart's series: each differs by pattern as well
/// as colour (solid, stripes, dots, outline), so no reader depends on
/// telling colours apart.
const SERIES_PATTERNS: usize = 4;

/// A chart of `bars` in the given order. `id` must be unique on the page:
/// it names the SVG's title and description.
pub(crate) fn bar_chart(id: &str, title: &str, description: &str, bars: Vec<Bar>) -> Chart {
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0);
    let height = PAD * 2 + ROW * bars.len().max(1);
    let mut svg = open_svg(id, title, description, height);
    for (row, bar) in bars.iter().enumerate() {
        let top = PAD + row * ROW;
        let width = bar_width(bar.value, max);
        write_label(&mut svg, top, &bar.label);
        let bar_top = top + LABEL_HEIGHT;
        let _ = write!(
            svg,
            r#"<rect class="chart-bar" x="0" y="{bar_top}" width="{width}" height="{BAR_HEIGHT}" fill="{BAR_FILL}"/>"#
        );
        write_value(&mut svg, width, bar_top, bar.value);
    }
    svg.push_str("</svg>");
    Chart {
        id: id.to_string(),
        title: title.to_string(),
        description: description.to_string(),
        empty: max == 0,
        svg: if max == 0 { String::new() } else { svg },
        bars,
        series: Vec::new(),
        stacked: Vec::new(),
    }
}

/// A chart of bars split into `series` (at most `SERIES_PATTERNS` of
/// them), stacked left to right in the series' order, with a legend above
/// and each bar's total after it.
pub(crate) fn stacked_chart(
    id: &str,
    title: &str,
    description: &str,
    series: Vec<String>,
    stacked: Vec<StackedBar>,
) -> Chart {
    debug_assert!(series.len() <= SERIES_PATTERNS);
    let max = stacked.iter().map(|b| b.total).max().unwrap_or(0);
    let legend_height = LABEL_HEIGHT * series.len() + PAD;
    let height = PAD * 2 + legend_height + ROW * stacked.len().max(1);
    let mut svg = open_svg(id, title, description, height);
    let _ = write!(
        svg,
        r##"<defs><pattern id="{id}-p1" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="{BAR_FILL}"/><rect width="3" height="6" fill="{TEXT_FILL}"/></pattern><pattern id="{id}-p2" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#cfe0f5"/><circle cx="3" cy="3" r="1.6" fill="{TEXT_FILL}"/></pattern></defs>"##
    );
    for (i, name) in series.iter().enumerate() {
        let top = PAD + i * LABEL_HEIGHT;
        let _ = write!(
            svg,
            r#"<rect class="chart-swatch" x="0" y="{}" width="14" height="14" {}/><text class="chart-legend" x="20" y="{}" fill="{TEXT_FILL}">{}</text>"#,
            top + 1,
            series_fill(id, i),
            top + 13,
            escape::html(&shorten(name))
        );
    }
    for (row, bar) in stacked.iter().enumerate() {
        let top = PAD + legend_height + row * ROW;
        write_label(&mut svg, top, &bar.label);
        let bar_top = top + LABEL_HEIGHT;
        // Each segment from the running total, so the segments of a bar
        // always end where the bar of its total would.
        let mut before = 0;
        for (i, &value) in bar.values.iter().enumerate() {
            let from = bar_width(before, max);
            before += value;
            let to = bar_width(before, max);
            if to > from {
                let _ = write!(
                    svg,
                    r#"<rect class="chart-bar" x="{from}" y="{bar_top}" width="{}" height="{BAR_HEIGHT}" {}/>"#,
                    to - from,
                    series_fill(id, i)
                );
            }
        }
        write_value(&mut svg, bar_width(bar.total, max), bar_top, bar.total);
    }
    svg.push_str("</svg>");
    Chart {
        id: id.to_string(),
        title: title.to_string(),
        description: description.to_string(),
        empty: max == 0,
        svg: if max == 0 { String::new() } else { svg },
        bars: stacked
            .iter()
            .map(|b| Bar {
                label: b.label.clone(),
                value: b.total,
            })
            .collect(),
        series,
        stacked,
    }
}

fn open_svg(id: &str, title: &str, description: &str, height: usize) -> String {
    let mut svg = String::with_capacity(1024);
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-labelledby="{id}-title {id}-desc" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape::html(title),
        escape::html(description)
    );
    svg
}

fn write_label(svg: &mut String, top: usize, label: &str) {
    let _ = write!(
        svg,
        r#"<text class="chart-label" x="0" y="{}" fill="{TEXT_FILL}">{}</text>"#,
        top + LABEL_HEIGHT - 4,
        escape::html(&shorten(label))
    );
}

fn write_value(svg: &mut String, bar_width: usize, bar_top: usize, value: usize) {
    let _ = write!(
        svg,
        r#"<text class="chart-value" x="{}" y="{}" fill="{TEXT_FILL}">{value}</text>"#,
        bar_width + 6,
        bar_top + BAR_HEIGHT - 3
    );
}

/// The fill of series `i`: solid, stripes, dots, then an outline.
fn series_fill(id: &str, i: usize) -> String {
    match i % SERIES_PATTERNS {
        0 => format!(r#"fill="{BAR_FILL}""#),
        1 => format!(r#"fill="url(#{id}-p1)""#),
        2 => format!(r#"fill="url(#{id}-p2)""#),
        _ => format!(r##"fill="#ffffff" stroke="{TEXT_FILL}" stroke-width="1.5""##),
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
    fn an_empty_chart_has_no_picture() {
        let chart = bar_chart("c", "T", "D", bars(&[("a", 0)]));
        assert!(chart.empty);
        assert!(chart.svg.is_empty());
        assert!(bar_chart("c", "T", "D", Vec::new()).empty);
    }

    #[test]
    fn a_stacked_bar_ends_where_its_total_would_and_has_a_legend() {
        let chart = stacked_chart(
            "s",
            "T",
            "D",
            vec!["MoU".into(), "PKS".into()],
            vec![
                StackedBar {
                    label: "2025".into(),
                    values: vec![3, 1],
                    total: 4,
                },
                StackedBar {
                    label: "2026".into(),
                    values: vec![0, 2],
                    total: 2,
                },
            ],
        );
        assert!(!chart.empty);
        assert_eq!(values_in(&chart.svg), vec![4, 2]);
        assert_eq!(
            widths_in(&chart.svg),
            vec![BAR_SPACE * 3 / 4, BAR_SPACE / 4, BAR_SPACE / 2]
        );
        assert!(chart.svg.contains(r#">MoU</text>"#) && chart.svg.contains(r#">PKS</text>"#));
        assert!(
            chart.svg.contains(r#"fill="url(#s-p1)""#),
            "the second series is striped"
        );
        assert_eq!(chart.bars[0].value, 4);
    }

    #[test]
    fn the_same_bars_give_the_same_bytes() {
        let one = bar_chart("c", "T", "D", bars(&[("a", 3), ("b", 5)]));
        let two = bar_chart("c", "T", "D", bars(&[("a", 3), ("b", 5)]));
        assert_eq!(one.svg, two.svg);
    }
}
