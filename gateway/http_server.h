// HttpServer: the cpp-httplib server, its limits, and the routes of design.md. httplib types
// never leave gateway/. Handlers are thin: they validate input, call the store, intake or
// renderer, and map Errors to HTTP statuses through one table (StatusFor).
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include "core/domain/clock.h"
#include "core/domain/config.h"
#include "core/store/store.h"
#include "gateway/ingest_batcher.h"
#include "gateway/intake.h"
#include "gateway/metrics.h"
#include "ward-sites/page_renderer.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace wardline::gateway {

struct GatewayDeps {
  const AppConfig& config;
  Store& store;
  const Clock& clock;
  const ward_sites::PageRenderer& renderer;
  CaseIntake& intake;
  IngestBatcher& ingest;
  Metrics& metrics;
  bool access_log = true;
};

// The one ErrorCode -> HTTP status table.
int StatusFor(ErrorCode code);

using RouteHandler = std::function<void(const httplib::Request&, httplib::Response&)>;

class HttpServer {
 public:
  explicit HttpServer(GatewayDeps deps);
  ~HttpServer();

  // Binds to config.server.bind and `port` (0 = any free port). Returns the bound port, or -1.
  int Bind(int port);
  // Serves until Stop(); returns after in-flight requests are answered.
  void Serve();
  void Stop();

 private:
  // Wraps a handler with metrics, the access log and a last-resort error page.
  RouteHandler Instrument(const std::string& route, RouteHandler h);
  void RegisterPublicRoutes();
  void RegisterWebhookRoutes();
  void RegisterApiRoutes();

  GatewayDeps deps_;
  std::unique_ptr<httplib::Server> server_;
};

}  // namespace wardline::gateway
