#include "storage/bulk_activities.hpp"

#include <soci/postgresql/soci-postgresql.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <unordered_set>

#include "domain/text.hpp"
#include "storage/audit.hpp"

namespace longghep {

namespace {
double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

// A PostgreSQL text[] literal of `v` (bound as one parameter, cast in SQL).
std::string text_array(const std::vector<std::string>& v) {
  std::string out = "{";
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out += ',';
    out += '"';
    for (char c : v[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  out += '}';
  return out;
}

// COPY … FROM STDIN, text format: one line per row, columns by tab, \N for NULL.
class CopyBuffer {
 public:
  void text(const std::string& v) {
    sep();
    for (char c : v) {
      switch (c) {
        case '\\': buf_ += "\\\\"; break;
        case '\t': buf_ += "\\t"; break;
        case '\n': buf_ += "\\n"; break;
        case '\r': buf_ += "\\r"; break;
        default: buf_ += c;
      }
    }
  }
  void num(long long v) {
    sep();
    buf_ += std::to_string(v);
  }
  void null() {
    sep();
    buf_ += "\\N";
  }
  void end_row() {
    buf_ += '\n';
    first_ = true;
  }
  bool empty() const { return buf_.empty(); }
  // Sends the rows with COPY table(cols) FROM STDIN on the session's connection.
  void send(soci::session& s, const std::string& table_cols) {
    if (buf_.empty()) return;
    auto* be = static_cast<soci::postgresql_session_backend*>(s.get_backend());
    PGconn* conn = be->conn_;
    const std::string sql = "COPY " + table_cols + " FROM STDIN";
    PGresult* r = PQexec(conn, sql.c_str());
    if (PQresultStatus(r) != PGRES_COPY_IN) {
      const std::string err = PQerrorMessage(conn);
      PQclear(r);
      throw std::runtime_error("COPY " + table_cols + ": " + err);
    }
    PQclear(r);
    constexpr size_t kPiece = 1 << 20;
    for (size_t at = 0; at < buf_.size(); at += kPiece) {
      const size_t n = std::min(kPiece, buf_.size() - at);
      if (PQputCopyData(conn, buf_.data() + at, static_cast<int>(n)) != 1) break;
    }
    PQputCopyEnd(conn, nullptr);
    std::string err;
    while ((r = PQgetResult(conn)) != nullptr) {
      if (PQresultStatus(r) != PGRES_COMMAND_OK && err.empty()) err = PQresultErrorMessage(r);
      PQclear(r);
    }
    buf_.clear();
    if (!err.empty()) throw std::runtime_error("COPY " + table_cols + ": " + err);
  }

 private:
  void sep() {
    if (!first_) buf_ += '\t';
    first_ = false;
  }
  std::string buf_;
  bool first_ = true;
};
}  // namespace

struct BulkActivityWriter::Sqlite {
  std::string key;
  long long n = 0;
  soci::statement exists;
  explicit Sqlite(soci::session& s)
      : exists((s.prepare << "SELECT COUNT(*) FROM activities WHERE key = :k", soci::use(key), soci::into(n))) {}
};

size_t BulkActivityWriter::batch_size() {
  if (const char* v = std::getenv("LONGGHEP_IMPORT_BATCH")) {
    const long long n = std::atoll(v);
    if (n >= 1 && n <= 1000000) return static_cast<size_t>(n);
  }
  return 5000;
}

BulkActivityWriter::BulkActivityWriter(soci::session& s, long long import_id, const std::string& created_by,
                                       long long revision, analytics::FactStore* facts)
    : s_(s),
      pg_(s.get_backend_name() == "postgresql"),
      import_id_(import_id),
      revision_(revision),
      created_by_(created_by),
      now_(now_iso_utc()),
      facts_(facts),
      batch_size_(batch_size()) {
  batch_.reserve(batch_size_);
  if (!pg_) {
    lite_ = std::make_unique<Sqlite>(s);
    long long max_id = 0;
    soci::indicator ind;
    s << "SELECT MAX(id) FROM activities", soci::into(max_id, ind);
    next_id_ = (ind == soci::i_ok ? max_id : 0) + 1;
  }
}

BulkActivityWriter::~BulkActivityWriter() = default;

void BulkActivityWriter::add(const ActivityInput& in, long long org_unit_id) {
  batch_.push_back({in, org_unit_id});
  if (batch_.size() >= batch_size_) flush();
}

void BulkActivityWriter::flush() {
  if (batch_.empty()) return;
  auto t0 = std::chrono::steady_clock::now();
  // Which keys are new (the row path's ON CONFLICT (key) DO NOTHING); a key twice in one batch
  // is written once (a valid file never has that: the validation refuses it).
  std::vector<const Item*> items;
  items.reserve(batch_.size());
  {
    std::unordered_set<std::string> existing, seen;
    if (pg_) {
      std::vector<std::string> keys;
      for (const auto& it : batch_)
        if (!it.in.key.empty()) keys.push_back(it.in.key);
      if (!keys.empty()) {
        const std::string arr = text_array(keys);
        std::vector<std::string> found(1000);
        soci::statement st = (s_.prepare << "SELECT key FROM activities WHERE key = ANY(CAST(:ks AS TEXT[]))",
                              soci::into(found), soci::use(arr, "ks"));
        st.execute();
        while (st.fetch()) {
          for (auto& k : found) existing.insert(k);
          found.resize(1000);
        }
      }
    }
    for (const auto& it : batch_) {
      if (!it.in.key.empty()) {
        if (!seen.insert(it.in.key).second) continue;
        if (pg_) {
          if (existing.count(it.in.key)) continue;
        } else {
          lite_->key = it.in.key;
          lite_->exists.execute(true);
          if (lite_->n > 0) continue;
        }
      }
      items.push_back(&it);
    }
  }
  ms_keys += ms_since(t0);
  t0 = std::chrono::steady_clock::now();
  std::vector<long long> ids(items.size());
  if (!items.empty()) {
    if (pg_) {
      const long long n = static_cast<long long>(items.size());
      std::vector<long long> got(items.size());
      s_ << "SELECT nextval(pg_get_serial_sequence('activities', 'id')) FROM generate_series(1, :n)", soci::use(n),
          soci::into(got);
      if (got.size() != items.size()) throw std::runtime_error("bulk import: ids not reserved");
      std::sort(got.begin(), got.end());
      ids = std::move(got);
    } else {
      for (auto& id : ids) id = next_id_++;
    }
  }
  ms_ids += ms_since(t0);
  t0 = std::chrono::steady_clock::now();
  if (!items.empty()) {
    if (pg_) write_pg(items, ids);
    else write_sqlite(items, ids);
  }
  ms_write += ms_since(t0);
  if (facts_) {
    for (size_t i = 0; i < items.size(); ++i) {
      const ActivityInput& in = items[i]->in;
      const long long id = ids[i];
      if (!facts_->begin_activity(id, items[i]->unit, in.start, in.intervention_type, in.lead_agency_id,
                                  in.plan_activity_id.has_value(), 1))
        continue;
      for (long long p : in.programme_ids) facts_->add_programme(id, p);
      for (const auto& r : in.reach) facts_->add_reach(id, r.target_group, r.total, r.female, r.male);
      for (const auto& r : in.reach)
        for (const auto& [band, count] : r.ages) facts_->add_age(id, r.target_group, band, count);
      for (const auto& o : in.outputs) facts_->add_output(id, o.kind, o.quantity);
      for (const auto& c : in.costs) facts_->add_cost(id, c.funding_source, c.amount);
    }
  }
  inserted_ += static_cast<long long>(items.size());
  batch_.clear();
}

void BulkActivityWriter::write_sqlite(const std::vector<const Item*>& items, const std::vector<long long>& ids) {
  const size_t n = items.size();
  {
    std::vector<long long> id(ids), unit(n), lead(n), plan(n), reached(n), cost(n), import(n, import_id_),
        rev(n, revision_);
    std::vector<soci::indicator> key_ind(n), plan_ind(n);
    std::vector<std::string> key(n), title(n), folded(n), type(n), start(n), end(n), note(n);
    std::vector<std::string> source(n, "import"), by(n, created_by_), now(n, now_);
    for (size_t i = 0; i < n; ++i) {
      const ActivityInput& in = items[i]->in;
      key[i] = in.key;
      key_ind[i] = in.key.empty() ? soci::i_null : soci::i_ok;
      unit[i] = items[i]->unit;
      title[i] = in.title;
      folded[i] = fold_for_search(in.title);
      type[i] = in.intervention_type;
      lead[i] = in.lead_agency_id;
      plan[i] = in.plan_activity_id.value_or(0);
      plan_ind[i] = in.plan_activity_id ? soci::i_ok : soci::i_null;
      start[i] = in.start.iso();
      end[i] = in.end.iso();
      reached[i] = in.reached_total();
      cost[i] = in.cost_total();
      note[i] = in.note;
    }
    soci::statement st =
        (s_.prepare << "INSERT INTO activities(id, key, org_unit_id, title, title_folded, intervention_type_code, "
                       "lead_agency_id, plan_activity_id, start_date, end_date, reached_total, cost_total, note, source, "
                       "import_id, created_by, version, created_at, updated_at, revision) VALUES(:id, :k, :u, :t, :tf, "
                       ":ty, :la, :pa, :sd, :ed, :rt, :ct, :no, :so, :im, :cb, 1, :ca, :ua, :rev)",
         soci::use(id), soci::use(key, key_ind), soci::use(unit), soci::use(title), soci::use(folded), soci::use(type),
         soci::use(lead), soci::use(plan, plan_ind), soci::use(start), soci::use(end), soci::use(reached),
         soci::use(cost), soci::use(note), soci::use(source), soci::use(import), soci::use(by), soci::use(now),
         soci::use(now), soci::use(rev));
    st.execute(true);
  }
  // Child tables: (activity id, code, number) rows, plus reach's female / male.
  std::vector<long long> a, b;  // partners, programmes
  std::vector<long long> ra, rt, rf, rm;
  std::vector<soci::indicator> rfi, rmi;
  std::vector<std::string> rg;
  std::vector<long long> ga, gn;
  std::vector<std::string> gg, gb;
  std::vector<long long> oa, on, ca, cn;
  std::vector<std::string> ok, ck;
  std::vector<long long> pa, pp, qa, qp;
  for (size_t i = 0; i < n; ++i) {
    const ActivityInput& in = items[i]->in;
    const long long id = ids[i];
    for (long long x : in.partner_agency_ids) { pa.push_back(id); pp.push_back(x); }
    for (long long x : in.programme_ids) { qa.push_back(id); qp.push_back(x); }
    for (const auto& r : in.reach) {
      ra.push_back(id);
      rg.push_back(r.target_group);
      rt.push_back(r.total);
      rf.push_back(r.female.value_or(0));
      rfi.push_back(r.female ? soci::i_ok : soci::i_null);
      rm.push_back(r.male.value_or(0));
      rmi.push_back(r.male ? soci::i_ok : soci::i_null);
      for (const auto& [band, count] : r.ages) {
        ga.push_back(id);
        gg.push_back(r.target_group);
        gb.push_back(band);
        gn.push_back(count);
      }
    }
    for (const auto& o : in.outputs) { oa.push_back(id); ok.push_back(o.kind); on.push_back(o.quantity); }
    for (const auto& c : in.costs) { ca.push_back(id); ck.push_back(c.funding_source); cn.push_back(c.amount); }
  }
  if (!pa.empty()) {
    soci::statement st = (s_.prepare << "INSERT INTO activity_partners(activity_id, agency_id) VALUES(:a, :b)",
                          soci::use(pa), soci::use(pp));
    st.execute(true);
  }
  if (!qa.empty()) {
    soci::statement st = (s_.prepare << "INSERT INTO activity_programmes(activity_id, programme_id) VALUES(:a, :b)",
                          soci::use(qa), soci::use(qp));
    st.execute(true);
  }
  if (!ra.empty()) {
    soci::statement st = (s_.prepare << "INSERT INTO activity_reach(activity_id, target_group_code, total, female, male) "
                                        "VALUES(:a, :g, :t, :f, :m)",
                          soci::use(ra), soci::use(rg), soci::use(rt), soci::use(rf, rfi), soci::use(rm, rmi));
    st.execute(true);
  }
  if (!ga.empty()) {
    soci::statement st = (s_.prepare << "INSERT INTO activity_reach_ages(activity_id, target_group_code, age_band_code, "
                                        "count) VALUES(:a, :g, :b, :n)",
                          soci::use(ga), soci::use(gg), soci::use(gb), soci::use(gn));
    st.execute(true);
  }
  if (!oa.empty()) {
    soci::statement st = (s_.prepare << "INSERT INTO activity_outputs(activity_id, output_kind_code, quantity) "
                                        "VALUES(:a, :k, :n)",
                          soci::use(oa), soci::use(ok), soci::use(on));
    st.execute(true);
  }
  if (!ca.empty()) {
    soci::statement st = (s_.prepare << "INSERT INTO activity_costs(activity_id, funding_source_code, amount) "
                                        "VALUES(:a, :k, :n)",
                          soci::use(ca), soci::use(ck), soci::use(cn));
    st.execute(true);
  }
}

void BulkActivityWriter::write_pg(const std::vector<const Item*>& items, const std::vector<long long>& ids) {
  CopyBuffer acts, partners, programmes, reach, ages, outputs, costs;
  for (size_t i = 0; i < items.size(); ++i) {
    const ActivityInput& in = items[i]->in;
    const long long id = ids[i];
    acts.num(id);
    if (in.key.empty()) acts.null();
    else acts.text(in.key);
    acts.num(items[i]->unit);
    acts.text(in.title);
    acts.text(fold_for_search(in.title));
    acts.text(in.intervention_type);
    acts.num(in.lead_agency_id);
    if (in.plan_activity_id) acts.num(*in.plan_activity_id);
    else acts.null();
    acts.text(in.start.iso());
    acts.text(in.end.iso());
    acts.num(in.reached_total());
    acts.num(in.cost_total());
    acts.text(in.note);
    acts.text("import");
    acts.num(import_id_);
    acts.text(created_by_);
    acts.num(1);
    acts.text(now_);
    acts.text(now_);
    acts.num(revision_);
    acts.end_row();
    for (long long x : in.partner_agency_ids) { partners.num(id); partners.num(x); partners.end_row(); }
    for (long long x : in.programme_ids) { programmes.num(id); programmes.num(x); programmes.end_row(); }
    for (const auto& r : in.reach) {
      reach.num(id);
      reach.text(r.target_group);
      reach.num(r.total);
      if (r.female) reach.num(*r.female);
      else reach.null();
      if (r.male) reach.num(*r.male);
      else reach.null();
      reach.end_row();
      for (const auto& [band, count] : r.ages) {
        ages.num(id);
        ages.text(r.target_group);
        ages.text(band);
        ages.num(count);
        ages.end_row();
      }
    }
    for (const auto& o : in.outputs) { outputs.num(id); outputs.text(o.kind); outputs.num(o.quantity); outputs.end_row(); }
    for (const auto& c : in.costs) { costs.num(id); costs.text(c.funding_source); costs.num(c.amount); costs.end_row(); }
  }
  acts.send(s_, "activities(id, key, org_unit_id, title, title_folded, intervention_type_code, lead_agency_id, "
                "plan_activity_id, start_date, end_date, reached_total, cost_total, note, source, import_id, created_by, "
                "version, created_at, updated_at, revision)");
  partners.send(s_, "activity_partners(activity_id, agency_id)");
  programmes.send(s_, "activity_programmes(activity_id, programme_id)");
  reach.send(s_, "activity_reach(activity_id, target_group_code, total, female, male)");
  ages.send(s_, "activity_reach_ages(activity_id, target_group_code, age_band_code, count)");
  outputs.send(s_, "activity_outputs(activity_id, output_kind_code, quantity)");
  costs.send(s_, "activity_costs(activity_id, funding_source_code, amount)");
}

}  // namespace longghep
