// Row mapping and the few statements several SOCI stores share (a case's audit events and
// outbox items are written by the case, outbox and intake paths alike). Internal to core/store.
#pragma once

#include <soci/soci.h>

#include <string>
#include <vector>

#include "core/domain/types.h"
#include "core/store/soci_database.h"

namespace wardline::store_impl {

// Column values whatever integer/float type the backend reports.
long long GetInt(const soci::row& r, std::size_t i);
double GetDouble(const soci::row& r, std::size_t i);
std::string GetString(const soci::row& r, std::size_t i);

// "1,2,3" for an IN (...) list of ids (integers only: nothing from outside).
std::string JoinIds(const std::vector<long long>& ids);

extern const char* const kCaseColumns;
Case RowToCase(const soci::row& r);
// kNotFound when there is no such case. `lock`: FOR UPDATE on MariaDB.
Result<Case> LoadCase(SociDatabase& db, soci::session& sql, std::int64_t id, bool lock = false);

extern const char* const kOutboxColumns;
OutboxItem RowToOutbox(const soci::row& r);

void InsertEvent(soci::session& sql, std::int64_t case_id, const std::string& kind,
                 const std::string& actor, const std::string& detail, EpochMs at);
void InsertMessage(SociDatabase& db, soci::session& sql, std::int64_t case_id,
                   const CaseMessage& m);
// Queues an item (and its "outbox" event); returns the new id.
std::int64_t InsertOutbox(SociDatabase& db, soci::session& sql, const OutboxItem& o, EpochMs now);

// Leases up to `limit` due rows of `table` to `owner`. MariaDB skips rows another process
// holds locked; SQLite has one writer. Must run inside a write.
std::vector<long long> ClaimIds(SociDatabase& db, soci::session& sql, const char* table,
                                const char* where, const std::string& owner, int limit,
                                EpochMs now, EpochMs lease_until);

}  // namespace wardline::store_impl
