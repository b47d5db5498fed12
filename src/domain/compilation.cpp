#include "domain/compilation.hpp"

namespace longghep {

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
