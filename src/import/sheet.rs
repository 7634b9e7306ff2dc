//! A spreadsheet as rows of cells: the first sheet of an Excel workbook
//! (through calamine), or a CSV file in UTF-8, with or without a byte
//! order mark, separated by commas or semicolons.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto_from_rs};
use chrono::NaiveDate;

/// One cell as the file holds it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    /// Nothing, or only spaces.
    Empty,
    /// Text as typed.
    Text(String),
    /// A number, which in a date column is an Excel date.
    Number(f64),
    /// A cell the workbook formats as a date.
    Date(NaiveDate),
}

/// Why the file could not be read as a table.
#[derive(Debug)]
pub(crate) enum Unreadable {
    /// Not a workbook calamine reads, or damaged.
    Workbook,
    /// A CSV file that is not UTF-8 text.
    NotUtf8,
    /// The file could not be opened.
    Io(std::io::Error),
}

/// Workbooks and CSV files larger than this are refused unread.
const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// The rows of `path`, the header row first.
pub(crate) fn read_rows(path: &Path) -> Result<Vec<Vec<Cell>>, Unreadable> {
    let metadata = std::fs::metadata(path).map_err(Unreadable::Io)?;
    if metadata.len() > MAX_BYTES {
        return Err(Unreadable::Workbook);
    }
    let bytes = std::fs::read(path).map_err(Unreadable::Io)?;
    let is_csv = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if is_csv {
        let text = String::from_utf8(bytes).map_err(|_| Unreadable::NotUtf8)?;
        Ok(csv_rows(&text))
    } else {
        workbook_rows(bytes)
    }
}

fn workbook_rows(bytes: Vec<u8>) -> Result<Vec<Vec<Cell>>, Unreadable> {
    let mut workbook =
        open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|_| Unreadable::Workbook)?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or(Unreadable::Workbook)?
        .map_err(|_| Unreadable::Workbook)?;
    Ok(range
        .rows()
        .map(|row| row.iter().map(cell).collect())
        .collect())
}

fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => text_cell(text),
        Data::Int(n) => Cell::Number(*n as f64),
        Data::Float(n) => Cell::Number(*n),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(date) => excel_date(date.as_f64()).map_or(Cell::Empty, Cell::Date),
    }
}

fn text_cell(text: &str) -> Cell {
    if text.trim().is_empty() {
        Cell::Empty
    } else {
        Cell::Text(text.trim().to_string())
    }
}

/// An Excel serial date (days since 1899-12-30, the time of day dropped).
pub(crate) fn excel_date(serial: f64) -> Option<NaiveDate> {
    if !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    epoch.checked_add_days(chrono::Days::new(serial.floor() as u64))
}

/// RFC 4180 CSV: quoted fields may hold separators, quotes (doubled) and
/// line breaks. The separator is whichever of `,` and `;` the header row
/// uses more (spreadsheets set to Indonesian write `;`).
fn csv_rows(text: &str) -> Vec<Vec<Cell>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header = text.lines().next().unwrap_or("");
    let separator = if header.matches(';').count() > header.matches(',').count() {
        ';'
    } else {
        ','
    };
    let mut rows = Vec::new();
    let mut row: Vec<Cell> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' if quoted => quoted = false,
            '"' if field.trim().is_empty() => {
                field.clear();
                quoted = true;
            }
            c if c == separator && !quoted => row.push(text_cell(&std::mem::take(&mut field))),
            '\r' if !quoted => {}
            '\n' if !quoted => {
                row.push(text_cell(&std::mem::take(&mut field)));
                rows.push(std::mem::take(&mut row));
            }
            c => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(text_cell(&field));
        rows.push(row);
    }
    rows.retain(|r| r.iter().any(|c| *c != Cell::Empty));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }

    #[test]
    fn csv_with_a_byte_order_mark_semicolons_and_quotes() {
        let rows = csv_rows("\u{feff}Judul;Mitra\r\n\"Nota; \"\"Kerja\"\" Sama\";UNS\r\n\r\n;\n");
        assert_eq!(
            rows,
            [
                vec![text("Judul"), text("Mitra")],
                vec![text("Nota; \"Kerja\" Sama"), text("UNS")],
            ]
        );
        let rows = csv_rows("a,b\n\"x\ny\",2");
        assert_eq!(rows[1], vec![text("x\ny"), text("2")]);
    }

    #[test]
    fn excel_serial_dates() {
        assert_eq!(excel_date(45453.0), NaiveDate::from_ymd_opt(2024, 6, 10));
        assert_eq!(excel_date(45453.75), NaiveDate::from_ymd_opt(2024, 6, 10));
        assert_eq!(excel_date(-3.0), None);
    }
}
