// AuthService: staff accounts end to end — logins (browser sessions and API tokens), the
// authentication of every staff request, logouts, CSRF tokens, login throttling, and the
// account administration behind the `wardline user` / `wardline token` commands. Every login,
// failed login and account change is written to the account audit log.
//
// Secrets: session ids and tokens are random (32 bytes), handed to the client once and stored
// only as their SHA-256; passwords as Argon2id (password.h).
// Thread safety: safe to call from many threads.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/auth/login_throttle.h"
#include "core/auth/password.h"
#include "core/domain/account.h"
#include "core/domain/clock.h"
#include "core/domain/result.h"
#include "core/domain/tracking_code.h"
#include "core/store/account_store.h"

namespace wardline::auth {

struct AuthSettings {
  int session_idle_minutes = 30;     // a browser session unused this long ends
  int session_absolute_hours = 12;   // and every session ends this long after login
  int api_login_hours = 12;          // tokens from POST /api/v1/login
  PasswordParams password;           // Argon2id cost
};

enum class SessionKind { kBrowser, kApi };

struct LoginOk {
  std::string token;       // the session id (cookie) or bearer token; shown once
  EpochMs expires_at = 0;
  std::string csrf_token;  // browser sessions
  User user;
};

// Who a request comes from.
struct Principal {
  User user;
  bool browser = false;     // a cookie session: state-changing requests need the CSRF token
  std::string csrf_token;
};

class AuthService {
 public:
  AuthService(AccountStore& accounts, const Clock& clock, RandomBytes random,
              LoginThrottle& throttle, AuthSettings settings);

  // Whether a login attempt for this username from this client may go ahead now.
  ThrottleDecision CheckThrottle(const std::string& username, const std::string& client);

  // Errors: kResourceExhausted while throttled; kUnauthenticated "wrong username or password"
  // (the same answer for an unknown user, a wrong password and a disabled account);
  // kUnavailable.
  Result<LoginOk> Login(const std::string& username, const std::string& password,
                        const std::string& client, SessionKind kind);

  // The user behind a bearer token or session cookie, touching the session.
  // Errors: kUnauthenticated (unknown, expired, revoked, or the account disabled); kUnavailable.
  Result<Principal> Authenticate(const std::string& token);
  // Errors: kPermissionDenied when `presented` is not the session's CSRF token.
  Status CheckCsrf(const Principal& p, const std::string& presented) const;
  // Ends the session of `token` (unknown tokens are ignored). Errors: kUnavailable.
  Status Logout(const std::string& token);

  // --- administration (CLI) ---
  // Errors: kInvalidArgument (weak password, bad username, ward/department rules);
  // kAlreadyExists; kUnavailable.
  Result<User> AddUser(User u, const std::string& password, const std::string& actor);
  // Both revoke every session of the user. Errors: kNotFound; kInvalidArgument; kUnavailable.
  Status SetPassword(const std::string& username, const std::string& password,
                     const std::string& actor);
  Status Disable(const std::string& username, const std::string& actor);
  Result<std::vector<User>> ListUsers();
  // Returns the token (shown once). Errors: kNotFound (user); kAlreadyExists (name); kUnavailable.
  Result<std::string> CreateApiToken(const std::string& username, const std::string& name,
                                     const std::string& actor);
  // Errors: kNotFound; kUnavailable.
  Status RevokeApiToken(const std::string& username, const std::string& name,
                        const std::string& actor);

 private:
  void Audit(const std::string& actor, const std::string& action, const std::string& detail,
             const std::string& client);
  Result<User> ActiveUser(std::int64_t id);

  AccountStore& accounts_;
  const Clock& clock_;
  RandomBytes random_;
  LoginThrottle& throttle_;
  AuthSettings settings_;
};

// Usernames: 3–64 characters of a-z, 0-9, '.', '_', '-'. Errors: kInvalidArgument.
Status CheckUsername(const std::string& username);

}  // namespace wardline::auth
