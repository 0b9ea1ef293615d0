#include "gateway/ingest_batcher.h"

namespace wardline::gateway {

IngestBatcher::IngestBatcher(Store& store, std::size_t max_batch, std::function<void()> on_commit)
    : store_(store), max_batch_(max_batch), on_commit_(std::move(on_commit)) {
  writer_ = std::thread([this] { Run(); });
}

IngestBatcher::~IngestBatcher() { Stop(); }

void IngestBatcher::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_ && !writer_.joinable()) return;
    stopping_ = true;
  }
  cv_.notify_all();
  if (writer_.joinable()) writer_.join();
}

Result<bool> IngestBatcher::Submit(RawEvent event) {
  Pending p{std::move(event), {}};
  auto fut = p.done.get_future();
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return Unavailable("shutting down");
    queue_.push_back(&p);
  }
  cv_.notify_one();
  return fut.get();
}

void IngestBatcher::Run() {
  for (;;) {
    std::vector<Pending*> batch;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty() && stopping_) return;
      while (!queue_.empty() && batch.size() < max_batch_) {
        batch.push_back(queue_.front());
        queue_.pop_front();
      }
    }
    std::vector<RawEvent> events;
    events.reserve(batch.size());
    for (Pending* p : batch) events.push_back(p->event);
    auto stored = store_.InsertRawEvents(events);
    for (std::size_t i = 0; i < batch.size(); ++i) {
      if (stored.ok()) {
        batch[i]->done.set_value(static_cast<bool>((*stored)[i]));
      } else {
        batch[i]->done.set_value(stored.error());
      }
    }
    if (stored.ok() && on_commit_) on_commit_();
  }
}

}  // namespace wardline::gateway
