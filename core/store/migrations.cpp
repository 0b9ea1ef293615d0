#include "core/store/migrations.h"

#include <map>

namespace wardline {
namespace {

// The schema is written once with placeholders for the few type differences between
// SQLite and MariaDB, so the two backends cannot drift apart.
const std::map<std::string, std::pair<std::string, std::string>> kTypes = {
    {"{ID}", {"INTEGER PRIMARY KEY AUTOINCREMENT", "BIGINT PRIMARY KEY AUTO_INCREMENT"}},
    {"{TEXT}", {"TEXT", "MEDIUMTEXT"}},
    {"{KEY}", {"TEXT", "VARCHAR(191) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"}},
    {"{OPTS}", {"", " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci"}},
};

std::string Render(std::string sql, DbBackend backend) {
  for (const auto& [key, types] : kTypes) {
    const std::string& rep = backend == DbBackend::kSqlite ? types.first : types.second;
    for (auto pos = sql.find(key); pos != std::string::npos; pos = sql.find(key, pos + rep.size())) {
      sql.replace(pos, key.size(), rep);
    }
  }
  return sql;
}

struct Step {
  int version;
  const char* description;
  std::vector<const char*> statements;
};

const std::vector<Step> kSteps = {
    {1,
     "cases, messages, events, raw inbound events, outbox, tokens, corrections",
     {
         R"(CREATE TABLE cases (
  id {ID},
  tracking_code {KEY} NOT NULL,
  channel {KEY} NOT NULL,
  resident_ref {KEY} NOT NULL,
  reply_ref {KEY} NOT NULL,
  ward_slug {KEY} NOT NULL,
  category {KEY} NOT NULL,
  department {KEY} NOT NULL,
  priority {KEY} NOT NULL,
  confidence DOUBLE NOT NULL,
  status {KEY} NOT NULL,
  text {TEXT} NOT NULL,
  resident_name {TEXT} NOT NULL,
  resident_phone {TEXT} NOT NULL,
  resident_address {TEXT} NOT NULL,
  has_location INTEGER NOT NULL,
  lat DOUBLE NOT NULL,
  lon DOUBLE NOT NULL,
  resolution {TEXT} NOT NULL,
  delivery_note {TEXT} NOT NULL,
  merged_into BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  last_message_at BIGINT NOT NULL
){OPTS})",
         "CREATE UNIQUE INDEX cases_tracking_code ON cases (tracking_code)",
         "CREATE INDEX cases_resident ON cases (channel, resident_ref, last_message_at)",
         "CREATE INDEX cases_ward_status ON cases (ward_slug, status)",
         "CREATE INDEX cases_department_status ON cases (department, status)",
         R"(CREATE TABLE messages (
  id {ID},
  case_id BIGINT NOT NULL,
  channel {KEY} NOT NULL,
  direction {KEY} NOT NULL,
  external_id {KEY} NULL,
  kind {KEY} NOT NULL,
  text {TEXT} NOT NULL,
  attachments_json {TEXT} NOT NULL,
  at BIGINT NOT NULL
){OPTS})",
         "CREATE UNIQUE INDEX messages_external ON messages (channel, external_id)",
         "CREATE INDEX messages_case ON messages (case_id)",
         R"(CREATE TABLE events (
  id {ID},
  case_id BIGINT NOT NULL,
  kind {KEY} NOT NULL,
  actor {KEY} NOT NULL,
  detail {TEXT} NOT NULL,
  at BIGINT NOT NULL
){OPTS})",
         "CREATE INDEX events_case ON events (case_id)",
         R"(CREATE TABLE raw_events (
  id {ID},
  channel {KEY} NOT NULL,
  dedup_key {KEY} NOT NULL,
  body {TEXT} NOT NULL,
  received_at BIGINT NOT NULL,
  state {KEY} NOT NULL,
  attempts INTEGER NOT NULL,
  lease_owner {KEY} NOT NULL,
  lease_until BIGINT NOT NULL,
  next_attempt_at BIGINT NOT NULL,
  outcome {TEXT} NOT NULL
){OPTS})",
         "CREATE UNIQUE INDEX raw_events_dedup ON raw_events (channel, dedup_key)",
         "CREATE INDEX raw_events_pending ON raw_events (state, next_attempt_at)",
         R"(CREATE TABLE outbox (
  id {ID},
  case_id BIGINT NOT NULL,
  channel {KEY} NOT NULL,
  recipient {KEY} NOT NULL,
  purpose {KEY} NOT NULL,
  text {TEXT} NOT NULL,
  reply_ref {KEY} NOT NULL,
  state {KEY} NOT NULL,
  attempts INTEGER NOT NULL,
  next_attempt_at BIGINT NOT NULL,
  last_error {TEXT} NOT NULL,
  platform_message_id {KEY} NOT NULL,
  lease_owner {KEY} NOT NULL,
  lease_until BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  sent_at BIGINT NOT NULL
){OPTS})",
         "CREATE INDEX outbox_due ON outbox (state, next_attempt_at)",
         "CREATE INDEX outbox_case ON outbox (case_id)",
         R"(CREATE TABLE tokens (
  name {KEY} NOT NULL PRIMARY KEY,
  access_token {TEXT} NOT NULL,
  refresh_token {TEXT} NOT NULL,
  expires_at BIGINT NOT NULL,
  version BIGINT NOT NULL
){OPTS})",
         R"(CREATE TABLE corrections (
  id {ID},
  case_id BIGINT NOT NULL,
  text {TEXT} NOT NULL,
  old_category {KEY} NOT NULL,
  new_category {KEY} NOT NULL,
  old_ward {KEY} NOT NULL,
  new_ward {KEY} NOT NULL,
  actor {KEY} NOT NULL,
  at BIGINT NOT NULL
){OPTS})",
     }},
    {2,
     "resident locks: one worker at a time threads a resident's messages",
     {
         R"(CREATE TABLE resident_locks (
  channel {KEY} NOT NULL,
  resident_ref {KEY} NOT NULL,
  PRIMARY KEY (channel, resident_ref)
){OPTS})",
     }},
    {3,
     "staff work on cases (assignee, public summary, versions), staff accounts, sessions, "
     "API tokens, account audit log",
     {
         "ALTER TABLE cases ADD COLUMN assignee {KEY} NOT NULL DEFAULT ''",
         "ALTER TABLE cases ADD COLUMN public_summary {TEXT} NOT NULL DEFAULT ''",
         "ALTER TABLE cases ADD COLUMN reject_reason {KEY} NOT NULL DEFAULT ''",
         "ALTER TABLE cases ADD COLUMN search_text {TEXT} NOT NULL DEFAULT ''",
         "ALTER TABLE cases ADD COLUMN resolved_at BIGINT NOT NULL DEFAULT 0",
         "ALTER TABLE cases ADD COLUMN published_at BIGINT NOT NULL DEFAULT 0",
         "ALTER TABLE cases ADD COLUMN version BIGINT NOT NULL DEFAULT 1",
         // Lists filter by a few equalities and page by id (the primary key is the tail of
         // every secondary index on both backends).
         "CREATE INDEX cases_status ON cases (status)",
         "CREATE INDEX cases_assignee_status ON cases (assignee, status)",
         "CREATE INDEX cases_category_status ON cases (category, status)",
         "CREATE INDEX cases_created ON cases (created_at)",
         R"(CREATE TABLE users (
  id {ID},
  username {KEY} NOT NULL,
  display_name {TEXT} NOT NULL,
  role {KEY} NOT NULL,
  ward_slug {KEY} NOT NULL,
  department {KEY} NOT NULL,
  password_hash {KEY} NOT NULL,
  disabled INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
){OPTS})",
         "CREATE UNIQUE INDEX users_username ON users (username)",
         R"(CREATE TABLE sessions (
  id_hash {KEY} NOT NULL PRIMARY KEY,
  user_id BIGINT NOT NULL,
  kind {KEY} NOT NULL,
  csrf_token {KEY} NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  revoked INTEGER NOT NULL
){OPTS})",
         "CREATE INDEX sessions_user ON sessions (user_id)",
         R"(CREATE TABLE api_tokens (
  id {ID},
  user_id BIGINT NOT NULL,
  name {KEY} NOT NULL,
  token_hash {KEY} NOT NULL,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT NOT NULL,
  revoked INTEGER NOT NULL
){OPTS})",
         "CREATE UNIQUE INDEX api_tokens_hash ON api_tokens (token_hash)",
         "CREATE INDEX api_tokens_user ON api_tokens (user_id)",
         R"(CREATE TABLE audit_log (
  id {ID},
  actor {KEY} NOT NULL,
  action {KEY} NOT NULL,
  detail {TEXT} NOT NULL,
  client {KEY} NOT NULL,
  at BIGINT NOT NULL
){OPTS})",
     }},
    {4,
     "one ward's list newest first without a sort, and one ward's date range (bench/store: "
     "54 ms for ten pages of one ward, 21 ms for one week, at 100k cases)",
     {
         "CREATE INDEX cases_ward_id ON cases (ward_slug, id)",
         "CREATE INDEX cases_ward_created ON cases (ward_slug, created_at)",
     }},
};

}  // namespace

std::vector<Migration> MigrationsFor(DbBackend backend) {
  std::vector<Migration> out;
  for (const auto& step : kSteps) {
    Migration m{step.version, step.description, {}};
    for (const char* s : step.statements) m.statements.push_back(Render(s, backend));
    out.push_back(std::move(m));
  }
  return out;
}

int LatestSchemaVersion() { return kSteps.back().version; }

}  // namespace wardline
