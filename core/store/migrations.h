// Versioned schema migrations. A schema_version table holds the applied version; start-up
// applies the missing steps in order, a second start is a no-op, and a database written by a
// newer build is refused.
#pragma once

#include <string>
#include <vector>

#include "core/store/database_url.h"

namespace wardline {

struct Migration {
  int version;
  std::string description;
  std::vector<std::string> statements;  // for the given backend
};

std::vector<Migration> MigrationsFor(DbBackend backend);

int LatestSchemaVersion();

}  // namespace wardline
