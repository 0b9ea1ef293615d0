#include "gateway/http_server.h"

#include "gateway/http_util.h"
#include "gateway/listen_backlog.h"

namespace wardline::gateway {

HttpServer::HttpServer(const ServerConfig& config, const std::string& static_dir,
                       const ward_sites::PageRenderer& renderer, Metrics& metrics, bool access_log)
    : config_(config), server_(std::make_unique<httplib::Server>()) {
  const int threads = config.threads;
  server_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server_->set_tcp_nodelay(true);
  server_->set_payload_max_length(config.max_body_bytes);
  server_->set_keep_alive_max_count(config.keep_alive_max_count);
  server_->set_keep_alive_timeout(config.keep_alive_timeout_seconds);
  server_->set_read_timeout(10, 0);
  server_->set_write_timeout(10, 0);
  server_->set_exception_handler([](const httplib::Request&, httplib::Response& res,
                                    std::exception_ptr) {
    SendErrorCode(res, 500, "internal", "internal error");
  });
  // Answers for errors raised by httplib itself (413 body too large, 404 unknown route).
  server_->set_error_handler([&renderer](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    const bool machine = WantsJson(req) || req.path.rfind("/webhooks/", 0) == 0 ||
                         req.path.rfind("/api/", 0) == 0;
    if (res.status == 413) {
      if (machine) return SendErrorCode(res, 413, "payload_too_large", "request body is too large");
      SendHtml(res, 413, renderer.ErrorPage(413, "Nội dung quá dài",
                                            "Nội dung gửi lên vượt quá giới hạn cho phép. Xin ông/bà rút gọn và gửi lại."));
    } else if (res.status == 404) {
      if (machine) return SendErrorCode(res, 404, "not_found", "no such route");
      SendHtml(res, 404, renderer.ErrorPage(404, "Không tìm thấy trang",
                                            "Địa chỉ ông/bà truy cập không tồn tại."));
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
  server_->set_mount_point("/static", static_dir);
  routes_ = std::make_unique<Routes>(*server_, metrics, access_log);
}

HttpServer::~HttpServer() = default;

int HttpServer::Bind(int port) {
  int bound = port == 0 ? server_->bind_to_any_port(config_.bind)
                        : (server_->bind_to_port(config_.bind, port) ? port : -1);
  if (bound > 0) WidenListenBacklog(bound);
  return bound;
}

void HttpServer::Serve() { server_->listen_after_bind(); }

void HttpServer::Stop() { server_->stop(); }

}  // namespace wardline::gateway
