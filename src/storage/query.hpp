// A small builder for SQL whose filters depend on the request. Every value is bound as a
// parameter (:p0, :p1, …); only literal SQL written in this code base is ever concatenated.
//
//   Query q("SELECT COUNT(*) FROM users WHERE 1=1");
//   if (!name.empty()) q.and_contains("name_folded", name);
//   long long n; q.run(session, soci::into(n));
#pragma once
#include <soci/soci.h>

#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace longghep {

// A statement of the given kind over its into() and use() elements, in the order of the SQL as with
// `s.prepare << sql, into(…), use(…)`, ready to execute().
template <typename... Element>
soci::statement statement_of(soci::session& s, soci::details::statement_type type, const std::string& sql,
                             Element&&... elements) {
  soci::statement st(s);
  (st.exchange(std::forward<Element>(elements)), ...);
  st.alloc();
  st.prepare(sql, type);
  st.define_and_bind();
  return st;
}

// A read statement that runs once: on PostgreSQL one round trip (PQexecParams) instead of the
// three of a SOCI prepared statement (PREPARE, EXECUTE, DEALLOCATE); execute() then fetch() each
// row from the result it holds. On SQLite it is the same prepared statement as ever.
//   long long id; std::string t;
//   soci::statement st = read_once(s, "SELECT id, title FROM plans WHERE year = :y", soci::into(id),
//                                  soci::into(t), soci::use(year));
//   st.execute(); while (st.fetch()) …
template <typename... Element>
soci::statement read_once(soci::session& s, const std::string& sql, Element&&... elements) {
  return statement_of(s, soci::details::st_one_time_query, sql, std::forward<Element>(elements)...);
}

// A statement run again and again over the same bound variables (a writer's INSERT per row),
// which pays for preparation only when it is used often: its first kOnce executions run as
// one-time statements (one round trip each on PostgreSQL), the next prepares it once and reuses
// it (one round trip per execution, plus PREPARE and DEALLOCATE once). `make(type)` builds it
// with statement_of(). A writer of one activity so runs each statement as one round trip; an
// import of 50,000 rows prepares each once.
class RepeatedStatement {
 public:
  static constexpr int kOnce = 2;
  explicit RepeatedStatement(std::function<soci::statement(soci::details::statement_type)> make)
      : make_(std::move(make)) {}
  // Executes with the variables' current values; true when a row came back (into elements).
  bool execute() {
    if (uses_ < kOnce) {
      ++uses_;
      soci::statement st = make_(soci::details::st_one_time_query);
      const bool row = st.execute(true);
      affected_ = st.get_affected_rows();
      return row;
    }
    if (!prepared_) prepared_.emplace(make_(soci::details::st_repeatable_query));
    const bool row = prepared_->execute(true);
    affected_ = prepared_->get_affected_rows();
    return row;
  }
  long long affected_rows() const { return affected_; }

 private:
  std::function<soci::statement(soci::details::statement_type)> make_;
  std::optional<soci::statement> prepared_;
  int uses_ = 0;
  long long affected_ = 0;
};

class Query {
 public:
  explicit Query(std::string sql) : sql_(std::move(sql)) {}

  Query& append(const std::string& literal_sql) { sql_ += literal_sql; return *this; }
  // Appends " AND <clause>" where each '?' in clause becomes a placeholder bound to value.
  Query& and_where(const std::string& clause, const std::string& value) { return bind_clause(" AND " + clause, value); }
  Query& and_where(const std::string& clause, long long value) { return bind_clause(" AND " + clause, value); }
  // Appends " AND <column> LIKE '%text%'" with text matched literally ('%', '_' are not wildcards).
  Query& and_contains(const std::string& column, const std::string& text) {
    std::string pattern = "%";
    for (char c : text) {
      if (c == '%' || c == '_' || c == '\\') pattern += '\\';
      pattern += c;
    }
    return bind_clause(" AND " + column + " LIKE ? ESCAPE '\\'", pattern + "%");
  }
  // Appends literal SQL with one '?' bound to value (e.g. " LIMIT ?").
  Query& append_bound(const std::string& clause, long long value) { return bind_clause(clause, value); }
  Query& append_bound(const std::string& clause, const std::string& value) { return bind_clause(clause, value); }

  const std::string& sql() const { return sql_; }

  // Prepares the statement with the given into() elements; call execute()/fetch() on it. Like
  // read_once(), a one-time statement: one round trip on PostgreSQL.
  template <typename... Into>
  soci::statement prepare(soci::session& s, Into&&... into) {
    soci::statement st(s);
    (st.exchange(std::forward<Into>(into)), ...);
    for (auto& b : binders_) b(st);
    st.alloc();
    st.prepare(sql_, soci::details::st_one_time_query);
    st.define_and_bind();
    return st;
  }
  // Runs a statement returning at most one row; false when no row.
  template <typename... Into>
  bool run(soci::session& s, Into&&... into) {
    soci::statement st = prepare(s, std::forward<Into>(into)...);
    return st.execute(true);
  }

 private:
  template <typename T>
  Query& bind_clause(const std::string& clause, const T& value) {
    std::string out;
    for (char c : clause) {
      if (c == '?') {
        std::string name = "p" + std::to_string(count_++);
        out += ":" + name;
        if constexpr (std::is_same_v<T, std::string>) {
          strings_.push_back(value);
          std::string* v = &strings_.back();
          binders_.push_back([v, name](soci::statement& st) { st.exchange(soci::use(*v, name)); });
        } else {
          ints_.push_back(value);
          long long* v = &ints_.back();
          binders_.push_back([v, name](soci::statement& st) { st.exchange(soci::use(*v, name)); });
        }
      } else {
        out += c;
      }
    }
    sql_ += out;
    return *this;
  }

  std::string sql_;
  int count_ = 0;
  std::deque<std::string> strings_;  // deque: stable addresses for bound values
  std::deque<long long> ints_;
  std::vector<std::function<void(soci::statement&)>> binders_;
};

// One page of ids from a list query: `filtered(select)` must build the same filtered query for
// "SELECT COUNT(*)" and for "SELECT <id column>"; `order_by` is literal SQL (" ORDER BY …").
struct IdPage {
  std::vector<long long> ids;
  long long total = 0;
};
IdPage page_of_ids(soci::session& s, const std::function<Query(const std::string& select)>& filtered,
                   const std::string& id_column, const std::string& order_by, int page, int page_size);

}  // namespace longghep
