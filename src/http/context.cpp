#include "http/context.hpp"

#include "domain/error.hpp"
#include "domain/hierarchy.hpp"
#include "domain/text.hpp"
#include "util/json_input.hpp"

namespace longghep {
using nlohmann::json;

const Principal& Ctx::me() const {
  if (!principal) throw Error::Unauthenticated();
  return *principal;
}

std::string QueryParams::q(const std::string& key, const std::string& fallback) const {
  auto it = query_.find(key);
  if (it == query_.end()) return fallback;
  if (it->second.size() > 500 || !is_clean_utf8(it->second))
    throw Error::Validation(key, "Tham số không hợp lệ: " + key, "Invalid query parameter: " + key);
  return it->second;
}

Date QueryParams::as_of() const {
  auto d = opt_date("asOf");
  return d ? *d : Date::today_vn();
}

std::optional<Date> QueryParams::opt_date(const std::string& key) const {
  std::string v = q(key);
  if (v.empty()) return std::nullopt;
  auto d = Date::parse(v);
  if (!d || d->year() < 1900 || d->year() > 2200)
    throw Error::Validation(key, "Tham số " + key + ": ngày không hợp lệ (YYYY-MM-DD, năm 1900–2200): " + v,
                            "Parameter " + key + ": invalid date (YYYY-MM-DD, years 1900–2200): " + v);
  return d;
}

std::optional<long long> QueryParams::id_q(const std::string& key) const {
  const std::string v = q(key);
  if (v.empty()) return std::nullopt;
  auto n = parse_digits(v, 18);
  if (!n || *n < 1) throw Error::InvalidParam(key, "phải là số nguyên dương", "must be a positive integer");
  return n;
}

std::optional<int> QueryParams::int_q(const std::string& key, int lo, int hi) const {
  const std::string v = q(key);
  if (v.empty()) return std::nullopt;
  auto n = parse_digits(v, 9);
  if (!n || *n < lo || *n > hi)
    throw Error::InvalidParam(key, "phải là số nguyên từ " + std::to_string(lo) + " đến " + std::to_string(hi),
                              "must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi));
  return static_cast<int>(*n);
}

long long QueryParams::version_q() const {
  const std::string v = q("version");
  if (v.empty()) throw Error::MissingParam("version", "phiên bản của bản ghi", "record's version");
  auto n = parse_digits(v, 18);
  if (!n) throw Error::InvalidParam("version", "phải là số nguyên không âm", "must be a non-negative integer");
  return *n;
}

std::string QueryParams::enum_q(const std::string& key, const std::vector<std::string>& allowed,
                                const std::string& fallback) const {
  const std::string v = q(key);
  if (v.empty()) return fallback;
  std::string list;
  for (const auto& a : allowed) {
    if (v == a) return v;
    list += (list.empty() ? "" : ", ") + a;
  }
  throw Error::InvalidParam(key, "là một trong " + list, "is one of " + list);
}

std::optional<bool> QueryParams::bool_q(const std::string& key) const {
  const std::string v = enum_q(key, {"true", "false"});
  if (v.empty()) return std::nullopt;
  return v == "true";
}

const OrgUnit* QueryParams::unit_q(const Hierarchy& h, const std::string& key, std::optional<Date> on) const {
  const std::string code = q(key);
  if (code.empty()) return nullptr;
  const Date d = on ? *on : as_of();
  const OrgUnit* u = h.find(code, d);
  if (!u) throw Error::OrgUnitNotFound(code, key, d);
  return u;
}

int QueryParams::page() const { return int_q("page", 1, 1000000).value_or(1); }
int QueryParams::page_size() const { return int_q("pageSize", 1, 500).value_or(50); }

std::string QueryParams::sort(const std::vector<std::string>& fields) const {
  const std::string v = q("sort", fields.at(0));
  std::string list;
  for (const auto& f : fields) {
    if (v == f || v == "-" + f) return v;
    list += (list.empty() ? "" : ", ") + f;
  }
  throw Error::Validation("sort", "Chỉ sắp xếp theo: " + list, "Sort by one of: " + list);
}

long long Ctx::id_param(size_t i) const {
  const std::string& v = params.at(i);
  auto n = parse_digits(v, 18);
  if (!n) throw Error::NotFound("bản ghi", "Record");
  return *n;
}

json parse_body_object(const std::string& body) {
  json j;
  check_json_depth(body);  // before the parser allocates anything: 413 json_too_deep
  try {
    j = json::parse(body);
  } catch (const json::exception&) {  // parse_error, and out_of_range for a number like 1e9999 (found by fuzz_json_body)
    throw Error(400, "invalid_json", "Dữ liệu gửi lên không phải JSON hợp lệ", "The request body is not valid JSON");
  }
  if (!j.is_object())
    throw Error(400, "invalid_json", "Dữ liệu gửi lên phải là một đối tượng JSON", "The request body must be a JSON object");
  return j;
}

json Ctx::body() const { return parse_body_object(req.body); }

namespace {
Error type_error(const std::string& field, const char* vi, const char* en) {
  return Error::Validation(field, "Trường \"" + field + "\" " + vi, "Field \"" + field + "\" " + en);
}
}  // namespace

std::string opt_string(const json& b, const std::string& field, size_t max_len) {
  auto it = b.find(field);
  if (it == b.end() || it->is_null()) return "";
  if (!it->is_string()) throw type_error(field, "phải là chuỗi", "must be a string");
  const std::string& raw = it->get_ref<const std::string&>();
  if (raw.size() > 4 * max_len + 16) throw type_error(field, "quá dài", "is too long");  // before normalising
  if (!is_clean_utf8(raw)) throw type_error(field, "chứa ký tự không hợp lệ", "contains invalid characters");
  std::string v = to_nfc(raw);  // stored as NFC, whatever form the client typed
  if (v.size() > max_len) throw type_error(field, "quá dài", "is too long");
  return v;
}

std::string req_string(const json& b, const std::string& field, size_t max_len) {
  std::string v = opt_string(b, field, max_len);
  if (v.empty()) throw type_error(field, "là bắt buộc", "is required");
  return v;
}

std::optional<long long> opt_int(const json& b, const std::string& field) {
  auto it = b.find(field);
  if (it == b.end() || it->is_null()) return std::nullopt;
  if (!it->is_number_integer()) throw type_error(field, "phải là số nguyên", "must be an integer");
  return it->get<long long>();
}

long long req_int(const json& b, const std::string& field) {
  auto v = opt_int(b, field);
  if (!v) throw type_error(field, "là bắt buộc", "is required");
  return *v;
}

bool opt_bool(const json& b, const std::string& field, bool fallback) {
  auto it = b.find(field);
  if (it == b.end() || it->is_null()) return fallback;
  if (!it->is_boolean()) throw type_error(field, "phải là true/false", "must be true or false");
  return it->get<bool>();
}

std::vector<std::string> req_string_array(const json& b, const std::string& field, size_t max_items) {
  auto it = b.find(field);
  if (it == b.end() || !it->is_array()) throw type_error(field, "phải là một danh sách", "must be an array");
  if (it->size() > max_items) throw type_error(field, "có quá nhiều phần tử", "has too many items");
  std::vector<std::string> out;
  for (const auto& x : *it) {
    if (!x.is_string() || x.get<std::string>().size() > 64) throw type_error(field, "phải chứa các chuỗi", "must contain strings");
    if (!is_clean_utf8(x.get<std::string>())) throw type_error(field, "chứa ký tự không hợp lệ", "contains invalid characters");
    out.push_back(to_nfc(x.get<std::string>()));
  }
  return out;
}

std::optional<Date> opt_json_date(const json& b, const std::string& field) {
  std::string v = opt_string(b, field, 10);
  if (v.empty()) return std::nullopt;
  auto d = Date::parse(v);
  if (!d || d->year() < 1900 || d->year() > 2200)
    throw type_error(field, "phải là ngày YYYY-MM-DD (1900–2200)", "must be a date YYYY-MM-DD (1900–2200)");
  return d;
}

}  // namespace longghep
