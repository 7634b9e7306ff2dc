//! CSV rows for the downloads (`data/agreements.csv`, reports): every cell
//! quoted and safe to open in a spreadsheet (no cell starts a formula).
//!
//! Written by hand rather than with the csv crate on purpose: the format
//! is fixed headers, every cell quoted and the formula guard, which the
//! crate does not provide; a writer that never needs to read or escape
//! anything else is shorter than adapting one that does.

/// One CSV row; a cell that a spreadsheet would run as a formula is
/// quoted as text.
pub fn push_row<S: AsRef<str>>(out: &mut String, cells: impl IntoIterator<Item = S>) {
    for (i, cell) in cells.into_iter().enumerate() {
        let cell = cell.as_ref();
        if i > 0 {
            out.push(',');
        }
        out.push('"');
        if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            out.push('\'');
        }
        // Written piece by piece: the open data has millions of cells,
        // few of them with a quote to double.
        let mut pieces = cell.split('"');
        out.push_str(pieces.next().unwrap_or_default());
        for piece in pieces {
            out.push_str("\"\"");
            out.push_str(piece);
        }
        out.push('"');
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_never_start_a_formula() {
        let mut out = String::new();
        push_row(
            &mut out,
            [
                "=HYPERLINK(\"x\")".to_string(),
                "@SUM".into(),
                "biasa".into(),
                "-1".into(),
            ],
        );
        assert_eq!(
            out,
            "\"'=HYPERLINK(\"\"x\"\")\",\"'@SUM\",\"biasa\",\"'-1\"\r\n"
        );
    }

    #[test]
    fn every_quote_is_doubled_wherever_it_stands() {
        let mut out = String::new();
        push_row(&mut out, ["\"", "a\"\"b", "\"c\"", ""]);
        assert_eq!(out, "\"\"\"\",\"a\"\"\"\"b\",\"\"\"c\"\"\",\"\"\r\n");
    }
}
