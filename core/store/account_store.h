// AccountStore: staff users, their sessions and personal API tokens, and the account audit
// log. Secrets arrive hashed (core/auth); nothing here sees a password or a token in clear.
// Thread safety: safe to call from many threads.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/domain/account.h"
#include "core/domain/result.h"

namespace wardline {

class AccountStore {
 public:
  virtual ~AccountStore() = default;

  // --- users ---
  // Returns the stored user with its id. Errors: kAlreadyExists for a taken username;
  // kUnavailable.
  virtual Result<User> AddUser(const User& u) = 0;
  // Errors: kNotFound; kUnavailable.
  virtual Result<User> GetUser(const std::string& username) = 0;
  virtual Result<User> GetUserById(std::int64_t id) = 0;
  // By username. Errors: kUnavailable.
  virtual Result<std::vector<User>> ListUsers() = 0;
  // Writes role, ward, department, display name, password hash and disabled flag.
  // Errors: kNotFound; kUnavailable.
  virtual Status UpdateUser(const User& u) = 0;

  // --- sessions (browser and API login) ---
  // Errors: kAlreadyExists (a colliding id: retry with a new one); kUnavailable.
  virtual Status AddSession(const Session& s) = 0;
  // Errors: kNotFound; kUnavailable.
  virtual Result<Session> GetSession(const std::string& id_hash) = 0;
  // Errors: kUnavailable.
  virtual Status TouchSession(const std::string& id_hash, EpochMs now) = 0;
  virtual Status RevokeSession(const std::string& id_hash) = 0;
  // Every session of the user (on disable, password change). Errors: kUnavailable.
  virtual Status RevokeUserSessions(std::int64_t user_id) = 0;

  // --- personal API tokens ---
  // Errors: kAlreadyExists when the user has a live token with this name; kUnavailable.
  virtual Result<ApiToken> AddApiToken(const ApiToken& t) = 0;
  // Errors: kNotFound; kUnavailable.
  virtual Result<ApiToken> GetApiToken(const std::string& token_hash) = 0;
  // Errors: kUnavailable.
  virtual Result<std::vector<ApiToken>> ListApiTokens(std::int64_t user_id) = 0;
  virtual Status TouchApiToken(std::int64_t id, EpochMs now) = 0;
  // Errors: kNotFound when the user has no live token with this name; kUnavailable.
  virtual Status RevokeApiToken(std::int64_t user_id, const std::string& name) = 0;

  // --- audit log ---
  // Errors: kUnavailable.
  virtual Status AddAudit(const AuditEntry& e) = 0;
  // Newest first. Errors: kUnavailable.
  virtual Result<std::vector<AuditEntry>> ListAudit(int limit) = 0;
};

}  // namespace wardline
