// Parses the database URLs of design.md: "sqlite3://db=PATH" and
// "mysql://db=NAME user=U password=P host=H port=N". The part after "://" is SOCI's own
// connection string; this only splits off and checks the backend.
#pragma once

#include <string>

#include "core/domain/result.h"

namespace wardline {

enum class DbBackend { kSqlite, kMysql };

struct DatabaseUrl {
  DbBackend backend = DbBackend::kSqlite;
  std::string connect;    // SOCI connection string, e.g. "db=data/wardline.db"
  std::string sqlite_path;  // for sqlite: the file path (parent folder is created)
};

Result<DatabaseUrl> ParseDatabaseUrl(const std::string& url);

// The URL with any password=... value replaced, for logs.
std::string RedactDatabaseUrl(const std::string& url);

}  // namespace wardline
