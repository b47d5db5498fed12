// Streaming table writers for list exports and import templates: one header row, then data rows,
// written as they come (an export of a million rows never sits in memory), as CSV or .xlsx. The
// counterpart of importer/sheet_reader.hpp: whatever these write, the readers read back to the
// same text (integers as plain digits).
#pragma once
#include <memory>
#include <ostream>
#include <string>
#include <variant>
#include <vector>

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace longghep {

// One cell: empty, text (UTF-8), or an integer (counts, amounts in VND).
struct Cell {
  std::variant<std::monostate, std::string, long long> v;
};

// REQUIRES: header() once, first; then any number of row(); finish() once, last. A row may have
// fewer cells than the header (the rest are empty) or more. Misuse throws std::logic_error.
// Faults of the output (disk full, Excel's row limit) throw Error; after an exception the output
// is unusable and the caller discards it.
class SheetWriter {
 public:
  virtual ~SheetWriter() = default;
  virtual void header(const std::vector<std::string>& names) = 0;
  virtual void row(const std::vector<Cell>& cells) = 0;
  virtual void finish() = 0;
};

// CSV to a stream, as Excel opens it: UTF-8 BOM (without it Excel reads Vietnamese as cp1252),
// CRLF line ends, RFC 4180 quoting (a field with the delimiter, a quote, CR or LF is quoted, with
// quotes doubled), integers written plainly. `delimiter` is ',' or ';' (Excel in the Vietnamese
// locale splits columns on ';'; read_csv_rows detects either). A data text starting with '=',
// '+', '-', '@', tab or CR (a formula to Excel when the file is opened) is written with a leading
// apostrophe, so Excel shows it as text; header names are written as given.
// finish() flushes and throws Error(500, "export_failed") if the stream failed.
std::unique_ptr<SheetWriter> csv_writer(std::ostream& out, char delimiter = ',');

// .xlsx to a file with libxlsxwriter in constant_memory mode: each row goes to a temporary file
// (in the directory of `path`, so it lands on the same disk as the output and never in a tmpfs)
// as soon as the next row starts; finish() assembles the workbook at `path`.
// The data sheet `sheet_name` is the first sheet: header bold, first row frozen, an auto-filter
// over the header, column widths from the header names; integer cells with the number format
// "#,##0" (integers of more than 15 digits, which Excel cannot hold exactly, are written as
// text); text cells as strings (longer than Excel's 32,767 characters: cut there).
// At most 1,048,575 data rows (Excel's limit): one more throws Error(400, "export_too_large").
// add_reference_sheet adds a further sheet (a list of codes for a template, say), written fully
// at once; it may be called at any time before finish(), sheets keep the order of the calls.
// Sheet names follow Excel's rules (at most 31 characters, none of []:*?/\, unique); a name that
// breaks them throws std::invalid_argument (names come from code, not from users).
// Without finish() (an exception, say) the destructor discards the workbook and writes nothing.
class XlsxSheetWriter : public SheetWriter {
 public:
  XlsxSheetWriter(const std::string& path, const std::string& sheet_name);
  ~XlsxSheetWriter() override;
  XlsxSheetWriter(const XlsxSheetWriter&) = delete;
  XlsxSheetWriter& operator=(const XlsxSheetWriter&) = delete;

  void header(const std::vector<std::string>& names) override;
  void row(const std::vector<Cell>& cells) override;
  void finish() override;
  // hidden: the sheet is hidden in Excel (the lists behind drop-downs).
  void add_reference_sheet(const std::string& name, const std::vector<std::string>& header,
                           const std::vector<std::vector<std::string>>& rows, bool hidden = false);
  // A drop-down list on `column` (0-based) of the data sheet, data rows 2..65536: its values are
  // rows first_row..last_row (1-based, as Excel shows them) of column `source_column` of the
  // reference sheet `sheet`. Typing another value is allowed (an information alert, not a stop),
  // so a code still goes in. No-op when first_row > last_row. `prompt` is shown on the cell.
  void list_validation(size_t column, const std::string& sheet, size_t source_column, size_t first_row,
                       size_t last_row, const std::string& prompt);

 private:
  lxw_worksheet* add_sheet(const std::string& name);
  void write_header(lxw_worksheet* ws, const std::vector<std::string>& names);
  void write_text(lxw_worksheet* ws, unsigned row, unsigned short col, const std::string& text);

  std::string path_, tmpdir_;
  lxw_workbook* wb_ = nullptr;
  lxw_worksheet* data_ = nullptr;
  lxw_format* bold_ = nullptr;
  lxw_format* integer_ = nullptr;
  unsigned next_row_ = 0;  // the data sheet's next row; 0 until header() is written
  size_t columns_ = 0;     // the header's width (for the auto-filter)
  bool finished_ = false;
};

}  // namespace longghep
