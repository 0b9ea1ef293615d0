// The areas of the HTTP surface. Each registers its routes through its own function with its
// own small dependency struct; gateway/main.cpp builds the structs and calls them.
#pragma once

#include <functional>
#include <string>

#include "cases/case_intake.h"
#include "cases/case_service.h"
#include "core/auth/auth_service.h"
#include "core/domain/clock.h"
#include "core/domain/config.h"
#include "core/store/case_store.h"
#include "core/store/database.h"
#include "core/store/inbox_store.h"
#include "core/store/outbox_store.h"
#include "gateway/metrics.h"
#include "gateway/routes.h"
#include "ward-sites/page_renderer.h"

namespace wardline::gateway {

// /healthz, /livez, /metrics.
struct OpsDeps {
  Database& db;
  CaseStore& cases;
  InboxStore& inbox;
  OutboxStore& outbox;
  const Metrics& metrics;
};
void RegisterOpsRoutes(Routes& routes, const OpsDeps& d);

// The index, ward pages with the feedback form and published answers, /track.
struct PublicDeps {
  const AppConfig& catalogue;  // district, wards, categories, departments
  CaseStore& cases;
  cases::CaseIntake& intake;
  const ward_sites::PageRenderer& renderer;
  const Clock& clock;
};
void RegisterPublicRoutes(Routes& routes, const PublicDeps& d);

// /webhooks/zalo and /webhooks/facebook: verify, store durably, answer.
struct WebhookDeps {
  const ZaloConfig& zalo;
  const FacebookConfig& facebook;
  InboxStore& inbox;
  const Clock& clock;
  Metrics& metrics;
  std::function<void()> on_stored;  // wakes the event workers
};
void RegisterWebhookRoutes(Routes& routes, const WebhookDeps& d);

// Logins: POST /api/v1/login (JSON), GET/POST /login and POST /logout (browser), /staff.
struct AuthDeps {
  auth::AuthService& auth;
  const AppConfig& catalogue;  // ward names
  const ward_sites::PageRenderer& renderer;
  bool secure_cookies;  // public_base_url is https
};
void RegisterAuthRoutes(Routes& routes, const AuthDeps& d);

// /api/v1/cases...: the staff API on the case service.
struct StaffApiDeps {
  auth::AuthService& auth;
  cases::CaseService& service;
};
void RegisterStaffApiRoutes(Routes& routes, const StaffApiDeps& d);

// /api/v1/admin/...: parked webhook events and their replay.
struct AdminDeps {
  auth::AuthService& auth;
  InboxStore& inbox;
  std::function<void()> on_replayed;  // wakes the event workers
};
void RegisterAdminRoutes(Routes& routes, const AdminDeps& d);

}  // namespace wardline::gateway
