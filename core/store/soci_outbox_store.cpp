// OutboxStore on SOCI: messages to residents.
#include "core/store/soci_rows.h"
#include "core/store/soci_stores.h"

namespace wardline::store_impl {
namespace {

using ll = long long;

class SociOutboxStore final : public OutboxStore {
 public:
  explicit SociOutboxStore(SociDatabase& db) : db_(db) {}

  Result<std::int64_t> Enqueue(const OutboxItem& o, EpochMs now) override {
    return db_.Write<std::int64_t>([&](soci::session& sql) -> Result<std::int64_t> {
      return InsertOutbox(db_, sql, o, now);
    });
  }

  Result<std::vector<OutboxItem>> Claim(const std::string& owner, int limit, EpochMs now,
                                        EpochMs lease_until) override {
    return db_.Write<std::vector<OutboxItem>>([&](soci::session& sql)
                                                  -> Result<std::vector<OutboxItem>> {
      std::vector<ll> ids =
          ClaimIds(db_, sql, "outbox", "state = 'pending'", owner, limit, now, lease_until);
      std::vector<OutboxItem> out;
      if (ids.empty()) return out;
      soci::rowset<soci::row> rs = (sql.prepare << "SELECT " << kOutboxColumns
                                                << " FROM outbox WHERE id IN (" << JoinIds(ids)
                                                << ") ORDER BY id");
      for (const auto& r : rs) out.push_back(RowToOutbox(r));
      return out;
    });
  }

  Status MarkSent(std::int64_t id, const std::string& platform_message_id, EpochMs now) override {
    return db_.Write<Ok>([&](soci::session& sql) -> Result<Ok> {
      ll i = id, t = now, case_id = 0;
      std::string purpose;
      sql << "SELECT case_id, purpose FROM outbox WHERE id = :id", soci::into(case_id),
          soci::into(purpose), soci::use(i);
      sql << "UPDATE outbox SET state = 'sent', platform_message_id = :m, sent_at = :t, "
             "attempts = attempts + 1, lease_owner = '', lease_until = 0 WHERE id = :id",
          soci::use(platform_message_id), soci::use(t), soci::use(i);
      InsertEvent(sql, case_id, "delivered", "system", purpose, now);
      if (purpose == "reply") {
        // The answer reached the resident after all: drop an earlier "could not deliver" note.
        sql << "UPDATE cases SET delivery_note = '' WHERE id = :c", soci::use(case_id);
      }
      return Ok{};
    });
  }

  Status MarkRetry(std::int64_t id, const std::string& error, EpochMs next_attempt_at) override {
    return db_.Write<Ok>([&](soci::session& sql) -> Result<Ok> {
      ll i = id, t = next_attempt_at;
      sql << "UPDATE outbox SET last_error = :e, next_attempt_at = :t, attempts = attempts + 1, "
             "lease_owner = '', lease_until = 0 WHERE id = :id",
          soci::use(error), soci::use(t), soci::use(i);
      return Ok{};
    });
  }

  Status MarkFailed(std::int64_t id, const std::string& error, EpochMs now) override {
    return db_.Write<Ok>([&](soci::session& sql) -> Result<Ok> {
      ll i = id, case_id = 0;
      std::string purpose;
      sql << "SELECT case_id, purpose FROM outbox WHERE id = :id", soci::into(case_id),
          soci::into(purpose), soci::use(i);
      sql << "UPDATE outbox SET state = 'failed', last_error = :e, attempts = attempts + 1, "
             "lease_owner = '', lease_until = 0 WHERE id = :id",
          soci::use(error), soci::use(i);
      InsertEvent(sql, case_id, "delivery_failed", "system", purpose + ": " + error, now);
      return Ok{};
    });
  }

  Result<std::vector<OutboxItem>> ListForCase(std::int64_t case_id) override {
    return db_.Read<std::vector<OutboxItem>>([&](soci::session& sql)
                                                 -> Result<std::vector<OutboxItem>> {
      ll id = case_id;
      soci::rowset<soci::row> rs = (sql.prepare << "SELECT " << kOutboxColumns
                                                << " FROM outbox WHERE case_id = :c ORDER BY id",
                                    soci::use(id));
      std::vector<OutboxItem> out;
      for (const auto& r : rs) out.push_back(RowToOutbox(r));
      return out;
    });
  }

  Result<std::int64_t> CountPending() override {
    return db_.Read<std::int64_t>([&](soci::session& sql) -> Result<std::int64_t> {
      ll n = 0;
      sql << "SELECT COUNT(*) FROM outbox WHERE state = 'pending'", soci::into(n);
      return static_cast<std::int64_t>(n);
    });
  }

 private:
  SociDatabase& db_;
};

}  // namespace

std::unique_ptr<OutboxStore> MakeSociOutboxStore(SociDatabase& db) {
  return std::make_unique<SociOutboxStore>(db);
}

}  // namespace wardline::store_impl
