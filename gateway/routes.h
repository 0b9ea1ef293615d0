// Routes: how each area of the gateway (ops, public pages, webhooks, auth, staff API, admin)
// registers its handlers. Every handler is wrapped by Instrument (metrics, access log, request
// id, last-resort error answer); authentication wrappers (staff_auth.h) compose the same way.
#pragma once

#include <functional>
#include <string>

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace wardline::gateway {

class Metrics;

using RouteHandler = std::function<void(const httplib::Request&, httplib::Response&)>;

// Wraps `h`: assigns the request id, times the request, counts it in `metrics` under the
// route pattern (never the path: no tracking codes or tokens in metrics or logs) with the
// status it was answered with, and turns an escaped exception into a 500.
RouteHandler Instrument(Metrics& metrics, bool access_log, std::string route, RouteHandler h);

class Routes {
 public:
  Routes(httplib::Server& server, Metrics& metrics, bool access_log)
      : server_(server), metrics_(metrics), access_log_(access_log) {}

  // `pattern` is a cpp-httplib regex; `route` its name in metrics and logs.
  void Get(const std::string& pattern, const std::string& route, RouteHandler h);
  void Post(const std::string& pattern, const std::string& route, RouteHandler h);

 private:
  httplib::Server& server_;
  Metrics& metrics_;
  bool access_log_;
};

}  // namespace wardline::gateway
