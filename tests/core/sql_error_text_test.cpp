#include <catch2/catch.hpp>

#include "core/store/sql_error_text.h"

using namespace wardline;

TEST_CASE("store errors keep the reason and drop the statement and its values", "[store]") {
  const std::string soci =
      "UNIQUE constraint failed: cases.tracking_code while executing \"INSERT INTO cases "
      "(text, resident_name, phone) VALUES(:1, :2, :3)\" with :1=\"Đèn ngõ 5 hỏng\", "
      ":2=\"Nguyễn Văn A\", :3=\"0912345678\".";
  const std::string kept = WithoutStatement(soci);
  CHECK(kept == "UNIQUE constraint failed: cases.tracking_code");
  CHECK(kept.find("0912345678") == std::string::npos);
  CHECK(WithoutStatement("Lost connection to server while preparing \"SELECT 1\".") ==
        "Lost connection to server");
  CHECK(WithoutStatement("database is locked") == "database is locked");
}
