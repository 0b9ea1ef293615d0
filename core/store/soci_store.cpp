#include "core/store/soci_store.h"
#include "core/store/sql_error_text.h"

#include <soci/mysql/soci-mysql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <sstream>

#include "core/domain/case_state.h"
#include "core/store/database_url.h"
#include "core/store/migrations.h"

namespace wardline {
namespace {

using ll = long long;

// ---- reading rows whatever integer/float type the backend reports -------------------------

ll GetInt(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return 0;
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_integer: return r.get<int>(i);
    case soci::dt_long_long: return r.get<long long>(i);
    case soci::dt_unsigned_long_long: return static_cast<ll>(r.get<unsigned long long>(i));
    case soci::dt_double: return static_cast<ll>(r.get<double>(i));
    case soci::dt_string: return std::stoll(r.get<std::string>(i));
    default: return 0;
  }
}

double GetDouble(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return 0;
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_double: return r.get<double>(i);
    case soci::dt_integer: return r.get<int>(i);
    case soci::dt_long_long: return static_cast<double>(r.get<long long>(i));
    case soci::dt_string: return std::stod(r.get<std::string>(i));
    default: return 0;
  }
}

std::string GetString(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return "";
  if (r.get_properties(i).get_data_type() == soci::dt_string) return r.get<std::string>(i);
  return std::to_string(GetInt(r, i));
}

constexpr const char* kCaseColumns =
    "id, tracking_code, channel, resident_ref, reply_ref, ward_slug, category, department, "
    "priority, confidence, status, text, resident_name, resident_phone, resident_address, "
    "has_location, lat, lon, resolution, delivery_note, merged_into, created_at, updated_at, "
    "last_message_at";

Case RowToCase(const soci::row& r) {
  Case c;
  c.id = GetInt(r, 0);
  c.tracking_code = GetString(r, 1);
  c.channel = ParseChannel(GetString(r, 2)).value_or(ChannelKind::kWeb);
  c.resident_ref = GetString(r, 3);
  c.reply_ref = GetString(r, 4);
  c.ward_slug = GetString(r, 5);
  std::string cat = GetString(r, 6);
  if (!cat.empty()) c.category = cat;
  c.department = GetString(r, 7);
  c.priority = ParsePriority(GetString(r, 8)).value_or(Priority::kNormal);
  c.confidence = GetDouble(r, 9);
  c.status = ParseStatus(GetString(r, 10)).value_or(CaseStatus::kReceived);
  c.text = GetString(r, 11);
  c.resident_name = GetString(r, 12);
  c.resident_phone = GetString(r, 13);
  c.resident_address = GetString(r, 14);
  if (GetInt(r, 15) != 0) c.location = GeoPoint{GetDouble(r, 16), GetDouble(r, 17)};
  c.resolution = GetString(r, 18);
  c.delivery_note = GetString(r, 19);
  ll merged = GetInt(r, 20);
  if (merged != 0) c.merged_into = merged;
  c.created_at = GetInt(r, 21);
  c.updated_at = GetInt(r, 22);
  c.last_message_at = GetInt(r, 23);
  return c;
}

constexpr const char* kOutboxColumns =
    "id, case_id, channel, recipient, purpose, text, reply_ref, state, attempts, "
    "next_attempt_at, last_error, platform_message_id, created_at, sent_at";

OutboxItem RowToOutbox(const soci::row& r) {
  OutboxItem o;
  o.id = GetInt(r, 0);
  o.case_id = GetInt(r, 1);
  o.channel = ParseChannel(GetString(r, 2)).value_or(ChannelKind::kWeb);
  o.recipient = GetString(r, 3);
  o.purpose = GetString(r, 4);
  o.text = GetString(r, 5);
  o.reply_ref = GetString(r, 6);
  std::string st = GetString(r, 7);
  o.state = st == "sent" ? OutboxState::kSent : st == "failed" ? OutboxState::kFailed
                                                                : OutboxState::kPending;
  o.attempts = static_cast<int>(GetInt(r, 8));
  o.next_attempt_at = GetInt(r, 9);
  o.last_error = GetString(r, 10);
  o.platform_message_id = GetString(r, 11);
  o.created_at = GetInt(r, 12);
  o.sent_at = GetInt(r, 13);
  return o;
}

bool IsDuplicateKey(const std::string& what) {
  return what.find("UNIQUE constraint") != std::string::npos ||
         what.find("Duplicate entry") != std::string::npos;
}

bool IsConnectionError(const std::string& what) {
  for (const char* s : {"gone away", "Lost connection", "Can't connect", "connect to",
                        "database is locked", "unable to open", "disk I/O", "Connection refused",
                        "not connected", "Server shutdown"}) {
    if (what.find(s) != std::string::npos) return true;
  }
  return false;
}

std::string Join(const std::vector<ll>& ids) {
  std::ostringstream out;
  for (std::size_t i = 0; i < ids.size(); ++i) out << (i ? "," : "") << ids[i];
  return out.str();
}

class SociStore final : public Store {
 public:
  SociStore(DatabaseUrl url, int pool_size)
      : url_(std::move(url)), pool_size_(pool_size), pool_(static_cast<std::size_t>(pool_size)) {}

  Status Open() {
    try {
      if (url_.backend == DbBackend::kSqlite) {
        std::filesystem::path p(url_.sqlite_path);
        if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
      }
      for (int i = 0; i < pool_size_; ++i) {
        soci::session& s = pool_.at(static_cast<std::size_t>(i));
        OpenSession(s);
      }
    } catch (const std::exception& e) {
      return Unavailable(std::string("cannot open database: ") + e.what());
    }
    return Migrate();
  }

  Status InTransaction(const std::function<Status()>& fn) override {
    if (tx_session_ != nullptr) return fn();  // already inside one: join it
    return Run<Ok>(true, [&](soci::session& sql) -> Result<Ok> {
      soci::session* outer = tx_session_;
      tx_session_ = &sql;
      Status s = [&] {
        try {
          return fn();
        } catch (...) {
          tx_session_ = outer;
          throw;
        }
      }();
      tx_session_ = outer;
      return s;
    });
  }

  Status Ping() override {
    return Run<Ok>(false, [&](soci::session& sql) -> Result<Ok> {
      int one = 0;
      sql << "SELECT 1", soci::into(one);
      return Ok{};
    });
  }

  // ---- cases ----------------------------------------------------------------------------

  Result<Case> CreateCase(const NewCase& nc, EpochMs now) override {
    return Run<Case>(true, [&](soci::session& sql) -> Result<Case> {
      const Case& c = nc.data;
      std::string channel = ChannelName(c.channel), priority = PriorityName(c.priority),
                  status = StatusName(c.status), category = c.category.value_or("");
      int has_loc = c.location ? 1 : 0;
      double lat = c.location ? c.location->lat : 0, lon = c.location ? c.location->lon : 0;
      ll merged = c.merged_into.value_or(0), t = now;
      ll last = c.last_message_at ? c.last_message_at : now;
      double confidence = c.confidence;
      sql << "INSERT INTO cases (tracking_code, channel, resident_ref, reply_ref, ward_slug, "
             "category, department, priority, confidence, status, text, resident_name, "
             "resident_phone, resident_address, has_location, lat, lon, resolution, "
             "delivery_note, merged_into, created_at, updated_at, last_message_at) VALUES "
             "(:a,:b,:c,:d,:e,:f,:g,:h,:i,:j,:k,:l,:m,:n,:o,:p,:q,:r,:s,:t,:u,:v,:w)",
          soci::use(c.tracking_code), soci::use(channel), soci::use(c.resident_ref),
          soci::use(c.reply_ref), soci::use(c.ward_slug), soci::use(category),
          soci::use(c.department), soci::use(priority), soci::use(confidence), soci::use(status),
          soci::use(c.text), soci::use(c.resident_name), soci::use(c.resident_phone),
          soci::use(c.resident_address), soci::use(has_loc), soci::use(lat), soci::use(lon),
          soci::use(c.resolution), soci::use(c.delivery_note), soci::use(merged), soci::use(t),
          soci::use(t), soci::use(last);
      ll id = LastId(sql, "cases");
      if (nc.first_message) InsertMessage(sql, id, *nc.first_message);
      InsertEvent(sql, id, "created", nc.actor, std::string("channel=") + channel, now);
      if (c.category) {  // triaged before it was stored: one commit for the whole intake
        std::ostringstream detail;
        detail << "category=" << category << " department=" << c.department
               << " priority=" << priority << " ward=" << c.ward_slug
               << " confidence=" << confidence;
        InsertEvent(sql, id, "triaged", "triage", detail.str(), now);
      }
      for (OutboxItem item : nc.outbox) {
        item.case_id = id;
        InsertOutbox(sql, item, now);
      }
      return LoadCase(sql, id);
    });
  }

  Result<Case> GetCase(std::int64_t id) override {
    return Run<Case>(false, [&](soci::session& sql) { return LoadCase(sql, id); });
  }

  Result<Case> GetCaseByTrackingCode(const std::string& code) override {
    return Run<Case>(false, [&](soci::session& sql) -> Result<Case> {
      soci::rowset<soci::row> rs = (sql.prepare << "SELECT " << kCaseColumns
                                                << " FROM cases WHERE tracking_code = :c",
                                    soci::use(code));
      for (const auto& r : rs) return RowToCase(r);
      return NotFound("no case with this tracking code");
    });
  }

  Result<std::vector<Case>> ListCases(const CaseFilter& f) override {
    return Run<std::vector<Case>>(false, [&](soci::session& sql) -> Result<std::vector<Case>> {
      std::string ward = f.ward_slug.value_or(""), dept = f.department.value_or("");
      std::string status = f.status ? StatusName(*f.status) : "";
      int use_ward = f.ward_slug ? 1 : 0, use_dept = f.department ? 1 : 0,
          use_status = f.status ? 1 : 0, limit = f.limit, offset = f.offset;
      soci::rowset<soci::row> rs =
          (sql.prepare << "SELECT " << kCaseColumns
                       << " FROM cases WHERE (:uw = 0 OR ward_slug = :w) AND (:ud = 0 OR "
                          "department = :d) AND (:us = 0 OR status = :s) ORDER BY id DESC "
                          "LIMIT :lim OFFSET :off",
           soci::use(use_ward), soci::use(ward), soci::use(use_dept), soci::use(dept),
           soci::use(use_status), soci::use(status), soci::use(limit), soci::use(offset));
      std::vector<Case> out;
      for (const auto& r : rs) out.push_back(RowToCase(r));
      return out;
    });
  }

  Result<Case> FindOpenCaseForResident(ChannelKind channel, const std::string& resident_ref,
                                       EpochMs since) override {
    return Run<Case>(false, [&](soci::session& sql) -> Result<Case> {
      std::string ch = ChannelName(channel);
      ll s = since;
      soci::rowset<soci::row> rs =
          (sql.prepare << "SELECT " << kCaseColumns
                       << " FROM cases WHERE channel = :c AND resident_ref = :r AND "
                          "last_message_at >= :s AND status IN ('received','routed','in_progress') "
                          "ORDER BY last_message_at DESC LIMIT 1",
           soci::use(ch), soci::use(resident_ref), soci::use(s));
      for (const auto& r : rs) return RowToCase(r);
      return NotFound("no open case for this resident");
    });
  }

  Status LockResident(ChannelKind channel, const std::string& resident_ref) override {
    // SQLite has a single writer: transactions never run side by side.
    if (IsSqlite()) return OkStatus();
    return Run<Ok>(true, [&](soci::session& sql) -> Result<Ok> {
      std::string ch = ChannelName(channel);
      sql << "INSERT IGNORE INTO resident_locks (channel, resident_ref) VALUES (:c, :r)",
          soci::use(ch), soci::use(resident_ref);
      std::string got;
      sql << "SELECT channel FROM resident_locks WHERE channel = :c AND resident_ref = :r "
             "FOR UPDATE",
          soci::into(got), soci::use(ch), soci::use(resident_ref);
      return Ok{};
    });
  }

  Status AddMessage(std::int64_t case_id, const CaseMessage& m,
                    const std::optional<GeoPoint>& location, EpochMs now) override {
    return Run<Ok>(true, [&](soci::session& sql) -> Result<Ok> {
      ll id = case_id, t = now;
      std::string text;
      soci::indicator ind = soci::i_ok;
      sql << "SELECT text FROM cases WHERE id = :id" << ForUpdate(), soci::into(text, ind),
          soci::use(id);
      if (!sql.got_data()) return NotFound("no such case");
      InsertMessage(sql, case_id, m);
      if (!m.text.empty()) text = text.empty() ? m.text : text + "\n" + m.text;
      if (location) {
        double lat = location->lat, lon = location->lon;
        sql << "UPDATE cases SET text = :t, has_location = 1, lat = :la, lon = :lo, "
               "last_message_at = :n, updated_at = :u WHERE id = :id",
            soci::use(text), soci::use(lat), soci::use(lon), soci::use(t), soci::use(t),
            soci::use(id);
      } else {
        sql << "UPDATE cases SET text = :t, last_message_at = :n, updated_at = :u WHERE id = :id",
            soci::use(text), soci::use(t), soci::use(t), soci::use(id);
      }
      InsertEvent(sql, case_id, "message", m.direction == "out" ? "system" : "resident",
                  "kind=" + m.kind, now);
      return Ok{};
    });
  }

  Result<std::vector<CaseMessage>> ListMessages(std::int64_t case_id) override {
    return Run<std::vector<CaseMessage>>(false, [&](soci::session& sql)
                                                    -> Result<std::vector<CaseMessage>> {
      ll id = case_id;
      soci::rowset<soci::row> rs =
          (sql.prepare << "SELECT id, case_id, channel, direction, external_id, kind, text, "
                          "attachments_json, at FROM messages WHERE case_id = :id ORDER BY at, id",
           soci::use(id));
      std::vector<CaseMessage> out;
      for (const auto& r : rs) {
        CaseMessage m;
        m.id = GetInt(r, 0);
        m.case_id = GetInt(r, 1);
        m.channel = ParseChannel(GetString(r, 2)).value_or(ChannelKind::kWeb);
        m.direction = GetString(r, 3);
        m.external_id = GetString(r, 4);
        m.kind = GetString(r, 5);
        m.text = GetString(r, 6);
        m.attachments_json = GetString(r, 7);
        m.at = GetInt(r, 8);
        out.push_back(std::move(m));
      }
      return out;
    });
  }

  Result<bool> MessageExists(ChannelKind channel, const std::string& external_id) override {
    return Run<bool>(false, [&](soci::session& sql) -> Result<bool> {
      std::string ch = ChannelName(channel);
      int n = 0;
      sql << "SELECT COUNT(*) FROM messages WHERE channel = :c AND external_id = :e",
          soci::into(n), soci::use(ch), soci::use(external_id);
      return n > 0;
    });
  }

  Result<Case> Transition(std::int64_t case_id, CaseStatus to, const std::string& actor,
                          const std::string& detail, EpochMs now) override {
    return Run<Case>(true, [&](soci::session& sql) -> Result<Case> {
      ll id = case_id, t = now;
      std::string from_s;
      sql << "SELECT status FROM cases WHERE id = :id" << ForUpdate(), soci::into(from_s),
          soci::use(id);
      if (!sql.got_data()) return NotFound("no such case");
      CaseStatus from = ParseStatus(from_s).value_or(CaseStatus::kReceived);
      Status check = CheckTransition(from, to);
      if (!check.ok()) return check.error();
      std::string to_s = StatusName(to);
      sql << "UPDATE cases SET status = :s, updated_at = :u WHERE id = :id", soci::use(to_s),
          soci::use(t), soci::use(id);
      InsertEvent(sql, case_id, "status", actor,
                  from_s + " -> " + to_s + (detail.empty() ? "" : ": " + detail), now);
      return LoadCase(sql, case_id);
    });
  }

  Result<Case> ApplyTriage(std::int64_t case_id, const TriageUpdate& u, const std::string& actor,
                           EpochMs now) override {
    return Run<Case>(true, [&](soci::session& sql) -> Result<Case> {
      ll id = case_id, t = now;
      std::string status, ward;
      sql << "SELECT status, ward_slug FROM cases WHERE id = :id" << ForUpdate(),
          soci::into(status), soci::into(ward), soci::use(id);
      if (!sql.got_data()) return NotFound("no such case");
      std::string category = u.category.value_or(""), priority = PriorityName(u.priority);
      std::string new_ward = u.ward_slug.empty() ? ward : u.ward_slug;
      std::string new_status = status == "received" ? "routed" : status;
      double conf = u.confidence;
      sql << "UPDATE cases SET category = :c, department = :d, priority = :p, confidence = :f, "
             "ward_slug = :w, status = :s, updated_at = :u WHERE id = :id",
          soci::use(category), soci::use(u.department), soci::use(priority), soci::use(conf),
          soci::use(new_ward), soci::use(new_status), soci::use(t), soci::use(id);
      std::ostringstream detail;
      detail << "category=" << category << " department=" << u.department
             << " priority=" << priority << " ward=" << new_ward << " confidence=" << conf;
      InsertEvent(sql, case_id, "triaged", actor, detail.str(), now);
      if (new_status != status) {
        InsertEvent(sql, case_id, "status", actor, status + " -> " + new_status, now);
      }
      return LoadCase(sql, case_id);
    });
  }

  Status SetResolution(std::int64_t case_id, const std::string& text, const std::string& actor,
                       EpochMs now) override {
    return Run<Ok>(true, [&](soci::session& sql) -> Result<Ok> {
      ll id = case_id, t = now;
      sql << "UPDATE cases SET resolution = :r, updated_at = :u WHERE id = :id", soci::use(text),
          soci::use(t), soci::use(id);
      InsertEvent(sql, case_id, "resolution", actor, "", now);
      return Ok{};
    });
  }

  Status SetDeliveryNote(std::int64_t case_id, const std::string& note, EpochMs now) override {
    return Run<Ok>(true, [&](soci::session& sql) -> Result<Ok> {
      ll id = case_id, t = now;
      sql << "UPDATE cases SET delivery_note = :n, updated_at = :u WHERE id = :id",
          soci::use(note), soci::use(t), soci::use(id);
      InsertEvent(sql, case_id, "delivery", "system", note, now);
      return Ok{};
    });
  }

  Status AddEvent(const CaseEvent& e) override {
    return Run<Ok>(true, [&](soci::session& sql) -> Result<Ok> {
      InsertEvent(sql, e.case_id, e.kind, e.actor, e.detail, e.at);
      return Ok{};
    });
  }

  Result<std::vector<CaseEvent>> ListEvents(std::int64_t case_id) override {
    return Run<std::vector<CaseEvent>>(false, [&](soci::session& sql)
                                                  -> Result<std::vector<CaseEvent>> {
      ll id = case_id;
      soci::rowset<soci::row> rs =
          (sql.prepare << "SELECT id, case_id, kind, actor, detail, at FROM events WHERE "
                          "case_id = :id ORDER BY id",
           soci::use(id));
      std::vector<CaseEvent> out;
      for (const auto& r : rs) {
        out.push_back(CaseEvent{GetInt(r, 0), GetInt(r, 1), GetString(r, 2), GetString(r, 3),
                                GetString(r, 4), GetInt(r, 5)});
      }
      return out;
    });
  }

  Result<std::vector<CountByStatus>> CountCasesByStatus() override {
    return Run<std::vector<CountByStatus>>(false, [&](soci::session& sql)
                                                      -> Result<std::vector<CountByStatus>> {
      soci::rowset<soci::row> rs =
          (sql.prepare << "SELECT status, COUNT(*) FROM cases GROUP BY status ORDER BY status");
      std::vector<CountByStatus> out;
      for (const auto& r : rs) out.push_back({GetString(r, 0), GetInt(r, 1)});
      return out;
    });
  }

  // ---- raw inbound events --------------------------------------------------------------

  Result<std::vector<bool>> InsertRawEvents(const std::vector<RawEvent>& events) override {
    return Run<std::vector<bool>>(true, [&](soci::session& sql) -> Result<std::vector<bool>> {
      std::vector<bool> stored;
      std::string sql_text = std::string(IsSqlite() ? "INSERT OR IGNORE" : "INSERT IGNORE") +
                             " INTO raw_events (channel, dedup_key, body, received_at, state, "
                             "attempts, lease_owner, lease_until, next_attempt_at, outcome) "
                             "VALUES (:c, :k, :b, :r, 'pending', 0, '', 0, 0, '')";
      for (const auto& e : events) {
        std::string ch = ChannelName(e.channel);
        ll at = e.received_at;
        soci::statement st = (sql.prepare << sql_text, soci::use(ch), soci::use(e.dedup_key),
                              soci::use(e.body), soci::use(at));
        st.execute(true);
        stored.push_back(st.get_affected_rows() > 0);
      }
      return stored;
    });
  }

  Result<std::vector<RawEvent>> ClaimRawEvents(const std::string& owner, int limit, EpochMs now,
                                               EpochMs lease_until) override {
    return Run<std::vector<RawEvent>>(true, [&](soci::session& sql)
                                                -> Result<std::vector<RawEvent>> {
      std::vector<ll> ids = ClaimIds(sql, "raw_events", "state = 'pending'", owner, limit, now,
                                     lease_until);
      std::vector<RawEvent> out;
      if (!ids.empty()) {
        soci::rowset<soci::row> rs =
            (sql.prepare << "SELECT id, channel, dedup_key, body, received_at, attempts FROM "
                            "raw_events WHERE id IN (" << Join(ids) << ") ORDER BY id");
        for (const auto& r : rs) {
          RawEvent e;
          e.id = GetInt(r, 0);
          e.channel = ParseChannel(GetString(r, 1)).value_or(ChannelKind::kWeb);
          e.dedup_key = GetString(r, 2);
          e.body = GetString(r, 3);
          e.received_at = GetInt(r, 4);
          e.attempts = static_cast<int>(GetInt(r, 5));
          out.push_back(std::move(e));
        }
      }
      return out;
    });
  }

  Status MarkRawEventDone(std::int64_t id, const std::string& outcome) override {
    return Run<Ok>(true, [&](soci::session& sql) -> Result<Ok> {
      ll i = id;
      sql << "UPDATE raw_events SET state = 'done', outcome = :o, lease_owner = '', "
             "lease_until = 0 WHERE id = :id",
          soci::use(outcome), soci::use(i);
      return Ok{};
    });
  }

  Status ReleaseRawEvent(std::int64_t id, const std::string& error, EpochMs retry_at) override {
    return Run<Ok>(true, [&](soci::session& sql) -> Result<Ok> {
      ll i = id, t = retry_at;
      // After many failed attempts an event is parked as failed (kept for inspection).
      sql << "UPDATE raw_events SET state = CASE WHEN attempts >= 10 THEN 'failed' ELSE "
             "'pending' END, outcome = :o, lease_owner = '', lease_until = 0, "
             "next_attempt_at = :t WHERE id = :id",
          soci::use(error), soci::use(t), soci::use(i);
      return Ok{};
    });
  }

  Result<std::int64_t> CountPendingRawEvents() override {
    return Run<std::int64_t>(false, [&](soci::session& sql) -> Result<std::int64_t> {
      ll n = 0;
      sql << "SELECT COUNT(*) FROM raw_events WHERE state = 'pending'", soci::into(n);
      return static_cast<std::int64_t>(n);
    });
  }

  // ---- outbox ----------------------------------------------------------------------------

  Result<std::int64_t> EnqueueOutbox(const OutboxItem& o, EpochMs now) override {
    return Run<std::int64_t>(true, [&](soci::session& sql) -> Result<std::int64_t> {
      std::int64_t id = InsertOutbox(sql, o, now);
      return id;
    });
  }

  Result<std::vector<OutboxItem>> ClaimOutbox(const std::string& owner, int limit, EpochMs now,
                                              EpochMs lease_until) override {
    return Run<std::vector<OutboxItem>>(true, [&](soci::session& sql)
                                                  -> Result<std::vector<OutboxItem>> {
      std::vector<ll> ids =
          ClaimIds(sql, "outbox", "state = 'pending'", owner, limit, now, lease_until);
      std::vector<OutboxItem> out;
      if (!ids.empty()) {
        soci::rowset<soci::row> rs = (sql.prepare << "SELECT " << kOutboxColumns
                                                  << " FROM outbox WHERE id IN (" << Join(ids)
                                                  << ") ORDER BY id");
        for (const auto& r : rs) out.push_back(RowToOutbox(r));
      }
      return out;
    });
  }

  Status MarkOutboxSent(std::int64_t id, const std::string& platform_message_id,
                        EpochMs now) override {
    return Run<Ok>(true, [&](soci::session& sql) -> Result<Ok> {
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

  Status MarkOutboxRetry(std::int64_t id, const std::string& error,
                         EpochMs next_attempt_at) override {
    return Run<Ok>(true, [&](soci::session& sql) -> Result<Ok> {
      ll i = id, t = next_attempt_at;
      sql << "UPDATE outbox SET last_error = :e, next_attempt_at = :t, attempts = attempts + 1, "
             "lease_owner = '', lease_until = 0 WHERE id = :id",
          soci::use(error), soci::use(t), soci::use(i);
      return Ok{};
    });
  }

  Status MarkOutboxFailed(std::int64_t id, const std::string& error, EpochMs now) override {
    return Run<Ok>(true, [&](soci::session& sql) -> Result<Ok> {
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

  Result<std::vector<OutboxItem>> ListOutboxForCase(std::int64_t case_id) override {
    return Run<std::vector<OutboxItem>>(false, [&](soci::session& sql)
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

  Result<std::int64_t> CountPendingOutbox() override {
    return Run<std::int64_t>(false, [&](soci::session& sql) -> Result<std::int64_t> {
      ll n = 0;
      sql << "SELECT COUNT(*) FROM outbox WHERE state = 'pending'", soci::into(n);
      return static_cast<std::int64_t>(n);
    });
  }

  // ---- tokens ----------------------------------------------------------------------------

  Result<PlatformToken> GetToken(const std::string& name) override {
    return Run<PlatformToken>(false, [&](soci::session& sql) { return LoadToken(sql, name); });
  }

  Result<PlatformToken> CompareAndSwapToken(const std::string& name, const PlatformToken& next,
                                            std::int64_t expected_version) override {
    return Run<PlatformToken>(true, [&](soci::session& sql) -> Result<PlatformToken> {
      ll version = 0, expires = next.expires_at, expected = expected_version;
      sql << "SELECT version FROM tokens WHERE name = :n" << ForUpdate(), soci::into(version),
          soci::use(name);
      bool exists = sql.got_data();
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

  // ---- corrections -----------------------------------------------------------------------

  Status AddCorrection(const TriageCorrection& c) override {
    return Run<Ok>(true, [&](soci::session& sql) -> Result<Ok> {
      ll id = c.case_id, at = c.at;
      sql << "INSERT INTO corrections (case_id, text, old_category, new_category, old_ward, "
             "new_ward, actor, at) VALUES (:c, :t, :oc, :nc, :ow, :nw, :a, :at)",
          soci::use(id), soci::use(c.text), soci::use(c.old_category), soci::use(c.new_category),
          soci::use(c.old_ward), soci::use(c.new_ward), soci::use(c.actor), soci::use(at);
      return Ok{};
    });
  }

  Result<std::vector<TriageCorrection>> ListCorrections() override {
    return Run<std::vector<TriageCorrection>>(false, [&](soci::session& sql)
                                                         -> Result<std::vector<TriageCorrection>> {
      soci::rowset<soci::row> rs =
          (sql.prepare << "SELECT case_id, text, old_category, new_category, old_ward, new_ward, "
                          "actor, at FROM corrections ORDER BY id");
      std::vector<TriageCorrection> out;
      for (const auto& r : rs) {
        out.push_back(TriageCorrection{GetInt(r, 0), GetString(r, 1), GetString(r, 2),
                                       GetString(r, 3), GetString(r, 4), GetString(r, 5),
                                       GetString(r, 6), GetInt(r, 7)});
      }
      return out;
    });
  }

 private:
  bool IsSqlite() const { return url_.backend == DbBackend::kSqlite; }
  const char* ForUpdate() const { return IsSqlite() ? "" : " FOR UPDATE"; }

  void OpenSession(soci::session& s) {
    if (IsSqlite()) {
      s.open(soci::sqlite3, url_.connect);
      s << "PRAGMA journal_mode=WAL";
      s << "PRAGMA synchronous=FULL";
      s << "PRAGMA busy_timeout=10000";
    } else {
      s.open(soci::mysql, url_.connect);
      s << "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED";
    }
  }

  // Borrows a session, runs `fn`, and turns database exceptions into Errors. Writes on SQLite
  // hold the single-writer mutex. A broken MariaDB connection is reopened for the next call.
  // Runs `fn` on a pooled session. Reads run as they are. Writes run in a transaction that is
  // committed only when `fn` returns ok; on SQLite, concurrent writes are grouped into one
  // transaction (one fsync) with a savepoint per write, so a failed write undoes only itself.
  template <typename T, typename F>
  Result<T> Run(bool write, F&& fn) {
    if (tx_session_ != nullptr) return RunNested<T>(*tx_session_, write, fn);
    if (!write) {
      soci::session sql(pool_);
      return Guard<T>(sql, fn);
    }
    if (IsSqlite()) return RunGrouped<T>(fn);
    soci::session sql(pool_);
    return Guard<T>(sql, [&](soci::session& s) -> Result<T> {
      soci::transaction tr(s);
      Result<T> r = fn(s);
      if (r.ok()) tr.commit();
      return r;  // not ok: the transaction's destructor rolls back
    });
  }

  // Inside InTransaction: reads see the batch's own writes; each write gets a savepoint so a
  // failure undoes only that write.
  template <typename T, typename F>
  Result<T> RunNested(soci::session& sql, bool write, F& fn) {
    if (!write) return Guard<T>(sql, fn, /*nested=*/true);
    const std::string sp = "wardline_nested_" + std::to_string(++savepoint_seq_);
    Result<T> r = Guard<T>(sql, [&](soci::session& s) -> Result<T> {
      s << "SAVEPOINT " << sp;
      return fn(s);
    }, /*nested=*/true);
    (void)Guard<Ok>(sql, [&](soci::session& s) -> Result<Ok> {
      if (!r.ok()) s << "ROLLBACK TO SAVEPOINT " << sp;
      s << "RELEASE SAVEPOINT " << sp;
      return Ok{};
    }, /*nested=*/true);
    return r;
  }

  // Turns database exceptions into Errors. A broken MariaDB connection is reopened for the
  // next call.
  template <typename T, typename F>
  Result<T> Guard(soci::session& sql, F&& fn, bool nested = false) {
    try {
      return fn(sql);
    } catch (const soci::soci_error& e) {
      const std::string what = WithoutStatement(e.what());
      if (IsDuplicateKey(what)) return AlreadyExists("duplicate: already stored");
      if (!nested && (IsConnectionError(what) || !IsSqlite())) {
        // On MariaDB any failure may have left the session unusable; reconnect quietly.
        TryReconnect(sql);
        if (IsConnectionError(what)) return Unavailable("database unavailable: " + what);
      }
      return Internal("database error: " + what);
    } catch (const std::exception& e) {
      return Internal(std::string("store error: ") + WithoutStatement(e.what()));
    }
  }

  struct GroupOp {
    std::function<bool(soci::session&)> run;  // true: keep its changes
    std::function<void(const Error&)> fail;   // the group's commit failed
    bool done = false;
  };

  // Leader/follower group commit: whoever finds no leader commits everything queued.
  template <typename T, typename F>
  Result<T> RunGrouped(F& fn) {
    std::optional<Result<T>> result;
    GroupOp op;
    op.run = [&](soci::session& s) {
      result.emplace(Guard<T>(s, fn));
      return result->ok();
    };
    op.fail = [&](const Error& e) { result.emplace(e); };
    std::unique_lock<std::mutex> lock(group_mu_);
    group_queue_.push_back(&op);
    while (!op.done) {
      if (leader_active_) {
        group_cv_.wait(lock);
        continue;
      }
      leader_active_ = true;
      std::vector<GroupOp*> batch;
      while (!group_queue_.empty() && batch.size() < kMaxGroup) {
        batch.push_back(group_queue_.front());
        group_queue_.pop_front();
      }
      lock.unlock();
      CommitGroup(batch);
      lock.lock();
      leader_active_ = false;
      for (GroupOp* o : batch) o->done = true;
      group_cv_.notify_all();
    }
    return std::move(*result);
  }

  void CommitGroup(const std::vector<GroupOp*>& batch) {
    soci::session sql(pool_);
    try {
      sql.begin();
      for (GroupOp* op : batch) {
        sql << "SAVEPOINT wardline_op";
        if (!op->run(sql)) sql << "ROLLBACK TO SAVEPOINT wardline_op";
        sql << "RELEASE SAVEPOINT wardline_op";
      }
      sql.commit();
    } catch (const std::exception& e) {
      try {
        sql.rollback();
      } catch (const std::exception&) {
        // Nothing more to undo.
      }
      const std::string what = WithoutStatement(e.what());
      Error err = IsConnectionError(what) ? Unavailable("database unavailable: " + what)
                                          : Internal("database commit failed: " + what);
      for (GroupOp* op : batch) op->fail(err);
    }
  }

  void TryReconnect(soci::session& sql) {
    if (IsSqlite()) return;
    try {
      sql.close();
      OpenSession(sql);
    } catch (const std::exception&) {
      // Still down: the next call tries again.
    }
  }

  Status Migrate() {
    soci::session sql(pool_);
    return Guard<Ok>(sql, [&](soci::session& sql) -> Result<Ok> {
      sql << "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)";
      int current = 0;
      soci::indicator ind = soci::i_ok;
      sql << "SELECT MAX(version) FROM schema_version", soci::into(current, ind);
      if (ind == soci::i_null) current = 0;
      const int latest = LatestSchemaVersion();
      if (current > latest) {
        return FailedPrecondition("the database schema is version " + std::to_string(current) +
                                  ", newer than this build of Wardline understands (" +
                                  std::to_string(latest) + "); upgrade Wardline");
      }
      for (const auto& m : MigrationsFor(url_.backend)) {
        if (m.version <= current) continue;
        if (IsSqlite()) {
          soci::transaction tr(sql);
          for (const auto& s : m.statements) sql << s;
          sql << "INSERT INTO schema_version (version) VALUES (:v)", soci::use(m.version);
          tr.commit();
        } else {  // MariaDB DDL commits implicitly
          for (const auto& s : m.statements) sql << s;
          sql << "INSERT INTO schema_version (version) VALUES (:v)", soci::use(m.version);
        }
      }
      return Ok{};
    });
  }

  ll LastId(soci::session& sql, const char* table) {
    long long id = 0;
    if (IsSqlite()) {
      sql << "SELECT last_insert_rowid()", soci::into(id);
    } else {
      sql << "SELECT LAST_INSERT_ID()", soci::into(id);
    }
    return id;
  }

  void InsertEvent(soci::session& sql, std::int64_t case_id, const std::string& kind,
                   const std::string& actor, const std::string& detail, EpochMs at) {
    ll id = case_id, t = at;
    sql << "INSERT INTO events (case_id, kind, actor, detail, at) VALUES (:c, :k, :a, :d, :t)",
        soci::use(id), soci::use(kind), soci::use(actor), soci::use(detail), soci::use(t);
  }

  void InsertMessage(soci::session& sql, std::int64_t case_id, const CaseMessage& m) {
    ll id = case_id, at = m.at;
    std::string ch = ChannelName(m.channel);
    soci::indicator ext_ind = m.external_id.empty() ? soci::i_null : soci::i_ok;
    std::string attachments = m.attachments_json.empty() ? "[]" : m.attachments_json;
    sql << "INSERT INTO messages (case_id, channel, direction, external_id, kind, text, "
           "attachments_json, at) VALUES (:c, :ch, :d, :e, :k, :t, :a, :at)",
        soci::use(id), soci::use(ch), soci::use(m.direction), soci::use(m.external_id, ext_ind),
        soci::use(m.kind), soci::use(m.text), soci::use(attachments), soci::use(at);
  }

  std::int64_t InsertOutbox(soci::session& sql, const OutboxItem& o, EpochMs now) {
    std::string ch = ChannelName(o.channel);
    ll case_id = o.case_id, t = now, next = o.next_attempt_at ? o.next_attempt_at : now;
    sql << "INSERT INTO outbox (case_id, channel, recipient, purpose, text, reply_ref, state, "
           "attempts, next_attempt_at, last_error, platform_message_id, lease_owner, "
           "lease_until, created_at, sent_at) VALUES (:c, :ch, :r, :p, :t, :rr, 'pending', 0, "
           ":n, '', '', '', 0, :at, 0)",
        soci::use(case_id), soci::use(ch), soci::use(o.recipient), soci::use(o.purpose),
        soci::use(o.text), soci::use(o.reply_ref), soci::use(next), soci::use(t);
    ll id = LastId(sql, "outbox");
    InsertEvent(sql, o.case_id, "outbox", "system", "queued " + o.purpose, now);
    return id;
  }

  Result<Case> LoadCase(soci::session& sql, std::int64_t id) {
    ll i = id;
    soci::rowset<soci::row> rs =
        (sql.prepare << "SELECT " << kCaseColumns << " FROM cases WHERE id = :id", soci::use(i));
    for (const auto& r : rs) return RowToCase(r);
    return NotFound("no case with id " + std::to_string(id));
  }

  Result<PlatformToken> LoadToken(soci::session& sql, const std::string& name) {
    soci::rowset<soci::row> rs = (sql.prepare << "SELECT access_token, refresh_token, expires_at, "
                                                 "version FROM tokens WHERE name = :n",
                                  soci::use(name));
    for (const auto& r : rs) {
      return PlatformToken{GetString(r, 0), GetString(r, 1), GetInt(r, 2), GetInt(r, 3)};
    }
    return NotFound("no token named " + name);
  }

  // Leases up to `limit` due rows of `table` to `owner`. MariaDB skips rows another process
  // holds locked; SQLite has one writer (the group commit). Must run inside a transaction.
  std::vector<ll> ClaimIds(soci::session& sql, const char* table, const char* where,
                           const std::string& owner, int limit, EpochMs now, EpochMs lease_until) {
    ll t = now, until = lease_until;
    std::vector<ll> ids;
    soci::rowset<soci::row> rs =
        (sql.prepare << "SELECT id FROM " << table << " WHERE " << where
                     << " AND next_attempt_at <= :n AND lease_until < :n2 ORDER BY id LIMIT "
                     << limit << (IsSqlite() ? "" : " FOR UPDATE SKIP LOCKED"),
         soci::use(t), soci::use(t));
    for (const auto& r : rs) ids.push_back(GetInt(r, 0));
    if (!ids.empty()) {
      sql << "UPDATE " << table << " SET lease_owner = :o, lease_until = :u WHERE id IN ("
          << Join(ids) << ")",
          soci::use(owner), soci::use(until);
    }
    return ids;
  }

  DatabaseUrl url_;
  int pool_size_;
  soci::connection_pool pool_;
  static constexpr std::size_t kMaxGroup = 256;
  // The session of the InTransaction() running on this thread, if any.
  static thread_local soci::session* tx_session_;
  static thread_local unsigned savepoint_seq_;
  std::mutex group_mu_;                // SQLite group commit
  std::condition_variable group_cv_;
  std::deque<GroupOp*> group_queue_;   // GUARDED_BY(group_mu_)
  bool leader_active_ = false;         // GUARDED_BY(group_mu_)
};

thread_local soci::session* SociStore::tx_session_ = nullptr;
thread_local unsigned SociStore::savepoint_seq_ = 0;

}  // namespace

Result<std::unique_ptr<Store>> OpenSociStore(const std::string& url, int pool_size) {
  auto parsed = ParseDatabaseUrl(url);
  if (!parsed.ok()) return parsed.error();
  auto store = std::make_unique<SociStore>(std::move(parsed).value(), pool_size < 1 ? 1 : pool_size);
  Status opened = store->Open();
  if (!opened.ok()) return opened.error();
  return std::unique_ptr<Store>(std::move(store));
}

Result<std::unique_ptr<Store>> OpenStore(const std::string& url, int pool_size) {
  return OpenSociStore(url, pool_size);
}

}  // namespace wardline
