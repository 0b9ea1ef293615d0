// CurlHttpClient: the libcurl implementation of the HttpClient seam (core/domain/http_client.h).
//
// Connection reuse: the client keeps a small pool of curl easy handles. A call borrows one,
// and returns it afterwards with its live keep-alive connections, so repeated calls to the same
// host skip the TCP (and TLS) handshake. At most `max_idle_handles` handles are kept; extra
// concurrent calls get fresh handles that are freed after use.
//
// Every call sets the request's connect and total timeouts, TCP_NODELAY, and no signals.
// Redirects are not followed. Response header names are lower-cased.
// Errors: kDeadlineExceeded for a timeout, kUnavailable for connection, DNS, TLS and transfer
// failures (a dropped connection included), kInvalidArgument for a malformed URL. Error
// messages use request.log_url, never request.url (which may carry tokens).
//
// Thread safety: Send() may be called from any number of threads at once.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <vector>

#include "core/domain/http_client.h"

namespace wardline::connectors::common {

class CurlHttpClient final : public HttpClient {
 public:
  struct Options {
    std::size_t max_idle_handles = 16;  // pooled easy handles (each keeps its connections)
    std::string user_agent = "wardline/1.0";
    std::size_t max_response_bytes = 8 * 1024 * 1024;  // larger bodies fail with kUnavailable
  };

  CurlHttpClient();
  explicit CurlHttpClient(Options options);
  ~CurlHttpClient() override;
  CurlHttpClient(const CurlHttpClient&) = delete;
  CurlHttpClient& operator=(const CurlHttpClient&) = delete;

  Result<HttpResponse> Send(const HttpRequest& request) override;

 private:
  void* Acquire();            // a CURL*, pooled or new
  void Release(void* handle);  // back to the pool, or freed when the pool is full

  const Options options_;
  std::mutex mu_;
  std::vector<void*> idle_;  // guarded by mu_; CURL* handles
};

}  // namespace wardline::connectors::common
