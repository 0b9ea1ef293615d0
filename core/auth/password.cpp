#include "core/auth/password.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include "core/domain/utf8.h"

namespace wardline::auth {
namespace {

constexpr std::size_t kMaxPasswordBytes = 256;

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// The first guesses of every password-spraying list, plus the local favourites.
constexpr std::array<std::string_view, 14> kCommon = {
    "123456789012", "1234567890123", "password1234", "passwordpassword", "qwertyuiop12",
    "111111111111", "000000000000", "abc123456789", "matkhau12345", "matkhau123456",
    "123456aa@abc", "admin1234567", "administrator", "iloveyou1234"};

bool EnsureSodium() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

}  // namespace

Result<std::string> HashPassword(const std::string& password, const PasswordParams& params) {
  if (password.size() > kMaxPasswordBytes) return InvalidArgument("a password has at most 256 bytes");
  if (!EnsureSodium()) return Unavailable("libsodium could not start");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), params.opslimit,
                            params.memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return ResourceExhausted("not enough memory to hash the password");
  }
  return std::string(out);
}

bool VerifyPassword(const std::string& stored, const std::string& password) {
  if (stored.empty() || stored.size() >= crypto_pwhash_STRBYTES) return false;
  if (password.size() > kMaxPasswordBytes || !EnsureSodium()) return false;
  return crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
}

Status CheckPasswordStrength(const std::string& password, const std::string& username) {
  if (password.size() > kMaxPasswordBytes) return InvalidArgument("a password has at most 256 bytes");
  if (!IsValidUtf8(password)) return InvalidArgument("a password must be valid UTF-8 text");
  if (Utf8Length(password) < 12) return InvalidArgument("a password has at least 12 characters");
  const std::string lower = Lower(password);
  if (!username.empty() && lower.find(Lower(username)) != std::string::npos) {
    return InvalidArgument("a password must not contain the username");
  }
  if (std::find(kCommon.begin(), kCommon.end(), lower) != kCommon.end()) {
    return InvalidArgument("this password is on the list of passwords attackers try first");
  }
  if (std::all_of(password.begin(), password.end(), [&](char c) { return c == password[0]; })) {
    return InvalidArgument("a password must not repeat one character");
  }
  return OkStatus();
}

}  // namespace wardline::auth
