// IngestBatcher: durable storage of webhook bodies with group commit. Request threads call
// Submit(), which blocks until the body is committed (or the commit failed); one writer thread
// commits everything waiting in one transaction. Under load this turns N fsyncs into one,
// which is what lets a webhook answer 200 only after the event is durable and still keep up.
// Thread safety: Submit() from any thread; Stop() once.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>

#include "core/store/store.h"

namespace wardline::gateway {

class IngestBatcher {
 public:
  // `on_commit` runs after each successful commit (wakes the event worker).
  IngestBatcher(Store& store, std::size_t max_batch, std::function<void()> on_commit);
  ~IngestBatcher();
  IngestBatcher(const IngestBatcher&) = delete;
  IngestBatcher& operator=(const IngestBatcher&) = delete;

  // Returns true when stored now, false when a byte-identical body was already stored.
  // kUnavailable when the database could not commit (the platform should retry).
  Result<bool> Submit(RawEvent event);

  void Stop();

 private:
  struct Pending {
    RawEvent event;
    std::promise<Result<bool>> done;
  };
  void Run();

  Store& store_;
  const std::size_t max_batch_;
  std::function<void()> on_commit_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Pending*> queue_;  // GUARDED_BY(mu_)
  bool stopping_ = false;       // GUARDED_BY(mu_)
  std::thread writer_;
};

}  // namespace wardline::gateway
