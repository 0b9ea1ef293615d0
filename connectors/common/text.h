// Text helpers for platform payloads: UTF-8 validation, code-point counting, fitting a reply
// into a platform's character limit, and a cheap JSON nesting check run before parsing
// untrusted bodies. Pure functions, safe from any thread.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace wardline::connectors::common {

// Index of the first byte that breaks UTF-8 (overlong forms, surrogates, code points above
// U+10FFFF and truncated sequences all count), or nullopt when `s` is valid UTF-8.
std::optional<std::size_t> FindInvalidUtf8(std::string_view s);
inline bool IsValidUtf8(std::string_view s) { return !FindInvalidUtf8(s).has_value(); }

// Number of code points in valid UTF-8 `s` (platform limits count characters, not bytes).
std::size_t Utf8Length(std::string_view s);

// `text` shortened to at most `max_chars` code points: cut at the last whitespace in the final
// fifth of the allowance when there is one (else mid-word), trailing spaces dropped, and "…"
// appended. Text that already fits is returned unchanged. Never splits a code point.
std::string FitText(std::string_view text, std::size_t max_chars);

// Deepest nesting of arrays/objects in `json`, ignoring brackets inside strings. Used to
// reject absurdly nested bodies before a recursive parser sees them.
std::size_t JsonNestingDepth(std::string_view json);

// "%XX"-encodes everything except unreserved characters (RFC 3986), for query and form values.
std::string UrlEncode(std::string_view s);

}  // namespace wardline::connectors::common
