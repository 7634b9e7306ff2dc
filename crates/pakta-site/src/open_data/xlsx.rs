//! `data/agreements.xlsx`: the tables of `tables.rs` as one workbook, a
//! sheet each, for people who open the data in Excel: the header row
//! frozen, filters on, dates as dates, the label columns in the site's
//! language. Written with `rust_xlsxwriter`; the document's creation time
//! is the data's day, so the same data gives the same bytes.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::About;
use pakta_content::i18n::Texts;
use pakta_model::data::AgreementRecord;

use super::tables::{Cell, Column, Labels, TABLES};

/// Where the workbook lives below the site root.
pub(crate) const PATH: &str = "data/agreements.xlsx";

/// Excel keeps at most this many characters in a cell.
const CELL_LIMIT: usize = 32_767;

/// The workbook of the tables of `tables.rs` over `records`; `texts`
/// name the codes in the label columns, `page_url` gives an agreement's
/// page address. Each sheet is written a row at a time ("low memory"
/// mode: the rows go to a temporary file, only the shared strings stay in
/// memory), so no table is ever held whole, and every sheet is written in
/// the same pass over the records, so each record is made once.
pub(crate) fn workbook<'a>(
    about: &About,
    records: impl Iterator<Item = AgreementRecord<'a>>,
    texts: &Texts,
    page_url: &dyn Fn(&str) -> String,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    // Excel's own level: at 50,000 agreements the workbook is written in
    // about two thirds of the time zip's default 6 takes, and is 17.6 MB
    // instead of 14.9 MB.
    book.set_zip_compression_level(ZIP_LEVEL);
    let day = excel_date(about.modified)?;
    book.set_properties(
        &DocProperties::new()
            .set_title(about.title)
            .set_author(about.publisher)
            .set_company(about.publisher)
            .set_comment(format!("{} ({})", about.licence.title, about.licence.id))
            .set_creation_datetime(&day),
    );
    let header = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let columns: Vec<Vec<Column>> = TABLES.iter().map(|table| table.columns()).collect();
    for (table, columns) in TABLES.iter().zip(&columns) {
        let sheet = book.add_worksheet_with_low_memory()?;
        sheet.set_name(table.name())?;
        for (col, column) in columns.iter().enumerate() {
            let col = col as u16;
            sheet.write_string_with_format(0, col, &column.name, &header)?;
            sheet.set_column_width(col, column_width(column))?;
        }
    }
    let labels = Labels::new(texts);
    let sheets = book.worksheets_mut();
    let mut last_rows = [0; TABLES.len()];
    for record in records {
        for ((table, sheet), last_row) in TABLES.iter().zip(sheets.iter_mut()).zip(&mut last_rows) {
            for row in table.record_rows(&record, &labels, page_url) {
                *last_row += 1;
                write_row(sheet, *last_row, &row, &date)?;
            }
        }
    }
    for ((sheet, columns), last_row) in sheets.iter_mut().zip(&columns).zip(last_rows) {
        sheet.set_freeze_panes(1, 0)?;
        let last_col = columns.len().saturating_sub(1) as u16;
        sheet.autofilter(0, 0, last_row, last_col)?;
    }
    book.save_to_buffer()
}

/// The zip compression level of the workbook.
const ZIP_LEVEL: u8 = 3;

fn write_row(sheet: &mut Worksheet, r: u32, row: &[Cell], date: &Format) -> Result<(), XlsxError> {
    for (col, cell) in row.iter().enumerate() {
        let col = col as u16;
        match cell {
            Cell::Text(text) => {
                let text = match text.char_indices().nth(CELL_LIMIT) {
                    Some((end, _)) => &text[..end],
                    None => text,
                };
                sheet.write_string(r, col, text)?;
            }
            Cell::Integer(n) => {
                sheet.write_number(r, col, *n as f64)?;
            }
            Cell::Date(d) => {
                sheet.write_datetime_with_format(r, col, excel_date(*d)?, date)?;
            }
            Cell::Empty => {}
        }
    }
    Ok(())
}

fn excel_date(date: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(date.year() as u16, date.month() as u8, date.day() as u8)
}

fn column_width(column: &Column) -> f64 {
    use super::tables::ColumnType;
    match column.ty {
        ColumnType::Date => 11.0,
        ColumnType::Integer => 8.0,
        ColumnType::Text if column.name.ends_with("id") => 28.0,
        ColumnType::Text => 20.0,
    }
}
