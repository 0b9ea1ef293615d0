#include "cases/text_input.h"

#include "core/domain/utf8.h"

namespace wardline::cases {

Result<std::string> CheckText(const std::string& text, const char* field, std::size_t max_chars) {
  if (!IsValidUtf8(text)) return InvalidArgument(std::string(field) + " is not valid UTF-8");
  // Control characters are single ASCII bytes in UTF-8: a byte scan finds them all.
  for (unsigned char c : text) {
    if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7f) {
      return InvalidArgument(std::string(field) + " contains control characters");
    }
  }
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return InvalidArgument(std::string(field) + " is required");
  const auto last = text.find_last_not_of(" \t\r\n");
  if (Utf8Length(text) > max_chars) {
    return InvalidArgument(std::string(field) + " is too long (at most " +
                           std::to_string(max_chars) + " characters)");
  }
  return text.substr(first, last - first + 1);
}

}  // namespace wardline::cases
