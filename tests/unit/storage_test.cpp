// Storage on real databases: SQLite always; PostgreSQL when LONGGHEP_TEST_PG_URL names a
// server (scripts/test starts a throwaway cluster). Each test gets a fresh database.
#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <numeric>
#include <set>

#include "app/demo.hpp"
#include "domain/access.hpp"
#include "domain/error.hpp"
#include "storage/agencies.hpp"
#include "storage/database.hpp"
#include "storage/directives.hpp"
#include "storage/id_tables.hpp"
#include "storage/org_units.hpp"
#include "storage/plans.hpp"
#include "storage/reports.hpp"
#include "storage/users.hpp"
#include "backend_fixture.hpp"

using namespace longghep;

namespace {
class StorageTest : public test_fixture::BackendTest {
 protected:
  void SetUp() override {
    open_fresh("lg_unit_", 2);
    if (IsSkipped()) return;
    migrations_ = db_->migrate();
    ASSERT_GE(migrations_, 1);  // one per migrations/<backend>/NNNN_*.sql
  }
  long long count(const std::string& table) {
    long long n = 0;
    db_->with_session([&](soci::session& s) { s << "SELECT COUNT(*) FROM " + table, soci::into(n); });
    return n;
  }

  int migrations_ = 0;
};

const std::string kHeader = "code,name,full_name,kind,type_label,parent_code,valid_from,valid_to\n";
}  // namespace

TEST_P(StorageTest, MigrationsRunOnceAndAreVersioned) {
  EXPECT_EQ(db_->schema_version(), migrations_);  // versions are numbered 1..n
  EXPECT_EQ(db_->migrate(), 0);
  EXPECT_TRUE(db_->ping());
  EXPECT_EQ(count("roles"), 12);  // 6 + case_worker, case_supervisor, police_officer, inspector (0023), referral_focal_point (0024), inspection_team (0029)
}

// The permission catalogue of the code (perm::kAll, from which the web's PERM is generated) is
// exactly the migrated table of permissions: none the code checks is missing, none is unknown.
TEST_P(StorageTest, PermissionCatalogueIsTheMigratedPermissionTable) {
  std::set<std::string> migrated, catalogue(std::begin(perm::kAll), std::end(perm::kAll));
  EXPECT_EQ(catalogue.size(), std::size(perm::kAll)) << "a permission is listed twice in perm::kAll";
  db_->with_session([&](soci::session& s) {
    soci::rowset<std::string> rows = (s.prepare << "SELECT code FROM permissions");
    for (const auto& code : rows) migrated.insert(code);
  });
  EXPECT_EQ(catalogue, migrated);
  for (const char* code : perm::kApprovalPermissions) EXPECT_TRUE(catalogue.count(code)) << code;
}

TEST_P(StorageTest, DemoLoadsOnceAndAgainChangesNothing) {
  DemoSummary first = load_demo(*db_);
  EXPECT_GT(first.units_created, 100);
  EXPECT_GT(first.events, 8);
  EXPECT_EQ(first.users, 15);  // 7 + the case roles, police and inspection, the referral focal point of issue 16, the inspection teams of Gia Lai and Đồng Nai (issue 17)
  const long long audit = count("audit_log");
  DemoSummary second = load_demo(*db_);
  EXPECT_EQ(second.units_created + second.events + second.agencies + second.users, 0);
  EXPECT_EQ(count("audit_log"), audit);  // nothing changed, nothing audited

  db_->with_session([&](soci::session& s) {
    auto h = load_hierarchy(s);
    const OrgUnit* gia_lai = h->find("52", Date::from_ymd(2026, 1, 1));
    ASSERT_NE(gia_lai, nullptr);
    EXPECT_EQ(gia_lai->name, "Gia Lai");
    EXPECT_EQ(h->find("52", Date::from_ymd(2024, 6, 30))->name, "Bình Định");
    EXPECT_EQ(h->predecessors(gia_lai->id).size(), 2u);
    // The lead role moved in 2025: Sở LĐTBXH → Sở Nội vụ → (new province) Sở Y tế.
    const OrgUnit* binh_dinh = h->find("52", Date::from_ymd(2024, 6, 30));
    auto roles = load_programme_roles(s);
    auto lead = [&](const OrgUnit* u, Date d) { return roles->holder(u->id, "lead", d)->agency_name; };
    EXPECT_NE(lead(binh_dinh, Date::from_ymd(2024, 6, 30)).find("Lao động"), std::string::npos);
    EXPECT_NE(lead(binh_dinh, Date::from_ymd(2025, 4, 1)).find("Nội vụ"), std::string::npos);
    EXPECT_NE(lead(gia_lai, Date::from_ymd(2026, 1, 1)).find("Y tế"), std::string::npos);
    EXPECT_EQ(roles->holder(gia_lai->id, "lead", Date::from_ymd(2024, 6, 30)), nullptr);
  });
}

TEST_P(StorageTest, AnInconsistentImportWritesNothing) {
  UnitBatch ok = read_units(kHeader + "VN,Việt Nam,,central,,,,\n01,Hà Nội,,province,,VN,2025-07-01,\n", "csv");
  db_->transact([&](soci::session& s) { apply_unit_batch(s, ok, Actor{}); });
  const long long units = count("org_units"), audit = count("audit_log");
  // A second version of 01 overlapping the first, and a commune whose parent is unknown.
  UnitBatch bad = read_units(kHeader + "02,Hà Giang,,province,,VN,2025-07-01,\n01,Hà Nội bis,,province,,VN,2025-08-01,\n", "csv");
  EXPECT_THROW(db_->transact([&](soci::session& s) { apply_unit_batch(s, bad, Actor{}); }), Error);
  UnitBatch orphan = read_units(kHeader + "00001,Xã X,,commune,,999,2025-07-01,\n", "csv");
  EXPECT_THROW(db_->transact([&](soci::session& s) { apply_unit_batch(s, orphan, Actor{}); }), Error);
  UnitBatch bad_kind = read_units(kHeader + "03,Y,,planet,,VN,2025-07-01,\n", "csv");
  EXPECT_THROW(db_->transact([&](soci::session& s) { apply_unit_batch(s, bad_kind, Actor{}); }), Error);
  EXPECT_EQ(count("org_units"), units);
  EXPECT_EQ(count("audit_log"), audit);
}

TEST_P(StorageTest, ReimportIsIdempotentAndAChangeIsAnAuditedUpdate) {
  const std::string list = kHeader + "VN,Việt Nam,,central,,,,\n01,Hà Nội,Thành phố Hà Nội,province,,VN,2025-07-01,\n";
  ImportResult r1, r2, r3;
  db_->transact([&](soci::session& s) { r1 = apply_unit_batch(s, read_units(list, "csv"), Actor{}); });
  db_->transact([&](soci::session& s) { r2 = apply_unit_batch(s, read_units(list, "csv"), Actor{}); });
  EXPECT_EQ(r1.created, 2);
  EXPECT_EQ(r2.created + r2.updated, 0);
  EXPECT_EQ(r2.unchanged, 2);
  const std::string renamed = kHeader + "01,Hà Nội,Thủ đô Hà Nội,province,,VN,2025-07-01,\n";
  db_->transact([&](soci::session& s) { r3 = apply_unit_batch(s, read_units(renamed, "csv"), Actor{5, "x"}); });
  EXPECT_EQ(r3.updated, 1);
  std::string before, after;
  db_->with_session([&](soci::session& s) {
    s << "SELECT before_json, after_json FROM audit_log WHERE action = 'update' AND entity = 'org_unit'",
        soci::into(before), soci::into(after);
  });
  EXPECT_NE(before.find("Thành phố Hà Nội"), std::string::npos);
  EXPECT_NE(after.find("Thủ đô Hà Nội"), std::string::npos);
}

TEST_P(StorageTest, AStaleVersionIsAConflictAndOverwritesNothing) {
  load_demo(*db_);
  db_->transact([&](soci::session& s) {
    auto u = find_user(s, "xem.gialai");
    ASSERT_TRUE(u);
    UserInput in{u->username, "Tên mới", u->email, "", u->org_unit_id, u->agency_id, u->roles, true};
    update_user(s, u->id, u->version, in, Actor{});
    UserInput stale = in;
    stale.full_name = "Ghi đè";
    EXPECT_THROW(update_user(s, u->id, u->version, stale, Actor{}), Error);
    EXPECT_EQ(get_user(s, u->id)->full_name, "Tên mới");
  });
}

TEST_P(StorageTest, SessionsStoreOnlyATokenHash) {
  load_demo(*db_);
  db_->transact([&](soci::session& s) {
    auto u = find_user(s, "bo");
    auto [token, csrf] = create_session(s, u->id, 3600);
    EXPECT_EQ(token.size(), 64u);
    long long n = 0;
    s << "SELECT COUNT(*) FROM sessions WHERE token_hash = :t", soci::use(token), soci::into(n);
    EXPECT_EQ(n, 0);
    auto found = find_session(s, token);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->csrf_token, csrf);
    delete_session(s, token);
    EXPECT_FALSE(find_session(s, token));
  });
}

TEST_P(StorageTest, IdTablesLoadOnceAndFollowRollbacks) {
  auto s = db_->open_dedicated();
  auto ids_of = [](soci::session& x, const std::string& table) {
    std::vector<long long> out;
    long long id = 0;
    soci::statement st = (x.prepare << "SELECT id FROM " + table + " ORDER BY id", soci::into(id));
    st.execute();
    while (st.fetch()) out.push_back(id);
    return out;
  };
  using V = std::vector<long long>;
  load_id_table(*s, "scope_ids", {1, 2, 3});
  EXPECT_EQ(ids_of(*s, "scope_ids"), (V{1, 2, 3}));
  // The same set again is not reloaded (shown by a row removed behind its back staying removed).
  *s << "DELETE FROM scope_ids WHERE id = 2";
  load_id_table(*s, "scope_ids", {1, 2, 3});
  EXPECT_EQ(ids_of(*s, "scope_ids"), (V{1, 3}));
  load_id_table(*s, "scope_ids", {3, 1, 2});  // unsorted: another set than the one held? no, the same
  EXPECT_EQ(ids_of(*s, "scope_ids"), (V{1, 3}));
  load_id_table(*s, "scope_ids", {1, 2, 3, 4});
  EXPECT_EQ(ids_of(*s, "scope_ids"), (V{1, 2, 3, 4}));

  // A transaction that loads another set and rolls back reverts table and fingerprint together:
  // the next load of that set must load it again.
  s->begin();
  load_id_table(*s, "scope_ids", {7, 8});
  EXPECT_EQ(ids_of(*s, "scope_ids"), (V{7, 8}));
  s->rollback();
  EXPECT_EQ(ids_of(*s, "scope_ids"), (V{1, 2, 3, 4}));
  load_id_table(*s, "scope_ids", {7, 8});
  EXPECT_EQ(ids_of(*s, "scope_ids"), (V{7, 8}));
  // ... and a committed one stays.
  s->begin();
  load_id_table(*s, "scope_ids", {9});
  s->commit();
  load_id_table(*s, "scope_ids", {9});
  EXPECT_EQ(ids_of(*s, "scope_ids"), (V{9}));

  // The first load on a connection rolled back (the tables themselves vanish with it).
  auto s2 = db_->open_dedicated();
  s2->begin();
  load_id_table(*s2, "scope_ids", {5});
  s2->rollback();
  load_id_table(*s2, "scope_ids", {5});
  EXPECT_EQ(ids_of(*s2, "scope_ids"), (V{5}));
  EXPECT_EQ(ids_of(*s, "scope_ids"), (V{9}));  // connection-local

  // Tables are independent; an empty set is a set.
  load_id_table(*s, "scope_ids_filter", {4});
  load_id_table(*s, "scope_ids", {});
  EXPECT_EQ(ids_of(*s, "scope_ids"), V{});
  EXPECT_EQ(ids_of(*s, "scope_ids_filter"), (V{4}));

  // Thousands of ids in one statement, and the same list bound as one parameter of IN.
  V many(5000);
  std::iota(many.begin(), many.end(), 1000);
  load_id_table(*s, "scope_ids", many);
  long long n = 0;
  const std::string arr = id_array(*s, V{999, 1000, 3000, 5999, 6000});
  *s << "SELECT COUNT(*) FROM scope_ids WHERE id" + id_in(*s, "ids"), soci::use(arr), soci::into(n);
  EXPECT_EQ(n, 3);
  *s << "SELECT COUNT(*) FROM scope_ids", soci::into(n);
  EXPECT_EQ(n, 5000);
}

// The readers the HTTP layer and the demo loaders use instead of SQL of their own (issue 14).
TEST_P(StorageTest, AgencyAndKeyReadersOnTheDemo) {
  load_demo(*db_);
  db_->with_session([&](soci::session& s) {
    auto h = load_hierarchy(s);
    const long long bo_yte = agency_id_by_key(s, "bo-yte").value();
    EXPECT_EQ(agency_unit(s, bo_yte), h->find("VN", Date::from_ymd(2024, 1, 1))->id);
    EXPECT_FALSE(agency_unit(s, 987654321).has_value());
    const auto head = agency_head(s, bo_yte);
    ASSERT_TRUE(head.has_value());
    EXPECT_EQ(head->name, "Bộ Y tế");
    EXPECT_EQ(head->kind, "bo");
    EXPECT_EQ(head->org_unit_id, *agency_unit(s, bo_yte));
    EXPECT_FALSE(agency_head(s, 987654321).has_value());
    // The People's Committee registered on a unit, on a day of its validity only.
    const OrgUnit* binh_dinh = h->find("52", Date::from_ymd(2024, 6, 30));
    EXPECT_EQ(committee_agency(s, binh_dinh->id, Date::from_ymd(2024, 6, 30)), *agency_id_by_key(s, "binhdinh-ubnd"));
    EXPECT_EQ(committee_agency(s, binh_dinh->id, Date::from_ymd(2025, 7, 1)), 0);
    bool listed = false;
    for (const AgencyKey& a : agency_keys(s))
      if (a.key == "bo-yte") listed = a.org_unit_id == head->org_unit_id;
    EXPECT_TRUE(listed);
    EXPECT_TRUE(plan_id_by_key(s, "gl-2026-soyte").has_value());
    EXPECT_FALSE(plan_id_by_key(s, "no-such-plan").has_value());
    EXPECT_TRUE(directive_id_by_key(s, "bo-221-2023").has_value());
    EXPECT_FALSE(directive_id_by_key(s, "no-such-directive").has_value());
    EXPECT_FALSE(task_of_update(s, 987654321).has_value());
    EXPECT_EQ(open_request_count(s, binh_dinh->id), 0);
    const auto admin = find_user(s, "admin");
    ASSERT_TRUE(admin.has_value());
    EXPECT_EQ(username_of(s, admin->id), "admin");
    EXPECT_FALSE(username_of(s, 987654321).has_value());
    const auto kinds = org_unit_kinds_json(s);
    ASSERT_EQ(kinds.size(), 4u);
    EXPECT_EQ(kinds[0]["code"], "central");
    EXPECT_EQ(kinds[3]["level"], 3);
    EXPECT_EQ(agency_kinds_json(s)[0]["code"], "ban");  // by code
  });
}

INSTANTIATE_TEST_SUITE_P(Backends, StorageTest, ::testing::Values("sqlite", "postgresql"));
