// The wording of an official document's parts by Decree 30/2020/NĐ-CP (Annex I), as pure
// functions of the issuer's data: the governing body and issuing body lines of the header, the
// document symbol (Số: …/BC-SYT), the place (địa danh: the issuer's seat), the issuer's name as
// the subject of a sentence, "Nơi nhận" that agrees with "Kính gửi", the signature title.
// No I/O; the routes read the data (agencies.abbreviation, agencies.seat, the user's signer
// fields) and the renderer (export/official_document) lays the result out.
#pragma once
#include <string>
#include <vector>

#include "domain/hierarchy.hpp"

namespace longghep::decree30 {

// Who issues the document: an agency of the unit (a Sở, the People's Committee, a Cục…), or the
// unit's People's Committee when no agency does (kind "ubnd", name built from the unit).
struct Issuer {
  std::string name;          // as registered: "Sở Y tế tỉnh Gia Lai", "Cục Bảo trợ xã hội (Bộ Y tế)"
  std::string kind;          // agency kind: bo, cuc, so, ban, nganh, doan_the, ubnd, bao_chi
  std::string abbreviation;  // stored ký hiệu ("SYT"); empty: derived (default_abbreviation)
  std::string seat;          // stored địa danh ("Gia Lai"); empty: derived (default_seat)
  OrgUnit unit;              // the unit the issuer belongs to
  long long agency_id = 0;   // 0: the committee named from the unit
};

// The People's Committee of a unit as an issuer: "Ủy ban nhân dân tỉnh Gia Lai", kind ubnd.
Issuer committee_of(const OrgUnit& unit);

// Administrative type words (Tỉnh, Thành phố, Huyện, Quận, Thị xã, Xã, Phường, Thị trấn, Đặc
// khu) in lower case inside a sentence: "Tỉnh Gia Lai" → "tỉnh Gia Lai". With at_start, the
// first word keeps its capital ("Tỉnh Gia Lai báo cáo" stays).
std::string lower_unit_types(const std::string& text, bool at_start = false);

// The issuer as the subject of a sentence: its registered name with unit types in lower case
// ("Sở Y tế tỉnh Gia Lai", "Ủy ban nhân dân phường Quy Nhơn"); a ministry's department without
// its ministry in brackets ("Cục Bảo trợ xã hội").
std::string sentence_name(const Issuer& is);

// The header's two lines (upper case; '\n' splits a line): the governing body (cơ quan chủ quản,
// may be empty) and the issuing body. A Sở or Ban under its unit's People's Committee:
// "UBND TỈNH GIA LAI" / "SỞ Y TẾ"; a ministry's department: "BỘ Y TẾ" / "CỤC BẢO TRỢ XÃ HỘI"
// (the ministry printed once); a People's Committee: "" / "ỦY BAN NHÂN DÂN\nTỈNH GIA LAI".
struct HeaderLines {
  std::string governing, issuing;
};
HeaderLines header_lines(const Issuer& is);

// The issuer's ký hiệu: the stored abbreviation, else initials of its name without the ministry
// in brackets and without the unit ("Sở Y tế tỉnh Gia Lai" → "SYT", "Cục Bảo trợ xã hội (Bộ Y tế)"
// → "CBTXH", "Sở Lao động - Thương binh và Xã hội" → "SLĐTBXH"); "UBND" for a People's Committee.
std::string default_abbreviation(const Issuer& is);
std::string abbreviation(const Issuer& is);

// The place line's địa danh: the stored seat, else by Decree 30 §II.5: Hà Nội for central bodies,
// the province's (district's, commune's) name for its bodies ("Gia Lai"); a unit named by a number
// keeps its type ("Phường 1").
std::string default_seat(const OrgUnit& unit);
std::string seat(const Issuer& is);

// "Số:       /BC-SYT" (no number before registration) or "Số: 12/BC-SYT".
std::string number_symbol(const std::string& doc_code, const std::string& abbreviation, const std::string& number = "");

// A recipient as written after "Kính gửi": a ministry's department as "Bộ Y tế (Cục Bảo trợ xã
// hội)", anything else as registered.
std::string recipient_name(const std::string& name, const std::string& kind);

// "Nơi nhận": the recipients of "Kính gửi" first, in the same order and words, then
// "- Lưu: VT, <abbreviation>.".
std::vector<std::string> noi_nhan(const std::vector<std::string>& recipients, const std::string& abbreviation);

// The signature's authority and title when the signer's profile has none: by the issuer's kind
// ("GIÁM ĐỐC" for a Sở, "CỤC TRƯỞNG", "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"…).
std::string default_signer_title(const Issuer& is);
// "BÁO CÁO" → "Báo cáo": upper case only at the start.
std::string sentence_case(const std::string& text);
// A signer's name from a user's full name: "Trần Thị Lan (Sở Y tế Gia Lai)" → "Trần Thị Lan".
std::string signer_name_from(const std::string& full_name);

}  // namespace longghep::decree30
