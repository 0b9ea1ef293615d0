#include "core/store/soci_rows.h"

#include <sstream>

namespace wardline::store_impl {

using ll = long long;

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

std::string JoinIds(const std::vector<ll>& ids) {
  std::ostringstream out;
  for (std::size_t i = 0; i < ids.size(); ++i) out << (i ? "," : "") << ids[i];
  return out.str();
}

const char* const kCaseColumns =
    "id, tracking_code, channel, resident_ref, reply_ref, ward_slug, category, department, "
    "priority, confidence, status, text, resident_name, resident_phone, resident_address, "
    "has_location, lat, lon, resolution, delivery_note, merged_into, created_at, updated_at, "
    "last_message_at, assignee, public_summary, reject_reason, search_text, resolved_at, "
    "published_at, version";

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
  c.assignee = GetString(r, 24);
  c.public_summary = GetString(r, 25);
  c.reject_reason = GetString(r, 26);
  c.search_text = GetString(r, 27);
  c.resolved_at = GetInt(r, 28);
  c.published_at = GetInt(r, 29);
  c.version = GetInt(r, 30);
  return c;
}

Result<Case> LoadCase(SociDatabase& db, soci::session& sql, std::int64_t id, bool lock) {
  ll i = id;
  soci::rowset<soci::row> rs = (sql.prepare << "SELECT " << kCaseColumns
                                            << " FROM cases WHERE id = :id"
                                            << (lock ? db.ForUpdate() : ""),
                                soci::use(i));
  for (const auto& r : rs) return RowToCase(r);
  return NotFound("no case with id " + std::to_string(id));
}

const char* const kOutboxColumns =
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
  o.state = ParseOutboxState(GetString(r, 7)).value_or(OutboxState::kPending);
  o.attempts = static_cast<int>(GetInt(r, 8));
  o.next_attempt_at = GetInt(r, 9);
  o.last_error = GetString(r, 10);
  o.platform_message_id = GetString(r, 11);
  o.created_at = GetInt(r, 12);
  o.sent_at = GetInt(r, 13);
  return o;
}

void InsertEvent(soci::session& sql, std::int64_t case_id, const std::string& kind,
                 const std::string& actor, const std::string& detail, EpochMs at) {
  ll id = case_id, t = at;
  sql << "INSERT INTO events (case_id, kind, actor, detail, at) VALUES (:c, :k, :a, :d, :t)",
      soci::use(id), soci::use(kind), soci::use(actor), soci::use(detail), soci::use(t);
}

void InsertMessage(SociDatabase& db, soci::session& sql, std::int64_t case_id,
                   const CaseMessage& m) {
  (void)db;
  ll id = case_id, at = m.at;
  std::string ch = ChannelName(m.channel);
  soci::indicator ext_ind = m.external_id.empty() ? soci::i_null : soci::i_ok;
  std::string attachments = m.attachments_json.empty() ? "[]" : m.attachments_json;
  sql << "INSERT INTO messages (case_id, channel, direction, external_id, kind, text, "
         "attachments_json, at) VALUES (:c, :ch, :d, :e, :k, :t, :a, :at)",
      soci::use(id), soci::use(ch), soci::use(m.direction), soci::use(m.external_id, ext_ind),
      soci::use(m.kind), soci::use(m.text), soci::use(attachments), soci::use(at);
}

std::int64_t InsertOutbox(SociDatabase& db, soci::session& sql, const OutboxItem& o,
                          EpochMs now) {
  std::string ch = ChannelName(o.channel);
  ll case_id = o.case_id, t = now, next = o.next_attempt_at ? o.next_attempt_at : now;
  sql << "INSERT INTO outbox (case_id, channel, recipient, purpose, text, reply_ref, state, "
         "attempts, next_attempt_at, last_error, platform_message_id, lease_owner, "
         "lease_until, created_at, sent_at) VALUES (:c, :ch, :r, :p, :t, :rr, 'pending', 0, "
         ":n, '', '', '', 0, :at, 0)",
      soci::use(case_id), soci::use(ch), soci::use(o.recipient), soci::use(o.purpose),
      soci::use(o.text), soci::use(o.reply_ref), soci::use(next), soci::use(t);
  ll id = db.LastId(sql);
  InsertEvent(sql, o.case_id, "outbox", "system", "queued " + o.purpose, now);
  return id;
}

std::vector<ll> ClaimIds(SociDatabase& db, soci::session& sql, const char* table,
                         const char* where, const std::string& owner, int limit, EpochMs now,
                         EpochMs lease_until) {
  ll t = now, until = lease_until;
  std::vector<ll> ids;
  soci::rowset<soci::row> rs =
      (sql.prepare << "SELECT id FROM " << table << " WHERE " << where
                   << " AND next_attempt_at <= :n AND lease_until < :n2 ORDER BY id LIMIT "
                   << limit << (db.IsSqlite() ? "" : " FOR UPDATE SKIP LOCKED"),
       soci::use(t), soci::use(t));
  for (const auto& r : rs) ids.push_back(GetInt(r, 0));
  if (!ids.empty()) {
    sql << "UPDATE " << table << " SET lease_owner = :o, lease_until = :u WHERE id IN ("
        << JoinIds(ids) << ")",
        soci::use(owner), soci::use(until);
  }
  return ids;
}

}  // namespace wardline::store_impl
