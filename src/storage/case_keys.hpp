// The data keys of the sealed identity fields (security/sealing.hpp), stored wrapped in table
// case_keys: opened with the configured master keys when a server starts, created on first use,
// re-wrapped under a new master key by `longghep keys rotate` (no record is re-encrypted).
#pragma once
#include <soci/soci.h>

#include <memory>
#include <string>
#include <vector>

#include "security/sealing.hpp"

namespace longghep {

struct CaseKeyState {
  std::shared_ptr<const security::Sealer> sealer;  // null: sealed fields unavailable (503)
  std::string problem_vi, problem_en;               // why, when null
};

// Opens the data keys with whichever of `masters` wrapped them (matched by master_key_id).
// No master key: no sealer ("not configured"). No data keys yet and create_missing: creates them,
// wrapped with masters[0], in this transaction (concurrent creators agree: ON CONFLICT DO NOTHING,
// then the winner's rows are read). A stored key no master opens: no sealer ("wrong key").
CaseKeyState open_case_keys(soci::session& s, const std::vector<security::MasterKey>& masters, bool create_missing);

// Re-wraps every data key under `next` (unwrapping with the matching one of `current`); returns
// how many rows. Throws std::runtime_error when a stored key cannot be unwrapped.
int rewrap_case_keys(soci::session& s, const std::vector<security::MasterKey>& current, const security::MasterKey& next);

// master_key_id of every stored data key row: "purpose generation master_key_id" lines.
std::vector<std::string> case_key_summary(soci::session& s);

}  // namespace longghep
