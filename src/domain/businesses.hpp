// The service business registry (issue 17 §1): the rules, without I/O. A business belongs to its
// commune (unit + as-of date); its status moves operating ↔ suspended → closed with dated
// history; duplicates are found by folded name + folded address + commune. Worker numbers are
// aggregate counts only. Applied by storage/businesses and http/routes_businesses.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/date.hpp"

namespace longghep::businesses {

inline constexpr const char* kStatuses[] = {"operating", "suspended", "closed"};
inline constexpr size_t kNameMax = 300, kAddressMax = 500, kTextMax = 200, kReasonMax = 1000;
inline constexpr long long kWorkersMax = 100000;

bool is_status(const std::string& s);

// What a business is, as entered (trimmed, NFC by the HTTP readers).
struct BusinessFields {
  std::string type_code, name, address;
  long long commune_unit_id = 0;
  std::string owner_name, antt_person, antt_cert_number, antt_cert_issuer, sector_licence;
  std::optional<Date> antt_cert_date, police_notified_on;
  long long workers_female = 0, workers_male = 0;
};

// Every fault at once (Error::Invalid, 400 vi + en, each naming its wire field): name, type and
// commune required; lengths; counts 0..kWorkersMax; certificate and notification dates not after
// `today`.
void validate(const BusinessFields& f, Date today);

// Folded name | folded address | commune id: two records with the same key are the same business.
std::string duplicate_key(const std::string& name, const std::string& address, long long commune_unit_id);

// A status change: to a status other than the current one, a known status, a closed business is
// not reopened (a new registration is), the date not in the future nor before the current
// status's date, and a reason (required, at most kReasonMax characters). Throws 400/409 (vi + en).
void require_transition(const std::string& from, Date from_since, const std::string& to, Date on,
                        const std::string& reason, Date today);

}  // namespace longghep::businesses
