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
#include <string>
#include <vector>

namespace longghep {

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

  // Prepares the statement with the given into() elements; call execute()/fetch() on it.
  template <typename... Into>
  soci::statement prepare(soci::session& s, Into&&... into) {
    soci::statement st(s);
    (st.exchange(std::forward<Into>(into)), ...);
    for (auto& b : binders_) b(st);
    st.alloc();
    st.prepare(sql_);
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
