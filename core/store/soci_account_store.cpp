// AccountStore on SOCI: users, sessions, personal API tokens and the account audit log.
#include "core/store/soci_rows.h"
#include "core/store/soci_stores.h"

namespace wardline::store_impl {
namespace {

using ll = long long;

constexpr const char* kUserColumns =
    "id, username, display_name, role, ward_slug, department, password_hash, disabled, "
    "created_at, updated_at";

User RowToUser(const soci::row& r) {
  User u;
  u.id = GetInt(r, 0);
  u.username = GetString(r, 1);
  u.display_name = GetString(r, 2);
  u.role = ParseRole(GetString(r, 3)).value_or(Role::kLeader);
  u.ward_slug = GetString(r, 4);
  u.department = GetString(r, 5);
  u.password_hash = GetString(r, 6);
  u.disabled = GetInt(r, 7) != 0;
  u.created_at = GetInt(r, 8);
  u.updated_at = GetInt(r, 9);
  return u;
}

constexpr const char* kSessionColumns =
    "id_hash, user_id, kind, csrf_token, created_at, last_seen_at, expires_at, revoked";

Session RowToSession(const soci::row& r) {
  return Session{GetString(r, 0), GetInt(r, 1), GetString(r, 2), GetString(r, 3),
                 GetInt(r, 4),    GetInt(r, 5), GetInt(r, 6),    GetInt(r, 7) != 0};
}

constexpr const char* kTokenColumns =
    "id, user_id, name, token_hash, created_at, last_used_at, revoked";

ApiToken RowToToken(const soci::row& r) {
  return ApiToken{GetInt(r, 0), GetInt(r, 1), GetString(r, 2), GetString(r, 3),
                  GetInt(r, 4), GetInt(r, 5), GetInt(r, 6) != 0};
}

class SociAccountStore final : public AccountStore {
 public:
  explicit SociAccountStore(SociDatabase& db) : db_(db) {}

  Result<User> AddUser(const User& u) override {
    return db_.Write<User>([&](soci::session& sql) -> Result<User> {
      std::string role = RoleName(u.role);
      int disabled = u.disabled ? 1 : 0;
      ll created = u.created_at, updated = u.updated_at;
      sql << "INSERT INTO users (username, display_name, role, ward_slug, department, "
             "password_hash, disabled, created_at, updated_at) VALUES "
             "(:u, :n, :r, :w, :d, :p, :x, :c, :m)",
          soci::use(u.username), soci::use(u.display_name), soci::use(role),
          soci::use(u.ward_slug), soci::use(u.department), soci::use(u.password_hash),
          soci::use(disabled), soci::use(created), soci::use(updated);
      return LoadUser(sql, "id = :k", std::to_string(db_.LastId(sql)));
    });
  }

  Result<User> GetUser(const std::string& username) override {
    return db_.Read<User>([&](soci::session& sql) { return LoadUser(sql, "username = :k", username); });
  }

  Result<User> GetUserById(std::int64_t id) override {
    return db_.Read<User>([&](soci::session& sql) {
      return LoadUser(sql, "id = :k", std::to_string(id));
    });
  }

  Result<std::vector<User>> ListUsers() override {
    return db_.Read<std::vector<User>>([&](soci::session& sql) -> Result<std::vector<User>> {
      soci::rowset<soci::row> rs =
          (sql.prepare << "SELECT " << kUserColumns << " FROM users ORDER BY username");
      std::vector<User> out;
      for (const auto& r : rs) out.push_back(RowToUser(r));
      return out;
    });
  }

  Status UpdateUser(const User& u) override {
    return db_.Write<Ok>([&](soci::session& sql) -> Result<Ok> {
      std::string role = RoleName(u.role);
      int disabled = u.disabled ? 1 : 0;
      ll id = u.id, updated = u.updated_at;
      soci::statement st =
          (sql.prepare << "UPDATE users SET display_name = :n, role = :r, ward_slug = :w, "
                          "department = :d, password_hash = :p, disabled = :x, updated_at = :m "
                          "WHERE id = :id",
           soci::use(u.display_name), soci::use(role), soci::use(u.ward_slug),
           soci::use(u.department), soci::use(u.password_hash), soci::use(disabled),
           soci::use(updated), soci::use(id));
      st.execute(true);
      if (st.get_affected_rows() == 0) return NotFound("no user with id " + std::to_string(u.id));
      return Ok{};
    });
  }

  Status AddSession(const Session& s) override {
    return db_.Write<Ok>([&](soci::session& sql) -> Result<Ok> {
      ll user = s.user_id, created = s.created_at, seen = s.last_seen_at, expires = s.expires_at;
      int revoked = s.revoked ? 1 : 0;
      sql << "INSERT INTO sessions (id_hash, user_id, kind, csrf_token, created_at, last_seen_at, "
             "expires_at, revoked) VALUES (:h, :u, :k, :c, :cr, :s, :e, :r)",
          soci::use(s.id_hash), soci::use(user), soci::use(s.kind), soci::use(s.csrf_token),
          soci::use(created), soci::use(seen), soci::use(expires), soci::use(revoked);
      return Ok{};
    });
  }

  Result<Session> GetSession(const std::string& id_hash) override {
    return db_.Read<Session>([&](soci::session& sql) -> Result<Session> {
      soci::rowset<soci::row> rs = (sql.prepare << "SELECT " << kSessionColumns
                                                << " FROM sessions WHERE id_hash = :h",
                                    soci::use(id_hash));
      for (const auto& r : rs) return RowToSession(r);
      return NotFound("no such session");
    });
  }

  Status TouchSession(const std::string& id_hash, EpochMs now) override {
    return db_.Write<Ok>([&](soci::session& sql) -> Result<Ok> {
      ll t = now;
      sql << "UPDATE sessions SET last_seen_at = :t WHERE id_hash = :h", soci::use(t),
          soci::use(id_hash);
      return Ok{};
    });
  }

  Status RevokeSession(const std::string& id_hash) override {
    return db_.Write<Ok>([&](soci::session& sql) -> Result<Ok> {
      sql << "UPDATE sessions SET revoked = 1 WHERE id_hash = :h", soci::use(id_hash);
      return Ok{};
    });
  }

  Status RevokeUserSessions(std::int64_t user_id) override {
    return db_.Write<Ok>([&](soci::session& sql) -> Result<Ok> {
      ll u = user_id;
      sql << "UPDATE sessions SET revoked = 1 WHERE user_id = :u", soci::use(u);
      return Ok{};
    });
  }

  Result<ApiToken> AddApiToken(const ApiToken& t) override {
    return db_.Write<ApiToken>([&](soci::session& sql) -> Result<ApiToken> {
      ll user = t.user_id, created = t.created_at;
      int live = 0;
      sql << "SELECT COUNT(*) FROM api_tokens WHERE user_id = :u AND name = :n AND revoked = 0",
          soci::into(live), soci::use(user), soci::use(t.name);
      if (live > 0) return AlreadyExists("the user already has a token named \"" + t.name + "\"");
      sql << "INSERT INTO api_tokens (user_id, name, token_hash, created_at, last_used_at, "
             "revoked) VALUES (:u, :n, :h, :c, 0, 0)",
          soci::use(user), soci::use(t.name), soci::use(t.token_hash), soci::use(created);
      ApiToken stored = t;
      stored.id = db_.LastId(sql);
      return stored;
    });
  }

  Result<ApiToken> GetApiToken(const std::string& token_hash) override {
    return db_.Read<ApiToken>([&](soci::session& sql) -> Result<ApiToken> {
      soci::rowset<soci::row> rs = (sql.prepare << "SELECT " << kTokenColumns
                                                << " FROM api_tokens WHERE token_hash = :h",
                                    soci::use(token_hash));
      for (const auto& r : rs) return RowToToken(r);
      return NotFound("no such token");
    });
  }

  Result<std::vector<ApiToken>> ListApiTokens(std::int64_t user_id) override {
    return db_.Read<std::vector<ApiToken>>([&](soci::session& sql)
                                               -> Result<std::vector<ApiToken>> {
      ll u = user_id;
      soci::rowset<soci::row> rs = (sql.prepare << "SELECT " << kTokenColumns
                                                << " FROM api_tokens WHERE user_id = :u ORDER BY id",
                                    soci::use(u));
      std::vector<ApiToken> out;
      for (const auto& r : rs) out.push_back(RowToToken(r));
      return out;
    });
  }

  Status TouchApiToken(std::int64_t id, EpochMs now) override {
    return db_.Write<Ok>([&](soci::session& sql) -> Result<Ok> {
      ll i = id, t = now;
      sql << "UPDATE api_tokens SET last_used_at = :t WHERE id = :id", soci::use(t), soci::use(i);
      return Ok{};
    });
  }

  Status RevokeApiToken(std::int64_t user_id, const std::string& name) override {
    return db_.Write<Ok>([&](soci::session& sql) -> Result<Ok> {
      ll u = user_id;
      soci::statement st = (sql.prepare << "UPDATE api_tokens SET revoked = 1 WHERE user_id = :u "
                                           "AND name = :n AND revoked = 0",
                            soci::use(u), soci::use(name));
      st.execute(true);
      if (st.get_affected_rows() == 0) return NotFound("no live token named \"" + name + "\"");
      return Ok{};
    });
  }

  Status AddAudit(const AuditEntry& e) override {
    return db_.Write<Ok>([&](soci::session& sql) -> Result<Ok> {
      ll at = e.at;
      sql << "INSERT INTO audit_log (actor, action, detail, client, at) VALUES "
             "(:a, :c, :d, :cl, :t)",
          soci::use(e.actor), soci::use(e.action), soci::use(e.detail), soci::use(e.client),
          soci::use(at);
      return Ok{};
    });
  }

  Result<std::vector<AuditEntry>> ListAudit(int limit) override {
    return db_.Read<std::vector<AuditEntry>>([&](soci::session& sql)
                                                 -> Result<std::vector<AuditEntry>> {
      int lim = std::max(1, std::min(limit, 10000));
      soci::rowset<soci::row> rs =
          (sql.prepare << "SELECT id, actor, action, detail, client, at FROM audit_log "
                          "ORDER BY id DESC LIMIT :l",
           soci::use(lim));
      std::vector<AuditEntry> out;
      for (const auto& r : rs) {
        out.push_back(AuditEntry{GetInt(r, 0), GetString(r, 1), GetString(r, 2), GetString(r, 3),
                                 GetString(r, 4), GetInt(r, 5)});
      }
      return out;
    });
  }

 private:
  // `where` binds one value :k (ids are bound as text and compared by the database).
  Result<User> LoadUser(soci::session& sql, const char* where, const std::string& key) {
    soci::rowset<soci::row> rs = (sql.prepare << "SELECT " << kUserColumns << " FROM users WHERE "
                                              << where,
                                  soci::use(key));
    for (const auto& r : rs) return RowToUser(r);
    return NotFound("no such user");
  }

  SociDatabase& db_;
};

}  // namespace

std::unique_ptr<AccountStore> MakeSociAccountStore(SociDatabase& db) {
  return std::make_unique<SociAccountStore>(db);
}

}  // namespace wardline::store_impl
