// TemplateMessages: the service layer's ResidentMessages, worded by the Mustache templates in
// templates/ (ack_message, reply_message) through the page renderer. Thread-safe (the renderer
// is immutable).
#pragma once

#include <string>

#include "cases/resident_messages.h"
#include "ward-sites/page_renderer.h"

namespace wardline::gateway {

class TemplateMessages final : public cases::ResidentMessages {
 public:
  explicit TemplateMessages(const ward_sites::PageRenderer& renderer) : renderer_(renderer) {}

  std::string Ack(const std::string& ward_name, const std::string& tracking_code,
                  const std::string& track_url) const override {
    return renderer_.AckMessage({ward_name, tracking_code, track_url});
  }
  std::string Reply(const std::string& ward_name, const std::string& tracking_code,
                    const std::string& answer, const std::string& track_url) const override {
    return renderer_.ReplyMessage(ward_name, tracking_code, answer, track_url);
  }

 private:
  const ward_sites::PageRenderer& renderer_;
};

}  // namespace wardline::gateway
