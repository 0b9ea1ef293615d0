// Reading labelled JSON Lines (format: shared/data/categories.md) into training examples.
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/domain/result.h"
#include "triage/model.h"

namespace wardline::triage {

// The four scope labels (shared/data/categories.md): phan_anh, khieu_nai, to_cao,
// ngoai_tham_quyen.
bool IsScope(std::string_view s);

// Parses one JSON object line. Required: "text" (string), "category" (string; may be null or
// absent when "scope" is set and is not phan_anh). Optional: "id", "scope" (IsScope or null),
// "priority" ("khan_cap" | "binh_thuong" | null), "ward" (string or null).
// Errors: kInvalidArgument (malformed JSON, missing or mistyped field, invalid UTF-8).
Result<Example> ParseExampleLine(std::string_view line);

// Reads a whole .jsonl file; blank lines are skipped. Errors: kNotFound (unreadable file),
// kInvalidArgument naming the file and line of the first bad line.
Result<std::vector<Example>> ReadExamples(const std::string& path);

}  // namespace wardline::triage
