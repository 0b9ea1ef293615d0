// Text helpers for platform payloads: UTF-8 validation, code-point counting, fitting a reply
// into a platform's character limit, and a cheap JSON nesting check run before parsing
// untrusted bodies. Pure functions, safe from any thread.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/domain/utf8.h"

namespace wardline::connectors::common {

// UTF-8 validation and code-point counting live in core/domain/utf8.h; re-exported here for
// the connectors' callers.
using ::wardline::FindInvalidUtf8;
using ::wardline::IsValidUtf8;
using ::wardline::Utf8Length;

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
