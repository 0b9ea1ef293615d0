#include "tests/sim/sim_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <random>

namespace wardline::sim {

std::int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string RandomHex(std::size_t n) {
  static std::mutex mu;
  static std::mt19937_64 engine(std::random_device{}());
  static constexpr char kDigits[] = "0123456789abcdef";
  std::lock_guard<std::mutex> lock(mu);
  std::string out(n, '0');
  for (auto& ch : out) ch = kDigits[engine() & 0x0f];
  return out;
}

std::size_t CodePoints(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

void Faults::Reset() {
  delay_ms_ = 0;
  fail_5xx_ = 0;
  rate_limit_ = 0;
  drop_ = 0;
}

bool Faults::Take(std::atomic<int>& counter) {
  int n = counter.load();
  while (n > 0) {
    if (counter.compare_exchange_weak(n, n - 1)) return true;
  }
  return false;
}

void Faults::Interrupt() {
  std::lock_guard<std::mutex> lock(mu_);
  interrupted_ = true;
  cv_.notify_all();
}

bool Faults::Apply(httplib::Response& res) {
  if (const int delay = delay_ms_.load(); delay > 0) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait_for(lock, std::chrono::milliseconds(delay), [this] { return interrupted_; });
  }
  if (Take(drop_)) {
    // Headers promise a body that never comes: the client sees the connection close mid-reply.
    res.status = 200;
    res.set_content_provider(
        64, "application/json",
        [](std::size_t, std::size_t, httplib::DataSink&) { return false; });
    return true;
  }
  if (Take(fail_5xx_)) {
    res.status = fail_status_.load();
    res.set_content("<html><body>Service Unavailable</body></html>", "text/html");
    return true;
  }
  return false;
}

namespace {

// Debian's compiled cpp-httplib listens with a backlog of 5 (CPPHTTPLIB_LISTEN_BACKLOG), so a
// burst of concurrent connects overflows the accept queue and the kernel retransmits the SYN a
// second later. httplib does not expose the listening socket: find it by its port and call
// listen() again, which on Linux just widens the backlog.
void WidenListenBacklog(int port) {
  for (int fd = 0; fd < 4096; ++fd) {
    int listening = 0;
    socklen_t len = sizeof listening;
    if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) != 0 || listening == 0) continue;
    sockaddr_storage addr{};
    socklen_t addr_len = sizeof addr;
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &addr_len) != 0) continue;
    if (addr.ss_family != AF_INET) continue;
    if (ntohs(reinterpret_cast<sockaddr_in*>(&addr)->sin_port) != port) continue;
    ::listen(fd, 1024);
  }
}

}  // namespace

SimServer::SimServer() : server_(std::make_unique<httplib::Server>()) {
  server_->set_tcp_nodelay(true);
  server_->set_keep_alive_max_count(1000);
  // Stop() waits for idle keep-alive connections to time out: keep that short.
  server_->set_keep_alive_timeout(2);
  server_->set_payload_max_length(8 * 1024 * 1024);
  server_->new_task_queue = [] { return new httplib::ThreadPool(32); };
}

SimServer::~SimServer() { Stop(); }

int SimServer::Start(int port) {
  if (port == 0) {
    port_ = server_->bind_to_any_port("127.0.0.1");
  } else {
    port_ = server_->bind_to_port("127.0.0.1", port) ? port : -1;
  }
  if (port_ <= 0) return -1;
  WidenListenBacklog(port_);
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  // Wait until the listener is accepting, so a test can connect at once.
  for (int i = 0; i < 500 && !server_->is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return port_;
}

void SimServer::Stop() {
  if (thread_.joinable()) {
    server_->stop();
    thread_.join();
  }
}

std::pair<std::string, std::string> SplitUrl(const std::string& url) {
  const auto scheme = url.find("://");
  const auto path_start = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (path_start == std::string::npos) return {url, "/"};
  return {url.substr(0, path_start), url.substr(path_start)};
}

}  // namespace wardline::sim
