// Background workers. Both read their work from the database (never from memory only), claim
// rows with a lease, and so survive a killed process and can run in several processes:
//  - EventWorker: stored webhook bodies -> parse -> CaseIntake (case, triage, acknowledgement).
//  - OutboxDispatcher: queued outgoing messages -> the channel's sender -> sent / retry later /
//    failed for good (recorded on the case, the answer stays readable on /track).
// Thread safety: Start() and Stop() from the owning thread; Wake() from any thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "connectors/common/backoff.h"
#include "core/domain/delivery.h"
#include "cases/case_intake.h"
#include "core/store/case_store.h"
#include "core/store/database.h"
#include "core/store/inbox_store.h"
#include "core/store/outbox_store.h"
#include "gateway/metrics.h"

namespace wardline::gateway {

// A loop that runs `Step()` until stopped, sleeping up to `idle` between empty steps.
class WorkerLoop {
 public:
  virtual ~WorkerLoop();
  void Start(int threads);
  void Stop();
  void Wake();

 protected:
  // Returns how many items were handled; 0 means idle.
  virtual int Step(int thread_index) = 0;
  std::chrono::milliseconds idle_{200};

 private:
  std::vector<std::thread> threads_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;  // GUARDED_BY(mu_)
  std::uint64_t wakeups_ = 0;  // GUARDED_BY(mu_)
};

struct EventWorkerSettings {
  std::string zalo_default_ward;      // the ward of the Zalo OA, when it belongs to one
  std::string facebook_default_ward;  // the ward of the Facebook page
  std::string zalo_oa_id;             // events to another OA are ignored (empty: accept all)
  std::string facebook_page_id;       // events to another Page are ignored (empty: accept all)
  int max_attempts = 5;               // then the event is parked as failed for an admin
};

class EventWorker final : public WorkerLoop {
 public:
  EventWorker(Database& db, InboxStore& inbox, EventWorkerSettings settings, const Clock& clock,
              cases::CaseIntake& intake, Metrics& metrics, std::string owner);
  ~EventWorker() override { Stop(); }

 protected:
  int Step(int thread_index) override;

 private:
  Status Handle(const RawEvent& e);

  Database& db_;
  InboxStore& inbox_;
  const EventWorkerSettings settings_;
  const Clock& clock_;
  cases::CaseIntake& intake_;
  Metrics& metrics_;
  const std::string owner_;
};

class OutboxDispatcher final : public WorkerLoop {
 public:
  OutboxDispatcher(OutboxStore& outbox, CaseStore& cases, const OutboxConfig& config,
                   const Clock& clock, Metrics& metrics, std::string owner,
                   connectors::common::RandomSource& random);
  ~OutboxDispatcher() override { Stop(); }

  // Registered in main.cpp before Start(); one sender per channel.
  void Register(ChannelSender& sender);

 protected:
  int Step(int thread_index) override;

 private:
  DeliveryResult Deliver(const OutboxItem& item);
  Status Record(const OutboxItem& item, const DeliveryResult& r);

  OutboxStore& outbox_;
  CaseStore& cases_;
  const OutboxConfig& config_;
  const Clock& clock_;
  Metrics& metrics_;
  const std::string owner_;
  connectors::common::RandomSource& random_;
  std::map<ChannelKind, ChannelSender*> senders_;
};

}  // namespace wardline::gateway
