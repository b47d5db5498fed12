#include "domain/compilation.hpp"

#include "domain/error.hpp"

namespace longghep {

std::vector<const OrgUnit*> units_below(const Hierarchy& h, const OrgUnit& u, Date on) {
  if (u.valid_on(on)) return h.children(u, on);
  std::vector<const OrgUnit*> out;
  for (const LineageEvent* e : h.predecessors(u.id))
    if (const OrgUnit* from = h.by_id(e->from_id); from && from->valid_on(on)) out.push_back(from);
  return out;
}

std::vector<const OrgUnit*> reporting_units(const Hierarchy& h, const ReportFacts& r) {
  if (!r.request) return units_below(h, *r.unit, r.period.to);
  std::vector<const OrgUnit*> out;
  if (r.unit->id != r.request->issuer_unit_id) return out;
  for (long long id : r.request->unit_ids)
    if (const OrgUnit* u = h.by_id(id)) out.push_back(u);
  return out;
}

void Completeness::add(const std::string& status, Timeliness t) {
  ++expected;
  if (status == "submitted" || status == "accepted") ++submitted;
  if (status == "accepted") ++accepted;
  if (t == Timeliness::on_time) ++on_time;
  if (t == Timeliness::late) ++late;
  if (t == Timeliness::missing) ++missing;
}

void require_missing_confirmed(const std::vector<BelowReport>& missing_units, bool confirmed) {
  if (missing_units.empty() || confirmed) return;
  static const std::map<std::string, std::pair<std::string, std::string>> said = {
      {"not_started", {"chưa lập", "not started"}}, {"draft", {"đang lập", "draft"}},
      {"submitted", {"đã gửi, chưa tiếp nhận", "submitted, not accepted"}}, {"returned", {"bị trả lại", "returned"}}};
  std::string vi, en;
  size_t shown = 0;
  for (const auto& m : missing_units) {
    const auto& [svi, sen] = said.count(m.status) ? said.at(m.status) : std::pair<std::string, std::string>{m.status, m.status};
    if (shown < 30) {
      vi += (vi.empty() ? "" : "; ") + m.name + " (" + svi + ")";
      en += (en.empty() ? "" : "; ") + m.name + " (" + sen + ")";
    }
    ++shown;
  }
  const std::string n = std::to_string(missing_units.size());
  if (missing_units.size() > 30) {
    vi += "; … (" + n + " đơn vị)";
    en += "; … (" + n + " units)";
  }
  throw Error(409, "missing_reports",
              "Chưa có báo cáo được tiếp nhận của " + n + " đơn vị cấp dưới: " + vi +
                  ". Xác nhận (confirmMissing) để gửi báo cáo thiếu các đơn vị này.",
              n + " units below have no accepted report: " + en + ". Confirm (confirmMissing) to submit without them.",
              "confirmMissing");
}

bool counted(const BelowReport& b) { return b.status == "accepted"; }

Compilation compile_level(const std::vector<std::string>& elements, const std::vector<BelowReport>& below, const Figures& own) {
  Compilation c;
  for (const auto& e : elements) {
    long long sum = 0;
    for (const auto& b : below)
      if (counted(b))
        if (auto it = b.reported.find(e); it != b.reported.end()) sum += it->second;
    c.compiled[e] = sum;
    long long o = 0;
    if (auto it = own.find(e); it != own.end()) {
      o = it->second;
      c.own[e] = o;
    }
    c.total[e] = sum + o;
  }
  return c;
}

std::vector<const BelowReport*> missing(const std::vector<BelowReport>& below) {
  std::vector<const BelowReport*> out;
  for (const auto& b : below)
    if (!counted(b)) out.push_back(&b);
  return out;
}

std::string to_string(GapReason r) {
  switch (r) {
    case GapReason::none: return "none";
    case GapReason::not_reported: return "not_reported";
    case GapReason::not_accepted: return "not_accepted";
    case GapReason::returned: return "returned";
    case GapReason::recorded_after_acceptance: return "recorded_after_acceptance";
  }
  return "none";
}

Gap explain(const BelowReport& b) {
  Gap g;
  const bool in = counted(b);
  bool differs = false;
  auto diff = [&](const std::string& e) {
    const long long l = b.live.count(e) ? b.live.at(e) : 0;
    const long long r = in && b.reported.count(e) ? b.reported.at(e) : 0;
    g.difference[e] = l - r;
    differs = differs || l != r;
  };
  for (const auto& [e, _] : b.live) diff(e);
  if (in)
    for (const auto& [e, _] : b.reported)
      if (!g.difference.count(e)) diff(e);
  if (!in) {
    if (b.status == "returned") {
      g.reason = GapReason::returned;
      g.vi = "Báo cáo bị trả lại, chưa tính vào tổng hợp";
      g.en = "Report returned, not counted in the compilation";
    } else if (b.status == "submitted") {
      g.reason = GapReason::not_accepted;
      g.vi = "Đã gửi, chưa được tiếp nhận nên chưa tính vào tổng hợp";
      g.en = "Submitted, not yet accepted, so not counted";
    } else {
      g.reason = GapReason::not_reported;
      g.vi = "Chưa báo cáo";
      g.en = "Not yet reported";
    }
    return g;
  }
  if (!differs) return g;
  g.reason = GapReason::recorded_after_acceptance;
  if (b.compiles) {
    g.vi = "Báo cáo đã tiếp nhận là tổng hợp của đơn vị; phần chênh lệch là hoạt động ghi nhận sau khi tiếp nhận hoặc của "
           "đơn vị cấp dưới chưa được tính trong báo cáo đó";
    g.en = "The accepted report is the unit's compilation; the difference was recorded after acceptance or belongs to units "
           "below it not counted in that report";
  } else {
    g.vi = "Hoạt động ghi nhận sau khi báo cáo được tiếp nhận";
    g.en = "Activities recorded after the report was accepted";
  }
  return g;
}

}  // namespace longghep
