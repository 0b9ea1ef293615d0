#include "core/auth/password.h"

#include <catch2/catch.hpp>

using namespace wardline;
using namespace wardline::auth;

TEST_CASE("a hashed password verifies, a wrong one does not", "[auth]") {
  auto hash = HashPassword("đèn ngõ 12 hỏng rồi", PasswordParams::Fast());
  REQUIRE(hash.ok());
  CHECK(hash->rfind("$argon2id$", 0) == 0);
  CHECK(VerifyPassword(*hash, "đèn ngõ 12 hỏng rồi"));
  CHECK_FALSE(VerifyPassword(*hash, "đèn ngõ 12 hỏng rồi "));
  CHECK_FALSE(VerifyPassword(*hash, ""));
}

TEST_CASE("two hashes of one password differ (random salt)", "[auth]") {
  auto a = HashPassword("một mật khẩu dài", PasswordParams::Fast());
  auto b = HashPassword("một mật khẩu dài", PasswordParams::Fast());
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(*a != *b);
  CHECK(VerifyPassword(*b, "một mật khẩu dài"));
}

TEST_CASE("malformed or empty stored hashes never match", "[auth]") {
  CHECK_FALSE(VerifyPassword("", "anything at all"));
  CHECK_FALSE(VerifyPassword("$argon2id$garbage", "anything at all"));
  CHECK_FALSE(VerifyPassword("plain text password", "plain text password"));
}

TEST_CASE("an over-long password is refused, not truncated", "[auth]") {
  const std::string huge(257, 'x');
  auto hash = HashPassword(huge, PasswordParams::Fast());
  REQUIRE_FALSE(hash.ok());
  CHECK(hash.error().code == ErrorCode::kInvalidArgument);
  auto ok = HashPassword(std::string(256, 'y'), PasswordParams::Fast());
  REQUIRE(ok.ok());
  CHECK_FALSE(VerifyPassword(*ok, huge));
}

TEST_CASE("strength: length in characters, UTF-8, username, common lists", "[auth]") {
  CHECK(CheckPasswordStrength("phường bến nghé 7", "canbo.ha").ok());
  // 11 code points but more than 12 bytes: still too short.
  CHECK_FALSE(CheckPasswordStrength("đường điện1", "canbo.ha").ok());
  CHECK_FALSE(CheckPasswordStrength("short", "canbo.ha").ok());
  CHECK_FALSE(CheckPasswordStrength(std::string("abcdefghijk\xff"), "canbo.ha").ok());
  CHECK_FALSE(CheckPasswordStrength("xxCANBO.HAxx2026", "canbo.ha").ok());
  CHECK_FALSE(CheckPasswordStrength("Password1234", "canbo.ha").ok());
  CHECK_FALSE(CheckPasswordStrength("aaaaaaaaaaaaaaaa", "canbo.ha").ok());
  CHECK_FALSE(CheckPasswordStrength(std::string(257, 'q'), "canbo.ha").ok());
  auto weak = CheckPasswordStrength("short", "canbo.ha");
  CHECK(weak.error().message.find("12 characters") != std::string::npos);
}
