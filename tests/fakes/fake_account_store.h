// FakeAccountStore: users, sessions, API tokens and the account audit log in memory, with the
// AccountStore contract's uniqueness rules (usernames; one live token per user and name).
// Revoked sessions and tokens are kept and returned with their flag, as the real store does.
// Enlist it with a FakeDatabase to have failed transactions undo its writes. Not thread-safe.
#pragma once

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "core/store/account_store.h"
#include "tests/fakes/fake_database.h"

namespace wardline::fakes {

class FakeAccountStore final : public AccountStore, public Transactional {
 public:
  std::function<void()> Snapshot() override {
    return [this, users = users_, sessions = sessions_, tokens = tokens_, audit = audit_] {
      users_ = users;
      sessions_ = sessions;
      tokens_ = tokens;
      audit_ = audit;
    };
  }

  Result<User> AddUser(const User& u) override {
    for (const auto& [id, existing] : users_) {
      if (existing.username == u.username) return AlreadyExists("username taken: " + u.username);
    }
    User stored = u;
    stored.id = static_cast<std::int64_t>(users_.size()) + 1;
    users_[stored.id] = stored;
    return stored;
  }
  Result<User> GetUser(const std::string& username) override {
    for (const auto& [id, u] : users_) {
      if (u.username == username) return u;
    }
    return NotFound("no such user");
  }
  Result<User> GetUserById(std::int64_t id) override {
    auto it = users_.find(id);
    if (it == users_.end()) return NotFound("no such user");
    return it->second;
  }
  Result<std::vector<User>> ListUsers() override {
    std::vector<User> out;
    for (const auto& [id, u] : users_) out.push_back(u);
    std::sort(out.begin(), out.end(),
              [](const User& a, const User& b) { return a.username < b.username; });
    return out;
  }
  Status UpdateUser(const User& u) override {
    auto it = users_.find(u.id);
    if (it == users_.end()) return NotFound("no user with id " + std::to_string(u.id));
    it->second = u;
    return OkStatus();
  }

  Status AddSession(const Session& s) override {
    if (!sessions_.emplace(s.id_hash, s).second) return AlreadyExists("session id collision");
    return OkStatus();
  }
  Result<Session> GetSession(const std::string& id_hash) override {
    auto it = sessions_.find(id_hash);
    if (it == sessions_.end()) return NotFound("no such session");
    return it->second;
  }
  Status TouchSession(const std::string& id_hash, EpochMs now) override {
    auto it = sessions_.find(id_hash);
    if (it != sessions_.end()) it->second.last_seen_at = now;
    return OkStatus();
  }
  Status RevokeSession(const std::string& id_hash) override {
    auto it = sessions_.find(id_hash);
    if (it != sessions_.end()) it->second.revoked = true;
    return OkStatus();
  }
  Status RevokeUserSessions(std::int64_t user_id) override {
    for (auto& [hash, s] : sessions_) {
      if (s.user_id == user_id) s.revoked = true;
    }
    return OkStatus();
  }

  Result<ApiToken> AddApiToken(const ApiToken& t) override {
    for (const ApiToken& live : tokens_) {
      if (live.user_id == t.user_id && live.name == t.name && !live.revoked) {
        return AlreadyExists("the user already has a token named \"" + t.name + "\"");
      }
    }
    ApiToken stored = t;
    stored.id = static_cast<std::int64_t>(tokens_.size()) + 1;
    tokens_.push_back(stored);
    return stored;
  }
  Result<ApiToken> GetApiToken(const std::string& token_hash) override {
    for (const ApiToken& t : tokens_) {
      if (t.token_hash == token_hash) return t;
    }
    return NotFound("no such token");
  }
  Result<std::vector<ApiToken>> ListApiTokens(std::int64_t user_id) override {
    std::vector<ApiToken> out;
    for (const ApiToken& t : tokens_) {
      if (t.user_id == user_id) out.push_back(t);
    }
    return out;
  }
  Status TouchApiToken(std::int64_t id, EpochMs now) override {
    for (ApiToken& t : tokens_) {
      if (t.id == id) t.last_used_at = now;
    }
    return OkStatus();
  }
  Status RevokeApiToken(std::int64_t user_id, const std::string& name) override {
    for (ApiToken& t : tokens_) {
      if (t.user_id == user_id && t.name == name && !t.revoked) {
        t.revoked = true;
        return OkStatus();
      }
    }
    return NotFound("no live token named \"" + name + "\"");
  }

  Status AddAudit(const AuditEntry& e) override {
    AuditEntry stored = e;
    stored.id = static_cast<std::int64_t>(audit_.size()) + 1;
    audit_.push_back(stored);
    return OkStatus();
  }
  Result<std::vector<AuditEntry>> ListAudit(int limit) override {
    std::vector<AuditEntry> out(audit_.rbegin(), audit_.rend());
    if (static_cast<int>(out.size()) > limit) out.resize(limit);
    return out;
  }

 private:
  std::map<std::int64_t, User> users_;
  std::map<std::string, Session> sessions_;
  std::vector<ApiToken> tokens_;
  std::vector<AuditEntry> audit_;
};

}  // namespace wardline::fakes
