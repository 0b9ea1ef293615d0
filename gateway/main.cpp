// wardline: the composition root. The only code that names every concrete type: it loads the
// configuration, opens the store, builds the triage model, connectors, workers and the HTTP
// server, and wires them together.
//
//   wardline serve [--config FILE] [--db URL] [--port N]
//   wardline triage [--json] TEXT | wardline triage --jsonl < in.jsonl
//   wardline eval FILE.jsonl
//   wardline train CORPUS.jsonl... --out FILE [--db URL]   (adds staff corrections from the DB)
//   wardline user add|list|disable|passwd ... , wardline token create|revoke ...  (accounts_cli.h)
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "cases/case_intake.h"
#include "cases/case_service.h"
#include "connectors/common/backoff.h"
#include "connectors/common/curl_http_client.h"
#include "connectors/facebook/facebook_sender.h"
#include "connectors/zalo/zalo_sender.h"
#include "connectors/zalo/zalo_token_manager.h"
#include "core/auth/auth_service.h"
#include "core/auth/login_throttle.h"
#include "core/domain/tracking_code.h"
#include "core/store/database_url.h"
#include "core/store/stores.h"
#include "gateway/accounts_cli.h"
#include "gateway/config_loader.h"
#include "gateway/http_server.h"
#include "gateway/route_areas.h"
#include "gateway/template_messages.h"
#include "gateway/workers.h"
#include "triage/cli.h"
#include "triage/triager.h"

#ifndef WARDLINE_DEFAULT_MODEL
#define WARDLINE_DEFAULT_MODEL "build/triage.model"
#endif

namespace wardline::gateway {
namespace {

struct CommonOptions {
  std::string config_path = "config/wardline.toml";
  std::string db_url;
  int port = -1;
  std::vector<std::string> rest;  // arguments the subcommand handles itself
};

int Usage() {
  std::cerr << "usage:\n"
               "  wardline serve [--config FILE] [--db URL] [--port N]\n"
               "  wardline triage [--json] TEXT | wardline triage --jsonl < messages.jsonl\n"
               "  wardline eval FILE.jsonl\n"
               "  wardline train CORPUS.jsonl... --out FILE [--db URL]\n"
               "  wardline user add --username U --role ROLE [--ward SLUG] [--department ID]\n"
               "                    [--name NAME] [--password-env VAR]   [--config FILE --db URL]\n"
               "  wardline user list | user disable U | user passwd U [--password-env VAR]\n"
               "  wardline token create --username U --name LABEL | token revoke --username U --name LABEL\n";
  return 2;
}

bool ParseCommon(const std::vector<std::string>& args, CommonOptions& o) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto next = [&](std::string& into) {
      if (i + 1 >= args.size()) {
        std::cerr << "wardline: " << a << " needs a value\n";
        return false;
      }
      into = args[++i];
      return true;
    };
    if (a == "--config") {
      if (!next(o.config_path)) return false;
    } else if (a == "--db") {
      if (!next(o.db_url)) return false;
    } else if (a == "--port") {
      std::string p;
      if (!next(p)) return false;
      try {
        o.port = std::stoi(p);
      } catch (const std::exception&) {
        std::cerr << "wardline: --port must be a number\n";
        return false;
      }
    } else {
      o.rest.push_back(a);
    }
  }
  return true;
}

// Loads and validates the configuration; prints every problem. Command-line flags win over
// the environment, which wins over the file.
std::optional<AppConfig> LoadOrReport(const CommonOptions& o) {
  ConfigLoadResult r = LoadConfig(o.config_path, ProcessEnv());
  if (!r.ok()) {
    std::cerr << "wardline: the configuration has " << r.problems.size() << " problem(s):\n";
    for (const auto& p : r.problems) std::cerr << "  " << p << "\n";
    return std::nullopt;
  }
  AppConfig c = r.config;
  // Templates and static files ship beside config/: find them from any working directory.
  const std::filesystem::path root =
      std::filesystem::absolute(o.config_path).parent_path().parent_path();
  for (std::string* dir : {&c.templates_dir, &c.static_dir}) {
    if (std::filesystem::path(*dir).is_relative() && !std::filesystem::exists(*dir) &&
        std::filesystem::exists(root / *dir)) {
      *dir = (root / *dir).string();
    }
  }
  if (!o.db_url.empty()) c.database_url = o.db_url;
  if (o.port >= 0) c.server.port = o.port;
  if (c.triage.model_path.empty() || c.triage.model_path == TriageConfig{}.model_path) {
    if (!std::getenv("WARDLINE_MODEL")) c.triage.model_path = WARDLINE_DEFAULT_MODEL;
  }
  return c;
}

std::optional<triage::Triager> LoadTriager(const AppConfig& c) {
  auto model = triage::Model::Load(c.triage.model_path);
  if (!model.ok()) {
    std::cerr << "wardline: cannot load the triage model " << c.triage.model_path << ": "
              << model.error().message << "\n(build it with cmake --build build)\n";
    return std::nullopt;
  }
  return triage::Triager(c, std::move(model).value());
}

auth::AuthSettings AuthSettingsFrom(const AuthConfig& c) {
  auth::AuthSettings s;
  s.session_idle_minutes = c.session_idle_minutes;
  s.session_absolute_hours = c.session_absolute_hours;
  s.api_login_hours = c.api_login_hours;
  return s;
}

// Blocks SIGINT/SIGTERM in every thread; a dedicated thread waits for them.
sigset_t BlockStopSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  signal(SIGPIPE, SIG_IGN);
  return set;
}

int Serve(const CommonOptions& o) {
  sigset_t stop_signals = BlockStopSignals();
  auto loaded = LoadOrReport(o);
  if (!loaded) return 1;
  const AppConfig config = *loaded;

  std::clog << "wardline: opening " << RedactDatabaseUrl(config.database_url) << "\n";
  auto stores_r = OpenStores(config.database_url, config.server.threads / 2 + 4);
  if (!stores_r.ok()) {
    std::cerr << "wardline: " << stores_r.error().message << "\n";
    return 1;
  }
  Stores stores = std::move(stores_r).value();

  auto triager = LoadTriager(config);
  if (!triager) return 1;
  auto renderer_r = ward_sites::PageRenderer::Load(config.templates_dir);
  if (!renderer_r.ok()) {
    std::cerr << "wardline: " << renderer_r.error().message << "\n";
    return 1;
  }
  std::shared_ptr<const ward_sites::PageRenderer> renderer = *renderer_r;
  const TemplateMessages resident_messages(*renderer);

  SystemClock clock;
  Metrics metrics;
  const std::string owner = "hub-" + std::to_string(::getpid());

  cases::CaseIntake intake(*stores.cases, config,
                           {config.threading.join_window_minutes, config.server.public_base_url},
                           clock, *triager, resident_messages, SystemRandomBytes());
  cases::CaseService service({*stores.db, *stores.cases, *stores.outbox, *stores.corrections,
                              *stores.accounts, config, clock, resident_messages,
                              config.server.public_base_url});
  auth::LoginThrottle throttle(clock);
  auth::AuthService auth(*stores.accounts, clock, SystemRandomBytes(), throttle,
                         AuthSettingsFrom(config.auth));

  EventWorker events(*stores.db, *stores.inbox,
                     {config.zalo.default_ward, config.facebook.default_ward, config.zalo.oa_id,
                      config.facebook.page_id},
                     clock, intake, metrics, owner);

  connectors::common::CurlHttpClient http;
  connectors::common::Mt19937Random random(static_cast<std::uint64_t>(clock.NowMs()) ^ ::getpid());
  connectors::zalo::ZaloTokenManager zalo_tokens(config.zalo, *stores.tokens, http, clock);
  connectors::zalo::ZaloSender zalo_sender(config.zalo, config.outbox, http, zalo_tokens);
  connectors::facebook::FacebookSender fb_sender(config.facebook, config.outbox, http);
  OutboxDispatcher outbox(*stores.outbox, *stores.cases, config.outbox, clock, metrics, owner,
                          random);
  if (config.zalo.enabled) outbox.Register(zalo_sender);
  if (config.facebook.enabled) outbox.Register(fb_sender);

  const char* log_env = std::getenv("WARDLINE_ACCESS_LOG");
  HttpServer server(config.server, config.static_dir, *renderer, metrics,
                    !(log_env && std::string(log_env) == "0"));
  Routes& routes = server.routes();
  const auto wake_events = [&events] { events.Wake(); };
  RegisterOpsRoutes(routes, {*stores.db, *stores.cases, *stores.inbox, *stores.outbox, metrics});
  RegisterPublicRoutes(routes, {config, *stores.cases, intake, *renderer, clock});
  RegisterWebhookRoutes(routes, {config.zalo, config.facebook, *stores.inbox, clock, metrics,
                                 wake_events});
  RegisterAuthRoutes(routes, {auth, config, *renderer,
                              config.server.public_base_url.rfind("https://", 0) == 0});
  RegisterStaffApiRoutes(routes, {auth, service});
  RegisterAdminRoutes(routes, {auth, *stores.inbox, wake_events});

  int port = server.Bind(config.server.port);
  if (port < 0) {
    std::cerr << "wardline: cannot listen on " << config.server.bind << ":" << config.server.port
              << "\n";
    return 1;
  }
  events.Start(config.threading.event_workers);
  outbox.Start(config.outbox.workers);

  std::thread signal_waiter([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    std::clog << "wardline: stopping (signal " << sig << "), finishing requests in flight\n";
    server.Stop();
  });
  std::clog << "wardline: serving " << config.district_name << " (" << config.wards.size()
            << " wards) on http://" << config.server.bind << ":" << port << "\n";
  std::cout << "listening on port " << port << std::endl;
  server.Serve();
  // Stop order is the reverse of start: no new requests, then the writers, then the workers.
  events.Stop();
  outbox.Stop();
  if (signal_waiter.joinable()) {
    pthread_kill(signal_waiter.native_handle(), SIGTERM);
    signal_waiter.join();
  }
  std::clog << "wardline: stopped\n";
  return 0;
}

int Train(const CommonOptions& o) {
  std::vector<triage::Example> extra;
  if (!o.db_url.empty()) {
    auto loaded = LoadOrReport(o);
    if (!loaded) return 1;
    auto stores = OpenStores(o.db_url, 1);
    if (!stores.ok()) {
      std::cerr << "wardline: " << stores.error().message << "\n";
      return 1;
    }
    auto corrections = stores->corrections->List();
    if (!corrections.ok()) {
      std::cerr << "wardline: " << corrections.error().message << "\n";
      return 1;
    }
    extra = triage::ExamplesFromCorrections(*corrections, *loaded);
    std::clog << "wardline: adding " << extra.size() << " staff correction(s) from the database\n";
  }
  return triage::TrainCommand(o.rest, extra, std::cout, std::cerr);
}

// `wardline user ...` and `wardline token ...` on the database of --config / --db.
int Accounts(const std::string& cmd, const CommonOptions& o) {
  auto loaded = LoadOrReport(o);
  if (!loaded) return 1;
  auto stores = OpenStores(loaded->database_url, 1);
  if (!stores.ok()) {
    std::cerr << "wardline: " << stores.error().message << "\n";
    return 1;
  }
  SystemClock clock;
  auth::LoginThrottle throttle(clock);
  auth::AuthService auth(*stores->accounts, clock, SystemRandomBytes(), throttle,
                         AuthSettingsFrom(loaded->auth));
  if (cmd == "token") return TokenCommand(o.rest, auth, std::cout, std::cerr);
  const PasswordSource passwords{std::cin, ProcessEnv()};
  return UserCommand(o.rest, auth, *loaded, passwords, std::cout, std::cerr);
}

}  // namespace

int Main(int argc, char** argv) {
  if (argc < 2) return Usage();
  const std::string cmd = argv[1];
  std::vector<std::string> args(argv + 2, argv + argc);
  CommonOptions o;
  if (!ParseCommon(args, o)) return 2;
  if (cmd == "serve") {
    if (!o.rest.empty()) {
      std::cerr << "wardline: unknown argument " << o.rest.front() << "\n";
      return Usage();
    }
    return Serve(o);
  }
  if (cmd == "train") return Train(o);
  if (cmd == "user" || cmd == "token") return Accounts(cmd, o);
  if (cmd == "triage" || cmd == "eval" || cmd == "cluster") {
    auto loaded = LoadOrReport(o);
    if (!loaded) return 1;
    if (cmd == "triage") return triage::TriageCommand(*loaded, o.rest, std::cin, std::cout, std::cerr);
    if (cmd == "cluster") return triage::ClusterCommand(*loaded, o.rest, std::cin, std::cout, std::cerr);
    return triage::EvalCommand(*loaded, o.rest, std::cout, std::cerr);
  }
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    Usage();
    return 0;
  }
  std::cerr << "wardline: unknown command '" << cmd << "'\n";
  return Usage();
}

}  // namespace wardline::gateway

int main(int argc, char** argv) { return wardline::gateway::Main(argc, argv); }
