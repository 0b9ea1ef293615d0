#include "gateway/routes.h"

#include <httplib.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <random>

#include "gateway/http_util.h"
#include "gateway/metrics.h"

namespace wardline::gateway {
namespace {

thread_local std::string current_request_id;

std::string NewRequestId() {
  // Unique enough to find one request in the log; not a secret.
  static std::atomic<std::uint64_t> seq{0};
  thread_local std::mt19937_64 rng(std::random_device{}());
  char buf[24];
  std::snprintf(buf, sizeof buf, "%08x%08llx", static_cast<unsigned>(rng()),
                static_cast<unsigned long long>(++seq));
  return buf;
}

}  // namespace

const std::string& CurrentRequestId() { return current_request_id; }

RouteHandler Instrument(Metrics& metrics, bool access_log, std::string route, RouteHandler h) {
  return [&metrics, access_log, route = std::move(route), h = std::move(h)](
             const httplib::Request& req, httplib::Response& res) {
    const auto start = std::chrono::steady_clock::now();
    current_request_id = NewRequestId();
    res.set_header("X-Request-Id", current_request_id);
    // Handlers that answer without naming a status mean 200; httplib fills it in only after
    // the handler returns, too late for the metrics.
    res.status = 200;
    try {
      h(req, res);
    } catch (const std::exception& e) {
      LogError(route, Internal(std::string("unhandled exception: ") + e.what()));
      SendErrorCode(res, 500, "internal", "internal error");
    }
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    metrics.ObserveRequest(route, req.method, res.status, secs);
    if (access_log) {
      std::clog << req.method << " " << route << " " << res.status << " "
                << static_cast<long long>(secs * 1e6) << "us id=" << current_request_id << "\n";
    }
    current_request_id.clear();
  };
}

void Routes::Get(const std::string& pattern, const std::string& route, RouteHandler h) {
  server_.Get(pattern, Instrument(metrics_, access_log_, route, std::move(h)));
}

void Routes::Post(const std::string& pattern, const std::string& route, RouteHandler h) {
  server_.Post(pattern, Instrument(metrics_, access_log_, route, std::move(h)));
}

int StatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return 400;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kAlreadyExists: return 409;
    case ErrorCode::kFailedPrecondition: return 409;
    case ErrorCode::kAborted: return 409;
    case ErrorCode::kPermissionDenied: return 403;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kResourceExhausted: return 429;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kDeadlineExceeded: return 504;
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

void SendErrorCode(httplib::Response& res, int status, const char* error, const std::string& message) {
  SendJson(res, status, {{"error", error}, {"message", message}, {"request_id", CurrentRequestId()}});
}

void SendError(httplib::Response& res, const Error& e) {
  const int status = StatusFor(e.code);
  if (status >= 500) {
    LogError("request", e);
    SendErrorCode(res, status, ErrorCodeName(e.code),
                  status == 503 ? "the service is temporarily unavailable; please try again shortly"
                                : "internal error; the request id identifies it in the log");
    return;
  }
  SendErrorCode(res, status, ErrorCodeName(e.code), e.message);
}

void LogError(const std::string& where, const Error& e) {
  std::cerr << "error id=" << CurrentRequestId() << " in " << where << ": "
            << ErrorCodeName(e.code) << ": " << e.message << "\n";
}

std::optional<nlohmann::json> JsonBody(const httplib::Request& req, httplib::Response& res) {
  auto body = nlohmann::json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    SendErrorCode(res, 400, "invalid_argument", "body must be a JSON object");
    return std::nullopt;
  }
  return body;
}

}  // namespace wardline::gateway
