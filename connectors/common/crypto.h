// Crypto helpers for webhook signatures: SHA-256, HMAC-SHA256 (lower-case hex) and a
// constant-time comparison. Thin wrappers over OpenSSL's libcrypto.
// Thread safety: all functions are pure and safe to call from any thread.
#pragma once

#include <string>
#include <string_view>

namespace wardline::connectors::common {

// Lower-case hex SHA-256 of `data` (64 characters).
std::string Sha256Hex(std::string_view data);

// Lower-case hex HMAC-SHA256 of `data` under `key` (64 characters).
std::string HmacSha256Hex(std::string_view key, std::string_view data);

// True when `a` and `b` are byte-for-byte equal. The time taken depends only on the lengths,
// never on where the first difference is (CRYPTO_memcmp). Different lengths return false.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// Whether `s` is 64 hex digits (a SHA-256 digest), either case.
bool IsHex64(std::string_view s);

// ASCII lower-casing, for hex digests and header names.
std::string AsciiLower(std::string_view s);

}  // namespace wardline::connectors::common
