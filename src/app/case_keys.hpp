// The master keys of the sealed identities, as configured (app/config.hpp case_key_file, else
// LONGGHEP_CASE_MASTER_KEY), and the `longghep keys` subcommands (init, rotate, status).
// docs/ARCHITECTURE.md "Sealed fields and the wall".
#pragma once
#include <string>
#include <vector>

#include "app/config.hpp"
#include "security/sealing.hpp"
#include "storage/case_keys.hpp"
#include "storage/database.hpp"

namespace longghep {

// The configured master keys (first current); empty when none is configured. `problem`: why not
// (a configured file that is missing or malformed), for the 503 message; never any key bytes.
std::vector<security::MasterKey> configured_master_keys(const Config& cfg, std::string* problem = nullptr);
// Opens (creating on first use) the data keys with the configured master keys.
CaseKeyState open_configured_case_keys(Database& db, const Config& cfg);
// Creates a key file with one new random master key (mode 0600) unless it exists; returns its id.
std::string init_key_file(const std::string& path);
// Rotation without downtime: writes the file as [new, old…] (a server starting meanwhile opens
// either), re-wraps every data key under the new key in one transaction, then leaves only the
// new key in the file. Running servers keep their open data keys. Returns the new key's id.
std::string rotate_master_key(Database& db, const Config& cfg);

}  // namespace longghep
