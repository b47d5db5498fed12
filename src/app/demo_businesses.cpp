// The demo's service business registry (issue 17 §1): businesses in Gia Lai and Đồng Nai, some
// registered before 07/2025 on the commune versions of old Bình Định, in every status, through
// the businesses storage (audited). Names are invented. Idempotent: nothing is added when
// businesses exist.
#include "app/demo.hpp"
#include "domain/hierarchy.hpp"
#include "storage/businesses.hpp"

namespace longghep {

int load_demo_businesses(soci::session& s, const Hierarchy& h, const Actor& actor) {
  if (count_businesses(s) > 0) return 0;
  struct Demo {
    const char* unit;
    const char* as_of;  // the commune version on that day (the registration day)
    const char* type;
    const char* name;
    const char* address;
    const char* owner;
    const char* cert;  // ANTT certificate number ("" = none)
    int female, male;
    const char* status;       // now
    const char* changed_on;   // the day of the change to `status` (when not operating)
    const char* reason;
  };
  const Demo demo[] = {
      {"21637", "2024-11-05", "karaoke", "Karaoke Ánh Dương", "45 Nguyễn Huệ", "Trần Văn Phúc", "52/GCN-ANTT-2023/117", 8, 3,
       "operating", "", ""},
      {"21637", "2024-06-12", "hotel", "Khách sạn Biển Xanh", "12 An Dương Vương", "Lê Thị Mai", "52/GCN-ANTT-2022/045", 12, 9,
       "operating", "", ""},
      {"21556", "2025-03-10", "massage", "Massage Thư Giãn Hồng Phát", "88 Trần Hưng Đạo", "Phạm Văn Lực", "52/GCN-ANTT-2024/210",
       6, 1, "suspended", "2026-09-15", "Đình chỉ 3 tháng sau kiểm tra liên ngành"},
      {"21556", "2025-01-20", "guest_house", "Nhà nghỉ Hoa Sen", "5 Lê Lợi", "Võ Thị Hạnh", "52/GCN-ANTT-2024/031", 2, 2,
       "operating", "", ""},
      {"21583", "2026-01-15", "bar", "Bar Đêm Trắng", "102 Xuân Diệu", "Ngô Minh Khoa", "52/GCN-ANTT-2026/004", 10, 6,
       "operating", "", ""},
      {"21583", "2026-02-01", "dim_cafe", "Cà phê Góc Nhỏ", "17 Ngô Mây", "Đinh Văn Tài", "", 4, 0, "operating", "", ""},
      {"21583", "2025-08-20", "sauna", "Xông hơi Sen Vàng", "230 Nguyễn Thái Học", "Huỳnh Thị Lệ", "52/GCN-ANTT-2025/188", 5, 2,
       "closed", "2026-06-30", "Chủ cơ sở ngừng kinh doanh"},
      {"21583", "2025-10-02", "karaoke", "Karaoke Ngôi Sao", "61 Phan Bội Châu", "Bùi Văn Hậu", "52/GCN-ANTT-2025/240", 7, 4,
       "operating", "", ""},
      {"23575", "2026-05-20", "guest_house", "Nhà nghỉ Phố Núi", "14 Hùng Vương", "Rơ Châm H'Lan", "52/GCN-ANTT-2026/077", 3, 1,
       "operating", "", ""},
      {"23575", "2026-03-11", "massage", "Massage Cao Nguyên", "9 Trường Chinh", "Siu Văn Đức", "", 5, 0, "suspended",
       "2026-10-02", "Không có giấy chứng nhận đủ điều kiện ANTT"},
      {"25210", "2026-04-08", "karaoke", "Karaoke Hoàng Kim Đồng Nai", "120 Phạm Văn Thuận", "Nguyễn Thị Thu", "75/GCN-ANTT-2026/015",
       9, 4, "operating", "", ""},
      {"25210", "2025-09-01", "hotel", "Khách sạn Sông Đồng", "3 Võ Thị Sáu", "Trương Văn Bình", "75/GCN-ANTT-2025/220", 15, 11,
       "operating", "", ""},
      {"25210", "2025-11-18", "bar", "Bar Ánh Trăng", "56 Đồng Khởi", "Lâm Quốc Huy", "75/GCN-ANTT-2025/301", 8, 5, "closed",
       "2026-08-01", "Thu hồi giấy chứng nhận ANTT"},
      {"25210", "2026-02-14", "dim_cafe", "Cà phê Mây Chiều", "210 Nguyễn Ái Quốc", "Phan Thị Yến", "", 3, 1, "operating", "", ""},
      {"25210", "2026-06-05", "other", "Tiệm gội đầu thư giãn Hải Yến", "77 Huỳnh Văn Nghệ", "Đỗ Thị Yến", "", 4, 0, "operating", "",
       ""},
  };
  int n = 0;
  for (const auto& d : demo) {
    const Date as_of = *Date::parse(d.as_of);
    const OrgUnit* u = h.find(d.unit, as_of);
    if (!u) continue;
    BusinessInput in;
    in.f.type_code = d.type;
    in.f.name = d.name;
    in.f.address = d.address;
    in.f.commune_unit_id = u->id;
    in.commune_as_of = as_of;
    in.f.owner_name = d.owner;
    in.f.antt_person = d.owner;
    in.f.antt_cert_number = d.cert;
    if (*d.cert) {
      in.f.antt_cert_date = as_of;
      in.f.antt_cert_issuer = std::string(d.unit) == "25210"
                                  ? "Công an tỉnh Đồng Nai"
                                  : (as_of < Date::from_ymd(2025, 7, 1) ? "Công an tỉnh Bình Định" : "Công an tỉnh Gia Lai");
      in.f.police_notified_on = as_of;
    }
    in.f.sector_licence = std::string("GP-") + d.unit + "-" + std::to_string(n + 1);
    in.f.workers_female = d.female;
    in.f.workers_male = d.male;
    const long long id = create_business(s, h, in, "operating", as_of, actor);
    if (std::string(d.status) != "operating") change_business_status(s, id, 1, d.status, *Date::parse(d.changed_on), d.reason, actor);
    ++n;
  }
  return n;
}

}  // namespace longghep
