// ResidentMessages: the texts sent to residents on their channel (acknowledgement, answer).
// The Vietnamese wording lives in templates (ward-sites renders them); the service layer only
// asks for a message by what it is for.
#pragma once

#include <string>

namespace wardline::cases {

class ResidentMessages {
 public:
  virtual ~ResidentMessages() = default;
  // "Your report was received, tracking code ..., follow it at ...".
  virtual std::string Ack(const std::string& ward_name, const std::string& tracking_code,
                          const std::string& track_url) const = 0;
  // The ward's answer, with the tracking code and where to read it.
  virtual std::string Reply(const std::string& ward_name, const std::string& tracking_code,
                            const std::string& answer, const std::string& track_url) const = 0;
};

}  // namespace wardline::cases
