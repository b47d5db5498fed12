#include "importer/sheet_reader.hpp"

#include <Poco/Exception.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>
#include <expat.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <exception>
#include <fstream>
#include <map>
#include <new>

#include "domain/date.hpp"
#include "domain/error.hpp"

namespace longghep {
namespace {

constexpr size_t kMaxCsvRowBytes = size_t{1} << 20;      // one CSV record, quotes included
constexpr size_t kMaxCellBytes = size_t{1} << 20;        // one .xlsx cell text (Excel's own limit is 32,767 characters)
constexpr size_t kMaxSharedStringBytes = size_t{512} << 20;  // the whole shared-string table
constexpr long kMaxColumns = 16384;                      // Excel's XFD

// ---------------------------------------------------------------------------------------------
// UTF-8

// Where the first byte that does not start a valid UTF-8 sequence is (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF; NUL counts as invalid because no text column of
// the database can hold it), or s.size(). `cut` tells whether that sequence is only incomplete,
// i.e. valid so far but cut by the end of s.
size_t utf8_invalid_at(std::string_view s, bool* cut = nullptr) {
  const size_t n = s.size();
  size_t i = 0;
  if (cut) *cut = false;
  while (i < n) {
    // ASCII fast path, 8 bytes at a time: no high bit and no zero byte.
    while (i + 8 <= n) {
      uint64_t v;
      std::memcpy(&v, s.data() + i, 8);
      if ((v & 0x8080808080808080ULL) || ((v - 0x0101010101010101ULL) & ~v & 0x8080808080808080ULL)) break;
      i += 8;
    }
    if (i >= n) break;
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c != 0 && c < 0x80) { ++i; continue; }
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c == 0xE0) { len = 3; lo = 0xA0; }
    else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) len = 3;
    else if (c == 0xED) { len = 3; hi = 0x9F; }
    else if (c == 0xF0) { len = 4; lo = 0x90; }
    else if (c >= 0xF1 && c <= 0xF3) len = 4;
    else if (c == 0xF4) { len = 4; hi = 0x8F; }
    else return i;
    const size_t have = std::min(len, n - i);
    for (size_t k = 1; k < have; ++k) {
      const unsigned char b = static_cast<unsigned char>(s[i + k]);
      if (k == 1 ? (b < lo || b > hi) : (b & 0xC0) != 0x80) return i;
    }
    if (have < len) {
      if (cut) *cut = true;
      return i;
    }
    i += len;
  }
  return n;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) out += static_cast<char>(cp);
  else if (cp < 0x800) { out += static_cast<char>(0xC0 | (cp >> 6)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
  else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string lower_extension(const std::string& filename) {
  auto dot = filename.rfind('.');
  if (dot == std::string::npos) return "";
  std::string ext = filename.substr(dot + 1);
  for (char& c : ext)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return ext;
}

// ---------------------------------------------------------------------------------------------
// Numbers

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Text saved in another encoding than UTF-8, recognised from a sample of its first bytes: UTF-16
// with a byte-order mark, or without one when ASCII characters show a zero byte at every odd
// (little-endian) or even (big-endian) offset; or single-byte text (Windows-1258, -1252, TCVN3…):
// no NUL, no control character but tab/CR/LF/FF/SUB, mostly ASCII, with bytes >= 0x80 that are not
// valid UTF-8. Returns the encoding's name for the message, or "" when none of these.
std::string other_text_encoding(std::string_view b) {
  if (b.size() >= 2 && static_cast<unsigned char>(b[0]) == 0xFF && static_cast<unsigned char>(b[1]) == 0xFE) return "UTF-16 LE";
  if (b.size() >= 2 && static_cast<unsigned char>(b[0]) == 0xFE && static_cast<unsigned char>(b[1]) == 0xFF) return "UTF-16 BE";
  const size_t pairs = b.size() / 2;
  if (pairs >= 4) {
    size_t nul_even = 0, nul_odd = 0;
    for (size_t i = 0; i + 1 < b.size(); i += 2) {
      nul_even += b[i] == 0;
      nul_odd += b[i + 1] == 0;
    }
    if (nul_odd * 4 >= pairs && nul_even * 10 <= nul_odd) return "UTF-16 LE";
    if (nul_even * 4 >= pairs && nul_odd * 10 <= nul_even) return "UTF-16 BE";
  }
  size_t ascii = 0, high = 0;
  for (char ch : b) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80) ++high;
    else if (c >= 0x20 || c == '\t' || c == '\r' || c == '\n' || c == '\f') ++ascii;
    else return "";  // NUL or another control character: binary
  }
  bool cut = false;
  const size_t bad = utf8_invalid_at(b, &cut);
  if (high > 0 && bad != b.size() && !cut && ascii * 10 >= b.size() * 6) return "Windows-1258";
  return "";
}

Error not_utf8_csv(const std::string& encoding) {
  return Error(400, "invalid_file",
               "Tệp CSV không phải UTF-8 (có vẻ được lưu dưới dạng " + encoding +
                   "). Hãy lưu lại dưới dạng CSV UTF-8 (Excel: Lưu thành → \"CSV UTF-8 (Comma delimited)\").",
               "The CSV file is not UTF-8 (it looks saved as " + encoding +
                   "). Please save it again as CSV UTF-8 (Excel: Save As → \"CSV UTF-8 (Comma delimited)\").",
               "file");
}

// A number as written in <v> → the text Excel displays in General format, without grouping: see
// read_xlsx_rows in the header. Works on the decimal digits (value = digits × 10^exp), never
// through a double, so integers are exact. Anything that is not a plain decimal number is kept.
void normalise_number(std::string& v) {
  // Fast path: the common case, a plain integer without a leading zero.
  {
    const char* p = v.data();
    const char* e = p + v.size();
    if (p != e && e - p <= 20 && (*p != '0' || e - p == 1)) {
      while (p != e && *p >= '0' && *p <= '9') ++p;
      if (p == e) return;
    }
  }
  const std::string_view s = v;
  size_t i = 0;
  const size_t n = s.size();
  bool neg = false;
  if (i < n && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
  std::string digits;
  long long exp = 0;
  bool any = false;
  for (; i < n && is_digit(s[i]); ++i) { digits += s[i]; any = true; }
  if (i < n && s[i] == '.')
    for (++i; i < n && is_digit(s[i]); ++i) { digits += s[i]; --exp; any = true; }
  if (!any) return;
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool eneg = false;
    if (i < n && (s[i] == '+' || s[i] == '-')) eneg = s[i++] == '-';
    long long e = 0;
    bool edigits = false;
    for (; i < n && is_digit(s[i]); ++i) { e = std::min(e * 10 + (s[i] - '0'), 100000LL); edigits = true; }
    if (!edigits) return;
    exp += eneg ? -e : e;
  }
  if (i != n) return;
  const size_t lead = digits.find_first_not_of('0');
  if (lead == std::string::npos) { v = "0"; return; }
  digits.erase(0, lead);
  while (digits.back() == '0') { digits.pop_back(); ++exp; }
  if (exp < 0 && digits.size() > 15) {
    // Not an integer, and more digits than Excel shows: round half up to 15 significant digits.
    const bool up = digits[15] >= '5';
    exp += static_cast<long long>(digits.size()) - 15;
    digits.resize(15);
    if (up) {
      size_t k = digits.size();
      while (k > 0 && digits[k - 1] == '9') digits[--k] = '0';
      if (k == 0) digits.insert(digits.begin(), '1');
      else ++digits[k - 1];
    }
    while (digits.back() == '0') { digits.pop_back(); ++exp; }
  }
  std::string out = neg ? "-" : "";
  if (exp >= 0) {
    if (static_cast<long long>(digits.size()) + exp > 20) return;  // huge: as written
    out += digits;
    out.append(static_cast<size_t>(exp), '0');
  } else {
    if (-exp > 30) return;  // tiny: as written
    const long long int_len = static_cast<long long>(digits.size()) + exp;
    if (int_len <= 0) {
      out += "0.";
      out.append(static_cast<size_t>(-int_len), '0');
      out += digits;
    } else {
      out.append(digits, 0, static_cast<size_t>(int_len));
      out += '.';
      out.append(digits, static_cast<size_t>(int_len), std::string::npos);
    }
  }
  v = std::move(out);
}

// ---------------------------------------------------------------------------------------------
// Placing cells into the reused row vector. Invariant: cells[0, n) are this row's cells; the
// strings past n keep their capacity for the next rows and are cut off before the callback.

struct RowBuffer {
  std::vector<std::string> cells;
  size_t n = 0;
  bool any = false;  // some cell of this row is not empty

  void reset() { n = 0; any = false; }
  // Moves `value` into column `col` (0-based), leaving `value` empty (with some capacity).
  void put(size_t col, std::string& value) {
    if (!value.empty()) any = true;
    while (n < col) {
      if (n == cells.size()) cells.emplace_back();
      else cells[n].clear();
      ++n;
    }
    if (col < n) {  // out of order (never written by Excel): overwrite
      cells[col].swap(value);
    } else {
      if (n == cells.size()) cells.emplace_back();
      cells[n].swap(value);
      ++n;
    }
    value.clear();
  }
  // The row as the callback sees it.
  std::vector<std::string>& finish() {
    cells.resize(n);
    return cells;
  }
};

// ---------------------------------------------------------------------------------------------
// CSV

Error csv_error(const std::string& vi, const std::string& en) { return Error(400, "invalid_file", vi, en, "file"); }

Error csv_not_utf8(long long row) {
  const std::string r = std::to_string(row);
  return csv_error("Tệp CSV không phải UTF-8 (dòng " + r +
                       " có ký tự của bảng mã khác, ví dụ Windows-1258). Hãy lưu lại dưới dạng CSV UTF-8.",
                   "The CSV file is not UTF-8 (row " + r +
                       " holds characters of another encoding, e.g. Windows-1258). Please save it again as CSV UTF-8.");
}

class CsvReader {
 public:
  CsvReader(std::istream& in, const RowCallback& on_row) : in_(in), on_row_(on_row), buf_(64 * 1024) {}

  void run() {
    size_t len = fill();
    size_t pos = 0;
    if (len >= 3 && std::memcmp(buf_.data(), "\xEF\xBB\xBF", 3) == 0) pos = 3;
    else if (const std::string enc = other_text_encoding(std::string_view(buf_.data(), std::min<size_t>(len, 4096)));
             enc.rfind("UTF-16", 0) == 0)
      throw not_utf8_csv(enc);  // a single-byte encoding is reported at its first non-UTF-8 row
    delim_ = detect_delimiter(std::string_view(buf_.data() + pos, len - pos));
    while (len > 0) {
      if (!consume(buf_.data() + pos, buf_.data() + len)) return;
      pos = 0;
      len = fill();
    }
    if (pending_cr_) { pending_cr_ = false; if (!end_record()) return; }
    if (state_ == State::quoted) {
      const std::string r = std::to_string(row_);
      throw csv_error("Tệp CSV bị cắt cụt hoặc hỏng: dấu ngoặc kép mở ở dòng " + r + " không được đóng",
                      "The CSV file is truncated or malformed: the quote opened on row " + r + " is never closed");
    }
    end_record();
  }

 private:
  enum class State { field_start, unquoted, quoted, quote_in_quoted };

  // Reads the next block. At the end of the stream its eof/fail state is cleared again, so that
  // callers can still ask it for its position (tellg, for progress) from the callback.
  size_t fill() {
    if (at_end_) return 0;
    in_.read(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    if (in_.bad())
      throw csv_error("Không đọc được tệp CSV (lỗi vào/ra)", "The CSV file cannot be read (I/O error)");
    const auto n = static_cast<size_t>(in_.gcount());
    if (n < buf_.size()) {
      at_end_ = true;
      in_.clear();
    }
    return n;
  }

  // ';' when the header line has more semicolons than commas outside quotes. Only the first
  // buffer is looked at: a header line is far shorter than 64 KiB.
  static char detect_delimiter(std::string_view s) {
    size_t commas = 0, semicolons = 0;
    bool quoted = false;
    for (char c : s) {
      if (c == '"') quoted = !quoted;  // "" inside quotes toggles twice: no effect
      else if (!quoted && c == '\n') break;
      else if (!quoted && c == ',') ++commas;
      else if (!quoted && c == ';') ++semicolons;
    }
    return semicolons > commas ? ';' : ',';
  }

  void count(size_t bytes) {
    record_bytes_ += bytes;
    if (record_bytes_ > kMaxCsvRowBytes) {
      const std::string r = std::to_string(row_);
      throw csv_error("Dòng " + r + " của tệp CSV dài quá 1 MiB", "Row " + r + " of the CSV file is longer than 1 MiB");
    }
  }

  void end_field() {
    if (utf8_invalid_at(field_) != field_.size()) throw csv_not_utf8(row_);
    row_buf_.put(row_buf_.n, field_);
  }

  // Ends the current record (at a line end or the end of the file). Returns false to stop.
  bool end_record() {
    bool go = true;
    if (started_) {
      end_field();
      if (row_buf_.any) go = on_row_(row_, row_buf_.finish());
    }
    row_buf_.reset();
    field_.clear();
    started_ = false;
    state_ = State::field_start;
    record_bytes_ = 0;
    ++row_;
    return go;
  }

  // Parses [p, end). Returns false when the callback asked to stop.
  bool consume(const char* p, const char* end) {
    while (p < end) {
      if (state_ == State::quoted) {
        // Fast path: everything up to the next quote is field text.
        const char* q = static_cast<const char*>(std::memchr(p, '"', static_cast<size_t>(end - p)));
        const char* stop = q ? q : end;
        count(static_cast<size_t>(stop - p));
        field_.append(p, stop);
        p = stop;
        if (q) { count(1); ++p; state_ = State::quote_in_quoted; }
        continue;
      }
      const char c = *p++;
      count(1);
      if (pending_cr_) {
        pending_cr_ = false;
        if (c == '\n') {
          if (!end_record()) return false;
          continue;
        }
        field_ += '\r';  // a lone CR is text
        state_ = State::unquoted;
      }
      if (state_ == State::quote_in_quoted) {
        if (c == '"') { field_ += '"'; state_ = State::quoted; continue; }
        state_ = State::unquoted;  // the quote closed the field; what follows is handled below
      }
      if (c == delim_) {
        started_ = true;
        end_field();
        state_ = State::field_start;
      } else if (c == '\n') {
        if (!end_record()) return false;
      } else if (c == '\r') {
        pending_cr_ = true;
      } else if (c == '"' && state_ == State::field_start) {
        started_ = true;
        state_ = State::quoted;
      } else {
        // Ordinary text: take the whole run up to the next special byte at once.
        const char* run = p - 1;
        while (p < end && *p != delim_ && *p != '\n' && *p != '\r' && *p != '"') ++p;
        count(static_cast<size_t>(p - run - 1));
        field_.append(run, p);
        started_ = true;
        state_ = State::unquoted;
      }
    }
    return true;
  }

  std::istream& in_;
  const RowCallback& on_row_;
  std::vector<char> buf_;
  bool at_end_ = false;  // the last read was short: the stream is exhausted
  char delim_ = ',';
  State state_ = State::field_start;
  bool pending_cr_ = false;  // a CR outside quotes: a line end if a LF follows
  bool started_ = false;     // the current record has a byte other than its line end
  long long row_ = 1;        // the spreadsheet row of the current record
  size_t record_bytes_ = 0;
  std::string field_;
  RowBuffer row_buf_;
};

// ---------------------------------------------------------------------------------------------
// XLSX

[[noreturn]] void damaged(const std::string& vi, const std::string& en) {
  throw Error(400, "invalid_file", "Tệp Excel bị hỏng hoặc không đọc được: " + vi,
              "The Excel file is damaged or unreadable: " + en, "file");
}

// Parsing runs without namespace processing (no namespace URI per element), so names are
// matched by their local part: "x:row" and "row" alike, as some generators prefix.
const char* local_name(const char* qname) {
  for (const char* p = qname; *p; ++p)
    if (*p == ':') return p + 1;
  return qname;
}

// Names are short: a plain loop beats a call to strcmp.
bool is(const char* a, const char* b) {
  while (*a && *a == *b) { ++a; ++b; }
  return *a == *b;
}

// The value of the attribute with this local name (not a namespace declaration), or nullptr.
// `atts` is expat's list: name, value, name, value, …, nullptr.
const char* attribute(const char** atts, const char* name) {
  for (; *atts; atts += 2)
    if (is(local_name(atts[0]), name) && std::strncmp(atts[0], "xmlns", 5) != 0) return atts[1];
  return nullptr;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// OOXML string escapes (ECMA-376 ST_Xstring): Excel writes a character XML cannot hold (a
// control character such as CR) as _xHHHH_, and a literal "_x" that would read as one as _x005F_.
// NUL and surrogates are left as written (a database text cannot hold NUL).
void decode_xstring(std::string& s) {
  if (s.find("_x") == std::string::npos) return;
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    if (s[i] == '_' && i + 6 < s.size() && s[i + 1] == 'x' && s[i + 6] == '_') {
      int v = 0;
      bool ok = true;
      for (size_t k = 2; k < 6 && ok; ++k) {
        const int h = hex_digit(s[i + k]);
        ok = h >= 0;
        v = v * 16 + h;
      }
      if (ok && v != 0 && (v < 0xD800 || v > 0xDFFF)) {
        append_utf8(out, static_cast<uint32_t>(v));
        i += 7;
        continue;
      }
    }
    out += s[i++];
  }
  s = std::move(out);
}

void append_text(std::string& to, const char* s, int length) {
  if (to.size() + static_cast<size_t>(length) > kMaxCellBytes)
    damaged("một ô dài quá 1 MiB", "a cell is longer than 1 MiB");
  to.append(s, static_cast<size_t>(length));
}

// What one zip entry's XML is fed to. Element names arrive as local names (prefix dropped).
// A handler may throw: the parse stops there and the exception reaches parse_entry's caller.
// stop() ends the parse early without an error.
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void start(const char* name, const char** atts) {}
  virtual void end(const char* name) {}
  virtual void text(const char* s, int len) {}
  bool stopped() const { return stop_; }

 protected:
  void stop() { stop_ = true; }

 private:
  bool stop_ = false;
};

// The shared-string table: all strings in one buffer (no per-string allocation), ends_[i] is
// where string i ends. The pool is capped far below 4 GiB, so 32-bit offsets suffice.
class SharedStrings {
  static_assert(kMaxSharedStringBytes < (uint64_t{1} << 32));

 public:
  void add(std::string_view s) {
    if (pool_.size() + s.size() > kMaxSharedStringBytes)
      damaged("bảng chuỗi dùng chung lớn quá 512 MiB", "the shared-string table is larger than 512 MiB");
    pool_.append(s);
    ends_.push_back(static_cast<uint32_t>(pool_.size()));
  }
  size_t size() const { return ends_.size(); }
  std::string_view at(size_t i) const {
    const size_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(pool_).substr(begin, ends_[i] - begin);
  }

 private:
  std::string pool_;
  std::vector<uint32_t> ends_;
};

// xl/sharedStrings.xml: <sst><si><t>…</t></si><si><r><t>a</t></r><r><t>b</t></r></si>…</sst>.
class SharedStringsHandler : public XmlHandler {
 public:
  explicit SharedStringsHandler(SharedStrings& out) : out_(out) {}
  void start(const char* n, const char**) override {
    if (is(n, "si")) { in_si_ = true; text_.clear(); }
    else if (is(n, "rPh")) ++in_rph_;
    else if (is(n, "t") && in_si_ && in_rph_ == 0) in_t_ = true;
  }
  void end(const char* n) override {
    if (is(n, "t")) in_t_ = false;
    else if (is(n, "rPh")) --in_rph_;
    else if (is(n, "si")) {
      decode_xstring(text_);
      out_.add(text_);
      in_si_ = false;
    }
  }
  void text(const char* s, int len) override {
    if (in_t_) append_text(text_, s, len);
  }

 private:
  SharedStrings& out_;
  std::string text_;
  bool in_si_ = false, in_t_ = false;
  int in_rph_ = 0;
};

// xl/workbook.xml: the relationship ids of the sheets, in workbook order.
class WorkbookHandler : public XmlHandler {
 public:
  std::vector<std::string> sheet_ids, sheet_names;
  void start(const char* n, const char** atts) override {
    if (is(n, "sheet"))
      if (const char* id = attribute(atts, "id")) {
        sheet_ids.emplace_back(id);
        const char* name = attribute(atts, "name");
        sheet_names.emplace_back(name ? name : "");
      }
  }
};

// xl/_rels/workbook.xml.rels: relationship id → (type, target).
class RelsHandler : public XmlHandler {
 public:
  struct Rel { std::string type, target; };
  std::map<std::string, Rel> rels;
  void start(const char* n, const char** atts) override {
    if (!is(n, "Relationship")) return;
    const char* id = attribute(atts, "Id");
    const char* type = attribute(atts, "Type");
    const char* target = attribute(atts, "Target");
    if (id && target) rels[id] = Rel{type ? type : "", target};
  }
};

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

// A relationship target of the workbook part → the zip entry name: relative to "xl/", or
// absolute from the package root ("/xl/worksheets/sheet1.xml"); "." and ".." resolved.
std::string resolve_target(const std::string& target) {
  std::string joined = !target.empty() && target[0] == '/' ? target.substr(1) : "xl/" + target;
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= joined.size()) {
    size_t slash = joined.find('/', start);
    if (slash == std::string::npos) slash = joined.size();
    std::string part = joined.substr(start, slash - start);
    if (part == "..") { if (!parts.empty()) parts.pop_back(); }
    else if (!part.empty() && part != ".") parts.push_back(std::move(part));
    start = slash + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

// What the row callback threw, carried out of the parse untouched (not taken for a fault of the file).
struct CallbackFailure {
  std::exception_ptr error;
};

// The worksheet: <sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>…</row>…</sheetData>.
class SheetHandler : public XmlHandler {
 public:
  SheetHandler(const SharedStrings& sst, const RowCallback& on_row) : sst_(sst), on_row_(on_row) {}

  // Elements are told apart by their first letter first: this runs for every cell.
  void start(const char* n, const char** atts) override {
    if (!in_data_) {
      if (is(n, "sheetData")) in_data_ = true;
      return;
    }
    if (n[0] == 'c' && n[1] == 0) {
      col_ = next_col_;
      type_ = Type::number;
      for (const char** a = atts; *a; a += 2) {
        const char* an = local_name(a[0]);
        if (an[0] == 'r' && an[1] == 0) col_ = column_of(a[1]);
        else if (an[0] == 't' && an[1] == 0) type_ = type_of(a[1]);
      }
      value_.clear();
      in_cell_ = true;
    } else if (n[0] == 'v' && n[1] == 0) {
      in_v_ = in_cell_;
    } else if (is(n, "is")) {
      in_is_ = in_cell_;
    } else if (is(n, "rPh")) {
      ++in_rph_;
    } else if (is(n, "t")) {
      in_t_ = in_is_ && in_rph_ == 0;
    } else if (is(n, "row")) {
      long long r = row_ + 1;
      if (const char* attr = attribute(atts, "r")) {
        const char* e = attr + std::strlen(attr);
        auto [p, ec] = std::from_chars(attr, e, r);
        if (ec != std::errc() || p != e || r < 1)
          damaged("số dòng không hợp lệ \"" + std::string(attr) + "\"", "invalid row number \"" + std::string(attr) + "\"");
      }
      if (r <= row_) {
        const std::string s = std::to_string(r);
        damaged("dòng " + s + " không theo thứ tự", "row " + s + " is out of order");
      }
      row_ = r;
      next_col_ = 0;
      row_buf_.reset();
    }
  }

  void end(const char* n) override {
    if (!in_data_) return;
    if (n[0] == 'v' && n[1] == 0) in_v_ = false;
    else if (n[0] == 'c' && n[1] == 0) end_cell();
    else if (is(n, "t")) in_t_ = false;
    else if (is(n, "row")) end_row();
    else if (is(n, "is")) in_is_ = false;
    else if (is(n, "rPh")) --in_rph_;
    else if (is(n, "sheetData")) in_data_ = false;
  }

  void text(const char* s, int len) override {
    if (in_v_ || in_t_) append_text(value_, s, len);
  }

 private:
  enum class Type { number, shared, inline_str, boolean, str, error, date };

  static Type type_of(const char* t) {
    if (is(t, "s")) return Type::shared;
    if (is(t, "inlineStr")) return Type::inline_str;
    if (is(t, "b")) return Type::boolean;
    if (is(t, "str")) return Type::str;
    if (is(t, "e")) return Type::error;
    if (is(t, "d")) return Type::date;
    return Type::number;  // "n" or anything unknown: a number
  }

  // "C12" → 2. Letters only (the row number is the <row>'s); a reference without letters is
  // ignored like an absent one.
  size_t column_of(const char* r) const {
    long c = 0;
    const char* p = r;
    for (; *p; ++p) {
      char ch = *p;
      if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
      if (ch < 'A' || ch > 'Z') break;
      c = c * 26 + (ch - 'A' + 1);
      if (c > kMaxColumns)
        damaged("ô " + std::string(r) + " nằm ngoài 16.384 cột", "cell " + std::string(r) + " is beyond the 16,384 columns");
    }
    return p == r ? next_col_ : static_cast<size_t>(c - 1);
  }

  void end_cell() {
    in_cell_ = in_v_ = in_is_ = in_t_ = false;
    switch (type_) {
      case Type::shared: {
        if (value_.empty()) break;
        size_t idx = 0;
        auto [p, ec] = std::from_chars(value_.data(), value_.data() + value_.size(), idx);
        if (ec != std::errc() || p != value_.data() + value_.size() || idx >= sst_.size())
          damaged("chỉ số chuỗi dùng chung không hợp lệ \"" + value_ + "\"",
                  "invalid shared-string index \"" + value_ + "\"");
        value_.assign(sst_.at(idx));
        break;
      }
      case Type::boolean:
        if (!value_.empty()) value_ = value_ == "0" ? "FALSE" : "TRUE";
        break;
      case Type::inline_str:
      case Type::str:
        decode_xstring(value_);
        break;
      case Type::error:
      case Type::date:
        break;
      case Type::number:
        normalise_number(value_);
        break;
    }
    row_buf_.put(col_, value_);
    next_col_ = col_ + 1;
  }

  void end_row() {
    if (!row_buf_.any) return;  // no cell, or only empty (formatted) cells
    bool go;
    try {
      go = on_row_(row_, row_buf_.finish());
    } catch (...) {
      throw CallbackFailure{std::current_exception()};
    }
    if (!go) stop();
  }

  const SharedStrings& sst_;
  const RowCallback& on_row_;
  bool in_data_ = false, in_cell_ = false, in_v_ = false, in_is_ = false, in_t_ = false;
  int in_rph_ = 0;
  long long row_ = 0;    // the current (last started) row
  size_t next_col_ = 0;  // where a cell without a reference goes
  size_t col_ = 0;       // the current cell's column
  Type type_ = Type::number;
  std::string value_;
  RowBuffer row_buf_;
};

// One expat parse. Handlers run inside expat's C frames, so no exception may cross them: a
// handler's exception is caught, saved, and the parser stopped; run() rethrows it.
class ExpatParse {
 public:
  explicit ExpatParse(XmlHandler& h) : h_(h), p_(XML_ParserCreate(nullptr)) {
    if (!p_) throw std::bad_alloc();
    XML_SetUserData(p_, this);
    XML_SetElementHandler(p_, &ExpatParse::on_start, &ExpatParse::on_end);
    XML_SetCharacterDataHandler(p_, &ExpatParse::on_text);
    // OOXML parts never have a DTD (ECMA-376 part 2): refusing one rules out entity tricks.
    XML_SetStartDoctypeDeclHandler(p_, &ExpatParse::on_doctype);
  }
  ~ExpatParse() { XML_ParserFree(p_); }
  ExpatParse(const ExpatParse&) = delete;
  ExpatParse& operator=(const ExpatParse&) = delete;

  // Feeds `in` to the parser until its end or a stop. Returns false when a handler stopped it.
  bool run(std::istream& in, const std::string& name) {
    constexpr int kChunk = 64 * 1024;
    for (;;) {
      void* buf = XML_GetBuffer(p_, kChunk);
      if (!buf) throw std::bad_alloc();
      in.read(static_cast<char*>(buf), kChunk);
      const auto n = static_cast<int>(in.gcount());
      const bool last = n < kChunk;
      if (XML_ParseBuffer(p_, n, last) != XML_STATUS_OK) {
        if (error_) std::rethrow_exception(error_);
        if (h_.stopped()) return false;
        const std::string where = name + " (" + std::to_string(XML_GetCurrentLineNumber(p_)) + ":" +
                                  std::to_string(XML_GetCurrentColumnNumber(p_)) + ") " +
                                  XML_ErrorString(XML_GetErrorCode(p_));
        damaged("XML lỗi trong " + where, "malformed XML in " + where);
      }
      if (last) return true;
    }
  }

 private:
  // After a halt expat may still deliver a pending event: it is ignored.
  static ExpatParse* live(void* self) {
    auto* me = static_cast<ExpatParse*>(self);
    return me->halted_ ? nullptr : me;
  }
  void after() {
    if (h_.stopped()) halt();
  }
  void fail() {
    error_ = std::current_exception();
    halt();
  }
  void halt() {
    halted_ = true;
    XML_StopParser(p_, XML_FALSE);
  }
  static void on_start(void* self, const XML_Char* name, const XML_Char** atts) {
    if (auto* me = live(self)) {
      try { me->h_.start(local_name(name), atts); } catch (...) { return me->fail(); }
      me->after();
    }
  }
  static void on_end(void* self, const XML_Char* name) {
    if (auto* me = live(self)) {
      try { me->h_.end(local_name(name)); } catch (...) { return me->fail(); }
      me->after();
    }
  }
  static void on_text(void* self, const XML_Char* s, int len) {
    if (auto* me = live(self)) {
      try { me->h_.text(s, len); } catch (...) { return me->fail(); }
    }
  }
  static void on_doctype(void* self, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    if (auto* me = live(self)) {
      try { damaged("có khai báo DTD", "it has a DTD declaration"); } catch (...) { me->fail(); }
    }
  }

  XmlHandler& h_;
  XML_Parser p_;
  bool halted_ = false;  // stopped by a handler (error_ set, or the handler's stop())
  std::exception_ptr error_;
};

// Parses one zip entry with `handler`, streaming (the entry is inflated while it is parsed).
void parse_entry(const std::string& path, const Poco::Zip::ZipArchive& zip, const std::string& name,
                 XmlHandler& handler) {
  auto header = zip.findHeader(name);
  if (header == zip.headerEnd()) damaged("thiếu phần " + name, name + " is missing");
  std::ifstream file(path, std::ios::binary);
  if (!file) damaged("không mở được tệp", "the file cannot be opened");
  Poco::Zip::ZipInputStream entry(file, header->second, true);
  // Inflate and CRC failures surface as exceptions, not as a silently shorter document.
  entry.exceptions(std::ios::badbit);
  ExpatParse parse(handler);
  if (parse.run(entry, name) && !entry.crcValid()) damaged("sai mã kiểm tra CRC của " + name, "CRC mismatch in " + name);
}

}  // namespace

// ---------------------------------------------------------------------------------------------

std::optional<SheetFormat> detect_sheet_format(std::string_view first_bytes, const std::string& filename) {
  const std::string ext = lower_extension(filename);
  auto named = [&](std::initializer_list<const char*> exts) {
    return std::any_of(exts.begin(), exts.end(), [&](const char* e) { return ext == e; });
  };
  if (first_bytes.size() >= 4 && first_bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4)) {
    if (named({"docx", "pptx", "odt", "ods", "odp", "zip", "epub"})) return std::nullopt;
    return SheetFormat::xlsx;
  }
  // Formats whose first bytes are ASCII text: PDF, GIF, RTF.
  for (std::string_view magic : {"%PDF-", "GIF8", "{\\rtf"})
    if (first_bytes.substr(0, magic.size()) == magic) return std::nullopt;
  bool cut = false;
  const size_t bad = utf8_invalid_at(first_bytes, &cut);
  // Text in another encoding (UTF-16, Windows-1258) is a CSV saved wrongly: csv, so that the CSV
  // reader names the encoding and asks for "CSV UTF-8" instead of "not a spreadsheet".
  if (bad != first_bytes.size() && !cut && other_text_encoding(first_bytes).empty()) return std::nullopt;
  if (named({"xls", "xlsx", "xlsm", "xlsb", "ods", "pdf", "doc", "docx"})) return std::nullopt;
  return SheetFormat::csv;
}

void read_csv_rows(std::istream& in, const RowCallback& on_row) { CsvReader(in, on_row).run(); }

namespace {
// Opens the workbook and hands every worksheet (name, zip entry) to `each` in workbook order;
// `all` false: only the first (read_xlsx_rows).
void for_each_xlsx_sheet(const std::string& path, bool all, size_t max_sheets,
                         const std::function<bool(const std::string& name)>& on_sheet, const RowCallback& on_row) {
  try {
    std::ifstream file(path, std::ios::binary);
    if (!file) damaged("không mở được tệp", "the file cannot be opened");
    char magic[4] = {};
    file.read(magic, 4);
    if (file.gcount() < 4 || std::memcmp(magic, "PK\x03\x04", 4) != 0)
      damaged("không phải tệp .xlsx (ZIP)", "not an .xlsx (zip) file");
    file.seekg(0);
    const Poco::Zip::ZipArchive zip(file);
    // A zip cut short keeps its local entries but loses the central directory at its end.
    if (zip.fileInfoBegin() == zip.fileInfoEnd())
      damaged("tệp bị cắt cụt (thiếu mục lục ZIP)", "the file is truncated (no zip central directory)");
    if (zip.findHeader("xl/workbook.xml") == zip.headerEnd())
      damaged("thiếu xl/workbook.xml (không phải sổ tính Excel)", "xl/workbook.xml is missing (not an Excel workbook)");

    WorkbookHandler workbook;
    parse_entry(path, zip, "xl/workbook.xml", workbook);
    RelsHandler rels;
    if (zip.findHeader("xl/_rels/workbook.xml.rels") != zip.headerEnd())
      parse_entry(path, zip, "xl/_rels/workbook.xml.rels", rels);

    // The sheets that are worksheets (not chart sheets) and present in the package.
    std::vector<std::pair<std::string, std::string>> sheets;  // name, entry
    for (size_t i = 0; i < workbook.sheet_ids.size(); ++i) {
      auto r = rels.rels.find(workbook.sheet_ids[i]);
      if (r == rels.rels.end() || !ends_with(r->second.type, "/worksheet")) continue;
      std::string entry = resolve_target(r->second.target);
      if (zip.findHeader(entry) != zip.headerEnd()) {
        sheets.emplace_back(i < workbook.sheet_names.size() ? workbook.sheet_names[i] : "", std::move(entry));
        if (!all) break;
      }
    }
    if (sheets.empty()) sheets.emplace_back("", "xl/worksheets/sheet1.xml");
    if (zip.findHeader(sheets.front().second) == zip.headerEnd()) damaged("không có trang tính nào", "there is no worksheet");
    if (sheets.size() > max_sheets)
      throw Error(400, "invalid_file", "Tệp có quá nhiều trang tính (tối đa " + std::to_string(max_sheets) + ")",
                  "The file has too many worksheets (at most " + std::to_string(max_sheets) + ")", "file");

    SharedStrings sst;
    std::string sst_entry = "xl/sharedStrings.xml";
    for (const auto& [id, rel] : rels.rels)
      if (ends_with(rel.type, "/sharedStrings")) sst_entry = resolve_target(rel.target);
    if (zip.findHeader(sst_entry) != zip.headerEnd()) {
      SharedStringsHandler h(sst);
      parse_entry(path, zip, sst_entry, h);
    }

    for (const auto& [name, entry] : sheets) {
      if (on_sheet && !on_sheet(name)) continue;
      SheetHandler h(sst, on_row);
      parse_entry(path, zip, entry, h);
    }
  } catch (const CallbackFailure& f) {
    std::rethrow_exception(f.error);
  } catch (const Error&) {
    throw;
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const Poco::Exception& e) {  // zip structure, inflate and CRC faults
    damaged(e.displayText(), e.displayText());
  } catch (const std::exception& e) {  // a stream failure
    damaged(e.what(), e.what());
  }
}
}  // namespace

void read_xlsx_rows(const std::string& path, const RowCallback& on_row) {
  for_each_xlsx_sheet(path, false, 1, {}, on_row);
}

void read_xlsx_sheets(const std::string& path, const SheetCallback& on_sheet, const RowCallback& on_row, size_t max_sheets) {
  for_each_xlsx_sheet(path, true, max_sheets, on_sheet, on_row);
}

std::optional<std::string> excel_serial_to_iso(std::string_view cell) {
  std::string v(cell);
  normalise_number(v);
  // A date with a time of day (46124.375 = 12/04/2026 09:00): the day, the time dropped.
  if (const size_t dot = v.find('.'); dot != std::string::npos && dot > 0 && dot + 1 < v.size() &&
                                      std::all_of(v.begin() + static_cast<long>(dot) + 1, v.end(), is_digit))
    v.resize(dot);
  if (v.empty() || v.size() > 7 || !std::all_of(v.begin(), v.end(), is_digit)) return std::nullopt;
  const long serial = std::stol(v);
  if (serial < 1 || serial >= 2958466) return std::nullopt;
  return Date::from_ymd(1899, 12, 30).add_days(static_cast<int>(serial)).iso();
}

}  // namespace longghep
