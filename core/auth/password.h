// Staff passwords: Argon2id hashes (libsodium's crypto_pwhash_str, which embeds the salt and the
// cost in the stored string) and the strength rule applied when a password is set.
// Thread safety: every function is safe to call from any thread.
#pragma once

#include <cstddef>
#include <string>

#include "core/domain/result.h"

namespace wardline::auth {

// Argon2id cost. The default (2 passes over 46 MiB, OWASP's second recommended setting) takes
// about 0.1 s on one core of the reference machine (bench/auth prints the figure); tests use
// Fast() so that they stay quick.
struct PasswordParams {
  unsigned long long opslimit = 2;
  std::size_t memlimit = 46u * 1024u * 1024u;

  static PasswordParams Fast() { return {1, 8u * 1024u}; }
};

// Errors: kInvalidArgument (over 256 bytes); kResourceExhausted (out of memory).
Result<std::string> HashPassword(const std::string& password, const PasswordParams& params);

// Whether `password` matches `stored` (any cost; an empty or malformed `stored` never matches).
bool VerifyPassword(const std::string& stored, const std::string& password);

// At least 12 characters (code points), valid UTF-8, at most 256 bytes, not containing the
// username, and not one of the passwords everyone tries first.
// Errors: kInvalidArgument with the rule that failed.
Status CheckPasswordStrength(const std::string& password, const std::string& username);

}  // namespace wardline::auth
