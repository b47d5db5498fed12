// Statistics of people supported (issue 16 §3–4, docs/api-cases.md "Statistics"): the case
// measures of the analytics engine, as pure rules — no I/O (the facts are read by
// storage/case_stats.hpp).
//
//   auto facts = ...;                          // one line per service (or referral) of a record
//   CaseQuery q{.measure = CaseMeasure::people, .rows = {CaseDim::hostProgramme}};
//   CaseTable t = case_pivot(facts, q, h, labels);  // counts, then small-cell suppression
//
// Only records whose consent to the `statistics` purpose is in force on the computation day
// count (counts_in_statistics); withdrawing it removes the record from the next computation.
// Every cell and total of 1..4 is suppressed (null, suppressed = true; 0 stays 0); secondary
// suppression hides the totals that would give a suppressed cell back (suppress_table).
// The output holds counts and the labels of taxonomy members and units: never a client code.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/cases.hpp"
#include "domain/hierarchy.hpp"

namespace longghep::analytics {

enum class CaseMeasure { people, services, referrals };
enum class CaseDim { hostProgramme, service, targetGroup, sex, province, commune, year, half, quarter, month };

std::optional<CaseMeasure> case_measure_from(const std::string& name);  // casePeople, caseServices, caseReferrals
std::optional<CaseDim> case_dim_from(const std::string& name);
const char* name_of(CaseMeasure m);
const char* name_of(CaseDim d);
// hostProgramme and service apply to people and services, not to referrals.
bool applies(CaseMeasure m, CaseDim d);

// Whether a record counts in statistics on `on`: its consent to the `statistics` purpose is in
// force that day (domain/cases.hpp consent_holds: dated, versioned, withdrawable; never by default).
bool counts_in_statistics(const std::vector<cases::ConsentEvent>& consents, Date on);

// One service delivered (people, services) or one referral sent (referrals) to a record.
struct CaseFact {
  long long case_id = 0;
  long long item_id = 0;    // the service's or referral's id
  long long unit_id = 0;    // the record's commune of residence (a unit version id)
  std::string sex;
  std::vector<std::string> target_groups;
  std::string service, host_programme;  // empty for a referral
  Date day = Date::min();   // delivered_on / sent_on
};

struct CaseQuery {
  CaseMeasure measure = CaseMeasure::people;
  std::vector<CaseDim> rows, columns;  // at most 2 each
  Date from = Date::min(), to = Date::max();  // on the fact's day, inclusive
  Date as_of = Date::min();                   // the hierarchy's day for org dims
  const OrgUnit* org_unit = nullptr;          // the subtree (as of as_of); nullptr: no restriction
  std::vector<std::string> host_programmes, services;  // filters; empty: any
};

// A count after suppression: value nullopt when suppressed.
struct SCell {
  long long raw = 0;       // never leaves the server: only `value` is shown
  bool suppressed = false;
  std::optional<long long> value() const { return suppressed ? std::nullopt : std::optional<long long>(raw); }
};

// Small-cell suppression of a table of counts (rows × columns with their totals and grand total):
//  1. primary: every cell or total of 1..4 (cases::kSmallCell) is suppressed; 0 is shown;
//  2. secondary, per row and per column: when exactly one cell of it is suppressed, its total is
//     suppressed too (else the total minus the other cells gives the cell back);
//  3. the grand total is suppressed when exactly one row total or exactly one column total is
//     suppressed (else the grand total minus the other totals gives it back).
// Zeros are never suppressed (a 0 reveals no person). With two or more suppressed cells in a row
// its total is shown: their sum is known, not any one of them, and it is itself ≥ 5 or suppressed.
// Distinct-people totals are not sums of their cells, so the rule is conservative for them.
struct SuppressedTable {
  std::vector<std::vector<SCell>> cells;
  std::vector<SCell> row_totals, column_totals;
  SCell total;
  bool any() const;
};
SuppressedTable suppress_table(const std::vector<std::vector<long long>>& cells, const std::vector<long long>& row_totals,
                               const std::vector<long long>& column_totals, long long total);

// The org-unit key of a unit version for a dimension (province / commune) as of `as_of`: the code
// of the ancestor (or self) of that kind of the version valid then; nullopt when none.
std::optional<std::string> case_org_key(const Hierarchy& h, long long unit_id, CaseDim d, Date as_of);

struct CaseTable {
  std::vector<std::vector<std::optional<std::string>>> row_keys, column_keys;
  std::vector<std::vector<std::string>> row_labels, column_labels, row_labels_en, column_labels_en;
  SuppressedTable table;
  long long facts = 0;  // facts counted (after filters)
};

// Labels of a dimension's key (vi, en); sort by the returned sort key.
struct CaseLabel { std::string vi, en, sort; };
using CaseLabeler = std::function<CaseLabel(CaseDim, const std::optional<std::string>&)>;

// Counts the facts into the query's cells: people = distinct case_id, services and referrals =
// distinct item_id, per cell and per total (a person in two target groups counts once in each
// and once in the total). Facts outside [from, to], the subtree or the filters are skipped.
// The caller gives only facts of consenting records in its scope.
CaseTable case_pivot(const std::vector<CaseFact>& facts, const CaseQuery& q, const Hierarchy& h, const CaseLabeler& label);

// The counts of a report's case elements over facts (already of consenting records, the unit's
// scope and the period): people (distinct case_id) and services (distinct item_id), optionally of
// one host programme (empty: all).
long long count_people(const std::vector<CaseFact>& facts, const std::string& host_programme = "");
long long count_services(const std::vector<CaseFact>& facts, const std::string& host_programme = "");

// ----- computed report elements (migration 0027) -----
// A case element of a report form: people (case_people) or services (case_services), of one host
// programme or of all ('' : the group's total).
struct CaseElement {
  std::string code;
  bool people = true;
  std::string host_programme;
};
bool is_case_measure(const std::string& measure);  // case_people, case_services

// The case elements to show suppressed among `values` (absent = 0): those of 1..4, and, per
// group (people, services), suppress_table's rule on the one row "by host programme" whose total
// is the all-programmes element: exactly one suppressed programme suppresses the total.
std::set<std::string> suppressed_elements(const std::vector<CaseElement>& elements,
                                          const std::map<std::string, long long>& values);

// A level's compilation: compiled (Σ reports below) + own = total. An element suppressed in any of
// the three parts (suppressed_elements of each) is suppressed in all three, so that no part can
// be backed out of the two others. Returns the union.
std::set<std::string> suppressed_in_compilation(const std::vector<CaseElement>& elements,
                                                const std::map<std::string, long long>& compiled,
                                                const std::map<std::string, long long>& own,
                                                const std::map<std::string, long long>& total);

}  // namespace longghep::analytics
