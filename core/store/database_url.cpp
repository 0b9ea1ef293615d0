#include "core/store/database_url.h"

#include <regex>
#include <sstream>

namespace wardline {

Result<DatabaseUrl> ParseDatabaseUrl(const std::string& url) {
  auto pos = url.find("://");
  if (pos == std::string::npos) {
    return InvalidArgument("database URL must look like sqlite3://db=FILE or mysql://db=NAME ...: " +
                           RedactDatabaseUrl(url));
  }
  std::string scheme = url.substr(0, pos);
  DatabaseUrl out;
  out.connect = url.substr(pos + 3);
  if (scheme == "sqlite3" || scheme == "sqlite") {
    out.backend = DbBackend::kSqlite;
    std::istringstream in(out.connect);
    std::string part;
    while (in >> part) {
      if (part.rfind("db=", 0) == 0) out.sqlite_path = part.substr(3);
    }
    if (out.sqlite_path.empty()) return InvalidArgument("sqlite3 URL needs db=FILE");
    // Wait for a busy writer instead of failing at once (seconds).
    if (out.connect.find("timeout=") == std::string::npos) out.connect += " timeout=10";
  } else if (scheme == "mysql" || scheme == "mariadb") {
    out.backend = DbBackend::kMysql;
    if (out.connect.find("db=") == std::string::npos && out.connect.find("dbname=") == std::string::npos) {
      return InvalidArgument("mysql URL needs db=NAME");
    }
    // utf8mb4 so Vietnamese text and emoji survive.
    if (out.connect.find("charset=") == std::string::npos) out.connect += " charset=utf8mb4";
  } else {
    return InvalidArgument("unsupported database backend '" + scheme + "' (use sqlite3 or mysql)");
  }
  return out;
}

std::string RedactDatabaseUrl(const std::string& url) {
  static const std::regex kPassword(R"((password|pass)=(\S+))");
  return std::regex_replace(url, kPassword, "$1=***");
}

}  // namespace wardline
