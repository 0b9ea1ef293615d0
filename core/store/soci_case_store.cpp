// CaseStore on SOCI: cases, their messages and audit events.
#include <algorithm>
#include <sstream>

#include "core/store/case_query_sql.h"
#include "core/store/soci_rows.h"
#include "core/store/soci_stores.h"

namespace wardline::store_impl {
namespace {

using ll = long long;

// Runs a statement built at run time (the case list) and calls `f` for every row.
template <typename F>
void ForEachRow(soci::session& sql, const std::string& text, const CaseListSql& q, F&& f) {
  soci::row row;
  soci::statement st(sql);
  st.alloc();
  st.exchange(soci::into(row));
  std::size_t si = 0, ii = 0;
  for (bool is_int : q.param_is_int) {
    if (is_int) {
      st.exchange(soci::use(q.int_params[ii++]));
    } else {
      st.exchange(soci::use(q.string_params[si++]));
    }
  }
  st.prepare(text);
  st.define_and_bind();
  if (!st.execute(true)) return;
  do {
    f(row);
  } while (st.fetch());
}

std::string TriageDetail(const Case& c) {
  std::ostringstream d;
  d << "category=" << c.category.value_or("") << " department=" << c.department
    << " priority=" << PriorityName(c.priority) << " ward=" << c.ward_slug
    << " confidence=" << c.confidence;
  return d.str();
}

class SociCaseStore final : public CaseStore {
 public:
  explicit SociCaseStore(SociDatabase& db) : db_(db) {}

  Result<Case> Create(const NewCase& nc, EpochMs now) override {
    return db_.Write<Case>([&](soci::session& sql) -> Result<Case> {
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
             "delivery_note, merged_into, created_at, updated_at, last_message_at, search_text, "
             "version) VALUES "
             "(:a,:b,:c,:d,:e,:f,:g,:h,:i,:j,:k,:l,:m,:n,:o,:p,:q,:r,:s,:t,:u,:v,:w,:x,1)",
          soci::use(c.tracking_code), soci::use(channel), soci::use(c.resident_ref),
          soci::use(c.reply_ref), soci::use(c.ward_slug), soci::use(category),
          soci::use(c.department), soci::use(priority), soci::use(confidence), soci::use(status),
          soci::use(c.text), soci::use(c.resident_name), soci::use(c.resident_phone),
          soci::use(c.resident_address), soci::use(has_loc), soci::use(lat), soci::use(lon),
          soci::use(c.resolution), soci::use(c.delivery_note), soci::use(merged), soci::use(t),
          soci::use(t), soci::use(last), soci::use(c.search_text);
      ll id = db_.LastId(sql);
      if (nc.first_message) InsertMessage(db_, sql, id, *nc.first_message);
      InsertEvent(sql, id, "created", nc.actor, std::string("channel=") + channel, now);
      // Triaged before it was stored: one commit for the whole intake.
      if (c.category) InsertEvent(sql, id, "triaged", "triage", TriageDetail(c), now);
      for (OutboxItem item : nc.outbox) {
        item.case_id = id;
        InsertOutbox(db_, sql, item, now);
      }
      return LoadCase(db_, sql, id);
    });
  }

  Result<Case> Get(std::int64_t id) override {
    return db_.Read<Case>([&](soci::session& sql) { return LoadCase(db_, sql, id); });
  }

  Result<Case> GetForUpdate(std::int64_t id) override {
    return db_.Read<Case>([&](soci::session& sql) { return LoadCase(db_, sql, id, true); });
  }

  Result<Case> GetByTrackingCode(const std::string& code) override {
    return db_.Read<Case>([&](soci::session& sql) -> Result<Case> {
      soci::rowset<soci::row> rs = (sql.prepare << "SELECT " << kCaseColumns
                                                << " FROM cases WHERE tracking_code = :c",
                                    soci::use(code));
      for (const auto& r : rs) return RowToCase(r);
      return NotFound("no case with this tracking code");
    });
  }

  Result<CasePage> List(const CaseQuery& q) override {
    return db_.Read<CasePage>([&](soci::session& sql) -> Result<CasePage> {
      const CaseListSql built = BuildCaseListSql(q, kCaseColumns);
      CasePage page;
      ForEachRow(sql, built.text, built, [&](const soci::row& r) { page.cases.push_back(RowToCase(r)); });
      const std::size_t limit = static_cast<std::size_t>(std::clamp(q.limit, 1, 500));
      if (page.cases.size() > limit) {
        page.cases.resize(limit);
        page.next = page.cases.back().id;
      }
      return page;
    });
  }

  Result<std::vector<std::string>> ExplainList(const CaseQuery& q) override {
    return db_.Read<std::vector<std::string>>([&](soci::session& sql)
                                                  -> Result<std::vector<std::string>> {
      const CaseListSql built = BuildCaseListSql(q, "id");
      std::vector<std::string> plan;
      const std::string text = (db_.IsSqlite() ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + built.text;
      ForEachRow(sql, text, built, [&](const soci::row& r) {
        if (db_.IsSqlite()) {
          plan.push_back(GetString(r, 3));
        } else {  // id, select_type, table, type, possible_keys, key, key_len, ref, rows, Extra
          plan.push_back("type=" + GetString(r, 3) + " possible_keys=" + GetString(r, 4) +
                         " key=" + GetString(r, 5) + " extra=" + GetString(r, 9));
        }
      });
      return plan;
    });
  }

  Result<Case> Save(const Case& c, std::int64_t expected_version, EpochMs now) override {
    return db_.Write<Case>([&](soci::session& sql) -> Result<Case> {
      std::string category = c.category.value_or(""), priority = PriorityName(c.priority),
                  status = StatusName(c.status);
      ll id = c.id, t = now, merged = c.merged_into.value_or(0), resolved = c.resolved_at,
         published = c.published_at, expected = expected_version, next = expected_version + 1;
      double confidence = c.confidence;
      soci::statement st =
          (sql.prepare << "UPDATE cases SET ward_slug = :w, category = :c, department = :d, "
                          "priority = :p, confidence = :f, status = :s, resolution = :r, "
                          "merged_into = :m, assignee = :a, public_summary = :ps, "
                          "reject_reason = :rr, search_text = :st, resolved_at = :ra, "
                          "published_at = :pa, updated_at = :u, version = :nv "
                          "WHERE id = :id AND version = :ev",
           soci::use(c.ward_slug), soci::use(category), soci::use(c.department),
           soci::use(priority), soci::use(confidence), soci::use(status), soci::use(c.resolution),
           soci::use(merged), soci::use(c.assignee), soci::use(c.public_summary),
           soci::use(c.reject_reason), soci::use(c.search_text), soci::use(resolved),
           soci::use(published), soci::use(t), soci::use(next), soci::use(id),
           soci::use(expected));
      st.execute(true);
      if (st.get_affected_rows() == 0) {
        auto current = LoadCase(db_, sql, c.id);
        if (!current.ok()) return current.error();
        return Aborted("the case was changed by someone else (now version " +
                       std::to_string(current->version) + ", you sent version " +
                       std::to_string(expected_version) + "); reload it and try again");
      }
      return LoadCase(db_, sql, c.id);
    });
  }

  Result<Case> FindOpenForResident(ChannelKind channel, const std::string& resident_ref,
                                   EpochMs since) override {
    return db_.Read<Case>([&](soci::session& sql) -> Result<Case> {
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
    if (db_.IsSqlite()) return OkStatus();
    return db_.Write<Ok>([&](soci::session& sql) -> Result<Ok> {
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
                    const std::optional<GeoPoint>& location, const std::string& search_text,
                    EpochMs now) override {
    return db_.Write<Ok>([&](soci::session& sql) -> Result<Ok> {
      ll id = case_id, t = now;
      std::string text;
      soci::indicator ind = soci::i_ok;
      sql << "SELECT text FROM cases WHERE id = :id" << db_.ForUpdate(), soci::into(text, ind),
          soci::use(id);
      if (!sql.got_data()) return NotFound("no such case");
      InsertMessage(db_, sql, case_id, m);
      if (!m.text.empty()) text = text.empty() ? m.text : text + "\n" + m.text;
      int has_loc = location ? 1 : 0;
      double lat = location ? location->lat : 0, lon = location ? location->lon : 0;
      sql << "UPDATE cases SET text = :t, search_text = :st, "
             "has_location = CASE WHEN :h = 1 THEN 1 ELSE has_location END, "
             "lat = CASE WHEN :h2 = 1 THEN :la ELSE lat END, "
             "lon = CASE WHEN :h3 = 1 THEN :lo ELSE lon END, "
             "last_message_at = :n, updated_at = :u WHERE id = :id",
          soci::use(text), soci::use(search_text), soci::use(has_loc), soci::use(has_loc),
          soci::use(lat), soci::use(has_loc), soci::use(lon), soci::use(t), soci::use(t),
          soci::use(id);
      InsertEvent(sql, case_id, "message", m.direction == "out" ? "system" : "resident",
                  "kind=" + m.kind, now);
      return Ok{};
    });
  }

  Result<std::vector<CaseMessage>> ListMessages(std::int64_t case_id) override {
    return db_.Read<std::vector<CaseMessage>>([&](soci::session& sql)
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
    return db_.Read<bool>([&](soci::session& sql) -> Result<bool> {
      std::string ch = ChannelName(channel);
      int n = 0;
      sql << "SELECT COUNT(*) FROM messages WHERE channel = :c AND external_id = :e",
          soci::into(n), soci::use(ch), soci::use(external_id);
      return n > 0;
    });
  }

  Status SetDeliveryNote(std::int64_t case_id, const std::string& note, EpochMs now) override {
    return db_.Write<Ok>([&](soci::session& sql) -> Result<Ok> {
      ll id = case_id, t = now;
      sql << "UPDATE cases SET delivery_note = :n, updated_at = :u WHERE id = :id",
          soci::use(note), soci::use(t), soci::use(id);
      InsertEvent(sql, case_id, "delivery", "system", note, now);
      return Ok{};
    });
  }

  Status AddEvent(const CaseEvent& e) override {
    return db_.Write<Ok>([&](soci::session& sql) -> Result<Ok> {
      InsertEvent(sql, e.case_id, e.kind, e.actor, e.detail, e.at);
      return Ok{};
    });
  }

  Result<std::vector<CaseEvent>> ListEvents(std::int64_t case_id) override {
    return db_.Read<std::vector<CaseEvent>>([&](soci::session& sql)
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

  Result<std::vector<StatusCount>> CountByStatus() override {
    return db_.Read<std::vector<StatusCount>>([&](soci::session& sql)
                                                  -> Result<std::vector<StatusCount>> {
      soci::rowset<soci::row> rs =
          (sql.prepare << "SELECT status, COUNT(*) FROM cases GROUP BY status ORDER BY status");
      std::vector<StatusCount> out;
      for (const auto& r : rs) out.push_back({GetString(r, 0), GetInt(r, 1)});
      return out;
    });
  }

 private:
  SociDatabase& db_;
};

}  // namespace

std::unique_ptr<CaseStore> MakeSociCaseStore(SociDatabase& db) {
  return std::make_unique<SociCaseStore>(db);
}

}  // namespace wardline::store_impl
