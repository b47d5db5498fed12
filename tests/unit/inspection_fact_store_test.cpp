// The in-memory store of the business and inspection facts (storage/inspection_fact_store.hpp) on
// real databases (SQLite always; PostgreSQL when LONGGHEP_TEST_PG_URL names a server): it loads
// once, answers from memory while nothing is written, and a write through the storage functions
// changes the next answer (the revision moved), never a stale one.
#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <algorithm>
#include <stdexcept>
#include <set>

#include "app/demo.hpp"
#include "domain/access.hpp"
#include "domain/error.hpp"
#include "storage/businesses.hpp"
#include "storage/database.hpp"
#include "storage/inspection_fact_store.hpp"
#include "backend_fixture.hpp"

using namespace longghep;

namespace {
class FactStoreTest : public test_fixture::BackendTest {
 protected:
  void SetUp() override {
    open_fresh("lg_facts_", 2);
    if (IsSkipped()) return;
    ASSERT_GE(db_->migrate(), 1);
  }
};
}  // namespace

TEST_P(FactStoreTest, AWriteChangesTheNextAnswer) {
  load_demo(*db_);
  InspectionFactStore store;
  auto a = store.current(*db_);
  ASSERT_FALSE(a->businesses.empty());
  EXPECT_EQ(store.loads(), 1);
  // nothing written: the same facts, no load
  auto b = store.current(*db_);
  EXPECT_EQ(a.get(), b.get());
  EXPECT_EQ(store.loads(), 1);
  // a status change through the registry's storage function
  const auto it = std::find_if(a->businesses.begin(), a->businesses.end(),
                               [](const inspection_figures::BusinessFact& f) { return f.status == "operating"; });
  ASSERT_NE(it, a->businesses.end());
  const long long id = it->id;
  db_->transact([&](soci::session& s) {
    auto row = get_business(s, id);
    ASSERT_TRUE(row.has_value());
    change_business_status(s, id, row->version, "closed", Date::today_vn(), "đóng cửa (test)", Actor{});
  });
  auto c = store.current(*db_);
  EXPECT_EQ(store.loads(), 2);
  EXPECT_GT(c->revision, a->revision);
  auto now = std::find_if(c->businesses.begin(), c->businesses.end(),
                          [&](const inspection_figures::BusinessFact& f) { return f.id == id; });
  ASSERT_NE(now, c->businesses.end());
  EXPECT_EQ(now->status, "closed");
  // the old snapshot is unchanged for a reader that still holds it
  EXPECT_EQ(it->status, "operating");
  // a rolled-back write leaves the facts as they are (the revision did not move)
  EXPECT_THROW(db_->transact([&](soci::session& s) {
                 bump_inspection_facts_revision(s);
                 throw std::runtime_error("rollback");
               }),
               std::runtime_error);
  auto d = store.current(*db_);
  EXPECT_EQ(d.get(), c.get());
  EXPECT_EQ(store.loads(), 2);
  // scope and date filters over a set
  EXPECT_EQ(businesses_in(*d, Scope::everything()).size(), d->businesses.size());
  EXPECT_TRUE(inspections_in(*d, Scope::everything(), Date::from_ymd(1900, 1, 1), Date::from_ymd(1900, 12, 31)).empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, FactStoreTest, ::testing::Values("sqlite", "postgresql"));
