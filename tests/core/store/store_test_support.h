// Shared set-up of the store contract suites: the same cases run on SQLite (a temp file) and
// on MariaDB (WARDLINE_TEST_BACKEND=mysql with WARDLINE_TEST_MYSQL_URL, set by
// scripts/test.sh). Every test uses fresh random keys, so runs can share one MariaDB database.
#pragma once

#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>

#include "core/domain/tracking_code.h"
#include "core/store/stores.h"

namespace wardline::testing {

inline std::string Backend() {
  const char* b = std::getenv("WARDLINE_TEST_BACKEND");
  return b ? b : "sqlite";
}

inline std::string TempSqliteUrl() {
  static std::atomic<int> n{0};
  auto dir = std::filesystem::temp_directory_path() /
             ("wardline-store-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
  std::filesystem::create_directories(dir);
  return "sqlite3://db=" + (dir / "test.db").string();
}

inline std::string TestUrl() {
  if (Backend() == "mysql") {
    const char* url = std::getenv("WARDLINE_TEST_MYSQL_URL");
    if (!url) FAIL("WARDLINE_TEST_BACKEND=mysql needs WARDLINE_TEST_MYSQL_URL (scripts/test.sh sets it)");
    return url;
  }
  return TempSqliteUrl();
}

inline Stores OpenTestStores() {
  auto s = OpenStores(TestUrl(), 4);
  if (!s.ok()) FAIL("cannot open the stores: " << s.error().message);
  return std::move(s).value();
}

inline std::string Unique(const std::string& prefix) {
  return prefix + NewTrackingCode(SystemRandomBytes());
}

inline NewCase MakeCase(ChannelKind ch, const std::string& resident, const std::string& external_id,
                        const std::string& text) {
  NewCase nc;
  nc.data.tracking_code = NewTrackingCode(SystemRandomBytes());
  nc.data.channel = ch;
  nc.data.resident_ref = resident;
  nc.data.ward_slug = "kim-lien";
  nc.data.text = text;
  nc.data.resident_name = "Nguyễn Văn A";
  nc.data.resident_phone = "0912345678";
  CaseMessage m;
  m.channel = ch;
  m.direction = "in";
  m.external_id = external_id;
  m.kind = "text";
  m.text = text;
  m.at = 1000;
  nc.first_message = m;
  return nc;
}

}  // namespace wardline::testing
