// The in-memory columnar store of activity facts behind the analytics pivots (issue 6,
// docs/api-analytics.md). Pure data structure: no I/O, no locking (the owner guards it).
//
// Layout: struct of arrays. One row per activity (id, unit, day, type, agency, flags, first
// programme) and one row per measure line (reach, age, output, cost) that points at its activity
// row. Every code is a small integer from a dictionary of this store (unit version ids, agency
// ids, programme ids, taxonomy codes); a day is uint16 days since 2000-01-01.
//
// Updates: put() of an activity that is already stored tombstones its old row (its measure lines
// are skipped with it: a scan checks the activity's alive flag) and appends the new content;
// remove() tombstones. cluster() (= compact()) rewrites the arrays without dead rows; it runs by
// itself when more than a quarter of the rows are dead or the unclustered tail grows past an
// eighth of the store.
//
// Zone map (issue 20): cluster() orders the alive rows by (quarter of the day, unit rank, day, id)
// — the unit rank is the order of the unit version ids, which keeps a province's communes close —
// and the measure lines by their activity row. Each block of kBlockRows activity rows records its
// day range and unit-rank range; candidate_ranges() returns the row or line ranges a (unit set,
// day range) filter can match: the blocks that may match plus the unclustered tail (rows and lines
// appended since the last cluster()), which is always scanned. A scan still checks every row of a
// range, so the pruning only skips work, never changes an answer.
//
// Invariants: for each stored activity id at most one alive row; measure lines of an alive row
// are exactly the lines of its current content; a line's `act` index is a valid activity row.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/date.hpp"

namespace longghep::analytics {

// A dictionary of distinct values → dense codes 0..n-1, in order of first appearance.
template <typename T>
class Dictionary {
 public:
  uint32_t intern(const T& v) {
    auto [it, fresh] = index_.try_emplace(v, static_cast<uint32_t>(values_.size()));
    if (fresh) values_.push_back(v);
    return it->second;
  }
  std::optional<uint32_t> find(const T& v) const {
    auto it = index_.find(v);
    if (it == index_.end()) return std::nullopt;
    return it->second;
  }
  const T& value(uint32_t code) const { return values_[code]; }
  size_t size() const { return values_.size(); }
  const std::vector<T>& values() const { return values_; }
  size_t memory_bytes() const;

 private:
  std::vector<T> values_;
  std::unordered_map<T, uint32_t> index_;
};

// Days since 2000-01-01 as stored; days outside [2000-01-01, 2179-06-06] are not storable.
inline constexpr int kEpochOffset = 10957;  // 2000-01-01 in days since 1970-01-01
std::optional<uint16_t> day_code(Date d);
inline Date day_of(uint16_t code) { return Date::from_ymd(2000, 1, 1).add_days(code); }

// The content of one activity as the store receives it (a read of the database, a test).
struct ActivityFacts {
  long long id = 0;
  long long version = 1;  // the activity's version: a catch-up skips activities already current
  long long unit_id = 0;
  Date day = Date::min();
  std::string type;
  long long agency_id = 0;
  bool planned = false;
  std::vector<long long> programmes;
  struct Reach { std::string target_group; long long total = 0; std::optional<long long> female, male; };
  struct Age { std::string target_group, band; long long count = 0; };
  struct Coded { std::string code; long long amount = 0; };
  std::vector<Reach> reach;
  std::vector<Age> ages;
  std::vector<Coded> outputs, costs;
};

// One money line (issue 19, docs/api-money.md §4): a planned budget line of an approved plan's
// activity (`plan_activity_budget`) or a line of an issued allocation decision or amendment
// (`allocation_lines`, signed). Keys: the holding unit version (plan's unit / decision's receiver),
// the agency (plan's lead agency / decision's agency, 0 none), the year (plan year / decision year),
// the plan activity's intervention type and target group (empty: unspecified), the funding source
// and the host programme (0 none).
struct MoneyFact {
  long long unit_id = 0, agency_id = 0;
  int year = 0;
  std::string type, target_group, funding_source;
  long long programme_id = 0;
  long long amount = 0;
};

class FactStore {
 public:
  static constexpr uint8_t kAlive = 1, kPlanned = 2, kMultiProgramme = 4;
  static constexpr int64_t kNull = -1;  // female/male not recorded

  // Replaces (or adds) the activity's facts. False (nothing stored) when its day is not storable.
  bool put(const ActivityFacts& a);
  // Removes the activity's facts; false when it was not stored.
  bool remove(long long activity_id);
  bool contains(long long activity_id) const { return row_of(activity_id).has_value(); }
  // The stored version of the activity; nullopt when not stored.
  std::optional<long long> version_of(long long activity_id) const;

  // Bulk loading, as put() in pieces: begin an activity, then add its lines. add_* attach to the
  // alive row of `activity_id` and return false when there is none (a line of an unknown or
  // unstorable activity).
  bool begin_activity(long long id, long long unit_id, Date day, std::string_view type, long long agency_id,
                      bool planned, long long version = 1);
  bool add_programme(long long activity_id, long long programme_id);
  bool add_reach(long long activity_id, std::string_view target_group, long long total, std::optional<long long> female,
                 std::optional<long long> male);
  bool add_age(long long activity_id, std::string_view target_group, std::string_view band, long long count);
  bool add_output(long long activity_id, std::string_view kind, long long quantity);
  bool add_cost(long long activity_id, std::string_view funding_source, long long amount);

  // Clusters the store (see the top); compact() is the same.
  void cluster();
  void compact() { cluster(); }

  // ----- the zone map (issue 20) -----
  enum class Table { activities, reach, ages, outputs, costs };
  struct Range { size_t begin = 0, end = 0; };
  static constexpr size_t kBlockRows = 512;
  // Ascending disjoint index ranges of `table` (activity rows, or lines of a measure table) that
  // hold every row (line) whose activity has unit code u with unit_ok[u] != 0 (unit_ok empty:
  // any unit; codes past unit_ok.size() do not match) and a day code in [day_lo, day_hi]. The
  // ranges may hold rows that do not match (and dead rows): a scan checks each row. The
  // unclustered tail is always included.
  std::vector<Range> candidate_ranges(Table table, const std::vector<uint8_t>& unit_ok, int day_lo, int day_hi) const;
  size_t clustered_rows() const { return clustered_; }

  // ----- snapshot (issue 20): the activity part of the store as bytes -----
  // Everything but the money lines (reloaded from the database at start). read_snapshot() throws
  // std::runtime_error on malformed input and leaves *this unspecified then.
  std::string write_snapshot() const;
  void read_snapshot(std::string_view bytes);

  // Money lines (issue 19): replaced as a whole (they are few and read together); independent of
  // the activity rows, untouched by put/remove/compact.
  void set_money(const std::vector<MoneyFact>& planned, const std::vector<MoneyFact>& allocated);

  size_t activity_count() const { return ids_.size() - dead_; }  // alive activities
  // Facts: one per alive activity (the `activities` measure) plus one per alive measure line.
  size_t fact_count() const;
  size_t memory_bytes() const;  // arrays, dictionaries and indexes (capacity, not size)

  // ----- columns, for the evaluator (read-only) -----
  size_t activity_rows() const { return ids_.size(); }
  const std::vector<int64_t>& ids() const { return ids_; }
  const std::vector<uint32_t>& unit() const { return unit_; }
  const std::vector<uint16_t>& day() const { return day_; }
  const std::vector<uint16_t>& type() const { return type_; }
  const std::vector<uint32_t>& agency() const { return agency_; }
  const std::vector<uint8_t>& flags() const { return flags_; }
  const std::vector<uint32_t>& programme() const { return programme_; }  // 0 none, else code + 1
  // All programme codes of a row flagged kMultiProgramme.
  const std::vector<uint32_t>& programmes_of(uint32_t row) const { return multi_programmes_.at(row); }

  struct ReachLines { std::vector<uint32_t> act; std::vector<uint16_t> group; std::vector<int64_t> total, female, male; };
  struct AgeLines { std::vector<uint32_t> act; std::vector<uint16_t> group, band; std::vector<int64_t> count; };
  struct CodedLines { std::vector<uint32_t> act; std::vector<uint16_t> code; std::vector<int64_t> amount; };
  const ReachLines& reach() const { return reach_; }
  const AgeLines& ages() const { return ages_; }
  const CodedLines& outputs() const { return outputs_; }
  const CodedLines& costs() const { return costs_; }
  static constexpr uint16_t kNoCode = UINT16_MAX;  // a money line without type / target group
  struct MoneyLines {
    std::vector<uint32_t> unit, agency, programme;  // agency, programme: 0 none, else code + 1
    std::vector<uint16_t> year, type, group, source;  // type, group: kNoCode when unspecified
    std::vector<int64_t> amount;
    size_t size() const { return amount.size(); }
  };
  const MoneyLines& planned_lines() const { return planned_; }
  const MoneyLines& allocated_lines() const { return allocated_; }

  const Dictionary<long long>& units() const { return units_; }
  const Dictionary<long long>& agencies() const { return agencies_; }
  const Dictionary<long long>& programmes() const { return programmes_; }
  // Taxonomy codes (intervention types, target groups, age bands, output kinds, funding sources).
  const Dictionary<std::string>& types() const { return types_; }
  const Dictionary<std::string>& target_groups() const { return target_groups_; }
  const Dictionary<std::string>& age_bands() const { return age_bands_; }
  const Dictionary<std::string>& output_kinds() const { return output_kinds_; }
  const Dictionary<std::string>& funding_sources() const { return funding_sources_; }
  uint16_t min_day() const { return min_day_; }
  uint16_t max_day() const { return max_day_; }

 private:
  std::optional<uint32_t> row_of(long long id) const;
  void kill(uint32_t row);
  void maybe_cluster();
  static uint16_t code16(Dictionary<std::string>& d, std::string_view v);

  std::vector<int64_t> ids_;
  std::vector<uint32_t> unit_, agency_, programme_;
  std::vector<uint16_t> day_, type_;
  std::vector<uint8_t> flags_;
  std::vector<uint16_t> lines_;
  std::vector<uint32_t> version_;  // measure lines of each row (for fact_count after kills)
  std::unordered_map<uint32_t, std::vector<uint32_t>> multi_programmes_;
  ReachLines reach_;
  AgeLines ages_;
  CodedLines outputs_, costs_;
  MoneyLines planned_, allocated_;
  // Rows [0, clustered_) are clustered (found through by_id_: their rows in id order); rows
  // [clustered_, clustered_ + tail_sorted_) are in increasing id order (binary search); a row
  // appended out of order (a replaced activity, say) is found in late_.
  size_t clustered_ = 0, tail_sorted_ = 0;
  std::vector<uint32_t> by_id_;
  std::unordered_map<int64_t, uint32_t> late_;
  struct Block { uint16_t day_lo = 0, day_hi = 0; uint32_t rank_lo = 0, rank_hi = 0; };
  std::vector<Block> blocks_;         // of the clustered rows, kBlockRows each
  std::vector<uint32_t> unit_rank_;   // by unit code, for the codes known at the last cluster()
  // Per measure table: lines [0, clustered) are ordered by activity row; start[b] is the first
  // line of block b (blocks_.size() + 1 entries).
  struct LineIndex { size_t clustered = 0; std::vector<uint32_t> start; };
  LineIndex reach_ix_, ages_ix_, outputs_ix_, costs_ix_;
  size_t dead_ = 0, dead_lines_ = 0;
  uint16_t min_day_ = UINT16_MAX, max_day_ = 0;
  Dictionary<long long> units_, agencies_, programmes_;
  Dictionary<std::string> types_, target_groups_, age_bands_, output_kinds_, funding_sources_;
};

}  // namespace longghep::analytics
