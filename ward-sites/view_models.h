// View models for the public ward pages: what a resident may see, already redacted and
// formatted (Vietnamese labels, Hà Nội time). Never carries names, phones, e-mails or ID numbers.
#pragma once

#include <string>
#include <vector>

#include "core/domain/config.h"
#include "core/domain/types.h"

namespace wardline::ward_sites {

struct PublishedItem {
  std::string tracking_code;
  std::string category_label;
  std::string summary;      // the resident's text, redacted and shortened
  std::string resolution;   // the published answer, redacted
  std::string date;         // dd/mm/yyyy
};

struct FormValues {
  std::string text, name, phone, address;
};

struct WardPageModel {
  std::string district, city, ward_name, ward_slug;
  std::vector<PublishedItem> published;
  std::string error;        // shown above the form after a rejected submission
  FormValues form;          // refilled after a rejected submission
};

struct TimelineEntry {
  std::string date;
  std::string label;
};

struct TrackModel {
  std::string tracking_code;
  std::string status;            // id, e.g. "routed"
  std::string status_label;      // Vietnamese
  std::string category;          // id or empty
  std::string category_label;    // Vietnamese or empty
  std::string department;        // department name or empty
  std::string ward_slug;
  std::string ward_name;
  std::string received_at;       // dd/mm/yyyy HH:MM (Hà Nội)
  std::string summary;           // redacted text
  std::string resolution;        // redacted answer, once resolved
  std::string channel_note;      // e.g. the answer could not be delivered on Messenger
  std::vector<TimelineEntry> timeline;
};

// Vietnamese label of a case status for residents.
const char* StatusLabel(CaseStatus s);

// dd/mm/yyyy HH:MM in Hà Nội time (UTC+7, no DST).
std::string FormatHanoiTime(EpochMs ms, bool with_time = true);

// Redacts personal data for public display; on invalid text returns an empty string.
std::string PublicText(const std::string& text, std::size_t max_chars = 0);

TrackModel BuildTrackModel(const Case& c, const std::vector<CaseEvent>& events,
                           const AppConfig& config);

PublishedItem BuildPublishedItem(const Case& c, const AppConfig& config);

}  // namespace wardline::ward_sites
