#include "gateway/config_loader.h"

#include <cstdlib>
#include <regex>
#include <set>
#include <toml++/toml.h>

namespace wardline::gateway {
namespace {

class Loader {
 public:
  Loader(std::string file, ConfigLoadResult& out) : file_(std::move(file)), out_(out) {}

  void Problem(const std::string& key, const std::string& message) {
    out_.problems.push_back(file_ + ": " + key + ": " + message);
  }

  std::string Str(const toml::table& t, const std::string& prefix, const char* key,
                  const std::string& fallback, bool required = false) {
    const toml::node* n = t.get(key);
    if (!n) {
      if (required) Problem(prefix + key, "is required");
      return fallback;
    }
    if (auto v = n->value<std::string>()) return *v;
    Problem(prefix + key, "must be a string");
    return fallback;
  }

  template <typename T>
  T Num(const toml::table& t, const std::string& prefix, const char* key, T fallback, T min_value,
        T max_value) {
    const toml::node* n = t.get(key);
    if (!n) return fallback;
    std::optional<double> v;
    if (auto i = n->value<int64_t>()) v = static_cast<double>(*i);
    else if (auto d = n->value<double>()) v = *d;
    if (!v) {
      Problem(prefix + key, "must be a number");
      return fallback;
    }
    if (*v < static_cast<double>(min_value) || *v > static_cast<double>(max_value)) {
      Problem(prefix + key, "must be between " + std::to_string(min_value) + " and " +
                                std::to_string(max_value));
      return fallback;
    }
    return static_cast<T>(*v);
  }

  bool Bool(const toml::table& t, const std::string& prefix, const char* key, bool fallback) {
    const toml::node* n = t.get(key);
    if (!n) return fallback;
    if (auto v = n->value<bool>()) return *v;
    Problem(prefix + key, "must be true or false");
    return fallback;
  }

  const toml::table* Table(const toml::table& root, const char* key) {
    const toml::node* n = root.get(key);
    if (!n) return nullptr;
    if (const toml::table* t = n->as_table()) return t;
    Problem(key, "must be a table");
    return nullptr;
  }

  void CheckKeys(const toml::table& t, const std::string& prefix,
                 const std::set<std::string>& allowed) {
    for (const auto& [k, v] : t) {
      if (!allowed.count(std::string(k.str()))) {
        Problem(prefix + std::string(k.str()), "unknown key (misspelt?)");
      }
    }
  }

 private:
  std::string file_;
  ConfigLoadResult& out_;
};

const std::regex kSlug("^[a-z0-9]+(-[a-z0-9]+)*$");
const std::regex kId("^[a-z0-9_]+$");

void ApplyEnv(AppConfig& c, const EnvLookup& env) {
  auto set = [&](const char* name, std::string& field) {
    if (auto v = env(name); v && !v->empty()) field = *v;
  };
  set("WARDLINE_DB", c.database_url);
  if (auto p = env("WARDLINE_PORT"); p && !p->empty()) {
    c.server.port = std::atoi(p->c_str());
  }
  set("WARDLINE_PUBLIC_URL", c.server.public_base_url);
  set("WARDLINE_MODEL", c.triage.model_path);
  set("ZALO_APP_ID", c.zalo.app_id);
  set("ZALO_OA_SECRET", c.zalo.oa_secret);
  set("ZALO_APP_SECRET", c.zalo.app_secret);
  set("ZALO_ACCESS_TOKEN", c.zalo.access_token);
  set("ZALO_REFRESH_TOKEN", c.zalo.refresh_token);
  set("ZALO_API_BASE", c.zalo.api_base);
  set("ZALO_OAUTH_BASE", c.zalo.oauth_base);
  set("FB_APP_SECRET", c.facebook.app_secret);
  set("FB_VERIFY_TOKEN", c.facebook.verify_token);
  set("FB_PAGE_TOKEN", c.facebook.page_token);
  set("FB_GRAPH_BASE", c.facebook.graph_base);
}

}  // namespace

EnvLookup ProcessEnv() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (!v) return std::nullopt;
    return std::string(v);
  };
}

ConfigLoadResult LoadConfig(const std::string& path, const EnvLookup& env) {
  ConfigLoadResult out;
  Loader L(path, out);
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    std::ostringstream msg;
    msg << e.description() << " (line " << e.source().begin.line << ")";
    L.Problem("(file)", msg.str());
    return out;
  } catch (const std::exception& e) {
    L.Problem("(file)", std::string("cannot read: ") + e.what());
    return out;
  }
  AppConfig& c = out.config;
  L.CheckKeys(root, "", {"district", "city", "server", "database", "triage", "threading", "sla",
                         "outbox", "zalo", "facebook", "auth", "departments", "categories", "routing",
                         "wards", "templates_dir", "static_dir"});
  c.district_name = L.Str(root, "", "district", "", true);
  c.city_name = L.Str(root, "", "city", "");
  c.templates_dir = L.Str(root, "", "templates_dir", c.templates_dir);
  c.static_dir = L.Str(root, "", "static_dir", c.static_dir);

  if (const toml::table* t = L.Table(root, "server")) {
    L.CheckKeys(*t, "server.", {"bind", "port", "threads", "max_body_bytes", "keep_alive_max_count",
                                "keep_alive_timeout_seconds", "public_base_url"});
    auto& s = c.server;
    s.bind = L.Str(*t, "server.", "bind", s.bind);
    s.port = L.Num<int>(*t, "server.", "port", s.port, 0, 65535);
    s.threads = L.Num<int>(*t, "server.", "threads", s.threads, 2, 1024);
    s.max_body_bytes = L.Num<std::size_t>(*t, "server.", "max_body_bytes", s.max_body_bytes, 1024,
                                          16 * 1024 * 1024);
    s.keep_alive_max_count = L.Num<int>(*t, "server.", "keep_alive_max_count",
                                        s.keep_alive_max_count, 1, 100000);
    s.keep_alive_timeout_seconds = L.Num<int>(*t, "server.", "keep_alive_timeout_seconds",
                                              s.keep_alive_timeout_seconds, 1, 600);
    s.public_base_url = L.Str(*t, "server.", "public_base_url", s.public_base_url);
  }
  if (const toml::table* t = L.Table(root, "auth")) {
    L.CheckKeys(*t, "auth.", {"session_idle_minutes", "session_absolute_hours", "api_login_hours"});
    auto& a = c.auth;
    a.session_idle_minutes = L.Num<int>(*t, "auth.", "session_idle_minutes",
                                        a.session_idle_minutes, 1, 24 * 60);
    a.session_absolute_hours = L.Num<int>(*t, "auth.", "session_absolute_hours",
                                          a.session_absolute_hours, 1, 24 * 30);
    a.api_login_hours = L.Num<int>(*t, "auth.", "api_login_hours", a.api_login_hours, 1, 24 * 90);
  }
  if (const toml::table* t = L.Table(root, "database")) {
    L.CheckKeys(*t, "database.", {"url"});
    c.database_url = L.Str(*t, "database.", "url", c.database_url);
  }
  if (const toml::table* t = L.Table(root, "triage")) {
    L.CheckKeys(*t, "triage.", {"min_confidence", "abbreviations", "model"});
    c.triage.min_confidence = L.Num<double>(*t, "triage.", "min_confidence",
                                            c.triage.min_confidence, 0.0, 1.0);
    c.triage.abbreviations_path = L.Str(*t, "triage.", "abbreviations", c.triage.abbreviations_path);
    c.triage.model_path = L.Str(*t, "triage.", "model", c.triage.model_path);
  }
  if (const toml::table* t = L.Table(root, "threading")) {
    L.CheckKeys(*t, "threading.", {"join_window_minutes", "event_workers"});
    c.threading.event_workers = L.Num<int>(*t, "threading.", "event_workers",
                                           c.threading.event_workers, 1, 64);
    c.threading.join_window_minutes = L.Num<int>(*t, "threading.", "join_window_minutes",
                                                 c.threading.join_window_minutes, 0, 24 * 60);
  }
  if (const toml::table* t = L.Table(root, "sla")) {
    L.CheckKeys(*t, "sla.", {"normal_hours", "urgent_hours", "acknowledge_minutes"});
    c.sla.normal_hours = L.Num<int>(*t, "sla.", "normal_hours", c.sla.normal_hours, 1, 24 * 90);
    c.sla.urgent_hours = L.Num<int>(*t, "sla.", "urgent_hours", c.sla.urgent_hours, 1, 24 * 30);
    c.sla.acknowledge_minutes = L.Num<int>(*t, "sla.", "acknowledge_minutes",
                                           c.sla.acknowledge_minutes, 1, 24 * 60);
  }
  if (const toml::table* t = L.Table(root, "outbox")) {
    L.CheckKeys(*t, "outbox.", {"max_attempts", "base_backoff_ms", "max_backoff_ms",
                                "lease_seconds", "connect_timeout_ms", "total_timeout_ms",
                                "workers"});
    auto& o = c.outbox;
    o.max_attempts = L.Num<int>(*t, "outbox.", "max_attempts", o.max_attempts, 1, 100);
    o.base_backoff_ms = L.Num<int>(*t, "outbox.", "base_backoff_ms", o.base_backoff_ms, 1, 3600000);
    o.max_backoff_ms = L.Num<int>(*t, "outbox.", "max_backoff_ms", o.max_backoff_ms, 1, 86400000);
    o.lease_seconds = L.Num<int>(*t, "outbox.", "lease_seconds", o.lease_seconds, 1, 3600);
    o.connect_timeout_ms = L.Num<int>(*t, "outbox.", "connect_timeout_ms", o.connect_timeout_ms, 10, 60000);
    o.total_timeout_ms = L.Num<int>(*t, "outbox.", "total_timeout_ms", o.total_timeout_ms, 10, 300000);
    o.workers = L.Num<int>(*t, "outbox.", "workers", o.workers, 1, 64);
    // A send must fit inside its lease, or no dispatcher would ever dare to send.
    if (static_cast<long long>(o.lease_seconds) * 1000 < o.total_timeout_ms + 1000LL) {
      L.Problem("outbox.lease_seconds", "must exceed total_timeout_ms by at least 1 s");
    }
  }
  if (const toml::table* t = L.Table(root, "zalo")) {
    L.CheckKeys(*t, "zalo.", {"enabled", "app_id", "oa_id", "api_base", "oauth_base",
                              "max_timestamp_skew_seconds", "default_ward"});
    auto& z = c.zalo;
    z.enabled = L.Bool(*t, "zalo.", "enabled", z.enabled);
    z.app_id = L.Str(*t, "zalo.", "app_id", z.app_id);
    z.oa_id = L.Str(*t, "zalo.", "oa_id", z.oa_id);
    z.api_base = L.Str(*t, "zalo.", "api_base", z.api_base);
    z.oauth_base = L.Str(*t, "zalo.", "oauth_base", z.oauth_base);
    z.max_timestamp_skew_seconds = L.Num<int>(*t, "zalo.", "max_timestamp_skew_seconds",
                                              z.max_timestamp_skew_seconds, 1, 86400 * 30);
    z.default_ward = L.Str(*t, "zalo.", "default_ward", z.default_ward);
  }
  if (const toml::table* t = L.Table(root, "facebook")) {
    L.CheckKeys(*t, "facebook.", {"enabled", "page_id", "graph_base", "graph_version",
                                  "standard_window_hours", "human_agent_window_days",
                                  "default_ward"});
    auto& f = c.facebook;
    f.enabled = L.Bool(*t, "facebook.", "enabled", f.enabled);
    f.page_id = L.Str(*t, "facebook.", "page_id", f.page_id);
    f.graph_base = L.Str(*t, "facebook.", "graph_base", f.graph_base);
    f.graph_version = L.Str(*t, "facebook.", "graph_version", f.graph_version);
    f.standard_window_hours = L.Num<int>(*t, "facebook.", "standard_window_hours",
                                         f.standard_window_hours, 1, 24 * 30);
    f.human_agent_window_days = L.Num<int>(*t, "facebook.", "human_agent_window_days",
                                           f.human_agent_window_days, 1, 30);
    f.default_ward = L.Str(*t, "facebook.", "default_ward", f.default_ward);
  }

  // Departments, categories, wards.
  auto each_table = [&](const char* key, auto&& fn) {
    const toml::node* n = root.get(key);
    if (!n) {
      L.Problem(key, "at least one entry is required");
      return;
    }
    const toml::array* arr = n->as_array();
    if (!arr) {
      L.Problem(key, "must be an array of tables ([[" + std::string(key) + "]])");
      return;
    }
    for (std::size_t i = 0; i < arr->size(); ++i) {
      std::string prefix = std::string(key) + "[" + std::to_string(i) + "].";
      const toml::table* t = arr->get(i)->as_table();
      if (!t) {
        L.Problem(prefix, "must be a table");
        continue;
      }
      fn(*t, prefix);
    }
  };
  std::set<std::string> seen;
  each_table("departments", [&](const toml::table& t, const std::string& p) {
    L.CheckKeys(t, p, {"id", "name"});
    Department d{L.Str(t, p, "id", "", true), L.Str(t, p, "name", "", true)};
    if (!d.id.empty() && !std::regex_match(d.id, kId)) L.Problem(p + "id", "must be lower-case a-z, 0-9, _");
    if (!d.id.empty() && !seen.insert("d:" + d.id).second) L.Problem(p + "id", "duplicate department '" + d.id + "'");
    c.departments.push_back(d);
  });
  each_table("categories", [&](const toml::table& t, const std::string& p) {
    L.CheckKeys(t, p, {"id", "label"});
    Category cat{L.Str(t, p, "id", "", true), L.Str(t, p, "label", "", true)};
    if (!cat.id.empty() && !seen.insert("c:" + cat.id).second) L.Problem(p + "id", "duplicate category '" + cat.id + "'");
    c.categories.push_back(cat);
  });
  each_table("wards", [&](const toml::table& t, const std::string& p) {
    L.CheckKeys(t, p, {"slug", "name", "bbox", "aliases", "partial_aliases", "streets"});
    Ward w{L.Str(t, p, "slug", "", true), L.Str(t, p, "name", "", true), {}};
    if (!w.slug.empty() && !std::regex_match(w.slug, kSlug)) {
      L.Problem(p + "slug", "'" + w.slug + "' must be ASCII lower-case words joined by '-', e.g. kim-lien");
    }
    if (!w.slug.empty() && !seen.insert("w:" + w.slug).second) L.Problem(p + "slug", "duplicate ward '" + w.slug + "'");
    if (const toml::node* b = t.get("bbox")) {
      const toml::array* arr = b->as_array();
      std::vector<double> v;
      if (arr) {
        for (const auto& x : *arr) {
          if (auto d = x.value<double>()) v.push_back(*d);
        }
      }
      if (v.size() != 4 || v[0] >= v[2] || v[1] >= v[3]) {
        L.Problem(p + "bbox", "must be [south, west, north, east] in degrees");
      } else {
        w.boundary = {{v[0], v[1]}, {v[0], v[3]}, {v[2], v[3]}, {v[2], v[1]}};
      }
    }
    // Former names and streets (config/hanoi-2025.toml): arrays of strings.
    for (auto [key, list] : {std::pair{"aliases", &w.aliases}, std::pair{"partial_aliases", &w.partial_aliases},
                             std::pair{"streets", &w.streets}}) {
      if (const toml::node* n = t.get(key)) {
        const toml::array* arr = n->as_array();
        if (!arr) {
          L.Problem(p + key, "must be an array of strings");
          continue;
        }
        for (const auto& x : *arr) {
          if (auto v = x.value<std::string>()) {
            list->push_back(*v);
          } else {
            L.Problem(p + key, "must be an array of strings");
          }
        }
      }
    }
    c.wards.push_back(w);
  });

  if (const toml::table* t = L.Table(root, "routing")) {
    L.CheckKeys(*t, "routing.", {"needs_triage_department", "categories", "wards"});
    c.routing.needs_triage_department =
        L.Str(*t, "routing.", "needs_triage_department", c.routing.needs_triage_department);
    if (!c.FindDepartment(c.routing.needs_triage_department)) {
      L.Problem("routing.needs_triage_department",
                "unknown department '" + c.routing.needs_triage_department + "'");
    }
    auto read_map = [&](const toml::table& m, const std::string& prefix,
                        std::map<std::string, std::string>& into) {
      for (const auto& [k, v] : m) {
        std::string cat(k.str());
        auto dept = v.value<std::string>();
        if (!c.FindCategory(cat)) L.Problem(prefix + cat, "unknown category");
        if (!dept) {
          L.Problem(prefix + cat, "must be a department id");
        } else if (!c.FindDepartment(*dept)) {
          L.Problem(prefix + cat, "unknown department '" + *dept + "'");
        } else {
          into[cat] = *dept;
        }
      }
    };
    if (const toml::node* n = t->get("categories"); n && n->as_table()) {
      read_map(*n->as_table(), "routing.categories.", c.routing.category_to_department);
    }
    for (const auto& cat : c.categories) {
      if (!c.routing.category_to_department.count(cat.id)) {
        L.Problem("routing.categories." + cat.id, "category has no department");
      }
    }
    if (const toml::node* n = t->get("wards"); n && n->as_table()) {
      for (const auto& [slug, m] : *n->as_table()) {
        std::string s(slug.str());
        if (!c.FindWard(s)) L.Problem("routing.wards." + s, "unknown ward");
        if (const toml::table* mt = m.as_table()) {
          read_map(*mt, "routing.wards." + s + ".", c.routing.ward_overrides[s]);
        }
      }
    }
  } else {
    L.Problem("routing", "is required");
  }
  for (const std::string* w : {&c.zalo.default_ward, &c.facebook.default_ward}) {
    if (!w->empty() && !c.FindWard(*w)) L.Problem("default_ward", "unknown ward '" + *w + "'");
  }

  ApplyEnv(c, env);
  if (c.server.port < 0 || c.server.port > 65535) L.Problem("WARDLINE_PORT", "must be a port number");
  return out;
}

}  // namespace wardline::gateway
