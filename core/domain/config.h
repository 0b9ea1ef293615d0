// Configuration as plain structs, one per module. Loaded once at start (gateway/config_loader)
// from config/wardline.toml; each module receives its part by const reference.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/domain/types.h"

namespace wardline {

struct Ward {
  std::string slug;   // ASCII, e.g. "kim-lien"; used in URLs
  std::string name;   // proper name with diacritics, e.g. "Kim Liên"
  // Optional bounding polygon (lat, lon) for locating a shared map point; empty = unknown.
  std::vector<GeoPoint> boundary;
  // Former ward names that now belong wholly to this ward (e.g. after the 2025 merger); the
  // text naming one ("phường Trung Tự") is read as this ward.
  std::vector<std::string> aliases;
  // Former ward names split between this ward and others: a street of `streets` named in the
  // text decides, else the ward is ambiguous (needs triage).
  std::vector<std::string> partial_aliases;
  std::vector<std::string> streets;  // streets (or landmarks) that lie in this ward
};

struct Department {
  std::string id;     // e.g. "dia_chinh_xay_dung"
  std::string name;   // e.g. "Địa chính - Xây dựng - Đô thị và Môi trường"
};

struct Category {
  std::string id;     // e.g. "giao_thong"
  std::string label;  // e.g. "Hạ tầng giao thông"
};

struct RoutingConfig {
  std::map<std::string, std::string> category_to_department;
  // Per-ward overrides: ward slug -> (category -> department).
  std::map<std::string, std::map<std::string, std::string>> ward_overrides;
  std::string needs_triage_department = "van_phong";  // low-confidence cases go here
};

struct SlaConfig {
  int normal_hours = 72;      // working hours to answer a normal case
  int urgent_hours = 4;       // hours to answer an urgent case
  int acknowledge_minutes = 15;
};

struct TriageConfig {
  double min_confidence = 0.45;       // below: the needs-triage queue
  std::string model_path = "data/triage.model";
  std::string abbreviations_path = "triage/abbreviations.tsv";
};

struct ZaloConfig {
  bool enabled = true;
  std::string app_id;
  std::string oa_id;
  std::string oa_secret;      // signs webhooks (env ZALO_OA_SECRET)
  std::string app_secret;     // OAuth secret_key header
  std::string access_token;   // initial token (env ZALO_ACCESS_TOKEN)
  std::string refresh_token;  // initial refresh token (env ZALO_REFRESH_TOKEN)
  std::string api_base = "https://openapi.zalo.me";
  std::string oauth_base = "https://oauth.zaloapp.com";
  int max_timestamp_skew_seconds = 300;
  std::string default_ward;   // ward slug of this OA when it belongs to one ward
};

struct FacebookConfig {
  bool enabled = true;
  std::string page_id;
  std::string app_secret;     // env FB_APP_SECRET
  std::string verify_token;   // env FB_VERIFY_TOKEN
  std::string page_token;     // env FB_PAGE_TOKEN
  std::string graph_base = "https://graph.facebook.com";
  std::string graph_version = "v19.0";
  int standard_window_hours = 24;
  int human_agent_window_days = 7;
  std::string default_ward;
};

struct OutboxConfig {
  int max_attempts = 8;
  int base_backoff_ms = 2000;
  int max_backoff_ms = 600000;
  int lease_seconds = 60;
  int connect_timeout_ms = 3000;
  int total_timeout_ms = 10000;
  int workers = 2;
};

struct ServerConfig {
  std::string bind = "127.0.0.1";
  int port = 8080;
  int threads = 16;
  std::size_t max_body_bytes = 64 * 1024;        // forms and webhooks
  int keep_alive_max_count = 100;
  int keep_alive_timeout_seconds = 5;
  std::string public_base_url = "http://127.0.0.1:8080";  // for /track links sent to residents
};

// Staff sign-in (core/auth): how long sessions and API login tokens last.
struct AuthConfig {
  int session_idle_minutes = 30;    // a browser session unused this long ends
  int session_absolute_hours = 12;  // every session ends this long after login
  int api_login_hours = 12;         // tokens from POST /api/v1/login
};

struct ThreadingConfig {
  int join_window_minutes = 30;  // consecutive messages within this window join the open case
  int event_workers = 2;         // threads turning stored webhook events into cases
};

struct AppConfig {
  std::string district_name;   // "Quận Đống Đa"
  std::string city_name;       // "Hà Nội"
  std::vector<Ward> wards;
  std::vector<Department> departments;
  std::vector<Category> categories;
  RoutingConfig routing;
  SlaConfig sla;
  TriageConfig triage;
  ZaloConfig zalo;
  FacebookConfig facebook;
  OutboxConfig outbox;
  ServerConfig server;
  AuthConfig auth;
  ThreadingConfig threading;
  std::string database_url = "sqlite3://db=data/wardline.db";
  std::string templates_dir = "templates";
  std::string static_dir = "ward-sites/static";

  const Ward* FindWard(const std::string& slug) const {
    for (const auto& w : wards) {
      if (w.slug == slug) return &w;
    }
    return nullptr;
  }
  const Department* FindDepartment(const std::string& id) const {
    for (const auto& d : departments) {
      if (d.id == id) return &d;
    }
    return nullptr;
  }
  const Category* FindCategory(const std::string& id) const {
    for (const auto& c : categories) {
      if (c.id == id) return &c;
    }
    return nullptr;
  }
  // Department for a category in a ward (ward override first), or "" when unrouted.
  std::string DepartmentFor(const std::string& ward_slug, const std::string& category) const {
    auto w = routing.ward_overrides.find(ward_slug);
    if (w != routing.ward_overrides.end()) {
      auto it = w->second.find(category);
      if (it != w->second.end()) return it->second;
    }
    auto it = routing.category_to_department.find(category);
    return it == routing.category_to_department.end() ? "" : it->second;
  }
};

}  // namespace wardline
