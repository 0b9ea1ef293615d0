// HttpClient: the seam for every outbound HTTP call (platform send and token APIs).
// The libcurl implementation lives in connectors/common; tests pass fakes or point the real
// client at simulators on 127.0.0.1. Implementations must be safe to call from several threads.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "core/domain/result.h"

namespace wardline {

struct HttpRequest {
  std::string method = "POST";
  std::string url;       // full URL; may hold secrets (query tokens): never log it
  std::string log_url;   // the URL with secrets removed, for logs and errors
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::milliseconds connect_timeout{2000};
  std::chrono::milliseconds total_timeout{10000};  // required: no call without a deadline
};

struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;

  // First header with this lower-case name, or "".
  std::string Header(const std::string& lower_name) const {
    for (const auto& [k, v] : headers) {
      if (k == lower_name) return v;
    }
    return "";
  }
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // Returns the response for any HTTP status. Errors: kUnavailable for connection failures,
  // kDeadlineExceeded for timeouts.
  virtual Result<HttpResponse> Send(const HttpRequest& request) = 0;
};

}  // namespace wardline
