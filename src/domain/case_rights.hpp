// The person's rights over a support record (issue 16 §6; docs/api-cases.md "The person's
// rights"): export, correction, anonymisation, retention, and the guards around duplicate
// search. The pure rules only; storage/case_rights does the I/O, http/routes_case_rights the HTTP.
#pragma once
#include <string>
#include <string_view>

#include "domain/date.hpp"

namespace longghep::cases {

// The status of a record whose identity is wiped: final, never set through PUT /api/cases/{id}.
inline constexpr const char* kAnonymised = "anonymised";
// 409 case_anonymised (vi + en) when `status` is anonymised: identity edits, reveals, new
// services and referrals, updates of an anonymised record.
void require_not_anonymised(std::string_view status);

// Free text stored in the clear beside a record (reveal reasons, consent notes, anonymisation
// reasons, correction references) must not hold an identifier: a run of 9 or more digits, where
// spaces, dots, hyphens and a leading '+' between digits do not break the run (a CCCD, an old
// CMND, a phone number "0905 123 456", "+84 905-123-456").
bool looks_like_identifier(std::string_view text);
// 400 validation_failed naming `field` (the message never repeats the text) when it does.
void require_no_identifier(std::string_view text, const std::string& field);

// An anonymisation reason or a correction reference: trimmed, 10..500 characters, no identifier.
std::string validate_rights_reason(std::string_view text, const std::string& field);

// Retention: a closed record whose closure day is before the cutoff is anonymised. The cutoff is
// `as_of` minus `years` calendar years (29 February → 28 February in a common year); years ≥ 1.
Date retention_cutoff(Date as_of, int years);
inline constexpr int kDefaultRetentionYears = 5;

// Duplicate search (POST /api/cases/duplicates) answers "does this person have a record": at most
// this many per user per hour; beyond, 429 too_many_searches (vi + en).
inline constexpr int kSearchesPerHour = 60;
void require_search_allowed(int searches_last_hour);

}  // namespace longghep::cases
