// Unit tests for issue 11: clause segmentation, scope cues, the duplicate clusterer, ward
// aliases of the 2025 map. Hand-written examples only (no dev-set text).
#include <catch2/catch.hpp>

#include "tests/triage/test_config.h"
#include "triage/corpus.h"
#include "triage/duplicates.h"
#include "triage/scope_rules.h"
#include "triage/segment.h"
#include "triage/ward.h"

namespace wardline::triage {
namespace {

NormalizedText Norm(const std::string& s) {
  static const Normalizer n;
  auto r = n.Normalize(s);
  REQUIRE(r.ok());
  return *r;
}

std::vector<std::string> Parts(const std::string& s) {
  NormalizedText n = Norm(s);
  auto starts = SegmentClauses(n);
  std::vector<std::string> out;
  for (size_t i = 0; i < starts.size(); ++i) {
    size_t end = i + 1 < starts.size() ? starts[i + 1] : n.tokens.size();
    std::string p;
    for (size_t k = starts[i]; k < end; ++k) p += (p.empty() ? "" : " ") + n.tokens[k].folded;
    out.push_back(p);
  }
  return out;
}

TEST_CASE("segmentation cuts at punctuation and connectives", "[unit][segment]") {
  CHECK(Parts("đèn ngõ hỏng, rác cũng không ai thu") ==
        std::vector<std::string>{"den ngo hong", "rac cung khong ai thu"});
  CHECK(Parts("Cống ngõ 5 tắc cả tuần. Ngoài ra vỉa hè bị xe tải cán vỡ").size() == 2);
  CHECK(Parts("cây đổ chắn ngõ còn đèn đường thì tắt mấy hôm nay").size() == 2);
  CHECK(Parts("mưa to ngập cả ngõ nên xe máy chết máy hàng loạt").size() == 1);  // consequence
  CHECK(Parts("Phường ơi, ổ gà to trước nhà số 8 ngõ 12").size() == 1);  // short head joins
  CHECK(Parts("").empty());
}

TEST_CASE("scope cues follow what happened, not the word used", "[unit][scope]") {
  CHECK(FindScopeCues(Norm("tố cáo quán karaoke hát to đến 1 giờ sáng")).Decided().empty());
  CHECK(FindScopeCues(Norm("khiếu nại đèn đường ngõ 9 hỏng cả tuần")).Decided().empty());
  CHECK(FindScopeCues(Norm("cán bộ một cửa đòi bồi dưỡng 1 triệu mới nhận hồ sơ")).Decided() ==
        "to_cao");
  CHECK(FindScopeCues(Norm("toi bi phat 3 trieu vi de xe, toi khong dong y quyet dinh nay"))
            .Decided() == "khieu_nai");
  CHECK(FindScopeCues(Norm("chủ nhà trọ không trả tiền cọc 5 triệu")).Decided() ==
        "ngoai_tham_quyen");
  CHECK(FindScopeCues(Norm("ở quê Thanh Hóa nhà tôi bị xã thu hồi đất")).Decided() ==
        "ngoai_tham_quyen");
  CHECK(FindScopeCues(Norm("tiền nước tháng này tăng gấp đôi, công ty nước xem lại")).Decided()
            .empty());
}

TEST_CASE("corpus lines may carry a scope without a category", "[unit][scope]") {
  auto e = ParseExampleLine(R"({"text": "cán bộ vòi tiền", "scope": "to_cao", "category": null})");
  REQUIRE(e.ok());
  CHECK(e->scope == "to_cao");
  CHECK(e->category.empty());
  CHECK_FALSE(ParseExampleLine(R"({"text": "x", "scope": "phan_anh"})").ok());  // needs category
  CHECK_FALSE(ParseExampleLine(R"({"text": "x", "scope": "khac", "category": "khac"})").ok());
}

DuplicateItem Item(const std::string& id, const std::string& text, const std::string& at,
                   std::optional<GeoPoint> p = std::nullopt, const std::string& cat = "") {
  DuplicateItem it;
  it.id = id;
  it.text = text;
  it.at = *DuplicateClusterer::ParseTime(at);
  it.point = p;
  it.category = cat;
  return it;
}

TEST_CASE("duplicate clusterer groups one incident and separates others", "[unit][dups]") {
  DuplicateClusterer c{Normalizer()};
  CHECK(c.Add(Item("a", "Ống nước vỡ trên phố Lương Định Của, nước phun lên vỉa hè",
                   "2025-08-04T06:50:00+07:00", GeoPoint{21.0022, 105.8372}, "cap_nuoc")) == "a");
  // Same incident an hour later, without diacritics, close by.
  CHECK(c.Add(Item("b", "vo ong nuoc o Luong Dinh Cua, nuoc chay lenh lang ca via he",
                   "2025-08-04T07:55:00+07:00", GeoPoint{21.0023, 105.8371}, "cap_nuoc")) == "a");
  // A follow-up without a point the next day.
  CHECK(c.Add(Item("c", "ống nước vỡ ở Lương Định Của vẫn chưa ai đến sửa",
                   "2025-08-05T09:00:00+07:00", std::nullopt, "cap_nuoc")) == "a");
  // The same kind of problem 600 m away: another incident.
  CHECK(c.Add(Item("d", "Ống nước vỡ trên phố Lương Định Của, nước phun lên vỉa hè",
                   "2025-08-05T10:00:00+07:00", GeoPoint{21.0076, 105.8372}, "cap_nuoc")) == "d");
  // Another alley of the same street: different place numbers.
  CHECK(c.Add(Item("e", "ngõ 61 Hoàng Cầu karaoke hát ầm ĩ lúc nửa đêm", "2025-08-06T23:10:00+07:00",
                   std::nullopt, "an_ninh")) == "e");
  CHECK(c.Add(Item("f", "ngõ 93 Hoàng Cầu karaoke hát ầm ĩ lúc nửa đêm", "2025-08-06T23:30:00+07:00",
                   std::nullopt, "an_ninh")) == "f");
  // Weeks later: outside the window.
  CHECK(c.Add(Item("g", "ống nước vỡ ở Lương Định Của", "2025-09-01T09:00:00+07:00",
                   std::nullopt, "cap_nuoc")) == "g");
  auto cands = c.Candidates(Item("h", "vỡ ống nước Lương Định Của", "2025-09-01T10:00:00+07:00"));
  REQUIRE_FALSE(cands.empty());
  CHECK(cands[0].first == "g");
}

TEST_CASE("ParseTime reads offsets", "[unit][dups]") {
  CHECK(*DuplicateClusterer::ParseTime("1970-01-01T07:00:00+07:00") == 0);
  CHECK(*DuplicateClusterer::ParseTime("2025-08-09T10:42:50Z") ==
        *DuplicateClusterer::ParseTime("2025-08-09T17:42:50+07:00"));
  CHECK_FALSE(DuplicateClusterer::ParseTime("yesterday"));
}

TEST_CASE("former ward names map to their 2025 successor", "[unit][ward]") {
  std::vector<Ward> wards(2);
  wards[0].slug = "kim-lien";
  wards[0].name = "Kim Liên";
  wards[0].aliases = {"Phương Mai"};
  wards[0].partial_aliases = {"Trung Tự"};
  wards[0].streets = {"Đào Duy Anh"};
  wards[1].slug = "dong-da";
  wards[1].name = "Đống Đa";
  wards[1].partial_aliases = {"Trung Tự"};
  wards[1].streets = {"Thái Hà"};
  Normalizer n;
  WardDetector d(wards, n);
  CHECK(d.Detect(Norm("rác ở phường Phương Mai không ai thu")) == 0);
  CHECK(d.Detect(Norm("p dong da oi")) == 1);
  auto split = d.DetectWard(Norm("phường Trung Tự: ổ gà trên phố Đào Duy Anh"));
  CHECK(split.index == 0);
  auto amb = d.DetectWard(Norm("phường Trung Tự: đèn đường hỏng"));
  CHECK(amb.index == -1);
  CHECK(amb.ambiguous);
}

}  // namespace
}  // namespace wardline::triage
