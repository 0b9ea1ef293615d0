#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "gateway/config_loader.h"

using namespace wardline;
using namespace wardline::gateway;

namespace {

EnvLookup NoEnv() {
  return [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
}

std::string WriteTemp(const std::string& text) {
  static int n = 0;
  auto path = std::filesystem::temp_directory_path() /
              ("wardline-config-" + std::to_string(::getpid()) + "-" + std::to_string(n++) + ".toml");
  std::ofstream(path) << text;
  return path.string();
}

std::string Sample() { return std::string(WARDLINE_SOURCE_DIR) + "/config/wardline.toml"; }

}  // namespace

TEST_CASE("the sample configuration is valid and complete", "[config]") {
  ConfigLoadResult r = LoadConfig(Sample(), NoEnv());
  INFO((r.problems.empty() ? "" : r.problems.front()));
  REQUIRE(r.ok());
  const AppConfig& c = r.config;
  CHECK(c.district_name == "Quận Đống Đa");
  CHECK(c.wards.size() == 21);
  REQUIRE(c.FindWard("kim-lien"));
  CHECK(c.FindWard("kim-lien")->name == "Kim Liên");
  REQUIRE(c.FindWard("o-cho-dua"));
  CHECK(c.FindWard("o-cho-dua")->name == "Ô Chợ Dừa");
  CHECK(c.categories.size() == 12);
  for (const auto& cat : c.categories) CHECK_FALSE(c.DepartmentFor("kim-lien", cat.id).empty());
  CHECK(c.DepartmentFor("kim-lien", "an_ninh") == "cong_an");
  CHECK(c.DepartmentFor("van-mieu", "cay_xanh") == "van_phong");  // per-ward override
  CHECK(c.DepartmentFor("kim-lien", "cay_xanh") == "dia_chinh_xay_dung");
}

TEST_CASE("environment overrides secrets, database and port", "[config]") {
  std::map<std::string, std::string> env = {{"WARDLINE_DB", "sqlite3://db=/tmp/x.db"},
                                            {"WARDLINE_PORT", "9999"},
                                            {"ZALO_OA_SECRET", "zs"},
                                            {"FB_APP_SECRET", "fs"},
                                            {"ZALO_API_BASE", "http://127.0.0.1:1"}};
  ConfigLoadResult r = LoadConfig(Sample(), [&](const std::string& k) -> std::optional<std::string> {
    auto it = env.find(k);
    if (it == env.end()) return std::nullopt;
    return it->second;
  });
  REQUIRE(r.ok());
  CHECK(r.config.database_url == "sqlite3://db=/tmp/x.db");
  CHECK(r.config.server.port == 9999);
  CHECK(r.config.zalo.oa_secret == "zs");
  CHECK(r.config.facebook.app_secret == "fs");
  CHECK(r.config.zalo.api_base == "http://127.0.0.1:1");
}

TEST_CASE("every problem is reported with file and key", "[config]") {
  std::string path = WriteTemp(R"(
district = "Quận Test"
colour = "red"
[server]
port = 99999
[[departments]]
id = "van_phong"
name = "Văn phòng"
[[categories]]
id = "giao_thong"
label = "Giao thông"
[[categories]]
id = "khac"
label = "Khác"
[routing]
needs_triage_department = "nowhere"
[routing.categories]
giao_thong = "missing_dept"
[[wards]]
slug = "Kim Lien"
name = "Kim Liên"
[[wards]]
slug = "kim-lien"
name = "Kim Liên"
bbox = [1, 2, 3]
)");
  ConfigLoadResult r = LoadConfig(path, NoEnv());
  REQUIRE_FALSE(r.ok());
  auto has = [&](const std::string& needle) {
    for (const auto& p : r.problems) {
      if (p.find(needle) != std::string::npos && p.find(path) == 0) return true;
    }
    return false;
  };
  CHECK(has("colour: unknown key"));
  CHECK(has("server.port: must be between"));
  CHECK(has("routing.needs_triage_department: unknown department 'nowhere'"));
  CHECK(has("routing.categories.giao_thong: unknown department 'missing_dept'"));
  CHECK(has("routing.categories.khac: category has no department"));
  CHECK(has("wards[0].slug"));
  CHECK(has("wards[1].bbox"));
  CHECK(r.problems.size() >= 7);
}

TEST_CASE("a file that is not TOML is reported with its line", "[config]") {
  ConfigLoadResult r = LoadConfig(WriteTemp("district = \n[[wards"), NoEnv());
  REQUIRE_FALSE(r.ok());
  CHECK(r.problems.front().find("line") != std::string::npos);
  CHECK_FALSE(LoadConfig("/nonexistent/wardline.toml", NoEnv()).ok());
}
