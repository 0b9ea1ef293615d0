#include <catch2/catch.hpp>

#include "gateway/metrics.h"

using namespace wardline;
using namespace wardline::gateway;

namespace {

// A store that only answers the gauges Metrics reads.
class GaugeStore : public Store {
 public:
  Status InTransaction(const std::function<Status()>& fn) override { return fn(); }
  Status LockResident(ChannelKind, const std::string&) override { return OkStatus(); }
  Status Ping() override { return OkStatus(); }
  Result<std::vector<CountByStatus>> CountCasesByStatus() override {
    return std::vector<CountByStatus>{{"routed", 3}, {"resolved", 1}};
  }
  Result<std::int64_t> CountPendingOutbox() override { return std::int64_t{2}; }
  Result<std::int64_t> CountPendingRawEvents() override { return std::int64_t{0}; }
  // Not used by Metrics.
  Result<Case> CreateCase(const NewCase&, EpochMs) override { return Internal("unused"); }
  Result<Case> GetCase(std::int64_t) override { return Internal("unused"); }
  Result<Case> GetCaseByTrackingCode(const std::string&) override { return Internal("unused"); }
  Result<std::vector<Case>> ListCases(const CaseFilter&) override { return Internal("unused"); }
  Result<Case> FindOpenCaseForResident(ChannelKind, const std::string&, EpochMs) override { return Internal("unused"); }
  Status AddMessage(std::int64_t, const CaseMessage&, const std::optional<GeoPoint>&, EpochMs) override { return Internal("unused"); }
  Result<std::vector<CaseMessage>> ListMessages(std::int64_t) override { return Internal("unused"); }
  Result<bool> MessageExists(ChannelKind, const std::string&) override { return Internal("unused"); }
  Result<Case> Transition(std::int64_t, CaseStatus, const std::string&, const std::string&, EpochMs) override { return Internal("unused"); }
  Result<Case> ApplyTriage(std::int64_t, const TriageUpdate&, const std::string&, EpochMs) override { return Internal("unused"); }
  Status SetResolution(std::int64_t, const std::string&, const std::string&, EpochMs) override { return Internal("unused"); }
  Status SetDeliveryNote(std::int64_t, const std::string&, EpochMs) override { return Internal("unused"); }
  Status AddEvent(const CaseEvent&) override { return Internal("unused"); }
  Result<std::vector<CaseEvent>> ListEvents(std::int64_t) override { return Internal("unused"); }
  Result<std::vector<bool>> InsertRawEvents(const std::vector<RawEvent>&) override { return Internal("unused"); }
  Result<std::vector<RawEvent>> ClaimRawEvents(const std::string&, int, EpochMs, EpochMs) override { return Internal("unused"); }
  Status MarkRawEventDone(std::int64_t, const std::string&) override { return Internal("unused"); }
  Status ReleaseRawEvent(std::int64_t, const std::string&, EpochMs) override { return Internal("unused"); }
  Result<std::int64_t> EnqueueOutbox(const OutboxItem&, EpochMs) override { return Internal("unused"); }
  Result<std::vector<OutboxItem>> ClaimOutbox(const std::string&, int, EpochMs, EpochMs) override { return Internal("unused"); }
  Status MarkOutboxSent(std::int64_t, const std::string&, EpochMs) override { return Internal("unused"); }
  Status MarkOutboxRetry(std::int64_t, const std::string&, EpochMs) override { return Internal("unused"); }
  Status MarkOutboxFailed(std::int64_t, const std::string&, EpochMs) override { return Internal("unused"); }
  Result<std::vector<OutboxItem>> ListOutboxForCase(std::int64_t) override { return Internal("unused"); }
  Result<PlatformToken> GetToken(const std::string&) override { return Internal("unused"); }
  Result<PlatformToken> CompareAndSwapToken(const std::string&, const PlatformToken&, std::int64_t) override { return Internal("unused"); }
  Status AddCorrection(const TriageCorrection&) override { return Internal("unused"); }
  Result<std::vector<TriageCorrection>> ListCorrections() override { return Internal("unused"); }
};

}  // namespace

TEST_CASE("metrics render in Prometheus text format", "[metrics]") {
  Metrics m;
  m.ObserveRequest("/healthz", "GET", 200, 0.0004);
  m.ObserveRequest("/healthz", "GET", 200, 0.02);
  m.CountDelivery("zalo", "delivered");
  GaugeStore store;
  std::string text = m.Render(store);
  CHECK(text.find("wardline_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"} 2") != std::string::npos);
  CHECK(text.find("wardline_http_request_duration_seconds_bucket{route=\"/healthz\",method=\"GET\",le=\"0.001\"} 1") != std::string::npos);
  CHECK(text.find("wardline_http_request_duration_seconds_count{route=\"/healthz\",method=\"GET\"} 2") != std::string::npos);
  CHECK(text.find("wardline_deliveries_total{channel=\"zalo\",result=\"delivered\"} 1") != std::string::npos);
  CHECK(text.find("wardline_cases{status=\"routed\"} 3") != std::string::npos);
  CHECK(text.find("wardline_outbox_pending 2") != std::string::npos);
  CHECK(text.find("# TYPE wardline_http_request_duration_seconds histogram") != std::string::npos);
}
