// Scope cues: phrase rules taken from the label definitions (shared/data/categories.md, "Scope
// gate") that back up the scope head of the model. They look at what the message says happened,
// not at the word the resident uses ("tố cáo quán karaoke" has no cue and stays phan_anh):
//   - to_cao: an official, a public body or a contractor working for the ward together with a
//     violation (money asked or taken, "bồi dưỡng", illegal fees without receipts, embezzlement,
//     forged papers or signatures, protection money, "làm ngơ" for money, a denouncer's name
//     revealed), or an unmistakable violation word (hối lộ, tham ô, ăn chặn, bớt xén, ...);
//   - ngoai_tham_quyen: another province; a private company (bank, telecom, shop, e-commerce,
//     insurer, private clinic or school, landlord); a private civil dispute (debt, deposit,
//     inheritance, divorce, court); a crime against the writer to investigate or prosecute;
//   - khieu_nai: an administrative decision or act (fine, refusal, demolition, confiscation, cut
//     allowance, removal from a list, closure, compensation) together with the writer's
//     objection or request to review it.
// Matching is on folded tokens (diacritics and case ignored).
//
// Thread safety: pure function.
#pragma once

#include <string>
#include <vector>

#include "triage/normalize.h"

namespace wardline::triage {

struct ScopeCues {
  bool other_province = false;
  bool to_cao = false;
  bool ngoai = false;   // private company, civil dispute or crime to investigate
  bool khieu_nai = false;
  std::vector<const char*> matched;  // the phrases that matched (for explanations and tests)
  // The scope the cues decide ("" when none): other_province, then to_cao, then ngoai, then
  // khieu_nai.
  std::string Decided() const;
};

ScopeCues FindScopeCues(const NormalizedText& text);

}  // namespace wardline::triage
