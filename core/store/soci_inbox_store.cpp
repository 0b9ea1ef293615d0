// InboxStore on SOCI: raw webhook bodies.
#include "core/store/soci_rows.h"
#include "core/store/soci_stores.h"

namespace wardline::store_impl {
namespace {

using ll = long long;

RawEvent RowToRawEvent(const soci::row& r) {
  RawEvent e;
  e.id = GetInt(r, 0);
  e.channel = ParseChannel(GetString(r, 1)).value_or(ChannelKind::kWeb);
  e.dedup_key = GetString(r, 2);
  e.body = GetString(r, 3);
  e.received_at = GetInt(r, 4);
  e.attempts = static_cast<int>(GetInt(r, 5));
  return e;
}

constexpr const char* kRawColumns = "id, channel, dedup_key, body, received_at, attempts";

class SociInboxStore final : public InboxStore {
 public:
  explicit SociInboxStore(SociDatabase& db) : db_(db) {}

  Result<std::vector<bool>> Insert(const std::vector<RawEvent>& events) override {
    return db_.Grouped<std::vector<bool>>([&](soci::session& sql) -> Result<std::vector<bool>> {
      std::vector<bool> stored;
      const std::string text = std::string(db_.InsertIgnore()) +
                               " INTO raw_events (channel, dedup_key, body, received_at, state, "
                               "attempts, lease_owner, lease_until, next_attempt_at, outcome) "
                               "VALUES (:c, :k, :b, :r, 'pending', 0, '', 0, 0, '')";
      for (const auto& e : events) {
        std::string ch = ChannelName(e.channel);
        ll at = e.received_at;
        soci::statement st = (sql.prepare << text, soci::use(ch), soci::use(e.dedup_key),
                              soci::use(e.body), soci::use(at));
        st.execute(true);
        stored.push_back(st.get_affected_rows() > 0);
      }
      return stored;
    });
  }

  Result<std::vector<RawEvent>> Claim(const std::string& owner, int limit, EpochMs now,
                                      EpochMs lease_until) override {
    return db_.Write<std::vector<RawEvent>>([&](soci::session& sql)
                                                -> Result<std::vector<RawEvent>> {
      std::vector<ll> ids = ClaimIds(db_, sql, "raw_events", "state = 'pending'", owner, limit,
                                     now, lease_until);
      std::vector<RawEvent> out;
      if (ids.empty()) return out;
      soci::rowset<soci::row> rs = (sql.prepare << "SELECT " << kRawColumns
                                                << " FROM raw_events WHERE id IN ("
                                                << JoinIds(ids) << ") ORDER BY id");
      for (const auto& r : rs) out.push_back(RowToRawEvent(r));
      return out;
    });
  }

  Status MarkDone(std::int64_t id, const std::string& outcome) override {
    return db_.Write<Ok>([&](soci::session& sql) -> Result<Ok> {
      ll i = id;
      sql << "UPDATE raw_events SET state = 'done', outcome = :o, attempts = attempts + 1, "
             "lease_owner = '', lease_until = 0 WHERE id = :id",
          soci::use(outcome), soci::use(i);
      return Ok{};
    });
  }

  Result<bool> Release(std::int64_t id, const std::string& error, EpochMs retry_at,
                       int max_attempts) override {
    return db_.Write<bool>([&](soci::session& sql) -> Result<bool> {
      ll i = id, t = retry_at;
      int attempts = 0;
      sql << "SELECT attempts FROM raw_events WHERE id = :id" << db_.ForUpdate(),
          soci::into(attempts), soci::use(i);
      if (!sql.got_data()) return NotFound("no raw event with id " + std::to_string(id));
      ++attempts;
      const bool park = attempts >= max_attempts;
      std::string state = park ? "failed" : "pending";
      sql << "UPDATE raw_events SET state = :s, attempts = :a, outcome = :o, lease_owner = '', "
             "lease_until = 0, next_attempt_at = :t WHERE id = :id",
          soci::use(state), soci::use(attempts), soci::use(error), soci::use(t), soci::use(i);
      return park;
    });
  }

  Result<std::int64_t> CountPending() override { return Count("pending"); }
  Result<std::int64_t> CountFailed() override { return Count("failed"); }

  Result<std::vector<FailedEvent>> ListFailed(int limit) override {
    return db_.Read<std::vector<FailedEvent>>([&](soci::session& sql)
                                                  -> Result<std::vector<FailedEvent>> {
      int lim = std::max(1, std::min(limit, 1000));
      soci::rowset<soci::row> rs =
          (sql.prepare << "SELECT " << kRawColumns << ", outcome FROM raw_events WHERE state = "
                                                       "'failed' ORDER BY id DESC LIMIT :l",
           soci::use(lim));
      std::vector<FailedEvent> out;
      for (const auto& r : rs) out.push_back({RowToRawEvent(r), GetString(r, 6)});
      return out;
    });
  }

  Status Replay(std::int64_t id) override {
    return db_.Write<Ok>([&](soci::session& sql) -> Result<Ok> {
      ll i = id;
      soci::statement st = (sql.prepare << "UPDATE raw_events SET state = 'pending', attempts = 0, "
                                           "next_attempt_at = 0, lease_owner = '', lease_until = 0 "
                                           "WHERE id = :id AND state = 'failed'",
                            soci::use(i));
      st.execute(true);
      if (st.get_affected_rows() == 0) return NotFound("no parked event with id " + std::to_string(id));
      return Ok{};
    });
  }

 private:
  Result<std::int64_t> Count(const char* state) {
    return db_.Read<std::int64_t>([&](soci::session& sql) -> Result<std::int64_t> {
      ll n = 0;
      std::string s = state;
      sql << "SELECT COUNT(*) FROM raw_events WHERE state = :s", soci::into(n), soci::use(s);
      return static_cast<std::int64_t>(n);
    });
  }

  SociDatabase& db_;
};

}  // namespace

std::unique_ptr<InboxStore> MakeSociInboxStore(SociDatabase& db) {
  return std::make_unique<SociInboxStore>(db);
}

}  // namespace wardline::store_impl
