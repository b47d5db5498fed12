// The one error type of longghep. Every failure that ends a request is an Error: it carries a
// stable machine code, the HTTP status it maps to, a Vietnamese and an English message, and
// optionally the input field at fault. The HTTP layer turns it into
// {"error":{"code","message","messageEn","field"}} in exactly one place (http/server.cpp).
#pragma once
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/date.hpp"

namespace longghep {

// One fault of an input, named by its field ("reach[1].female"), in both languages.
struct FieldIssue {
  std::string field, message_vi, message_en;
};

class Error : public std::runtime_error {
 public:
  Error(int status, std::string code, std::string message_vi, std::string message_en,
        std::optional<std::string> field = std::nullopt)
      : std::runtime_error(message_en), status_(status), code_(std::move(code)),
        message_vi_(std::move(message_vi)), message_en_(std::move(message_en)),
        field_(std::move(field)) {}

  int status() const { return status_; }
  const std::string& code() const { return code_; }
  const std::string& message_vi() const { return message_vi_; }
  const std::string& message_en() const { return message_en_; }
  const std::optional<std::string>& field() const { return field_; }
  // Every fault of the input when there are several (the first is also field()/message).
  const std::vector<FieldIssue>& details() const { return details_; }
  // Seconds after which a refused request may be tried again (503 busy, 429): the HTTP layer
  // sends it as Retry-After. 0 = none.
  int retry_after() const { return retry_after_; }
  // Further members of the error object as serialized JSON object text (e.g. the candidates of an
  // ambiguous_org_unit), merged into {"error": {...}} by the HTTP layer; empty = none.
  const std::string& extra_json() const { return extra_json_; }
  Error& with_extra_json(std::string object_text) {
    extra_json_ = std::move(object_text);
    return *this;
  }

  // 400 validation_failed for a non-empty list of faults: the first names the error.
  static Error Invalid(std::vector<FieldIssue> issues) {
    Error e = Validation(issues.at(0).field, issues[0].message_vi, issues[0].message_en);
    e.details_ = std::move(issues);
    return e;
  }

  // Named factories for the errors used across the code base.
  static Error BadRequest(std::string vi, std::string en, std::optional<std::string> field = {}) {
    return Error(400, "bad_request", std::move(vi), std::move(en), std::move(field));
  }
  static Error Validation(std::string field, std::string vi, std::string en) {
    return Error(400, "validation_failed", std::move(vi), std::move(en), std::move(field));
  }
  static Error NotFound(std::string what_vi, std::string what_en) {
    return Error(404, "not_found", "Không tìm thấy " + what_vi, what_en + " not found");
  }
  static Error Unauthenticated() {
    return Error(401, "unauthenticated", "Bạn cần đăng nhập", "You must sign in");
  }
  static Error Forbidden() {
    return Error(403, "forbidden", "Bạn không có quyền thực hiện thao tác này",
                 "You are not allowed to do this");
  }
  // 503: every worker or database connection stayed busy for the wait allowed; try again soon.
  static Error Busy(int retry_after_seconds = 2) {
    Error e(503, "busy", "Hệ thống đang bận, vui lòng thử lại sau ít giây",
            "The server is busy; please try again in a few seconds");
    e.retry_after_ = retry_after_seconds;
    return e;
  }
  // 429: this caller (user or address) has too many requests of this kind under way or in a window.
  static Error TooMany(std::string what_vi, std::string what_en, int retry_after_seconds = 5) {
    Error e(429, "too_many_requests", "Quá nhiều yêu cầu " + what_vi + " cùng lúc, vui lòng thử lại sau",
            "Too many " + what_en + " at once; please try again later");
    e.retry_after_ = retry_after_seconds;
    return e;
  }
  // An org-unit code that names no unit on the day (or in the year) it was looked up for, naming
  // the input in `field`. As a path or query parameter, what is asked for does not exist: 404
  // (OrgUnitNotFound). As a field of a body being written, the input is wrong: 400
  // (OrgUnitFieldNotFound). Both have the code org_unit_not_found.
  static Error OrgUnitNotFound(const std::string& code, const std::string& field, Date on) {
    return unit_not_found(404, code, field, " vào ngày " + on.vn(), " on " + on.iso());
  }
  static Error OrgUnitNotFound(const std::string& code, const std::string& field, int year) {
    return unit_not_found(404, code, field, " trong năm " + std::to_string(year), " in " + std::to_string(year));
  }
  static Error OrgUnitFieldNotFound(const std::string& code, const std::string& field, Date on) {
    return unit_not_found(400, code, field, " vào ngày " + on.vn(), " on " + on.iso());
  }
  static Error OrgUnitFieldNotFound(const std::string& code, const std::string& field, int year) {
    return unit_not_found(400, code, field, " trong năm " + std::to_string(year), " in " + std::to_string(year));
  }
  // 400 validation_failed: query parameter `key` is present but not of its kind; `expected_*`
  // says what it must be ("phải là số nguyên dương" / "must be a positive integer").
  static Error InvalidParam(const std::string& key, const std::string& expected_vi, const std::string& expected_en) {
    return Validation(key, "Tham số " + key + " không hợp lệ: " + expected_vi, "Invalid parameter " + key + ": " + expected_en);
  }
  // 400 validation_failed: required query parameter `key` is absent.
  static Error MissingParam(const std::string& key, const std::string& what_vi, const std::string& what_en) {
    return Validation(key, "Thiếu " + what_vi + " (" + key + ")", "The " + what_en + " (" + key + ") is required");
  }
  static Error Conflict() {
    return Error(409, "conflict", "Dữ liệu đã bị người khác thay đổi, vui lòng tải lại",
                 "The record was changed by someone else; reload and try again");
  }

 private:
  static Error unit_not_found(int status, const std::string& code, const std::string& field, const std::string& when_vi,
                              const std::string& when_en) {
    return Error(status, "org_unit_not_found", "Không có đơn vị hành chính mã " + code + when_vi,
                 "No org unit with code " + code + when_en, field);
  }

  std::string extra_json_;
  int status_;
  std::string code_;
  std::string message_vi_;
  std::string message_en_;
  std::optional<std::string> field_;
  std::vector<FieldIssue> details_;
  int retry_after_ = 0;
};

}  // namespace longghep
