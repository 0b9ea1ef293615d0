// Database: the one connection to the database that every per-aggregate store shares. It owns
// the SOCI session pool, transactions, SQLite group commit and schema migrations; the stores
// (case_store.h, inbox_store.h, outbox_store.h, token_store.h, correction_store.h,
// account_store.h) run their SQL through it. No SOCI type appears here.
// Thread safety: safe to call from many threads at once.
#pragma once

#include <functional>

#include "core/domain/result.h"

namespace wardline {

class Database {
 public:
  virtual ~Database() = default;

  // kUnavailable when the database does not answer.
  virtual Status Ping() = 0;

  // Runs `fn` so that every store call it makes (on this thread) joins one transaction: one
  // commit for a whole unit of work. Committed when `fn` returns ok, rolled back otherwise.
  // A write inside that fails (e.g. a duplicate) undoes only itself, through a savepoint, so
  // `fn` may carry on after it. Nested calls join the outer transaction.
  // `fn` may run on another thread (SQLite group commit); it must not wait on other threads.
  // Errors: whatever `fn` returns; kUnavailable when the database cannot commit.
  virtual Status InTransaction(const std::function<Status()>& fn) = 0;
};

}  // namespace wardline
