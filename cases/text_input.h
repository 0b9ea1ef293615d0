// Checks of free text staff type (replies, notes, summaries) before anything is stored.
#pragma once

#include <cstddef>
#include <string>

#include "core/domain/result.h"

namespace wardline::cases {

// `text` without surrounding white space. Errors: kInvalidArgument naming `field` when the
// text is empty, not valid UTF-8, holds control characters other than line breaks and tabs,
// or is longer than `max_chars` characters (code points).
Result<std::string> CheckText(const std::string& text, const char* field, std::size_t max_chars);

}  // namespace wardline::cases
