#include "triage/ward.h"

#include <catch2/catch.hpp>

#include "tests/triage/test_config.h"

namespace wardline::triage {
namespace {

std::string Detect(const std::string& text) {
  static const AppConfig config = testing::SampleConfig();
  auto a = Abbreviations::Load(WARDLINE_ABBREVIATIONS_FILE);
  REQUIRE(a.ok());
  Normalizer n(std::move(*a));
  WardDetector d(config.wards, n);
  auto norm = n.Normalize(text);
  REQUIRE(norm.ok());
  int i = d.Detect(*norm);
  return i < 0 ? "" : config.wards[i].slug;
}

TEST_CASE("wards named as wards, in every common spelling", "[ward]") {
  CHECK(Detect("Kính gửi UBND phường Kim Liên. Tôi xin phản ánh") == "kim-lien");
  CHECK(Detect("đèn hỏng ở P. Láng Hạ") == "lang-ha");
  CHECK(Detect("đèn hỏng ở P.Láng Hạ") == "lang-ha");
  CHECK(Detect("ngap o p kim lien") == "kim-lien");
  CHECK(Detect("phuong o cho dua ngap qua") == "o-cho-dua");
  CHECK(Detect("PHƯỜNG NGÃ TƯ SỞ ơi") == "nga-tu-so");
  CHECK(Detect("UBND Khâm Thiên xem giúp") == "kham-thien");
  CHECK(Detect("ubnd phuong van chuong") == "van-chuong");
  CHECK(Detect("Phường Phương Liên ơi") == "phuong-lien");
  CHECK(Detect("phuong phuong mai") == "phuong-mai");
  CHECK(Detect("p qtg ơi mai e lên làm chứng thực") == "quoc-tu-giam");
  CHECK(Detect("P.QTG: xe du lịch đỗ trên vỉa hè") == "quoc-tu-giam");
  CHECK(Detect("pvan mieu oi, trom vao nha") == "van-mieu");
  // NFD input and old tone placement.
  CHECK(Detect("phu\xCC\x9Bo\xCC\x9B\xCC\x80ng Trung Tu\xCC\x9B\xCC\xA3") == "trung-tu");
}

TEST_CASE("streets, estates and markets with a ward's name do not count", "[ward]") {
  CHECK(Detect("đường Láng Hạ tắc quá") == "");
  CHECK(Detect("khu tập thể Kim Liên mất nước") == "");
  CHECK(Detect("chợ Ô Chợ Dừa bẩn") == "");
  CHECK(Detect("vườn hoa Phương Liên tối om") == "");
  CHECK(Detect("phố Khâm Thiên") == "");
  CHECK(Detect("Kính gửi UBND phường.") == "");
  CHECK(Detect("phường Thành Công") == "");  // not in this district
  CHECK(Detect("qtg dep qua") == "");          // initials only after "p"/"phường"
  CHECK(Detect("pho Kim Lien") == "");
}

TEST_CASE("the first named ward wins", "[ward]") {
  CHECK(Detect("Tôi ở phường Trung Liệt, phản ánh việc ở phường Quang Trung") == "trung-liet");
  CHECK(Detect("tập thể Kim Liên thuộc phường Phương Mai") == "phuong-mai");
}

}  // namespace
}  // namespace wardline::triage
