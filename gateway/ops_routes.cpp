// Operations: health for load balancers, liveness, Prometheus metrics.
#include "gateway/http_util.h"
#include "gateway/route_areas.h"

namespace wardline::gateway {

void RegisterOpsRoutes(Routes& routes, const OpsDeps& d) {
  routes.Get("/healthz", "/healthz", [d](const httplib::Request&, httplib::Response& res) {
    if (d.db.Ping().ok()) return SendJson(res, 200, {{"status", "ok"}});
    SendJson(res, 503, {{"status", "unavailable"}, {"message", "database does not answer"},
                        {"request_id", CurrentRequestId()}});
  });

  // Liveness without touching the database: the no-op baseline of the benchmarks.
  routes.Get("/livez", "/livez", [](const httplib::Request&, httplib::Response& res) {
    res.status = 200;
    res.set_content("{\"status\":\"alive\"}", "application/json");
  });

  // Case counts, backlogs and per-route traffic are for the operator's scraper on this host,
  // not the public: only a direct loopback client (no proxy in between) gets them.
  routes.Get("/metrics", "/metrics", [d](const httplib::Request& req, httplib::Response& res) {
    const bool loopback = req.remote_addr == "127.0.0.1" || req.remote_addr == "::1" ||
                          req.remote_addr == "::ffff:127.0.0.1";
    if (!loopback || req.has_header("X-Forwarded-For") || req.has_header("Forwarded")) {
      res.status = 404;  // the same answer as an unknown route (the server's error handler)
      return;
    }
    StoreGauges g;
    g.database_up = d.db.Ping().ok();
    if (g.database_up) {
      if (auto c = d.cases.CountByStatus(); c.ok()) g.cases_by_status = *c;
      if (auto n = d.outbox.CountPending(); n.ok()) g.outbox_pending = *n;
      if (auto n = d.inbox.CountPending(); n.ok()) g.inbox_pending = *n;
      if (auto n = d.inbox.CountFailed(); n.ok()) g.inbox_failed = *n;
    }
    res.status = 200;
    res.set_content(d.metrics.Render(g), "text/plain; version=0.0.4; charset=utf-8");
  });
}

}  // namespace wardline::gateway
