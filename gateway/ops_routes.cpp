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

  routes.Get("/metrics", "/metrics", [d](const httplib::Request&, httplib::Response& res) {
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
