#include "connectors/zalo/zalo_token_manager.h"

#include <optional>

#include "connectors/common/json_util.h"
#include "connectors/common/text.h"

namespace wardline::connectors::zalo {
namespace {

using nlohmann::json;
namespace c = ::wardline::connectors::common;

// A refused refresh: the token is spent, revoked or wrong. Distinct from transport failures.
struct RefreshRefused {
  std::string reason;
};

}  // namespace

ZaloTokenManager::ZaloTokenManager(const ZaloConfig& config, TokenStore& store, HttpClient& http,
                                   const Clock& clock)
    : ZaloTokenManager(config, store, http, clock, Options{}) {}

ZaloTokenManager::ZaloTokenManager(const ZaloConfig& config, TokenStore& store, HttpClient& http,
                                   const Clock& clock, Options options)
    : config_(config), store_(store), http_(http), clock_(clock), options_(std::move(options)) {}

int ZaloTokenManager::refresh_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return refresh_count_;
}

Result<PlatformToken> ZaloTokenManager::Load() {
  auto stored = store_.Get(options_.store_key);
  if (stored.ok()) return stored;
  if (stored.error().code != ErrorCode::kNotFound) return stored.error();
  if (config_.access_token.empty() && config_.refresh_token.empty()) {
    return FailedPrecondition("no Zalo token stored or configured (set ZALO_ACCESS_TOKEN and "
                              "ZALO_REFRESH_TOKEN)");
  }
  PlatformToken seed;
  seed.access_token = config_.access_token;
  seed.refresh_token = config_.refresh_token;
  seed.expires_at = 0;  // unknown: used until Zalo rejects it
  auto written = store_.CompareAndSwap(options_.store_key, seed, 0);
  if (written.ok()) return written;
  if (written.error().code == ErrorCode::kFailedPrecondition) {
    return store_.Get(options_.store_key);  // another process seeded first
  }
  return written.error();
}

Result<PlatformToken> ZaloTokenManager::WaitForNewer(std::int64_t version) {
  const EpochMs deadline = clock_.NowMs() + options_.lost_race_wait.count();
  while (true) {
    auto stored = store_.Get(options_.store_key);
    if (stored.ok() && stored->version > version) return stored;
    if (clock_.NowMs() >= deadline) return NotFound("no newer token appeared");
    // The winner is between its OAuth answer and its CAS: give it a moment.
    options_.sleep(std::chrono::milliseconds(50));
  }
}

Result<PlatformToken> ZaloTokenManager::Refresh(const PlatformToken& current) {
  if (current.refresh_token.empty()) {
    return FailedPrecondition("no Zalo refresh token: an admin must re-consent the OA");
  }
  HttpRequest request;
  request.method = "POST";
  request.url = config_.oauth_base + "/v4/oa/access_token";
  request.log_url = request.url;  // the secrets travel in the header and body only
  request.headers = {{"secret_key", config_.app_secret},
                     {"Content-Type", "application/x-www-form-urlencoded"},
                     {"Accept", "application/json"}};
  request.body = "refresh_token=" + c::UrlEncode(current.refresh_token) +
                 "&app_id=" + c::UrlEncode(config_.app_id) + "&grant_type=refresh_token";
  request.connect_timeout = options_.connect_timeout;
  request.total_timeout = options_.total_timeout;

  auto response = http_.Send(request);
  if (!response.ok()) {
    // The refresh token may or may not have been spent; another process may know.
    auto newer = WaitForNewer(current.version);
    if (newer.ok()) return newer;
    return Error{response.error().code, "zalo token refresh failed: " + response.error().message};
  }
  if (response->status >= 500 || response->status == 429) {
    return Unavailable("zalo token refresh: HTTP " + std::to_string(response->status));
  }

  std::optional<RefreshRefused> refused;
  PlatformToken next;
  auto body = c::ParseUntrustedJson(response->body);
  if (!body.ok()) {
    if (response->status != 200) {
      refused = RefreshRefused{"HTTP " + std::to_string(response->status)};
    } else {
      return Unavailable("zalo token refresh: unreadable answer (" + body.error().message + ")");
    }
  } else {
    next.access_token = c::StringField(*body, "access_token");
    next.refresh_token = c::StringField(*body, "refresh_token");
    if (next.access_token.empty() || next.refresh_token.empty()) {
      std::string reason = c::StringField(*body, "message");
      if (reason.empty()) reason = c::StringField(*body, "error_description");
      if (reason.empty()) reason = c::StringField(*body, "error_name");
      const std::string code = body->contains("error") ? body->at("error").dump() : "";
      refused = RefreshRefused{"error " + code + (reason.empty() ? "" : " " + reason)};
    } else {
      // expires_in is documented as a string ("90000"); accept a number too.
      const json* expires = nullptr;
      if (auto it = body->find("expires_in"); it != body->end()) expires = &*it;
      const auto seconds = c::NumberLike(expires);
      next.expires_at = clock_.NowMs() + static_cast<EpochMs>(seconds.value_or(90000) * 1000);
    }
  }

  if (refused) {
    // Most likely another process spent this refresh token a moment ago.
    auto newer = WaitForNewer(current.version);
    if (newer.ok()) return newer;
    return FailedPrecondition("zalo refused the refresh token (" + refused->reason +
                              "): an admin must re-consent the OA");
  }

  {
    std::lock_guard<std::mutex> lock(mu_);
    ++refresh_count_;
  }
  // Commit before use: the old refresh token is now dead, this pair is the only valid one.
  auto written = store_.CompareAndSwap(options_.store_key, next, current.version);
  if (written.ok()) return written;
  if (written.error().code == ErrorCode::kFailedPrecondition) {
    // Someone wrote in between (an admin re-seed); theirs wins.
    return store_.Get(options_.store_key);
  }
  // The store is down and the only valid refresh token is in `next`. Retry the write a few
  // times; if it still fails, the pair cannot be kept and an admin must re-consent.
  for (int i = 0; i < 5; ++i) {
    options_.sleep(std::chrono::milliseconds(100 * (i + 1)));
    written = store_.CompareAndSwap(options_.store_key, next, current.version);
    if (written.ok()) return written;
    if (written.error().code == ErrorCode::kFailedPrecondition) {
      return store_.Get(options_.store_key);
    }
  }
  return Error{written.error().code,
               "zalo token refreshed but could not be stored: " + written.error().message};
}

bool ZaloTokenManager::Expiring(const PlatformToken& t) const {
  return t.expires_at != 0 && t.expires_at - clock_.NowMs() <= options_.refresh_margin_ms;
}

Result<std::string> ZaloTokenManager::Obtain(
    const std::function<bool(const PlatformToken&)>& needs_refresh, bool keep_current_on_failure) {
  std::unique_lock<std::mutex> lock(mu_);
  // A refresh in flight in this process: wait for it (the wait releases the lock), then read
  // what it stored instead of spending the refresh token a second time.
  refreshed_.wait(lock, [this] { return !refreshing_; });
  auto current = Load();
  if (!current.ok()) return current.error();
  if (!needs_refresh(*current)) return current->access_token;
  refreshing_ = true;
  lock.unlock();
  auto refreshed = Refresh(*current);  // HTTP and waits happen without the lock
  lock.lock();
  refreshing_ = false;
  refreshed_.notify_all();
  if (refreshed.ok()) return refreshed->access_token;
  // Still valid for a while: use it and try the refresh again on the next call.
  if (keep_current_on_failure && !current->access_token.empty() &&
      current->expires_at > clock_.NowMs()) {
    return current->access_token;
  }
  return refreshed.error();
}

Result<std::string> ZaloTokenManager::AccessToken() {
  return Obtain([this](const PlatformToken& t) { return Expiring(t) || t.access_token.empty(); },
                /*keep_current_on_failure=*/true);
}

Result<std::string> ZaloTokenManager::RefreshAfterRejection(const std::string& rejected_token) {
  // Someone (this process or another) refreshed meanwhile when the stored token differs.
  return Obtain(
      [this, &rejected_token](const PlatformToken& t) {
        return t.access_token == rejected_token || t.access_token.empty() || Expiring(t);
      },
      /*keep_current_on_failure=*/false);
}

}  // namespace wardline::connectors::zalo
