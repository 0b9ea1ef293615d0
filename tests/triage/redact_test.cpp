#include "triage/redact.h"

#include <catch2/catch.hpp>

namespace wardline::triage {
namespace {

std::string R(const std::string& s) {
  auto r = Redact(s);
  REQUIRE(r.ok());
  return *r;
}

TEST_CASE("phone numbers in common shapes", "[redact]") {
  CHECK(R("gọi 0912 345 678 nhé") == "gọi [đã ẩn] nhé");
  CHECK(R("sđt 098.765.4321") == "sđt [đã ẩn]");
  CHECK(R("sdt: 0987-654-321.") == "sdt: [đã ẩn].");
  CHECK(R("ĐT +84 912 345 678") == "ĐT [đã ẩn]");
  CHECK(R("zalo 84912345678") == "zalo [đã ẩn]");
  CHECK(R("0912345678") == "[đã ẩn]");
  CHECK(R("+84912345678 ạ") == "[đã ẩn] ạ");
  CHECK(R("(+84) 912 345 678") == "[đã ẩn]");
  CHECK(R("bàn 024 3856 1234") == "bàn [đã ẩn]");
  CHECK(R("Người phản ánh: Lê Quang Minh, ĐT 0904 118 236.") ==
        "Người phản ánh: [đã ẩn], ĐT [đã ẩn].");
}

TEST_CASE("ID numbers and e-mail addresses", "[redact]") {
  CHECK(R("CMND 012345678 cấp 2010") == "CMND [đã ẩn] cấp 2010");
  CHECK(R("CCCD số 001203004567") == "CCCD số [đã ẩn]");
  CHECK(R("mail: nguyen.van.a+ubnd@gmail.com.") == "mail: [đã ẩn].");
  CHECK(R("lan_tran@ubnd-dongda.hanoi.gov.vn") == "[đã ẩn]");
  // Money with thousand separators and dates are not IDs or phones.
  CHECK(R("phạt 150.000.000 đồng ngày 12/9/2024") == "phạt 150.000.000 đồng ngày 12/9/2024");
}

TEST_CASE("introduced personal names, with and without diacritics", "[redact]") {
  CHECK(R("Tôi tên là Nguyễn Văn An, ở ngõ 5") == "Tôi tên là [đã ẩn], ở ngõ 5");
  CHECK(R("tên tôi là Trần Thị Bích. Xin phản ánh") == "tên tôi là [đã ẩn]. Xin phản ánh");
  CHECK(R("toi ten la nguyen van binh o ngo 7") == "toi ten la [đã ẩn] o ngo 7");
  CHECK(R("Tôi là Phạm Minh Đức, cư dân") == "Tôi là [đã ẩn], cư dân");
  CHECK(R("em là Hoa, sinh viên") == "em là [đã ẩn], sinh viên");
  CHECK(R("Cháu là Lê Tuấn ạ") == "Cháu là [đã ẩn] ạ");
  CHECK(R("Tôi tên Hùng") == "Tôi tên [đã ẩn]");
  CHECK(R("Người gửi: Nguyễn Thị Thu, 0915 672 083.") == "Người gửi: [đã ẩn], [đã ẩn].");
  CHECK(R("Gia đình ông Hoàng Văn Tuấn sửa nhà") == "Gia đình ông [đã ẩn] sửa nhà");
  CHECK(R("Liên hệ: Đỗ Thị Mai, 0912345678") == "Liên hệ: [đã ẩn], [đã ẩn]");
  CHECK(R("rất lo. Phạm Thị Oanh - 0904 561 238") == "rất lo. [đã ẩn] - [đã ẩn]");
  CHECK(R("SĐT: 0912345678 (chị Lan)") == "SĐT: [đã ẩn] (chị [đã ẩn])");
  CHECK(R("chủ hộ Ngô Văn Bình") == "chủ hộ [đã ẩn]");
  // Not names: "tôi là người dân", street names, shouted text.
  CHECK(R("phố Phạm Ngọc Thạch và ngõ 102 Trường Chinh") ==
        "phố Phạm Ngọc Thạch và ngõ 102 Trường Chinh");
  CHECK(R("trước nhà 5 Nguyễn Thị Minh Khai") == "trước nhà [đã ẩn] Nguyễn Thị Minh Khai");
  CHECK(R("XE MAY DI TOI LA CHET, CAN RAO LAI") == "XE MAY DI TOI LA CHET, CAN RAO LAI");
  CHECK(R("tôi là người dân phố Lê Duẩn") == "tôi là người dân phố Lê Duẩn");
  CHECK(R("em là sinh viên") == "em là sinh viên");
}

TEST_CASE("house numbers go, streets and alleys stay", "[redact]") {
  CHECK(R("nhà số 15 ngõ 139 Tôn Đức Thắng") == "nhà số [đã ẩn] ngõ 139 Tôn Đức Thắng");
  CHECK(R("số 12 phố Chùa Bộc") == "số [đã ẩn] phố Chùa Bộc");
  CHECK(R("nhà 34 ngách 5") == "nhà [đã ẩn] ngách 5");
  CHECK(R("số nhà 5A ngõ 12 Tôn Đức Thắng") == "số nhà [đã ẩn] ngõ 12 Tôn Đức Thắng");
  CHECK(R("so nha 15/3 ngo 10") == "so nha [đã ẩn] ngo 10");
  CHECK(R("ngõ 12 Tôn Đức Thắng") == "ngõ 12 Tôn Đức Thắng");
  CHECK(R("nhà 9 tầng ở phố Hào Nam") == "nhà 9 tầng ở phố Hào Nam");
  CHECK(R("Địa chỉ: 25 ngách 8 ngõ 102") == "Địa chỉ: [đã ẩn] ngách 8 ngõ 102");
}

TEST_CASE("redaction keeps other text and rejects invalid UTF-8", "[redact]") {
  CHECK(R("Đèn đường hỏng 😭") == "Đèn đường hỏng 😭");
  CHECK(R("") == "");
  auto bad = Redact("so \xFF 0912345678");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace wardline::triage

TEST_CASE("redact: a name after \"nhà ông/bà\" is a person, a street after \"phố\" stays", "[redact]") {
  auto r = wardline::triage::Redact("Cống trước nhà ông Đỗ Minh Khoa bị tắc, gần phố Bà Triệu.");
  REQUIRE(r.ok());
  CHECK(r->find("Đỗ Minh Khoa") == std::string::npos);
  CHECK(r->find("phố Bà Triệu") != std::string::npos);
}
