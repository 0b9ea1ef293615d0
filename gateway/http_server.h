// HttpServer: the cpp-httplib server and its limits (threads, body size, keep-alive, time-outs)
// and the answers for errors httplib raises itself (413, unknown routes). The route areas
// register on routes(); main.cpp decides which. httplib types never leave gateway/.
#pragma once

#include <memory>
#include <string>

#include "core/domain/config.h"
#include "gateway/metrics.h"
#include "gateway/routes.h"
#include "ward-sites/page_renderer.h"

namespace wardline::gateway {

class HttpServer {
 public:
  // `static_dir` is served under /static.
  HttpServer(const ServerConfig& config, const std::string& static_dir,
             const ward_sites::PageRenderer& renderer, Metrics& metrics, bool access_log);
  ~HttpServer();

  Routes& routes() { return *routes_; }

  // Binds to config.bind and `port` (0 = any free port). Returns the bound port, or -1.
  int Bind(int port);
  // Serves until Stop(); returns after in-flight requests are answered.
  void Serve();
  void Stop();

 private:
  const ServerConfig& config_;
  std::unique_ptr<httplib::Server> server_;
  std::unique_ptr<Routes> routes_;
};

}  // namespace wardline::gateway
