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
