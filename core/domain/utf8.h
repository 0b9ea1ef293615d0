// UTF-8 checks shared by every module that takes text from outside (platform payloads, forms,
// passwords). Pure functions, safe from any thread.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace wardline {

// Index of the first byte that breaks UTF-8 (overlong forms, surrogates, code points above
// U+10FFFF and truncated sequences all count), or nullopt when `s` is valid UTF-8.
std::optional<std::size_t> FindInvalidUtf8(std::string_view s);
inline bool IsValidUtf8(std::string_view s) { return !FindInvalidUtf8(s).has_value(); }

// Whether `c` is a continuation byte (10xxxxxx), i.e. not the start of a code point.
inline bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Number of code points in valid UTF-8 `s` (limits count characters, not bytes).
std::size_t Utf8Length(std::string_view s);

}  // namespace wardline
