// Streaming readers of uploaded spreadsheets (CSV and .xlsx) for bulk imports of up to a million
// rows. Both readers hand the rows one at a time to a callback and never hold the whole sheet:
// memory is bounded by one row (plus, for .xlsx, the workbook's shared-string table, which the
// format requires to be random-access). Every fault of the file is an Error(400, "invalid_file")
// with field "file", in Vietnamese and English, naming the row when there is one; an exception
// thrown by the callback itself passes through unchanged.
#pragma once
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace longghep {

enum class SheetFormat { csv, xlsx };

// The format of an upload from its first bytes (pass at least 8 when the file has them; 4 KiB
// is a good sample) and its name. The bytes decide; the name can only veto:
//   - "PK\x03\x04" (a zip) → xlsx, unless the name says another zip-based format
//     (.docx, .pptx, .odt, .ods, .odp, .zip, .epub) — reading would only fail later;
//   - text (no NUL byte, valid UTF-8; a multi-byte character cut by the end of the sample is
//     fine) → csv, unless the name says a binary or Excel format (.xls, .xlsx, .xlsm, .xlsb,
//     .ods, .pdf, .doc, .docx): an "Excel" file that is text is an HTML or XML export saved as
//     .xls by another system, which must be saved again as .xlsx or CSV, not read as CSV;
//   - text in another encoding — UTF-16 (LE/BE, with or without BOM) or single-byte text such as
//     Windows-1258 — → csv too: read_csv_rows then refuses it with "not UTF-8 … save it again as
//     CSV UTF-8", naming the encoding, instead of "not a spreadsheet";
//   - anything else (PDF, images, RTF, the old binary .xls D0 CF 11 E0) → nullopt;
//     PDF ("%PDF-"), GIF and RTF start with ASCII, so they are recognised by their signature.
// An empty sample is text (an empty CSV has no rows; the importer reports the missing header).
std::optional<SheetFormat> detect_sheet_format(std::string_view first_bytes, const std::string& filename);

// One row of a sheet. `row` is the 1-based spreadsheet row number as Excel would show it (the
// header is 1); rows are reported in increasing order, and rows without any cell are skipped, so
// numbers may jump. `cells` holds the UTF-8 text of each column, column A first; trailing empty
// cells may be absent, so callers index with a bounds check. The vector is reused for the next
// row: the callback may move strings out of it. Return false to stop reading (the reader returns
// normally).
using RowCallback = std::function<bool(long long row, std::vector<std::string>& cells)>;

// CSV as Excel and LibreOffice write it: RFC 4180 (quoted fields with "" escapes, delimiters and
// newlines inside quotes), optional UTF-8 BOM, \n or \r\n line ends. The delimiter is ',' or ';'
// (Excel in the Vietnamese locale writes ';'), whichever occurs more often outside quotes in the
// header line (',' on a tie). A record is one spreadsheet row even when a quoted field spans lines;
// an empty line counts as a row but is not reported. Leniencies as Excel's: a quote inside an
// unquoted field, or text after a closing quote, is kept literally. Faults → invalid_file:
// a quote still open at end of file (a truncated file), UTF-16 text (BOM or zero-byte pattern in
// the first 4 KiB: "not UTF-8 (saved as UTF-16 LE) … save it again as CSV UTF-8"), bytes that are
// not UTF-8 or a NUL byte (saved in another encoding such as Windows-1258: the row is named), a row
// longer than 1 MiB, a stream read error.
// The stream is read in 64 KiB blocks and left in a good state at its end, so the callback may
// ask it for its position (tellg) to report progress.
void read_csv_rows(std::istream& in, const RowCallback& on_row);

// The first worksheet (in workbook order) of an .xlsx file, located through xl/workbook.xml and
// xl/_rels/workbook.xml.rels (falling back to xl/worksheets/sheet1.xml when the relationship
// cannot be resolved), parsed with a SAX parser straight from the zip stream. Cells are placed by
// their reference (r="C12"; missing cells are empty strings). Cell text:
//   - shared strings (loaded once from the workbook's shared-string part, which may be absent;
//     rich-text runs concatenated, phonetic runs <rPh> left out) and inline strings: the text,
//     with the OOXML escapes _xHHHH_ decoded;
//   - booleans: "TRUE" / "FALSE"; errors ("#N/A"…) and formula strings: as written;
//   - numbers (also dates, which are serial numbers — see excel_serial_to_iso): integral values
//     as plain integers ("12.0" → "12", "1.2E3" → "1200"; up to 20 digits, bigger ones as
//     written); other values in plain decimal notation, rounded to 15 significant digits as Excel
//     displays them (a computed "0.30000000000000004" → "0.3");
//   - formulas: their cached value (a file saved by a program that does not compute formulas has
//     none: the cell is then empty).
// Faults → invalid_file "Tệp Excel bị hỏng hoặc không đọc được: …" / "The Excel file is damaged
// or unreadable: …": not a zip, a truncated zip (no central directory), no xl/workbook.xml, no
// worksheet, malformed XML, a shared-string index out of range, a cell reference beyond Excel's
// 16,384 columns, a cell text over 1 MiB or a shared-string table over 512 MiB (zip bombs).
void read_xlsx_rows(const std::string& path, const RowCallback& on_row);

// Every worksheet of an .xlsx file in workbook order (chart sheets left out), as read_xlsx_rows
// reads one: `on_sheet(name)` is called before the rows of each sheet (return false to skip the
// sheet), then its rows go to `on_row`. At most `max_sheets` sheets (more → invalid_file).
using SheetCallback = std::function<bool(const std::string& sheet_name)>;
void read_xlsx_sheets(const std::string& path, const SheetCallback& on_sheet, const RowCallback& on_row,
                      size_t max_sheets = 1000);

// An Excel serial day number ("46000", also "46000.0") → "YYYY-MM-DD", for cells of a date
// column that hold real dates rather than text. Epoch 1899-12-30, so every serial from 61
// (1900-03-01) on is the day Excel shows (Excel shows serials 1..60 one day later because of its
// 1900 leap-year bug; no activity is dated then). nullopt unless the text is an integral number
// with 1 <= serial < 2958466 (9999-12-31); a time of day (a fraction, "46124.375") is dropped:
// the cell is that day.
std::optional<std::string> excel_serial_to_iso(std::string_view cell);

}  // namespace longghep
