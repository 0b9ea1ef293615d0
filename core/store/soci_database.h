// SociDatabase: the Database on SOCI, for SQLite (embedded default, WAL, synchronous=FULL) and
// MariaDB/MySQL (utf8mb4, InnoDB). Internal to core/store: the per-aggregate SOCI stores run
// their statements through Read(), Write() and Grouped(), which turn database exceptions into
// Errors. All values are bound parameters.
//
// Concurrency: a pool of sessions. On SQLite every write goes through one group-commit engine
// (SQLite has a single writer; concurrent writes share one transaction and one fsync, with a
// savepoint per write so a failed write undoes only itself). On MariaDB writes run in their own
// transactions, except Grouped() writes (webhook bodies), which share the same engine; rows
// are claimed with SELECT ... FOR UPDATE SKIP LOCKED and a lease, so several hub processes can
// share one database.
#pragma once

#include <soci/soci.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "core/store/database.h"
#include "core/store/database_url.h"

namespace wardline::store_impl {

class SociDatabase final : public Database {
 public:
  SociDatabase(DatabaseUrl url, int pool_size);
  SociDatabase(const SociDatabase&) = delete;
  SociDatabase& operator=(const SociDatabase&) = delete;

  // Opens every pooled session and runs the migrations. kUnavailable when the database cannot
  // be reached; kFailedPrecondition for a schema newer than this build.
  Status Open();

  Status Ping() override;
  Status InTransaction(const std::function<Status()>& fn) override;

  bool IsSqlite() const { return url_.backend == DbBackend::kSqlite; }
  // " FOR UPDATE" on MariaDB (row locks); nothing on SQLite (one writer).
  const char* ForUpdate() const { return IsSqlite() ? "" : " FOR UPDATE"; }
  const char* InsertIgnore() const { return IsSqlite() ? "INSERT OR IGNORE" : "INSERT IGNORE"; }
  long long LastId(soci::session& sql);

  // Runs a read on a pooled session (or the current transaction's).
  template <typename T, typename F>
  Result<T> Read(F&& fn) {
    if (tx_session_ != nullptr) return Guard<T>(*tx_session_, fn, /*nested=*/true);
    soci::session sql(pool_);
    return Guard<T>(sql, fn);
  }

  // Runs a write: committed only when `fn` returns ok. Inside InTransaction it joins the
  // transaction behind a savepoint.
  template <typename T, typename F>
  Result<T> Write(F&& fn) {
    if (tx_session_ != nullptr) return Nested<T>(*tx_session_, fn);
    if (IsSqlite()) return RunGrouped<T>(fn);
    soci::session sql(pool_);
    return Guard<T>(sql, [&](soci::session& s) -> Result<T> {
      soci::transaction tr(s);
      Result<T> r = fn(s);
      if (r.ok()) tr.commit();
      return r;  // not ok: the transaction's destructor rolls back
    });
  }

  // A write that may share its commit with concurrent ones on either backend: for small
  // independent inserts under load (webhook bodies), where N fsyncs become one.
  template <typename T, typename F>
  Result<T> Grouped(F&& fn) {
    if (tx_session_ != nullptr) return Nested<T>(*tx_session_, fn);
    return RunGrouped<T>(fn);
  }

 private:
  struct GroupOp {
    std::function<bool(soci::session&)> run;  // true: keep its changes
    std::function<void(const Error&)> fail;   // the group's commit failed
    bool done = false;
  };

  void OpenSession(soci::session& s);
  void TryReconnect(soci::session& sql);
  Error Translate(const std::string& what, soci::session& sql, bool nested);
  void CommitGroup(const std::vector<GroupOp*>& batch);
  Status Migrate();

  template <typename T, typename F>
  Result<T> Guard(soci::session& sql, F&& fn, bool nested = false) {
    try {
      return fn(sql);
    } catch (const soci::soci_error& e) {
      return Translate(e.what(), sql, nested);
    } catch (const std::exception& e) {
      return Internal(std::string("store error: ") + e.what());
    }
  }

  template <typename T, typename F>
  Result<T> Nested(soci::session& sql, F& fn) {
    const std::string sp = "wardline_nested_" + std::to_string(++savepoint_seq_);
    Result<T> r = Guard<T>(
        sql,
        [&](soci::session& s) -> Result<T> {
          s << "SAVEPOINT " << sp;
          return fn(s);
        },
        /*nested=*/true);
    (void)Guard<Ok>(
        sql,
        [&](soci::session& s) -> Result<Ok> {
          if (!r.ok()) s << "ROLLBACK TO SAVEPOINT " << sp;
          s << "RELEASE SAVEPOINT " << sp;
          return Ok{};
        },
        /*nested=*/true);
    return r;
  }

  // Leader/follower group commit: whoever finds no leader commits everything queued.
  template <typename T, typename F>
  Result<T> RunGrouped(F& fn) {
    std::optional<Result<T>> result;
    GroupOp op;
    op.run = [&](soci::session& s) {
      result.emplace(Guard<T>(s, fn, /*nested=*/true));
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

  static constexpr std::size_t kMaxGroup = 256;
  DatabaseUrl url_;
  int pool_size_;
  soci::connection_pool pool_;
  // The session of the InTransaction() running on this thread, if any.
  static thread_local soci::session* tx_session_;
  static thread_local unsigned savepoint_seq_;
  std::mutex group_mu_;
  std::condition_variable group_cv_;
  std::deque<GroupOp*> group_queue_;  // GUARDED_BY(group_mu_)
  bool leader_active_ = false;        // GUARDED_BY(group_mu_)
};

}  // namespace wardline::store_impl
