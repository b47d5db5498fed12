// The stored data keys of the sealed identities (storage/case_keys.hpp) on a real SQLite
// database: created once under the master key, opened again, refused to a wrong master key,
// re-wrapped by a rotation with the records' sealed values still opening.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "security/crypto.hpp"
#include "security/sealing.hpp"
#include "storage/case_keys.hpp"
#include "storage/database.hpp"

using namespace longghep;

namespace {
class CaseKeys : public ::testing::Test {
 protected:
  void SetUp() override {
    security::init();
    dir_ = std::filesystem::temp_directory_path() / ("lg-case-keys-" + std::to_string(::getpid()) + "-" +
                                                      ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = Database::open("sqlite://" + (dir_ / "k.db").string(), 2, 3000);
    db_->migrate();
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  CaseKeyState open(const std::vector<security::MasterKey>& m, bool create = true) {
    CaseKeyState st;
    db_->transact([&](soci::session& s) { st = open_case_keys(s, m, create); });
    return st;
  }
  std::filesystem::path dir_;
  std::unique_ptr<Database> db_;
};
}  // namespace

TEST_F(CaseKeys, CreatedOnceOpenedAgainRefusedToAWrongKey) {
  EXPECT_FALSE(open({}).sealer);  // no master key: unavailable, nothing created
  const auto master = security::make_master(security::SecretKey::random());
  EXPECT_FALSE(open({master}, false).sealer);  // not created unless asked
  auto a = open({master});
  ASSERT_TRUE(a.sealer);
  const std::string sealed = a.sealer->seal("Nguyễn Thị Kín Đáo", "52-2026-000001:fullName");
  auto b = open({master});  // a second start: the same keys, not new ones
  ASSERT_TRUE(b.sealer);
  EXPECT_EQ(b.sealer->open(a.sealer->current_key_id(), sealed, "52-2026-000001:fullName"), "Nguyễn Thị Kín Đáo");
  EXPECT_EQ(a.sealer->keyed_hash("name", "x"), b.sealer->keyed_hash("name", "x"));
  std::vector<std::string> rows;
  db_->with_session([&](soci::session& s) { rows = case_key_summary(s); });
  ASSERT_EQ(rows.size(), 2u);
  for (const auto& r : rows) EXPECT_NE(r.find(master.id), std::string::npos);
  // a wrong master key opens nothing and says so
  auto w = open({security::make_master(security::SecretKey::random())});
  EXPECT_FALSE(w.sealer);
  EXPECT_NE(w.problem_en.find("does not open"), std::string::npos);
}

TEST_F(CaseKeys, RotationRewrapsAndRecordsStillOpen) {
  const auto old_master = security::make_master(security::SecretKey::random());
  auto a = open({old_master});
  ASSERT_TRUE(a.sealer);
  const std::string sealed = a.sealer->seal("052190123456", "52-2026-000001:idNumber");
  const auto next = security::make_master(security::SecretKey::random());
  int n = 0;
  db_->transact([&](soci::session& s) { n = rewrap_case_keys(s, {old_master}, next); });
  EXPECT_EQ(n, 2);
  EXPECT_FALSE(open({old_master}).sealer);  // the old key alone no longer opens them
  auto b = open({next});
  ASSERT_TRUE(b.sealer);
  EXPECT_EQ(b.sealer->open(a.sealer->current_key_id(), sealed, "52-2026-000001:idNumber"), "052190123456");
  EXPECT_EQ(a.sealer->keyed_hash("id", "052190123456"), b.sealer->keyed_hash("id", "052190123456"));
  // mid-rotation the key file holds both: either order opens
  EXPECT_TRUE(open({old_master, next}).sealer);
  // rotating with a key that wrapped nothing fails and changes nothing
  EXPECT_THROW(db_->transact([&](soci::session& s) { rewrap_case_keys(s, {old_master}, next); }), std::runtime_error);
  EXPECT_TRUE(open({next}).sealer);
}
