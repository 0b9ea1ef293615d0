// Clause segmentation for messages that report several problems at once ("đèn ngõ hỏng, rác
// cũng không ai thu"): the message is cut at sentence punctuation, commas and semicolons, and
// before connectives that open a new point ("còn", "ngoài ra", "thêm nữa", "với lại", "bên cạnh
// đó", "mặt khác", "đồng thời", "chưa kể", "và" between clauses). A part that starts with a
// word of cause or consequence ("nên", "khiến", "làm cho", "dẫn đến", "vì", "do", ...) stays
// with the part before it: causes and consequences of one problem are not extra problems.
// Parts shorter than `min_tokens` join their neighbour.
//
// Thread safety: pure function.
#pragma once

#include <cstddef>
#include <vector>

#include "triage/normalize.h"

namespace wardline::triage {

// First token of every segment (ascending; {0} for a one-part message; empty without tokens).
std::vector<size_t> SegmentClauses(const NormalizedText& text, size_t min_tokens = 3);

}  // namespace wardline::triage
