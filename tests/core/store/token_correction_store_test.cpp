// TokenStore and CorrectionStore contracts.
#include "tests/core/store/store_test_support.h"

using namespace wardline;
using namespace wardline::testing;

TEST_CASE("token compare-and-swap lets exactly one writer win", "[tokens]") {
  Stores s = OpenTestStores();
  std::string name = Unique("zalo-");
  CHECK(s.tokens->Get(name).error().code == ErrorCode::kNotFound);
  auto first = s.tokens->CompareAndSwap(name, {"a1", "r1", 100, 0}, 0);
  REQUIRE(first.ok());
  CHECK(first->version == 1);
  auto lost = s.tokens->CompareAndSwap(name, {"a2", "r2", 200, 0}, 0);
  CHECK(lost.error().code == ErrorCode::kFailedPrecondition);
  auto second = s.tokens->CompareAndSwap(name, {"a3", "r3", 300, 0}, 1);
  REQUIRE(second.ok());
  auto now = s.tokens->Get(name);
  REQUIRE(now.ok());
  CHECK(now->refresh_token == "r3");
  CHECK(now->version == 2);
}

TEST_CASE("corrections are kept for training", "[corrections]") {
  Stores s = OpenTestStores();
  auto before = s.corrections->List();
  REQUIRE(before.ok());
  REQUIRE(s.corrections->Add({1, "nắp cống mất", "giao_thong", "thoat_nuoc", "", "", "staff", 9}).ok());
  auto after = s.corrections->List();
  REQUIRE(after.ok());
  CHECK(after->size() == before->size() + 1);
  CHECK(after->back().new_category == "thoat_nuoc");
  CHECK(after->back().text == "nắp cống mất");
}
