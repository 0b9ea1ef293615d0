// Loads config/wardline.toml into AppConfig, applies environment overrides (secrets, database,
// port, platform bases) and validates everything. Every problem is reported with file and key;
// the caller prints them and exits non-zero.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/domain/config.h"

namespace wardline::gateway {

// Reads an environment variable; injected so tests need not touch the process environment.
using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;
EnvLookup ProcessEnv();

struct ConfigLoadResult {
  AppConfig config;
  std::vector<std::string> problems;  // "FILE: key: message"; empty when valid
  bool ok() const { return problems.empty(); }
};

ConfigLoadResult LoadConfig(const std::string& path, const EnvLookup& env);

}  // namespace wardline::gateway
