#include "cases/text_input.h"

#include "triage/normalize.h"

namespace wardline::cases {

Result<std::string> CheckText(const std::string& text, const char* field, std::size_t max_chars) {
  std::u32string cps;
  if (!triage::DecodeUtf8(text, cps)) {
    return InvalidArgument(std::string(field) + " is not valid UTF-8");
  }
  for (char32_t c : cps) {
    if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7f) {
      return InvalidArgument(std::string(field) + " contains control characters");
    }
  }
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return InvalidArgument(std::string(field) + " is required");
  const auto last = text.find_last_not_of(" \t\r\n");
  if (cps.size() > max_chars) {
    return InvalidArgument(std::string(field) + " is too long (at most " +
                           std::to_string(max_chars) + " characters)");
  }
  return text.substr(first, last - first + 1);
}

}  // namespace wardline::cases
