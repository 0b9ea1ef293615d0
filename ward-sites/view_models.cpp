#include "ward-sites/view_models.h"

#include <ctime>

#include "triage/normalize.h"
#include "triage/redact.h"

namespace wardline::ward_sites {

const char* StatusLabel(CaseStatus s) {
  switch (s) {
    case CaseStatus::kReceived: return "Đã tiếp nhận";
    case CaseStatus::kRouted: return "Đã chuyển đến bộ phận xử lý";
    case CaseStatus::kInProgress: return "Đang xử lý";
    case CaseStatus::kResolved: return "Đã có kết quả xử lý";
    case CaseStatus::kPublished: return "Đã công khai kết quả xử lý";
    case CaseStatus::kClosed: return "Đã kết thúc";
    case CaseStatus::kRejected: return "Không thuộc phạm vi tiếp nhận";
    case CaseStatus::kMerged: return "Đã gộp với phản ánh cùng nội dung";
  }
  return "";
}

std::string FormatHanoiTime(EpochMs ms, bool with_time) {
  std::time_t t = static_cast<std::time_t>(ms / 1000) + 7 * 3600;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, with_time ? "%d/%m/%Y %H:%M" : "%d/%m/%Y", &tm);
  return buf;
}

std::string PublicText(const std::string& text, std::size_t max_chars) {
  auto redacted = triage::Redact(text);
  if (!redacted.ok()) return "";
  std::string out = std::move(redacted).value();
  if (max_chars > 0) {
    std::u32string cps;
    if (triage::DecodeUtf8(out, cps) && cps.size() > max_chars) {
      std::string cut;
      for (std::size_t i = 0; i < max_chars; ++i) triage::AppendUtf8(cps[i], cut);
      out = cut + "…";
    }
  }
  return out;
}

namespace {

std::string EventLabel(const CaseEvent& e) {
  if (e.kind == "created") return "Tiếp nhận phản ánh";
  if (e.kind == "triaged") return "Phân loại và chuyển bộ phận xử lý";
  if (e.kind == "delivered") return "Đã gửi thông báo cho người phản ánh";
  if (e.kind == "status") {
    auto arrow = e.detail.find("-> ");
    if (arrow != std::string::npos) {
      std::string to = e.detail.substr(arrow + 3);
      to = to.substr(0, to.find(':'));
      // "routed" right after triage says the same thing twice.
      if (auto s = ParseStatus(to); s && *s != CaseStatus::kRouted) return StatusLabel(*s);
    }
  }
  return "";
}

}  // namespace

TrackModel BuildTrackModel(const Case& c, const std::vector<CaseEvent>& events,
                           const AppConfig& config) {
  TrackModel m;
  m.tracking_code = c.tracking_code;
  m.status = StatusName(c.status);
  m.status_label = StatusLabel(c.status);
  if (c.category) {
    m.category = *c.category;
    if (const Category* cat = config.FindCategory(*c.category)) m.category_label = cat->label;
  }
  if (const Department* d = config.FindDepartment(c.department)) m.department = d->name;
  m.ward_slug = c.ward_slug;
  if (const Ward* w = config.FindWard(c.ward_slug)) m.ward_name = w->name;
  m.received_at = FormatHanoiTime(c.created_at);
  m.summary = PublicText(c.text, 600);
  if (!c.resolution.empty()) m.resolution = PublicText(c.resolution);
  if (!c.delivery_note.empty() && !c.resolution.empty()) {
    m.channel_note = "Phường chưa gửi được câu trả lời qua kênh ông/bà đã dùng, kết quả xử lý được "
                     "đăng tại trang này.";
  }
  for (const auto& e : events) {
    std::string label = EventLabel(e);
    if (label.empty()) continue;
    if (!m.timeline.empty() && m.timeline.back().label == label) continue;
    m.timeline.push_back({FormatHanoiTime(e.at), label});
  }
  return m;
}

PublishedItem BuildPublishedItem(const Case& c, const AppConfig& config) {
  PublishedItem p;
  p.tracking_code = c.tracking_code;
  if (c.category) {
    if (const Category* cat = config.FindCategory(*c.category)) p.category_label = cat->label;
  }
  p.summary = PublicText(c.text, 280);
  p.resolution = PublicText(c.resolution);
  p.date = FormatHanoiTime(c.updated_at, false);
  return p;
}

}  // namespace wardline::ward_sites
