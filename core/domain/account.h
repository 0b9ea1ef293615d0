// Staff accounts: users with one role each, browser sessions and personal API tokens.
// Plain structs. Secrets are never held here in clear: sessions and tokens are stored by the
// SHA-256 of their random value, passwords as Argon2id strings.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/domain/clock.h"

namespace wardline {

// What a user may do (the role matrix is in cases/permissions.h).
enum class Role {
  kWardStaff,       // one ward, optionally one department: works its queue
  kWardLeader,      // all of one ward
  kDistrictOffice,  // all wards: reviews and publishes resolutions
  kLeader,          // reads everything, writes nothing
  kAdmin,           // users and settings; every case action
};
const char* RoleName(Role r);  // "ward_staff", "ward_leader", ...
std::optional<Role> ParseRole(std::string_view s);

struct User {
  std::int64_t id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::kWardStaff;
  std::string ward_slug;    // ward_staff and ward_leader: their ward
  std::string department;   // ward_staff: optional department they are bound to
  std::string password_hash;  // Argon2id, crypto_pwhash_str format
  bool disabled = false;
  EpochMs created_at = 0;
  EpochMs updated_at = 0;
};

// A browser session or an API login token (kind "browser" / "api").
struct Session {
  std::string id_hash;      // hex SHA-256 of the random id the client holds
  std::int64_t user_id = 0;
  std::string kind;         // browser, api
  std::string csrf_token;   // browser sessions: the token every state-changing form carries
  EpochMs created_at = 0;
  EpochMs last_seen_at = 0;
  EpochMs expires_at = 0;   // absolute expiry
  bool revoked = false;
};

// A personal API token created from the CLI (`wardline token create`).
struct ApiToken {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string name;         // label chosen by the admin
  std::string token_hash;   // hex SHA-256 of the token
  EpochMs created_at = 0;
  EpochMs last_used_at = 0;
  bool revoked = false;
};

// One entry of the account audit log (logins, failed logins, user changes).
struct AuditEntry {
  std::int64_t id = 0;
  std::string actor;   // username, or "anonymous" / "cli"
  std::string action;  // login, login_failed, user_add, user_disable, passwd, token_create, ...
  std::string detail;
  std::string client;  // client address, when the action came over HTTP
  EpochMs at = 0;
};

}  // namespace wardline
