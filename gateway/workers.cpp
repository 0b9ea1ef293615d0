#include "gateway/workers.h"

#include <iostream>

#include "connectors/facebook/facebook_webhook.h"
#include "connectors/zalo/zalo_webhook.h"

namespace wardline::gateway {

// ---- WorkerLoop ------------------------------------------------------------------------------

WorkerLoop::~WorkerLoop() = default;

void WorkerLoop::Start(int threads) {
  for (int i = 0; i < threads; ++i) {
    threads_.emplace_back([this, i] {
      for (;;) {
        std::uint64_t seen;
        {
          std::lock_guard<std::mutex> lock(mu_);
          if (stopping_) return;
          seen = wakeups_;
        }
        int handled = 0;
        try {
          handled = Step(i);
        } catch (const std::exception& e) {
          // A bug in one item must not kill the worker; the item's lease lapses and it is
          // tried again later.
          std::cerr << "worker error: " << e.what() << "\n";
        }
        if (handled > 0) continue;
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait_for(lock, idle_, [&] { return stopping_ || wakeups_ != seen; });
      }
    });
  }
}

void WorkerLoop::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
}

void WorkerLoop::Wake() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    ++wakeups_;
  }
  cv_.notify_all();
}

// ---- EventWorker -----------------------------------------------------------------------------

EventWorker::EventWorker(Database& db, InboxStore& inbox, EventWorkerSettings settings,
                         const Clock& clock, cases::CaseIntake& intake, Metrics& metrics,
                         std::string owner)
    : db_(db),
      inbox_(inbox),
      settings_(std::move(settings)),
      clock_(clock),
      intake_(intake),
      metrics_(metrics),
      owner_(std::move(owner)) {}

// Small enough that a batch holds SQLite's single writer only briefly (ingest commits wait
// behind it), large enough to share one commit among many events.
constexpr int kBatch = 16;

int EventWorker::Step(int thread_index) {
  const std::string owner = owner_ + "/" + std::to_string(thread_index);
  // Claim, process and mark a whole batch in one transaction: one commit for kBatch events
  // instead of several per event, so processing keeps up with group-committed ingest. If the
  // batch fails (a poison event, a database hiccup), the events are taken one at a time.
  int handled = 0;
  Status batch = db_.InTransaction([&]() -> Status {
    const EpochMs now = clock_.NowMs();
    auto events = inbox_.Claim(owner, kBatch, now, now + 60'000);
    if (!events.ok()) return events.error();
    for (const auto& e : *events) {
      Status s = Handle(e);
      if (!s.ok()) return s;
    }
    handled = static_cast<int>(events->size());
    return OkStatus();
  });
  if (batch.ok()) {
    if (handled > 0) metrics_.CountIngest("all", "batch_committed");
    return handled;
  }
  const EpochMs now = clock_.NowMs();
  auto events = inbox_.Claim(owner, 8, now, now + 60'000);
  if (!events.ok()) return 0;
  for (const auto& e : *events) {
    Status one = db_.InTransaction([&] { return Handle(e); });
    if (!one.ok()) {
      // Try this event again later; after max_attempts failures it is parked as failed,
      // counted in /metrics and listed for admins to replay.
      auto parked = inbox_.Release(e.id, one.error().message, clock_.NowMs() + 5'000,
                                   settings_.max_attempts);
      if (parked.ok() && *parked) metrics_.CountIngest(ChannelName(e.channel), "parked_failed");
    }
  }
  return static_cast<int>(events->size());
}

Status EventWorker::Handle(const RawEvent& e) {
  Result<connectors::ParsedEvents> parsed =
      e.channel == ChannelKind::kZalo       ? connectors::zalo::ParseEvent(e.body)
      : e.channel == ChannelKind::kFacebook ? connectors::facebook::ParseEvent(e.body)
                                            : Result<connectors::ParsedEvents>(
                                                  InvalidArgument("no parser for this channel"));
  if (!parsed.ok()) {
    // The body was signed by the platform but is not something we understand: keep it, marked,
    // for inspection; retrying will not help.
    return inbox_.MarkDone(e.id, "invalid: " + parsed.error().message);
  }
  const std::string& default_ward = e.channel == ChannelKind::kZalo
                                        ? settings_.zalo_default_ward
                                        : settings_.facebook_default_ward;
  // A correctly signed event addressed to another OA or Page (one app serving several, or a
  // subscription pointed at the wrong hub) must neither make a case here nor be answered.
  const std::string& own_id = e.channel == ChannelKind::kZalo ? settings_.zalo_oa_id
                                                              : settings_.facebook_page_id;
  int misaddressed = 0;
  for (const auto& m : parsed->messages) {
    if (!own_id.empty() && m.recipient_id != own_id) {
      ++misaddressed;
      metrics_.CountIngest(ChannelName(e.channel), "misaddressed");
      continue;
    }
    // Messages already stored are recognised by their platform ids and not stored twice, so a
    // retried body is safe.
    auto r = intake_.Accept(m, {}, default_ward);
    if (!r.ok()) return r.error();
    switch (r->kind) {
      case cases::IntakeOutcome::Kind::kCreated: metrics_.CountIngest(ChannelName(e.channel), "case_created"); break;
      case cases::IntakeOutcome::Kind::kJoined: metrics_.CountIngest(ChannelName(e.channel), "case_joined"); break;
      case cases::IntakeOutcome::Kind::kDuplicate: metrics_.CountIngest(ChannelName(e.channel), "duplicate"); break;
      case cases::IntakeOutcome::Kind::kIgnored: break;
    }
  }
  std::string summary = parsed->Summary();
  if (misaddressed > 0) {
    summary += "; ignored " + std::to_string(misaddressed) + " addressed to another " +
               (e.channel == ChannelKind::kZalo ? "OA" : "Page");
  }
  return inbox_.MarkDone(e.id, summary);
}

// ---- OutboxDispatcher ------------------------------------------------------------------------

OutboxDispatcher::OutboxDispatcher(OutboxStore& outbox, CaseStore& cases,
                                   const OutboxConfig& config, const Clock& clock,
                                   Metrics& metrics, std::string owner,
                                   connectors::common::RandomSource& random)
    : outbox_(outbox),
      cases_(cases),
      config_(config),
      clock_(clock),
      metrics_(metrics),
      owner_(std::move(owner)),
      random_(random) {}

void OutboxDispatcher::Register(ChannelSender& sender) { senders_[sender.channel()] = &sender; }

int OutboxDispatcher::Step(int thread_index) {
  const EpochMs now = clock_.NowMs();
  const EpochMs lease_until = now + static_cast<EpochMs>(config_.lease_seconds) * 1000;
  auto items = outbox_.Claim(owner_ + "/" + std::to_string(thread_index), 8, now, lease_until);
  if (!items.ok()) return 0;
  int handled = 0;
  for (const auto& item : *items) {
    // Never send on a lease that could lapse mid-call: another worker (or hub) may already
    // own the row by then and would send it a second time. What is left is reclaimed later.
    if (clock_.NowMs() + config_.total_timeout_ms >= lease_until) break;
    DeliveryResult r = Deliver(item);
    // Recorded at once, not after the batch: a crash between the platform's "accepted" and
    // this commit is the only way a resident can get a message twice, so keep it short.
    if (Status s = Record(item, r); !s.ok()) {
      std::cerr << "outbox: could not record delivery of item " << item.id << ": "
                << s.error().message << "\n";
    }
    ++handled;
  }
  return handled;
}

DeliveryResult OutboxDispatcher::Deliver(const OutboxItem& item) {
  auto it = senders_.find(item.channel);
  if (it == senders_.end()) {
    DeliveryResult r;
    r.outcome = DeliveryOutcome::kPermanent;
    r.error = std::string("no sender configured for ") + ChannelName(item.channel);
    return r;
  }
  DeliveryContext ctx;
  ctx.now = clock_.NowMs();
  if (auto c = cases_.Get(item.case_id); c.ok()) ctx.last_inbound_at = c->last_message_at;
  return it->second->Send(item, ctx);
}

Status OutboxDispatcher::Record(const OutboxItem& item, const DeliveryResult& r) {
  const std::string channel = ChannelName(item.channel);
  const EpochMs now = clock_.NowMs();
  const int attempt = item.attempts + 1;
  switch (r.outcome) {
    case DeliveryOutcome::kDelivered:
      metrics_.CountDelivery(channel, "delivered");
      return outbox_.MarkSent(item.id, r.platform_message_id, now);
    case DeliveryOutcome::kPermanent: {
      metrics_.CountDelivery(channel, "refused");
      Status s = outbox_.MarkFailed(item.id, r.error, now);
      if (!s.ok()) return s;
      std::string note = "Không gửi được tin nhắn qua " +
                         std::string(item.channel == ChannelKind::kZalo ? "Zalo" : "Messenger") +
                         ": " + r.error;
      return cases_.SetDeliveryNote(item.case_id, note, now);
    }
    case DeliveryOutcome::kTokenExpired:
    case DeliveryOutcome::kRetry: {
      if (attempt >= config_.max_attempts) {
        metrics_.CountDelivery(channel, "gave_up");
        Status s = outbox_.MarkFailed(
            item.id, "gave up after " + std::to_string(attempt) + " attempts: " + r.error, now);
        if (!s.ok()) return s;
        return cases_.SetDeliveryNote(item.case_id,
                                      "Chưa gửi được tin nhắn sau nhiều lần thử: " + r.error, now);
      }
      connectors::common::BackoffPolicy policy{config_.base_backoff_ms,
                                               config_.max_backoff_ms};
      long long delay = r.outcome == DeliveryOutcome::kTokenExpired
                            ? 0
                            : connectors::common::BackoffDelayMs(policy, attempt, random_,
                                                                 r.retry_after_ms);
      metrics_.CountDelivery(channel, "retry");
      return outbox_.MarkRetry(item.id, r.error, now + delay);
    }
  }
  return OkStatus();
}

}  // namespace wardline::gateway
