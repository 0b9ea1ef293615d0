// Helpers for connector tests that talk HTTP: a recording wrapper around any HttpClient and a
// scripted client for answers a simulator does not produce.
#pragma once

#include <deque>
#include <mutex>
#include <vector>

#include "core/domain/http_client.h"

namespace wardline::testing {

// Forwards to `inner` and keeps a copy of every request.
class RecordingHttpClient final : public HttpClient {
 public:
  explicit RecordingHttpClient(HttpClient& inner) : inner_(inner) {}
  Result<HttpResponse> Send(const HttpRequest& request) override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      requests_.push_back(request);
    }
    return inner_.Send(request);
  }
  std::vector<HttpRequest> requests() const {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }

 private:
  HttpClient& inner_;
  mutable std::mutex mu_;
  std::vector<HttpRequest> requests_;
};

// Answers from a queue of scripted results; records requests.
class ScriptedHttpClient final : public HttpClient {
 public:
  void Push(Result<HttpResponse> r) { script_.push_back(std::move(r)); }
  void PushResponse(int status, std::string body,
                    std::vector<std::pair<std::string, std::string>> headers = {}) {
    HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    r.headers = std::move(headers);
    script_.push_back(r);
  }
  Result<HttpResponse> Send(const HttpRequest& request) override {
    requests.push_back(request);
    if (script_.empty()) return Unavailable("script exhausted");
    auto r = script_.front();
    script_.pop_front();
    return r;
  }
  std::vector<HttpRequest> requests;

 private:
  std::deque<Result<HttpResponse>> script_;
};

}  // namespace wardline::testing
