// Secret tokens (session ids, API tokens, CSRF tokens): random, URL-safe, stored only as a hash,
// compared in constant time.
#pragma once

#include <string>

#include "core/domain/tracking_code.h"

namespace wardline::auth {

// `prefix` followed by 32 random bytes in unpadded base64url (43 characters).
std::string NewSecretToken(const RandomBytes& random, const std::string& prefix);

// Lower-case hex SHA-256 of the token: what the database keeps.
std::string HashToken(const std::string& token);

// Constant-time equality (the length is not secret).
bool TokensEqual(const std::string& a, const std::string& b);

}  // namespace wardline::auth
