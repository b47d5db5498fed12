#include "domain/text.hpp"

#include <gtest/gtest.h>

using longghep::fold_for_search;

TEST(FoldForSearch, IgnoresDiacriticsAndCase) {
  EXPECT_EQ(fold_for_search("Đồng Nai"), "dong nai");
  EXPECT_EQ(fold_for_search("Đà Nẵng"), "da nang");
  EXPECT_EQ(fold_for_search("Thừa Thiên Huế"), "thua thien hue");
  EXPECT_EQ(fold_for_search("Phường Quy Nhơn"), "phuong quy nhon");
  EXPECT_EQ(fold_for_search("KHÁNH HÒA"), "khanh hoa");
  EXPECT_EQ(fold_for_search("Khánh Hoà"), "khanh hoa");  // both accent placements
}

TEST(FoldForSearch, DStrokeIsFoldedByHandBecauseItDoesNotDecompose) {
  EXPECT_EQ(fold_for_search("đ"), "d");
  EXPECT_EQ(fold_for_search("Đ"), "d");
}

TEST(FoldForSearch, PrecomposedAndDecomposedInputFoldAlike) {
  // "ế" precomposed (U+1EBF) and as e + U+0302 + U+0301
  EXPECT_EQ(fold_for_search("Hu\xE1\xBA\xBF"), fold_for_search("Hue\xCC\x82\xCC\x81"));
}

TEST(FoldForSearch, CollapsesWhiteSpace) {
  EXPECT_EQ(fold_for_search("  Gia   Lai \t"), "gia lai");
}

TEST(CleanUtf8, RejectsInvalidBytesAndControls) {
  EXPECT_TRUE(longghep::is_clean_utf8("Sở Y tế"));
  EXPECT_FALSE(longghep::is_clean_utf8("\xC3\x28"));
  EXPECT_FALSE(longghep::is_clean_utf8(std::string("a\0b", 3)));
  EXPECT_FALSE(longghep::is_clean_utf8("a\x07"));
}

// Issue 13: every text input is stored as NFC.
TEST(ToNfc, ComposesDecomposedVietnamese) {
  using longghep::to_nfc;
  const std::string nfd = "Tuye\xCC\x82n truye\xCC\x82\xCC\x80n";  // e + U+0302 (+ U+0300)
  EXPECT_EQ(to_nfc(nfd), "Tuy\xC3\xAAn truy\xE1\xBB\x81n");            // "Tuyên truyền", precomposed
  EXPECT_EQ(to_nfc("Đồng Nai"), "Đồng Nai");
  EXPECT_EQ(to_nfc("plain ascii"), "plain ascii");
  EXPECT_EQ(to_nfc(""), "");
  EXPECT_EQ(longghep::fold_for_search(to_nfc(nfd)), "tuyen truyen");
}

// Issue 14: upper case by ICU, not a table of letters.
TEST(CaseVi, EveryVietnameseLetterUpperCases) {
  using longghep::to_upper_vi;
  EXPECT_EQ(to_upper_vi("ư"), "Ư");
  EXPECT_EQ(to_upper_vi("đ"), "Đ");
  EXPECT_EQ(to_upper_vi("ạ"), "Ạ");
  EXPECT_EQ(to_upper_vi("Sở Y tế tỉnh Đồng Nai"), "SỞ Y TẾ TỈNH ĐỒNG NAI");
  EXPECT_EQ(to_upper_vi("ủy ban nhân dân phường quy nhơn"), "ỦY BAN NHÂN DÂN PHƯỜNG QUY NHƠN");
  // the 67 lower-case letters with marks, and their capitals, as Vietnamese writes them
  const std::string lower = "áàảãạăắằẳẵặâấầẩẫậđéèẻẽẹêếềểễệíìỉĩịóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵ";
  const std::string upper = "ÁÀẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬĐÉÈẺẼẸÊẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÚÙỦŨỤƯỨỪỬỮỰÝỲỶỸỴ";
  EXPECT_EQ(to_upper_vi(lower), upper);
  EXPECT_EQ(longghep::to_lower_vi(upper), lower);
  EXPECT_EQ(to_upper_vi(upper), upper);  // capitals, digits and punctuation stay
  EXPECT_EQ(to_upper_vi("Số 12/BC-UBND, (2026)"), "SỐ 12/BC-UBND, (2026)");
  EXPECT_EQ(to_upper_vi(""), "");
}

TEST(CaseVi, DecomposedLettersComeOutPrecomposed) {
  using longghep::to_upper_vi;
  EXPECT_EQ(to_upper_vi("u\xCC\x9B\xCC\xA3"), "Ự");  // u + horn U+031B + dot below U+0323
  EXPECT_EQ(to_upper_vi("a\xCC\xA3"), "Ạ");          // a + dot below
  EXPECT_EQ(to_upper_vi("Tuye\xCC\x82\xCC\x81n"), "TUYẾN");
  EXPECT_EQ(to_upper_vi("Hoa\xCC\x80"), "HOÀ");
  EXPECT_EQ(longghep::to_lower_vi("Ư\xCC\x81"), "ứ");  // Ư + acute
}

TEST(CaseVi, InvalidUtf8IsReplacedNotPassedThrough) {
  const std::string out = longghep::to_upper_vi("a\xC3\x28z");
  EXPECT_TRUE(longghep::is_clean_utf8(out));
  EXPECT_EQ(out.front(), 'A');
  EXPECT_EQ(out.back(), 'Z');
  EXPECT_NE(out.find("\xEF\xBF\xBD"), std::string::npos);  // U+FFFD
}

// Issue 14: one hash for the importer's repeated keys and the demo's seeds, with the answers of
// the two copies it replaces (FNV-1a's steps from the basis 1469598103934665603).
TEST(StableHash64, TheValuesOfTheTwoCopiesItReplaces) {
  using longghep::stable_hash64;
  EXPECT_EQ(stable_hash64(""), 1469598103934665603ULL);
  EXPECT_EQ(stable_hash64("a"), 0x44bd8ad473cd9906ULL);
  EXPECT_EQ(stable_hash64("foobar"), 0x88fad7c0a8ff07f2ULL);
  EXPECT_EQ(stable_hash64("21583"), 0x612f58ee239bc960ULL);
  EXPECT_NE(stable_hash64("21583"), stable_hash64("21584"));
}
