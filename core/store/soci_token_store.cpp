// TokenStore on SOCI: platform tokens with a compare-and-swap version.
#include "core/store/soci_rows.h"
#include "core/store/soci_stores.h"

namespace wardline::store_impl {
namespace {

using ll = long long;

Result<PlatformToken> LoadToken(soci::session& sql, const std::string& name) {
  soci::rowset<soci::row> rs = (sql.prepare << "SELECT access_token, refresh_token, expires_at, "
                                               "version FROM tokens WHERE name = :n",
                                soci::use(name));
  for (const auto& r : rs) {
    return PlatformToken{GetString(r, 0), GetString(r, 1), GetInt(r, 2), GetInt(r, 3)};
  }
  return NotFound("no token named " + name);
}

class SociTokenStore final : public TokenStore {
 public:
  explicit SociTokenStore(SociDatabase& db) : db_(db) {}

  Result<PlatformToken> Get(const std::string& name) override {
    return db_.Read<PlatformToken>([&](soci::session& sql) { return LoadToken(sql, name); });
  }

  Result<PlatformToken> CompareAndSwap(const std::string& name, const PlatformToken& next,
                                       std::int64_t expected_version) override {
    return db_.Write<PlatformToken>([&](soci::session& sql) -> Result<PlatformToken> {
      ll version = 0, expires = next.expires_at, expected = expected_version;
      sql << "SELECT version FROM tokens WHERE name = :n" << db_.ForUpdate(),
          soci::into(version), soci::use(name);
      const bool exists = sql.got_data();
      if ((exists ? version : 0) != expected) {
        return FailedPrecondition("token was changed by another writer");
      }
      ll new_version = expected + 1;
      if (exists) {
        sql << "UPDATE tokens SET access_token = :a, refresh_token = :r, expires_at = :e, "
               "version = :v WHERE name = :n",
            soci::use(next.access_token), soci::use(next.refresh_token), soci::use(expires),
            soci::use(new_version), soci::use(name);
      } else {
        sql << "INSERT INTO tokens (name, access_token, refresh_token, expires_at, version) "
               "VALUES (:n, :a, :r, :e, :v)",
            soci::use(name), soci::use(next.access_token), soci::use(next.refresh_token),
            soci::use(expires), soci::use(new_version);
      }
      return LoadToken(sql, name);
    });
  }

 private:
  SociDatabase& db_;
};

}  // namespace

std::unique_ptr<TokenStore> MakeSociTokenStore(SociDatabase& db) {
  return std::make_unique<SociTokenStore>(db);
}

}  // namespace wardline::store_impl
