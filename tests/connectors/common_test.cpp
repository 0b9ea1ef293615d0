// Unit tests for connectors/common: crypto, text helpers, backoff.
#include <catch2/catch.hpp>

#include <set>

#include "connectors/common/backoff.h"
#include "connectors/common/crypto.h"
#include "connectors/common/text.h"

namespace c = wardline::connectors::common;

TEST_CASE("Sha256Hex matches the FIPS 180-2 test vectors", "[crypto]") {
  CHECK(c::Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(c::Sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("HmacSha256Hex matches RFC 4231 test case 2", "[crypto]") {
  CHECK(c::HmacSha256Hex("Jefe", "what do ya want for nothing?") ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST_CASE("ConstantTimeEquals compares whole strings", "[crypto]") {
  CHECK(c::ConstantTimeEquals("abcdef", "abcdef"));
  CHECK_FALSE(c::ConstantTimeEquals("abcdef", "abcdeg"));
  CHECK_FALSE(c::ConstantTimeEquals("abcdef", "abcde"));
  CHECK_FALSE(c::ConstantTimeEquals("", ""));  // an empty secret never matches
}

TEST_CASE("FindInvalidUtf8 accepts Vietnamese and rejects broken sequences", "[utf8]") {
  CHECK(c::IsValidUtf8("Đèn đường ngõ 12 hỏng 3 ngày"));
  CHECK(c::IsValidUtf8("emoji \xF0\x9F\x98\x80 ok"));
  CHECK(c::FindInvalidUtf8("ab\xC3") == std::optional<std::size_t>(2));    // truncated
  CHECK(c::FindInvalidUtf8("\xC0\xAF") == std::optional<std::size_t>(0));  // overlong '/'
  CHECK_FALSE(c::IsValidUtf8("\xED\xA0\x80"));                             // surrogate
  CHECK_FALSE(c::IsValidUtf8("\xF4\x90\x80\x80"));                         // > U+10FFFF
  CHECK_FALSE(c::IsValidUtf8("\xFF"));
  CHECK_FALSE(c::IsValidUtf8("a\x80"));                                    // lone continuation
}

TEST_CASE("FitText shortens at a word boundary and never splits a code point", "[utf8]") {
  CHECK(c::FitText("ngắn", 10) == "ngắn");
  std::string long_text;
  for (int i = 0; i < 600; ++i) long_text += "đường ";  // 3600 code points
  const std::string fitted = c::FitText(long_text, 2000);
  CHECK(c::IsValidUtf8(fitted));
  CHECK(c::Utf8Length(fitted) <= 2000);
  CHECK(c::Utf8Length(fitted) > 1900);
  CHECK(fitted.substr(fitted.size() - 3) == "\xE2\x80\xA6");
  CHECK(fitted.substr(fitted.size() - 8, 5) == "ờng");  // cut after a whole word
  // No spaces at all: cut mid-word, still valid.
  const std::string dense(5000, 'x');
  CHECK(c::Utf8Length(c::FitText(dense, 2000)) == 2000);
}

TEST_CASE("JsonNestingDepth ignores brackets inside strings", "[json]") {
  CHECK(c::JsonNestingDepth(R"({"a":[1,{"b":2}]})") == 3);
  CHECK(c::JsonNestingDepth(R"({"a":"[[[[{{{{\"]]"})") == 1);
  CHECK(c::JsonNestingDepth(std::string(1000, '[')) == 1000);
}

TEST_CASE("UrlEncode escapes reserved characters", "[text]") {
  CHECK(c::UrlEncode("a b&c=d/é") == "a%20b%26c%3Dd%2F%C3%A9");
  CHECK(c::UrlEncode("AZaz09-_.~") == "AZaz09-_.~");
}

namespace {
class FixedRandom final : public c::RandomSource {
 public:
  explicit FixedRandom(double v) : v_(v) {}
  double NextUnit() override { return v_; }

 private:
  double v_;
};
}  // namespace

TEST_CASE("BackoffDelayMs is full jitter under an exponential, capped ceiling", "[backoff]") {
  c::BackoffPolicy policy{1000, 60000};
  FixedRandom top(0.999999), bottom(0.0), half(0.5);
  CHECK(c::BackoffDelayMs(policy, 1, bottom) == 0);
  CHECK(c::BackoffDelayMs(policy, 1, half) == 500);
  CHECK(c::BackoffDelayMs(policy, 1, top) <= 1000);
  CHECK(c::BackoffDelayMs(policy, 2, half) == 1000);
  CHECK(c::BackoffDelayMs(policy, 4, half) == 4000);
  CHECK(c::BackoffDelayMs(policy, 30, top) <= 60000);
  CHECK(c::BackoffDelayMs(policy, 30, top) > 59000);
  CHECK(c::BackoffDelayMs(policy, 1000000, top) <= 60000);  // no overflow
  CHECK(c::BackoffDelayMs(policy, 0, half) == 500);         // attempt 0 treated as the first
  // Retry-After is a floor, still capped.
  CHECK(c::BackoffDelayMs(policy, 1, bottom, 30000) == 30000);
  CHECK(c::BackoffDelayMs(policy, 1, bottom, 3600000) == 60000);

  c::Mt19937Random rng(42);
  std::set<long long> seen;
  for (int attempt = 1; attempt <= 12; ++attempt) {
    for (int i = 0; i < 200; ++i) {
      const long long d = c::BackoffDelayMs(policy, attempt, rng);
      const long long ceiling = std::min<long long>(60000, 1000LL << (attempt - 1));
      REQUIRE(d >= 0);
      REQUIRE(d <= ceiling);
      seen.insert(d);
    }
  }
  CHECK(seen.size() > 100);  // actually jittered
}

TEST_CASE("ParseRetryAfterMs reads seconds and HTTP dates", "[backoff]") {
  const wardline::EpochMs now = 784111777000;  // Sun, 06 Nov 1994 08:49:37 GMT
  CHECK(c::ParseRetryAfterMs("120", now) == std::optional<long long>(120000));
  CHECK(c::ParseRetryAfterMs(" 0 ", now) == std::optional<long long>(0));
  CHECK(c::ParseRetryAfterMs("Sun, 06 Nov 1994 08:50:37 GMT", now) == std::optional<long long>(60000));
  CHECK(c::ParseRetryAfterMs("Sunday, 06-Nov-94 08:50:37 GMT", now) == std::optional<long long>(60000));
  CHECK(c::ParseRetryAfterMs("Sun Nov  6 08:50:37 1994", now) == std::optional<long long>(60000));
  CHECK(c::ParseRetryAfterMs("Sun, 06 Nov 1994 08:00:00 GMT", now) == std::optional<long long>(0));
  CHECK_FALSE(c::ParseRetryAfterMs("", now));
  CHECK_FALSE(c::ParseRetryAfterMs("soon", now));
  CHECK_FALSE(c::ParseRetryAfterMs("12abc", now));
  CHECK_FALSE(c::ParseRetryAfterMs("-5", now));
}
