// ParsedEvents: what a channel parser makes of one webhook body. A body can hold several
// resident messages (Facebook batches entries) and events that are recognised but deliberately
// not turned into messages (echoes of the page's own sends, read receipts, unknown event
// types). Those are listed in `ignored` as "ignored: <what>" so the caller can record why a
// stored raw event produced nothing.
#pragma once

#include <string>
#include <vector>

#include "core/domain/types.h"

namespace wardline::connectors {

struct ParsedEvents {
  std::vector<InboundMessage> messages;
  std::vector<std::string> ignored;  // e.g. "ignored: oa_send_text", "ignored: echo"

  // One line for logs and the raw event's outcome: "2 messages; ignored: echo, ignored: read".
  std::string Summary() const {
    std::string s = std::to_string(messages.size()) + (messages.size() == 1 ? " message" : " messages");
    for (std::size_t i = 0; i < ignored.size(); ++i) {
      s += (i == 0 ? "; " : ", ");
      s += ignored[i];
    }
    return s;
  }
};

}  // namespace wardline::connectors
