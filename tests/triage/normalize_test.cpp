#include "triage/normalize.h"

#include <catch2/catch.hpp>

namespace wardline::triage {
namespace {

Normalizer WithAbbreviations() {
  auto a = Abbreviations::Load(WARDLINE_ABBREVIATIONS_FILE);
  REQUIRE(a.ok());
  return Normalizer(std::move(*a));
}

std::vector<std::string> Texts(const NormalizedText& n) {
  std::vector<std::string> out;
  for (const auto& t : n.tokens) out.push_back(t.text);
  return out;
}
std::vector<std::string> Folded(const NormalizedText& n) {
  std::vector<std::string> out;
  for (const auto& t : n.tokens) out.push_back(t.folded);
  return out;
}

TEST_CASE("NFD input normalises to the same result as NFC input", "[normalize]") {
  Normalizer n;
  const std::string nfc = "Phường Kim Liên ngập nước";
  // Fully decomposed: u + horn (U+031B), o + horn + grave (U+0300), e + circumflex (U+0302) ...
  const std::string nfd =
      "Phu\xCC\x9Bo\xCC\x9B\xCC\x80ng Kim Lie\xCC\x82n nga\xCC\xA3\xCC\x82p "
      "nu\xCC\x9Bo\xCC\x9B\xCC\x81\x63";
  auto a = n.Normalize(nfc);
  auto b = n.Normalize(nfd);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(b->nfc == nfc);
  CHECK(a->lower == b->lower);
  CHECK(a->folded == b->folded);
  CHECK(Texts(*a) == Texts(*b));
  CHECK(ToNfc(nfd).value() == nfc);
}

TEST_CASE("folding removes tones and vowel marks and maps đ to d", "[normalize]") {
  Normalizer n;
  auto r = n.Normalize("ĐƯỜNG Đê La Thành ổ gà, nước NGẬP sâu!");
  REQUIRE(r.ok());
  CHECK(r->folded == "duong de la thanh o ga, nuoc ngap sau!");
  CHECK(r->lower == "đường đê la thành ổ gà, nước ngập sâu!");
  CHECK(Folded(*r) == std::vector<std::string>{"duong", "de", "la", "thanh", "o", "ga", "nuoc",
                                                "ngap", "sau"});
  CHECK(Fold("Quốc Tử Giám").value() == "quoc tu giam");
  CHECK(Fold("đĐ").value() == "dd");
  CHECK(FoldCodePoint(U'ệ') == U'e');
  CHECK(FoldCodePoint(U'Ư') == U'U');
}

TEST_CASE("old and new tone placement map to one form", "[normalize]") {
  Normalizer n;
  auto old_style = n.Normalize("hòa khỏe thủy họa");
  auto new_style = n.Normalize("hoà khoẻ thuỷ hoạ");
  REQUIRE(old_style.ok());
  REQUIRE(new_style.ok());
  CHECK(Texts(*old_style) == Texts(*new_style));
  CHECK(Texts(*new_style) == std::vector<std::string>{"hòa", "khỏe", "thủy", "họa"});
  // Syllables where both styles agree stay as written.
  auto same = n.Normalize("quý hoàng thuế ngoài");
  REQUIRE(same.ok());
  CHECK(Texts(*same) == std::vector<std::string>{"quý", "hoàng", "thuế", "ngoài"});
  // Upper case and decomposed input too.
  auto upper = n.Normalize("HOÀ THUỶ");
  REQUIRE(upper.ok());
  CHECK(Texts(*upper) == std::vector<std::string>{"hòa", "thủy"});
}

TEST_CASE("chat abbreviations expand from the data file", "[normalize]") {
  Normalizer n = WithAbbreviations();
  auto r = n.Normalize("mn ơi đèn ko sáng, a/c phường xử lý dc k? bh ntn r");
  REQUIRE(r.ok());
  CHECK(Texts(*r) == std::vector<std::string>{"mọi", "người", "ơi", "đèn", "không", "sáng",
                                              "anh", "chị", "phường", "xử", "lý", "được",
                                              "không", "bây", "giờ", "như", "thế", "nào", "rồi"});
  auto d = n.Normalize("đc hok ng j vs");
  REQUIRE(d.ok());
  CHECK(Texts(*d) == std::vector<std::string>{"được", "không", "người", "gì", "với"});
  // An expanded token keeps the byte span of what the resident wrote.
  const Token& first = r->tokens[0];
  CHECK(r->nfc.substr(first.begin, first.end - first.begin) == "mn");
  CHECK(first.expanded);
  // The original text is untouched.
  CHECK(r->nfc == "mn ơi đèn ko sáng, a/c phường xử lý dc k? bh ntn r");
}

TEST_CASE("abbreviation file errors are reported", "[normalize]") {
  CHECK_FALSE(Abbreviations::Parse("ko không\n").ok());  // no TAB
  CHECK(Abbreviations::Parse("# comment\n\nko\tkhông\n").value().size() == 1);
  CHECK(Abbreviations::Load("/nonexistent/abbr.tsv").error().code == ErrorCode::kNotFound);
}

TEST_CASE("invalid UTF-8 is rejected cleanly", "[normalize]") {
  Normalizer n;
  for (std::string bad : {std::string("abc\xFF"), std::string("\xC3"),          // truncated
                          std::string("\xC0\xAF"),                               // overlong
                          std::string("\xED\xA0\x80"),                           // surrogate
                          std::string("\xF4\x90\x80\x80"),                       // > U+10FFFF
                          std::string("ph\xC6\xB0\xE1\xBB")}) {                  // cut in a letter
    auto r = n.Normalize(bad);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::kInvalidArgument);
    CHECK_FALSE(ToNfc(bad).ok());
    CHECK_FALSE(IsValidUtf8(bad));
  }
  CHECK(n.Normalize("").ok());
  CHECK(n.Normalize("").value().tokens.empty());
}

TEST_CASE("emoji, punctuation and other scripts", "[normalize]") {
  Normalizer n;
  auto r = n.Normalize("Cứu với 😭😭!!! Cống TRÀN... İstanbul ΣΑΣ");
  REQUIRE(r.ok());
  CHECK(Texts(*r) == std::vector<std::string>{"cứu", "với", "cống", "tràn", "i̇stanbul", "σας"});
  CHECK(r->nfc == "Cứu với 😭😭!!! Cống TRÀN... İstanbul ΣΑΣ");
  auto digits = n.Normalize("P.Láng Hạ, 0912.345.678");
  REQUIRE(digits.ok());
  CHECK(Folded(*digits) == std::vector<std::string>{"p", "lang", "ha", "0912", "345", "678"});
  CHECK(digits->tokens[3].is_number);
}

}  // namespace
}  // namespace wardline::triage

// The fast tokeniser must agree with ICU's word break iterator on Vietnamese text (words and
// numbers; ICU's punctuation and space segments dropped).
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

namespace wardline::triage {
namespace {

std::vector<std::string> IcuWords(const std::string& text) {
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> bi(
      icu::BreakIterator::createWordInstance(icu::Locale("vi"), st));
  REQUIRE(U_SUCCESS(st));
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  u.toLower(icu::Locale("vi"));
  bi->setText(u);
  std::vector<std::string> out;
  int32_t start = bi->first();
  for (int32_t end = bi->next(); end != icu::BreakIterator::DONE; start = end, end = bi->next()) {
    if (bi->getRuleStatus() == UBRK_WORD_NONE) continue;
    std::string s;
    u.tempSubStringBetween(start, end).toUTF8String(s);
    out.push_back(s);
  }
  return out;
}

TEST_CASE("tokens match ICU's word break iterator on Vietnamese", "[normalize]") {
  Normalizer n;
  for (const char* text : {
           "Kính gửi UBND phường Kim Liên, tôi xin phản ánh: đèn đường ngõ 12 hỏng 3 ngày!",
           "mn ơi cống nghẹt rồi 😭😭 ai xử lý giúp với???",
           "Cây đổ chắn ngang đường (gần số 35), nguy hiểm - cần người ngay",
           "den duong ko sang, 2 hom nay toi om. Phuong Lang Ha oi!",
           "Ngập sâu 50cm, xe chết máy hàng loạt… #ngập #hànội",
       }) {
    auto r = n.Normalize(text);
    REQUIRE(r.ok());
    INFO(text);
    CHECK(Texts(*r) == IcuWords(text));
  }
}

}  // namespace
}  // namespace wardline::triage
