#include "core/store/soci_database.h"

#include "core/store/sql_error_text.h"

#include <soci/mysql/soci-mysql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <filesystem>

#include "core/store/migrations.h"

namespace wardline::store_impl {
namespace {

bool IsDuplicateKey(const std::string& what) {
  return what.find("UNIQUE constraint") != std::string::npos ||
         what.find("Duplicate entry") != std::string::npos;
}

bool IsConnectionError(const std::string& what) {
  for (const char* s : {"gone away", "Lost connection", "Can't connect", "connect to",
                        "database is locked", "unable to open", "disk I/O", "Connection refused",
                        "not connected", "Server shutdown", "database or disk is full"}) {
    if (what.find(s) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

thread_local soci::session* SociDatabase::tx_session_ = nullptr;
thread_local unsigned SociDatabase::savepoint_seq_ = 0;

SociDatabase::SociDatabase(DatabaseUrl url, int pool_size)
    : url_(std::move(url)),
      pool_size_(pool_size < 1 ? 1 : pool_size),
      pool_(static_cast<std::size_t>(pool_size < 1 ? 1 : pool_size)) {}

Status SociDatabase::Open() {
  try {
    if (IsSqlite()) {
      std::filesystem::path p(url_.sqlite_path);
      if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
    }
    for (int i = 0; i < pool_size_; ++i) OpenSession(pool_.at(static_cast<std::size_t>(i)));
  } catch (const std::exception& e) {
    // The driver's text may name the host and user; it stays out of client answers (the
    // gateway logs it at start-up only).
    return Unavailable(std::string("cannot open database: ") + e.what());
  }
  return Migrate();
}

void SociDatabase::OpenSession(soci::session& s) {
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

void SociDatabase::TryReconnect(soci::session& sql) {
  if (IsSqlite()) return;
  try {
    sql.close();
    OpenSession(sql);
  } catch (const std::exception&) {
    // Still down: the next call tries again.
  }
}

// Error messages carry the driver's text for the log; the gateway never shows them to clients.
Error SociDatabase::Translate(const std::string& full, soci::session& sql, bool nested) {
  const std::string what = WithoutStatement(full);
  if (IsDuplicateKey(what)) return AlreadyExists("duplicate: already stored");
  const bool connection = IsConnectionError(what);
  // On MariaDB any failure may have left the session unusable; reconnect quietly.
  if (!nested && (connection || !IsSqlite())) TryReconnect(sql);
  if (connection) return Unavailable("database unavailable: " + what);
  return Internal("database error: " + what);
}

long long SociDatabase::LastId(soci::session& sql) {
  long long id = 0;
  if (IsSqlite()) {
    sql << "SELECT last_insert_rowid()", soci::into(id);
  } else {
    sql << "SELECT LAST_INSERT_ID()", soci::into(id);
  }
  return id;
}

Status SociDatabase::Ping() {
  return Read<Ok>([](soci::session& sql) -> Result<Ok> {
    int one = 0;
    sql << "SELECT 1", soci::into(one);
    return Ok{};
  });
}

Status SociDatabase::InTransaction(const std::function<Status()>& fn) {
  if (tx_session_ != nullptr) return fn();  // already inside one: join it
  return Write<Ok>([&](soci::session& sql) -> Result<Ok> {
    soci::session* outer = tx_session_;
    tx_session_ = &sql;
    struct Restore {
      soci::session*& slot;
      soci::session* value;
      ~Restore() { slot = value; }
    } restore{tx_session_, outer};
    return fn();
  });
}

void SociDatabase::CommitGroup(const std::vector<GroupOp*>& batch) {
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
    if (!IsSqlite()) TryReconnect(sql);
    for (GroupOp* op : batch) op->fail(err);
  }
}

Status SociDatabase::Migrate() {
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

}  // namespace wardline::store_impl
