// Admin API: webhook events that failed every attempt, and their replay.
#include "gateway/http_util.h"
#include "gateway/route_areas.h"
#include "gateway/staff_auth.h"

namespace wardline::gateway {

void RegisterAdminRoutes(Routes& routes, const AdminDeps& d) {
  InboxStore& inbox = d.inbox;
  auto on_replayed = d.on_replayed;

  routes.Get("/api/v1/admin/failed-events", "/api/v1/admin/failed-events",
             RequireRole(d.auth, {Role::kAdmin}, [&inbox](const httplib::Request&, httplib::Response& res,
                                                           const auth::Principal&) {
               auto failed = inbox.ListFailed(200);
               if (!failed.ok()) return SendError(res, failed.error());
               nlohmann::json arr = nlohmann::json::array();
               for (const auto& f : *failed) {
                 // The body is what the platform sent (it may hold a resident's message): admins
                 // see it to diagnose; it never leaves this authenticated route.
                 arr.push_back({{"id", f.event.id},
                                {"channel", ChannelName(f.event.channel)},
                                {"received_at", f.event.received_at},
                                {"attempts", f.event.attempts},
                                {"last_error", f.last_error},
                                {"body", f.event.body}});
               }
               SendJson(res, 200, {{"events", arr}});
             }));

  routes.Post(R"(/api/v1/admin/failed-events/(\d+)/replay)", "/api/v1/admin/failed-events/{id}/replay",
              RequireRole(d.auth, {Role::kAdmin}, [&inbox, on_replayed](const httplib::Request& req,
                                                                         httplib::Response& res,
                                                                         const auth::Principal&) {
                auto id = PositiveInt(req.matches[1].str());
                if (!id) return SendErrorCode(res, 404, "not_found", "no such event");
                if (Status s = inbox.Replay(*id); !s.ok()) return SendError(res, s.error());
                if (on_replayed) on_replayed();
                SendJson(res, 202, {{"id", *id}, {"state", "pending"}});
              }));
}

}  // namespace wardline::gateway
