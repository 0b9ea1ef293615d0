#include "core/auth/secret_token.h"

#include <catch2/catch.hpp>
#include <set>

using namespace wardline;
using namespace wardline::auth;

TEST_CASE("tokens carry the prefix, 32 random bytes in base64url, and differ", "[auth]") {
  const RandomBytes random = SystemRandomBytes();
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string t = NewSecretToken(random, "wls_");
    REQUIRE(t.size() == 4 + 43);
    CHECK(t.rfind("wls_", 0) == 0);
    CHECK(t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", 4) ==
          std::string::npos);
    seen.insert(t);
  }
  CHECK(seen.size() == 200);
}

TEST_CASE("a token is stored as its SHA-256, never as itself", "[auth]") {
  // SHA-256("abc"), FIPS 180-2 test vector.
  CHECK(HashToken("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const std::string t = NewSecretToken(SystemRandomBytes(), "wlt_");
  CHECK(HashToken(t).size() == 64);
  CHECK(HashToken(t).find(t.substr(4)) == std::string::npos);
}

TEST_CASE("deterministic randomness gives deterministic tokens (tests inject it)", "[auth]") {
  const RandomBytes zeros = [](unsigned char* out, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) out[i] = 0;
  };
  CHECK(NewSecretToken(zeros, "") == std::string(43, 'A'));
}

TEST_CASE("TokensEqual compares whole strings", "[auth]") {
  CHECK(TokensEqual("abcdef", "abcdef"));
  CHECK_FALSE(TokensEqual("abcdef", "abcdeg"));
  CHECK_FALSE(TokensEqual("abcdef", "abcde"));
  CHECK_FALSE(TokensEqual("", "a"));
  CHECK(TokensEqual("", ""));
}
