// PageRenderer: renders the public pages and the resident-facing message texts from the
// Mustache templates in templates/. Templates are read once at start; a missing or broken
// template is a start-up error. All {{values}} are HTML-escaped by Mustache.
// Thread safety: immutable after Load(); Render* are const and thread-safe.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "core/domain/result.h"
#include "ward-sites/view_models.h"

namespace wardline::ward_sites {

struct AckModel {
  std::string ward_name;      // may be empty
  std::string tracking_code;
  std::string track_url;
};

class PageRenderer {
 public:
  // Reads every template it needs from `dir`. kNotFound naming the missing file.
  static Result<std::shared_ptr<const PageRenderer>> Load(const std::string& dir);

  std::string WardPage(const WardPageModel& m) const;
  std::string FeedbackAccepted(const std::string& ward_name, const std::string& ward_slug,
                               const std::string& tracking_code) const;
  std::string TrackPage(const TrackModel& m) const;
  std::string TrackLookup(const std::string& error) const;  // the "enter your code" page
  std::string IndexPage(const std::string& district, const std::vector<Ward>& wards) const;
  // An error page: `title` and `message` in Vietnamese.
  std::string ErrorPage(int status, const std::string& title, const std::string& message) const;

  // Staff sign-in, and the page a signed-in staff member lands on (with the logout form).
  std::string LoginPage(const std::string& error, const std::string& username) const;
  std::string StaffHome(const std::string& display_name, const std::string& role_label,
                        const std::string& ward_name, const std::string& csrf) const;

  // Plain-text messages sent to residents on Zalo / Messenger.
  std::string AckMessage(const AckModel& m) const;
  std::string ReplyMessage(const std::string& ward_name, const std::string& tracking_code,
                           const std::string& answer, const std::string& track_url) const;

 private:
  std::map<std::string, std::string> templates_;
  std::string Render(const std::string& name, void* data) const;
};

}  // namespace wardline::ward_sites
