//! CSV rows for the downloads (`data/agreements.csv`, reports): every cell
//! quoted and safe to open in a spreadsheet (no cell starts a formula).
//!
//! Written by hand rather than with the csv crate on purpose: the format
//! is fixed headers, every cell quoted and the formula guard, which the
//! crate does not provide; a writer that never needs to read or escape
//! anything else is shorter than adapting one that does.

/// One CSV row; a cell that a spreadsheet would run as a formula is
/// quoted as text.
pub fn push_row(out: &mut String, cells: impl IntoIterator<Item = String>) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('"');
        if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            out.push('\'');
        }
        out.push_str(&cell.replace('"', "\"\""));
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
}
