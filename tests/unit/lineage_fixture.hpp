// The small hierarchy shaped like the 2025 reform that the engine's tests share: old Bình Định (52)
// and old Gia Lai (64) end 30/06/2025 and merge into the new Gia Lai (52); districts end with them;
// commune 23510 splits into 23503 and 23506.
#pragma once

#include <string>

#include "domain/date.hpp"
#include "domain/hierarchy.hpp"
#include "domain/text.hpp"

namespace longghep::test_fixture {
inline Date D(const char* s) { return *Date::parse(s); }
inline const Date kEnd = D("2025-06-30");
inline const Date kStart = D("2025-07-01");
inline const Date kToday = D("2026-12-01");

inline OrgUnit unit(long long id, std::string code, std::string name, std::string kind, std::string parent, Validity v) {
  OrgUnit u;
  u.id = id;
  u.code = std::move(code);
  u.name = name;
  u.full_name = name;
  u.kind = std::move(kind);
  u.parent_code = std::move(parent);
  u.validity = v;
  u.name_folded = fold_for_search(name);
  return u;
}

inline Hierarchy fixture() {
  const Validity before{Date::min(), kEnd}, after{kStart, Date::max()};
  return Hierarchy(
      {
          unit(1, "VN", "Việt Nam", "central", "", {}),
          unit(2, "52", "Bình Định", "province", "VN", before),
          unit(3, "64", "Gia Lai", "province", "VN", before),
          unit(4, "540", "Quy Nhơn", "district", "52", before),
          unit(5, "21550", "Phường Lê Lợi", "commune", "540", before),
          unit(6, "622", "Pleiku", "district", "64", before),
          unit(7, "23500", "Phường Hoa Lư", "commune", "622", before),
          unit(8, "52", "Gia Lai", "province", "VN", after),
          unit(9, "21583", "Phường Quy Nhơn", "commune", "52", after),
          unit(10, "75", "Đồng Nai", "province", "VN", after),
          unit(11, "26041", "Phường Trấn Biên", "commune", "75", after),
          unit(12, "23503", "Xã Biển Hồ", "commune", "52", after),
          unit(13, "23506", "Xã Chư Á", "commune", "52", after),
          unit(14, "23510", "Xã Trà Đa", "commune", "622", before),  // split into 12 and 13
      },
      {{1, "merge", kStart, 2, 8, false}, {2, "merge", kStart, 3, 8, false}, {3, "merge", kStart, 5, 9, false},
       {4, "split", kStart, 14, 13, true}, {5, "split", kStart, 14, 12, true}});
}
}  // namespace longghep::test_fixture
