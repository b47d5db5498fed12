// People supported (issue 16): consent rules, reveal policy, the wall, suppression, client codes,
// and the sealing of identity fields (key wrapping, rotation, tampering, wrong keys).
#include "domain/cases.hpp"

#include <gtest/gtest.h>

#include "domain/error.hpp"
#include "security/crypto.hpp"
#include "security/sealing.hpp"

using namespace longghep;
using namespace longghep::cases;
using security::SecretKey;

namespace {
Date d(const char* s) { return *Date::parse(s); }

int status_of(const std::function<void()>& f, std::string* code = nullptr) {
  try {
    f();
  } catch (const Error& e) {
    if (code) *code = e.code();
    return e.status();
  }
  return 0;
}

Principal worker(long long id) {
  Principal p;
  p.user_id = id;
  p.roles = {"case_worker"};
  p.permissions = {perm::kCasesRead, perm::kCasesRecord, perm::kCasesReveal};
  return p;
}
}  // namespace

TEST(Cases, ClientCodes) {
  EXPECT_EQ(client_code("52", 2026, 123), "52-2026-000123");
  EXPECT_EQ(client_code("52", 2026, 1234567), "52-2026-1234567");
  auto p = parse_client_code("52-2026-000123");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->province, "52");
  EXPECT_EQ(p->year, 2026);
  EXPECT_EQ(p->seq, 123);
  EXPECT_FALSE(parse_client_code("52-26-000123"));
  EXPECT_FALSE(parse_client_code("52-2026-12"));
  EXPECT_FALSE(parse_client_code("x;-2026-000001"));
}

TEST(Cases, IdNumbersAndNameKeys) {
  EXPECT_EQ(normalise_id_number("052 190 001 234"), "052190001234");
  EXPECT_EQ(normalise_id_number("212.345.678"), "212345678");
  std::string code;
  EXPECT_EQ(status_of([] { normalise_id_number("05219000123"); }, &code), 400);
  EXPECT_EQ(code, "validation_failed");
  EXPECT_EQ(status_of([] { normalise_id_number("05219000123x"); }), 400);
  // the same person typed differently gives the same key; another birth year does not
  EXPECT_EQ(name_search_key("Nguyễn Thị  Kín Đáo ", 1990), name_search_key("nguyen thi kin dao", 1990));
  EXPECT_EQ(name_search_key("NGUYỄN THỊ KÍN ĐÁO", 1990), "nguyen thi kin dao|1990");
  EXPECT_NE(name_search_key("Nguyễn Thị Kín Đáo", 1990), name_search_key("Nguyễn Thị Kín Đáo", 1991));
  EXPECT_EQ(name_search_key("   ", 1990), "");
  EXPECT_EQ(status_of([] { validate_birth_year(1899, 2026); }), 400);
  EXPECT_EQ(status_of([] { validate_birth_year(2027, 2026); }), 400);
  EXPECT_EQ(status_of([] { validate_birth_year(1990, 2026); }), 0);
}

TEST(Cases, ConsentIsNeverByDefaultAndFollowsItsHistory) {
  std::vector<ConsentEvent> ev;
  EXPECT_FALSE(consent_holds(ev, "statistics", d("2026-06-01")));
  ev.push_back({1, "statistics", true, d("2026-03-01"), 1});
  ev.push_back({2, "services", true, d("2026-03-01"), 1});
  EXPECT_FALSE(consent_holds(ev, "statistics", d("2026-02-28")));  // not yet
  EXPECT_TRUE(consent_holds(ev, "statistics", d("2026-03-01")));
  EXPECT_FALSE(consent_holds(ev, "referral:so", d("2026-06-01")));  // another purpose: none
  ev.push_back({3, "statistics", false, d("2026-05-10"), 2});
  EXPECT_TRUE(consent_holds(ev, "statistics", d("2026-05-09")));
  EXPECT_FALSE(consent_holds(ev, "statistics", d("2026-05-10")));  // withdrawn from that day
  EXPECT_TRUE(consent_holds(ev, "services", d("2026-05-10")));     // the other purpose stays
  // same day: the higher version wins
  ev.push_back({4, "statistics", true, d("2026-05-10"), 3});
  EXPECT_TRUE(consent_holds(ev, "statistics", d("2026-05-10")));
  EXPECT_EQ(current_consent(ev, "statistics", d("2026-05-10"))->id, 4);
}

TEST(Cases, ConsentEventsAppendOnly) {
  std::vector<ConsentEvent> ev{{1, "services", true, d("2026-03-01"), 1}};
  std::string code;
  EXPECT_EQ(status_of([&] { check_consent_event(ev, "services", true, d("2026-04-01")); }, &code), 409);
  EXPECT_EQ(code, "consent_already_given");
  EXPECT_EQ(status_of([&] { check_consent_event(ev, "statistics", false, d("2026-04-01")); }, &code), 409);
  EXPECT_EQ(code, "consent_not_given");
  EXPECT_EQ(status_of([&] { check_consent_event(ev, "services", false, d("2026-02-01")); }), 400);  // before the history
  EXPECT_EQ(status_of([&] { check_consent_event(ev, "services", false, d("2026-04-01")); }), 0);
  EXPECT_EQ(status_of([&] { check_consent_event(ev, "statistics", true, d("2026-04-01")); }), 0);
  EXPECT_TRUE(is_consent_purpose("services"));
  EXPECT_TRUE(is_consent_purpose("statistics"));
  EXPECT_TRUE(is_consent_purpose("referral:so"));
  EXPECT_EQ(referral_kind("referral:doan_the"), "doan_the");
  EXPECT_FALSE(is_consent_purpose("referral:"));
  EXPECT_FALSE(is_consent_purpose("referral:Sở"));
  EXPECT_FALSE(is_consent_purpose("marketing"));
}

TEST(Cases, RevealOnlyByTheAssignedWorkerOrSupervisorWithAReason) {
  EXPECT_TRUE(can_reveal(worker(7), 7, 9));
  EXPECT_TRUE(can_reveal(worker(9), 7, 9));
  EXPECT_FALSE(can_reveal(worker(8), 7, 9));
  EXPECT_FALSE(can_reveal(worker(8), 7, 0));
  Principal no_perm = worker(7);
  no_perm.permissions.erase(perm::kCasesReveal);
  EXPECT_FALSE(can_reveal(no_perm, 7, 9));
  std::string code;
  EXPECT_EQ(status_of([] { require_can_reveal(worker(8), 7, 9); }, &code), 403);
  EXPECT_EQ(code, "forbidden");
  // reason: 10..500 characters, counted as characters not bytes, trimmed
  EXPECT_EQ(status_of([] { validate_reason("ngắn quá"); }), 400);
  EXPECT_EQ(validate_reason("  Đối chiếu hồ sơ   "), "Đối chiếu hồ sơ");
  EXPECT_EQ(status_of([] { validate_reason("đđđđđđđđđ"); }), 400);       // 9 characters, 18 bytes
  EXPECT_EQ(status_of([] { validate_reason("đđđđđđđđđđ"); }), 0);        // 10 characters
  EXPECT_EQ(status_of([] { validate_reason(std::string(501, 'a')); }), 400);
  EXPECT_EQ(status_of([] { validate_reason(std::string(500, 'a')); }), 0);
  // rate limit: 20 reveals per user per hour
  EXPECT_EQ(status_of([] { require_reveal_allowed(19); }), 0);
  EXPECT_EQ(status_of([] { require_reveal_allowed(20); }, &code), 429);
  EXPECT_EQ(code, "too_many_reveals");
}

TEST(Cases, OnlySupervisorsReassign) {
  EXPECT_EQ(status_of([] { require_can_reassign(worker(8), 7, 9, 7, 9); }), 0);  // unchanged
  std::string code;
  EXPECT_EQ(status_of([] { require_can_reassign(worker(8), 7, 9, 8, 9); }, &code), 403);  // taking it over
  EXPECT_EQ(code, "forbidden");
  EXPECT_EQ(status_of([] { require_can_reassign(worker(7), 7, 9, 7, 0); }), 403);  // the worker drops the supervisor
  Principal sup = worker(9);
  EXPECT_EQ(status_of([&] { require_can_reassign(sup, 7, 9, 8, 9); }), 0);  // the record's supervisor
  Principal other = worker(10);
  other.permissions.insert(perm::kCasesSupervise);
  EXPECT_EQ(status_of([&] { require_can_reassign(other, 7, 9, 8, 9); }), 0);  // a supervisor in scope
  other.roles.insert("police_officer");
  EXPECT_EQ(status_of([&] { require_can_reassign(other, 7, 9, 8, 9); }), 403);  // never behind the wall
}

TEST(Cases, TheWallKeepsPoliceAndInspectionOut) {
  for (const char* role : {"police_officer", "inspector"}) {
    Principal p = worker(7);  // even holding every cases.* permission through another role
    p.roles.insert(role);
    p.permissions.insert(perm::kCasesSupervise);
    p.permissions.insert(perm::kHierarchyRead);
    for (const char* x : {perm::kCasesRead, perm::kCasesRecord, perm::kCasesReveal, perm::kCasesSupervise}) {
      EXPECT_FALSE(Access::has(p, x)) << role << " " << x;
      EXPECT_EQ(status_of([&] { Access::require(p, x); }), 403);
    }
    EXPECT_TRUE(Access::has(p, perm::kHierarchyRead));  // the rest of the system is unaffected
    EXPECT_FALSE(can_reveal(p, 7, 0));                   // assigned, yet refused
    EXPECT_EQ(status_of([&] { require_assignable({"case_worker", role}, true, "caseWorkerId"); }), 400);
  }
  EXPECT_EQ(status_of([] { require_assignable({"case_worker"}, true, "caseWorkerId"); }), 0);
  EXPECT_EQ(status_of([] { require_assignable({"case_worker"}, false, "caseWorkerId"); }), 400);
  EXPECT_EQ(status_of([] { require_assignable({"case_worker"}, true, "supervisorId"); }), 400);
  EXPECT_EQ(status_of([] { require_assignable({"case_supervisor"}, true, "supervisorId"); }), 0);
}

TEST(Cases, SmallCellsAreSuppressed) {
  EXPECT_EQ(suppress_small(0), 0);
  for (long long n = 1; n < 5; ++n) EXPECT_FALSE(suppress_small(n)) << n;
  EXPECT_EQ(suppress_small(5), 5);
  EXPECT_EQ(suppress_small(1234), 1234);
}

// ----- sealing (security/sealing.hpp) -----

TEST(Sealing, WrapUnwrapAndWrongMasterKey) {
  security::init();
  const SecretKey master = SecretKey::random(), other = SecretKey::random(), data = SecretKey::random();
  const std::string w = security::wrap_key(master, data, "seal:1");
  auto back = security::unwrap_key(master, w, "seal:1");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->hex(), data.hex());
  EXPECT_EQ(w.find(data.hex()), std::string::npos);
  EXPECT_FALSE(security::unwrap_key(other, w, "seal:1"));   // wrong master key
  EXPECT_FALSE(security::unwrap_key(master, w, "index:1"));  // wrapped for another purpose
  // each wrap has its own nonce
  EXPECT_NE(security::wrap_key(master, data, "seal:1"), w);
  // ids identify the key without revealing it
  EXPECT_EQ(security::master_key_id(master), security::master_key_id(master));
  EXPECT_NE(security::master_key_id(master), security::master_key_id(other));
  EXPECT_EQ(security::master_key_id(master).size(), 16u);
}

TEST(Sealing, RotationRewrapsWithoutTouchingRecords) {
  security::init();
  const SecretKey old_master = SecretKey::random(), data = SecretKey::random(), index = SecretKey::random();
  security::Sealer sealer({{1, data}}, 1, index);
  const std::string sealed = sealer.seal("Nguyễn Thị Kín Đáo", "52-2026-000001:fullName");
  // rotate: unwrap with the old master, wrap with the new; the record is not re-encrypted
  const std::string wrapped_old = security::wrap_key(old_master, data, "seal:1");
  const SecretKey new_master = SecretKey::random();
  auto k = security::unwrap_key(old_master, wrapped_old, "seal:1");
  ASSERT_TRUE(k);
  const std::string wrapped_new = security::wrap_key(new_master, *k, "seal:1");
  EXPECT_FALSE(security::unwrap_key(old_master, wrapped_new, "seal:1"));  // the old master no longer opens it
  auto k2 = security::unwrap_key(new_master, wrapped_new, "seal:1");
  ASSERT_TRUE(k2);
  security::Sealer after({{1, *k2}}, 1, index);
  EXPECT_EQ(after.open(1, sealed, "52-2026-000001:fullName"), std::optional<std::string>("Nguyễn Thị Kín Đáo"));
}

TEST(Sealing, TamperingAndSwappingAreDetected) {
  security::init();
  security::Sealer sealer({{1, SecretKey::random()}}, 1, SecretKey::random());
  const std::string ad = "52-2026-000001:fullName";
  const std::string s = sealer.seal("Nguyễn Thị Kín Đáo", ad);
  EXPECT_EQ(s.find("Nguy"), std::string::npos);
  EXPECT_NE(sealer.seal("Nguyễn Thị Kín Đáo", ad), s);  // a fresh nonce each time
  EXPECT_EQ(*sealer.open(1, s, ad), "Nguyễn Thị Kín Đáo");
  // one character of the ciphertext changed
  std::string t = s;
  t[t.size() / 2] = t[t.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(sealer.open(1, t, ad));
  // the value moved to another record or another field
  EXPECT_FALSE(sealer.open(1, s, "52-2026-000002:fullName"));
  EXPECT_FALSE(sealer.open(1, s, "52-2026-000001:notes"));
  // truncated, not base64, unknown key id
  EXPECT_FALSE(sealer.open(1, s.substr(0, 20), ad));
  EXPECT_FALSE(sealer.open(1, "!!!", ad));
  EXPECT_FALSE(sealer.open(2, s, ad));
  // another data key (a wrong master unwraps nothing; a wrong data key opens nothing)
  security::Sealer other({{1, SecretKey::random()}}, 1, SecretKey::random());
  EXPECT_FALSE(other.open(1, s, ad));
}

TEST(Sealing, KeyedHashesNeedTheKey) {
  security::init();
  const SecretKey index = SecretKey::random();
  security::Sealer a({{1, SecretKey::random()}}, 1, index), b({{1, SecretKey::random()}}, 1, index),
      c({{1, SecretKey::random()}}, 1, SecretKey::random());
  const std::string key = name_search_key("Nguyễn Thị Kín Đáo", 1990);
  EXPECT_EQ(a.keyed_hash("name", key), b.keyed_hash("name", key));  // same index key: same hash
  EXPECT_NE(a.keyed_hash("name", key), c.keyed_hash("name", key));  // other key: unrelated
  EXPECT_NE(a.keyed_hash("name", key), a.keyed_hash("id", key));    // contexts separate
  EXPECT_EQ(a.keyed_hash("name", key).size(), 64u);
  EXPECT_NE(a.keyed_hash("name", key), security::sha256_hex(key));
}

TEST(Sealing, KeyFiles) {
  security::init();
  const auto k1 = security::make_master(SecretKey::random()), k2 = security::make_master(SecretKey::random());
  const auto keys = security::parse_master_keys(security::master_key_file_text({k1, k2}));
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_EQ(keys[0].id, k1.id);
  EXPECT_EQ(keys[1].key.hex(), k2.key.hex());
  EXPECT_THROW(security::parse_master_keys("abc\n"), std::runtime_error);
  try {
    security::parse_master_keys(k1.key.hex().substr(0, 60) + "\n");
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()).find(k1.key.hex().substr(0, 8)), std::string::npos);  // never echoes key bytes
  }
  EXPECT_TRUE(security::parse_master_keys("# nothing\n\n").empty());
}
