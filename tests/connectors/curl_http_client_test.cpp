// CurlHttpClient over real loopback HTTP: bodies, headers, connection reuse, timeouts,
// refused and dropped connections, concurrency, and no secrets in error messages.
#include <catch2/catch.hpp>

#include <atomic>
#include <set>
#include <thread>

#include "connectors/common/curl_http_client.h"
#include "tests/sim/sim_server.h"

using wardline::ErrorCode;
using wardline::HttpRequest;
using wardline::connectors::common::CurlHttpClient;

namespace {

struct EchoServer {
  wardline::sim::SimServer server;
  wardline::sim::Faults faults;
  std::mutex mu;
  std::set<int> remote_ports;  // one per TCP connection seen

  EchoServer() {
    server.server().Post("/echo", [this](const httplib::Request& req, httplib::Response& res) {
      {
        std::lock_guard<std::mutex> lock(mu);
        remote_ports.insert(req.remote_port);
      }
      if (faults.Apply(res)) return;
      res.set_header("X-Custom-Header", "Giá trị");
      res.set_content("got:" + req.body + "|" + req.get_header_value("X-Test"), "text/plain");
    });
    server.server().Get("/status/(\\d+)", [](const httplib::Request& req, httplib::Response& res) {
      res.status = std::stoi(req.matches[1]);
      res.set_header("Retry-After", "7");
      res.set_content("status", "text/plain");
    });
    REQUIRE(server.Start() > 0);
  }
  ~EchoServer() {
    faults.Interrupt();
    server.Stop();
  }
  HttpRequest Post(const std::string& body) const {
    HttpRequest r;
    r.method = "POST";
    r.url = server.base_url() + "/echo?access_token=SECRET";
    r.log_url = server.base_url() + "/echo";
    r.headers = {{"X-Test", "yes"}, {"Content-Type", "text/plain"}};
    r.body = body;
    r.connect_timeout = std::chrono::milliseconds(1000);
    r.total_timeout = std::chrono::milliseconds(2000);
    return r;
  }
};

}  // namespace

TEST_CASE("CurlHttpClient sends bodies and headers and lower-cases response headers", "[http]") {
  EchoServer echo;
  CurlHttpClient client;
  auto r = client.Send(echo.Post("Xin chào"));
  REQUIRE(r.ok());
  CHECK(r->status == 200);
  CHECK(r->body == "got:Xin chào|yes");
  CHECK(r->Header("x-custom-header") == "Giá trị");
  CHECK(r->Header("content-type") == "text/plain");

  HttpRequest get;
  get.method = "GET";
  get.url = echo.server.base_url() + "/status/503";
  get.log_url = get.url;
  auto s = client.Send(get);
  REQUIRE(s.ok());  // any HTTP status is a response, not an error
  CHECK(s->status == 503);
  CHECK(s->Header("retry-after") == "7");
}

TEST_CASE("CurlHttpClient reuses connections", "[http]") {
  EchoServer echo;
  CurlHttpClient client;
  for (int i = 0; i < 20; ++i) REQUIRE(client.Send(echo.Post("x")).ok());
  std::lock_guard<std::mutex> lock(echo.mu);
  CHECK(echo.remote_ports.size() == 1);
}

TEST_CASE("CurlHttpClient is safe from many threads", "[http]") {
  EchoServer echo;
  CurlHttpClient client(CurlHttpClient::Options{4, "wardline-test", 1 << 20});
  std::atomic<int> ok{0};
  std::mutex errors_mu;
  std::vector<std::string> errors;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        auto r = client.Send(echo.Post(std::to_string(t) + "-" + std::to_string(i)));
        if (r.ok() && r->body == "got:" + std::to_string(t) + "-" + std::to_string(i) + "|yes") {
          ++ok;
        } else {
          std::lock_guard<std::mutex> lock(errors_mu);
          errors.push_back(r.ok() ? "status " + std::to_string(r->status) + " " + r->body
                                  : r.error().message);
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (const auto& e : errors) UNSCOPED_INFO(e);
  CHECK(ok == 400);
  std::lock_guard<std::mutex> lock(echo.mu);
  CHECK(echo.remote_ports.size() <= 16);  // pooled, not one connection per call
}

TEST_CASE("CurlHttpClient maps timeouts, refusals and drops, without leaking the URL", "[http]") {
  EchoServer echo;
  CurlHttpClient client;

  SECTION("a slow server hits the total timeout") {
    echo.faults.SetDelayMs(1500);
    auto req = echo.Post("slow");
    req.total_timeout = std::chrono::milliseconds(200);
    const auto start = std::chrono::steady_clock::now();
    auto r = client.Send(req);
    const auto took = std::chrono::steady_clock::now() - start;
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::kDeadlineExceeded);
    CHECK(took < std::chrono::milliseconds(1000));
    CHECK(r.error().message.find("SECRET") == std::string::npos);
    CHECK(r.error().message.find("/echo") != std::string::npos);
  }
  SECTION("a dropped connection is kUnavailable, and the next call works") {
    echo.faults.DropNext(1);
    auto r = client.Send(echo.Post("drop"));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::kUnavailable);
    CHECK(r.error().message.find("SECRET") == std::string::npos);
    CHECK(client.Send(echo.Post("again")).ok());
  }
  SECTION("a refused connection is kUnavailable") {
    wardline::sim::SimServer closed;
    const int port = closed.Start();
    closed.Stop();
    HttpRequest req = echo.Post("x");
    req.url = "http://127.0.0.1:" + std::to_string(port) + "/echo?access_token=SECRET";
    req.log_url = "http://127.0.0.1:" + std::to_string(port) + "/echo";
    auto r = client.Send(req);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::kUnavailable);
    CHECK(r.error().message.find("SECRET") == std::string::npos);
  }
  SECTION("a request without a deadline is refused") {
    auto req = echo.Post("x");
    req.total_timeout = std::chrono::milliseconds(0);
    auto r = client.Send(req);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::kInvalidArgument);
  }
  SECTION("a malformed URL is kInvalidArgument") {
    auto req = echo.Post("x");
    req.url = "ht!tp://nope";
    req.log_url = "ht!tp://nope";
    auto r = client.Send(req);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code != ErrorCode::kDeadlineExceeded);
  }
}
