// Text search by index (issue 20, storage/text_search.hpp, migration 0036): the trigram index is
// what the list's search uses on both databases (SQLite: EXPLAIN QUERY PLAN names the FTS5 table;
// PostgreSQL, when LONGGHEP_TEST_PG_URL names a server: EXPLAIN names the GIN index), the FTS5
// table follows inserts, title edits and deletes through its triggers, and a phrase matches
// exactly the substrings the LIKE matches ('%', '_', quotes literal; short terms not probed).
#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "domain/text.hpp"
#include "storage/database.hpp"
#include "storage/text_search.hpp"
#include "backend_fixture.hpp"

using namespace longghep;

namespace {
class SearchIndexTest : public test_fixture::BackendTest {
 protected:
  void SetUp() override {
    open_fresh("lg_search_", 1);
    if (IsSkipped()) return;
    ASSERT_GE(db_->migrate(), 36);
  }
};

std::string plan_text(soci::session& s, const std::string& sql) {
  std::string out;
  if (s.get_backend_name() == "postgresql") {
    std::string line;
    soci::statement st = (s.prepare << "EXPLAIN " + sql, soci::into(line));
    st.execute();
    while (st.fetch()) out += line + "\n";
  } else {
    int id = 0, parent = 0, unused = 0;
    std::string detail;
    soci::statement st = (s.prepare << "EXPLAIN QUERY PLAN " + sql, soci::into(id), soci::into(parent),
                          soci::into(unused), soci::into(detail));
    st.execute();
    while (st.fetch()) out += detail + "\n";
  }
  return out;
}

// Writes an activity row directly (SQLite, foreign keys off: only the search columns matter).
long long add_row(soci::session& s, long long id, const std::string& title) {
  std::string folded = fold_for_search(title);
  s << "INSERT INTO activities(id, org_unit_id, title, title_folded, intervention_type_code, lead_agency_id, "
       "start_date, end_date, created_by, created_at, updated_at) "
       "VALUES(:id, 1, :t, :f, 'x', 1, '2026-01-01', '2026-01-01', 'test', 'now', 'now')",
      soci::use(id), soci::use(title), soci::use(folded);
  return id;
}

std::vector<long long> probe(soci::session& s, const std::string& q) {
  return probe_search(s, "activities_search", q, 100).ids;
}
}  // namespace

TEST_P(SearchIndexTest, TheListSearchUsesTheTrigramIndex) {
  db_->with_session([&](soci::session& s) {
    if (GetParam() == "sqlite") {
      const std::string p = plan_text(s, "SELECT rowid FROM activities_search WHERE activities_search MATCH '\"quy nhon\"'");
      EXPECT_NE(p.find("activities_search VIRTUAL TABLE INDEX"), std::string::npos) << p;
    } else {
      // An empty table would be read whole anyway: the plan with sequential scans off shows that
      // the LIKE itself, as the list writes it, is served by the trigram index.
      s << "SET enable_seqscan = off";
      const std::string p =
          plan_text(s, "SELECT a.id FROM activities a WHERE a.title_folded LIKE '%quy nhon%' ESCAPE '\\'");
      EXPECT_NE(p.find("activities_title_trgm"), std::string::npos) << p;
      s << "RESET enable_seqscan";
    }
  });
}

TEST_P(SearchIndexTest, TheIndexFollowsInsertsEditsAndDeletesAndMatchesLikeTheLike) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "FTS5 is SQLite's (PostgreSQL's index is maintained by PostgreSQL)";
  db_->with_session([&](soci::session& s) {
    s << "PRAGMA foreign_keys = OFF";
    add_row(s, 1, "Tuyên truyền tại phường Quy Nhơn");
    add_row(s, 2, "Kinh phí 100% ngân sách a_b");
    add_row(s, 3, "Trao đổi \"nhóm\" O'Brien");
    add_row(s, 4, "Tập huấn 1000 ngân sách axb");
    EXPECT_EQ(probe(s, "quy nhơn"), (std::vector<long long>{1}));
    EXPECT_EQ(probe(s, "QUY NHON"), (std::vector<long long>{1}));
    EXPECT_EQ(probe(s, "100%"), (std::vector<long long>{2}));      // '%' literal, not "100" + anything
    EXPECT_EQ(probe(s, "a_b"), (std::vector<long long>{2}));       // '_' literal: axb does not match
    EXPECT_EQ(probe(s, "\"nhom\""), (std::vector<long long>{3}));  // quotes inside the phrase
    EXPECT_EQ(probe(s, "o'brien"), (std::vector<long long>{3}));
    EXPECT_EQ(probe(s, "ngan sach"), (std::vector<long long>{2, 4}));
    // 1–2 characters: the index is not asked (the LIKE scans); so probe says neither complete nor over.
    TextSearch t = probe_search(s, "activities_search", "ab", 100);
    EXPECT_FALSE(t.complete);
    EXPECT_FALSE(t.over_limit);
    EXPECT_EQ(t.folded, "ab");
    // more than the limit: over_limit, no ids
    t = probe_search(s, "activities_search", "ngan sach", 1);
    EXPECT_TRUE(t.over_limit);
    EXPECT_TRUE(t.ids.empty());
    // an edited title is found by its new words only; a deleted one no more
    std::string nt = "Khám sức khỏe Thị Nại", nf = fold_for_search(nt);
    s << "UPDATE activities SET title = :t, title_folded = :f WHERE id = 1", soci::use(nt), soci::use(nf);
    EXPECT_TRUE(probe(s, "quy nhon").empty());
    EXPECT_EQ(probe(s, "thị nại"), (std::vector<long long>{1}));
    s << "DELETE FROM activities WHERE id = 1";
    EXPECT_TRUE(probe(s, "thi nai").empty());
    // an INSERT … SELECT (the import's bulk path) is indexed by the same trigger
    s << "INSERT INTO activities(id, org_unit_id, title, title_folded, intervention_type_code, lead_agency_id, "
         "start_date, end_date, created_by, created_at, updated_at) "
         "SELECT id + 10, org_unit_id, title, title_folded || ' bulk', intervention_type_code, lead_agency_id, "
         "start_date, end_date, created_by, created_at, updated_at FROM activities WHERE id IN (2, 3)";
    EXPECT_EQ(probe(s, "bulk"), (std::vector<long long>{12, 13}));
    // the index agrees with itself: FTS5's integrity check compares it with the content table
    s << "INSERT INTO activities_search(activities_search) VALUES ('integrity-check')";
  });
}

INSTANTIATE_TEST_SUITE_P(Databases, SearchIndexTest, ::testing::Values("sqlite", "postgresql"));

TEST(SearchIndex, PhrasesAndLengths) {
  EXPECT_EQ(fts5_phrase("o\"b"), "\"o\"\"b\"");
  EXPECT_FALSE(trigram_searchable("ab"));
  EXPECT_TRUE(trigram_searchable("abc"));
  EXPECT_FALSE(trigram_searchable("đa"));  // 2 characters, 3 bytes
  EXPECT_TRUE(trigram_searchable("đ a"));
}

TEST(Migrations, ATriggerBodyIsOneStatement) {
  auto parts = split_sql_script(
      "CREATE TABLE a(x TEXT);\nCREATE TRIGGER t AFTER INSERT ON a BEGIN\n  INSERT INTO b VALUES (new.x);\n"
      "  DELETE FROM c WHERE legend = 'end;';\nEND;\nCREATE TABLE weekend(x TEXT);\n");
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_NE(parts[1].find("DELETE FROM c"), std::string::npos);
  EXPECT_NE(parts[1].find("END"), std::string::npos);
  EXPECT_NE(parts[2].find("weekend"), std::string::npos);
}
