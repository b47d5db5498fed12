#include "app/case_keys.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "domain/error.hpp"

namespace longghep {
namespace {
std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read the key file " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Writes `text` to `path` atomically (a temporary file, mode 0600, then rename).
void write_key_file(const std::string& path, const std::string& text) {
  const std::filesystem::path p(path);
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + tmp);
    ::chmod(tmp.c_str(), 0600);
    out << text;
    out.flush();
    if (!out) throw std::runtime_error("cannot write " + tmp);
  }
  std::filesystem::permissions(tmp, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  std::filesystem::rename(tmp, path);
}
}  // namespace

std::vector<security::MasterKey> configured_master_keys(const Config& cfg, std::string* problem) {
  try {
    if (!cfg.case_key_file.empty()) {
      auto keys = security::parse_master_keys(read_text(cfg.case_key_file));
      if (keys.empty() && problem) *problem = "the key file " + cfg.case_key_file + " holds no key";
      return keys;
    }
    if (const char* env = std::getenv("LONGGHEP_CASE_MASTER_KEY"); env && *env) {
      auto k = security::SecretKey::from_hex(env);
      if (!k) {
        if (problem) *problem = "LONGGHEP_CASE_MASTER_KEY is not 64 hex digits";
        return {};
      }
      return {security::make_master(*k)};
    }
  } catch (const std::exception& e) {
    if (problem) *problem = e.what();
  }
  return {};
}

CaseKeyState open_configured_case_keys(Database& db, const Config& cfg) {
  std::string problem;
  const auto masters = configured_master_keys(cfg, &problem);
  CaseKeyState st;
  db.transact([&](soci::session& s) { st = open_case_keys(s, masters, true); });
  if (!problem.empty()) {
    st.problem_vi = "không đọc được khóa chính (" + problem + ")";
    st.problem_en = "the master key cannot be read (" + problem + ")";
  }
  return st;
}

std::string init_key_file(const std::string& path) {
  if (std::filesystem::exists(path)) {
    auto keys = security::parse_master_keys(read_text(path));
    if (keys.empty()) throw std::runtime_error("the key file " + path + " exists but holds no key");
    return keys[0].id;
  }
  const auto k = security::make_master(security::SecretKey::random());
  write_key_file(path, security::master_key_file_text({k}));
  return k.id;
}

std::string rotate_master_key(Database& db, const Config& cfg) {
  if (cfg.case_key_file.empty())
    throw Error::Validation("case_key_file", "Xoay khóa cần tệp khóa (case_key_file / LONGGHEP_CASE_KEY_FILE)",
                            "Rotation needs a key file (case_key_file / LONGGHEP_CASE_KEY_FILE)");
  auto current = security::parse_master_keys(read_text(cfg.case_key_file));
  if (current.empty()) throw std::runtime_error("the key file " + cfg.case_key_file + " holds no key");
  const auto next = security::make_master(security::SecretKey::random());
  std::vector<security::MasterKey> both{next};
  both.insert(both.end(), current.begin(), current.end());
  write_key_file(cfg.case_key_file, security::master_key_file_text(both));  // 1: either key opens
  db.transact([&](soci::session& s) { rewrap_case_keys(s, current, next); });  // 2: re-wrap
  write_key_file(cfg.case_key_file, security::master_key_file_text({next}));  // 3: only the new key
  return next.id;
}

}  // namespace longghep
