// SociStore: the Store on SOCI, for SQLite (embedded default, WAL, synchronous=FULL) and
// MariaDB/MySQL (utf8mb4, InnoDB). The only place with SQL. All values are bound parameters.
//
// Concurrency: a pool of sessions. On SQLite, writes are serialised by one in-process mutex
// (SQLite has a single writer anyway; waiting in-process avoids SQLITE_BUSY storms), so one
// process owns a SQLite file. On MariaDB, rows are claimed with SELECT ... FOR UPDATE
// SKIP LOCKED and a lease, so several hub processes can share one database.
#pragma once

#include <memory>
#include <string>

#include "core/store/store.h"

namespace wardline {

// See OpenStore() in store.h.
Result<std::unique_ptr<Store>> OpenSociStore(const std::string& url, int pool_size);

}  // namespace wardline
