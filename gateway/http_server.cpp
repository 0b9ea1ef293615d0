#include "gateway/http_server.h"

#include <chrono>
#include <iostream>

#include "gateway/http_util.h"
#include "gateway/listen_backlog.h"

namespace wardline::gateway {

int StatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return 400;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kAlreadyExists: return 409;
    case ErrorCode::kFailedPrecondition: return 409;
    case ErrorCode::kPermissionDenied: return 403;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kResourceExhausted: return 429;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kDeadlineExceeded: return 504;
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

HttpServer::HttpServer(GatewayDeps deps) : deps_(deps), server_(std::make_unique<httplib::Server>()) {
  const ServerConfig& sc = deps_.config.server;
  const int threads = sc.threads;
  server_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server_->set_tcp_nodelay(true);
  server_->set_payload_max_length(sc.max_body_bytes);
  server_->set_keep_alive_max_count(sc.keep_alive_max_count);
  server_->set_keep_alive_timeout(sc.keep_alive_timeout_seconds);
  server_->set_read_timeout(10, 0);
  server_->set_write_timeout(10, 0);
  server_->set_exception_handler([](const httplib::Request&, httplib::Response& res,
                                    std::exception_ptr) {
    res.status = 500;
    res.set_content("internal error\n", "text/plain; charset=utf-8");
  });
  // Answers for errors raised by httplib itself (413 body too large, 404 unknown route).
  const ward_sites::PageRenderer& renderer = deps_.renderer;
  server_->set_error_handler([&renderer](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 413) {
      if (WantsJson(req) || req.path.rfind("/webhooks/", 0) == 0 || req.path.rfind("/api/", 0) == 0) {
        SendJson(res, 413, {{"error", "payload_too_large"}, {"message", "request body is too large"}});
      } else {
        SendHtml(res, 413, renderer.ErrorPage(413, "Nội dung quá dài",
                                              "Nội dung gửi lên vượt quá giới hạn cho phép. Xin ông/bà rút gọn và gửi lại."));
      }
    } else if (res.status == 404) {
      if (WantsJson(req) || req.path.rfind("/api/", 0) == 0) {
        SendJson(res, 404, {{"error", "not_found"}, {"message", "no such route"}});
      } else {
        SendHtml(res, 404, renderer.ErrorPage(404, "Không tìm thấy trang",
                                              "Địa chỉ ông/bà truy cập không tồn tại."));
      }
    }
  });
  // Every answer: no framing (clickjacking), no MIME sniffing, no resources from elsewhere, no
  // inline script; the pages use none, so an injected tag cannot run.
  server_->set_default_headers({
      {"Content-Security-Policy",
       "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'"},
      {"X-Frame-Options", "DENY"},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "same-origin"},
  });
  server_->set_mount_point("/static", deps_.config.static_dir);
  RegisterPublicRoutes();
  RegisterWebhookRoutes();
  RegisterApiRoutes();
}

HttpServer::~HttpServer() = default;

int HttpServer::Bind(int port) {
  const std::string& host = deps_.config.server.bind;
  int bound = port == 0 ? server_->bind_to_any_port(host)
                        : (server_->bind_to_port(host, port) ? port : -1);
  if (bound > 0) WidenListenBacklog(bound);
  return bound;
}

void HttpServer::Serve() { server_->listen_after_bind(); }

void HttpServer::Stop() { server_->stop(); }

RouteHandler HttpServer::Instrument(const std::string& route, RouteHandler h) {
  return [this, route, h](const httplib::Request& req, httplib::Response& res) {
    const auto start = std::chrono::steady_clock::now();
    try {
      h(req, res);
    } catch (const std::exception& e) {
      std::cerr << "error in " << route << ": " << e.what() << "\n";
      res.status = 500;
      res.set_content("internal error\n", "text/plain; charset=utf-8");
    }
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    deps_.metrics.ObserveRequest(route, req.method, res.status, secs);
    if (deps_.access_log) {
      // Route pattern, not the path: no tracking codes, names or tokens in the log.
      std::clog << req.method << " " << route << " " << res.status << " "
                << static_cast<long long>(secs * 1e6) << "us\n";
    }
  };
}

}  // namespace wardline::gateway
