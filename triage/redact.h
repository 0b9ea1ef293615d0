// Redaction of personal data before text is shown on a public page.
//
// Redact() replaces with kRedactedMarker ("[đã ẩn]"):
//   - Vietnamese phone numbers in common shapes: 0912 345 678, 0912345678, 098.765.4321,
//     0987-654-321, +84 912 345 678, (+84) 912..., 84912345678, landlines 024 3856 1234;
//   - ID numbers: 9 digits (CMND) and 12 digits (CCCD), written together or in space groups;
//   - e-mail addresses;
//   - personal names introduced as "tôi tên là", "tên tôi là", "tôi tên", "tôi là", "em là",
//     "cháu là", "mình là", "họ tên:", "người phản ánh:", "người gửi:" ... (with or without
//     diacritics), and "ông/bà/anh/chị ..." followed by a full name starting with a common
//     Vietnamese surname ("ông Hoàng Văn Tuấn");
//   - exact house numbers: the number after "số", "nhà", "số nhà", "nhà số", "căn hộ", "phòng"
//     ("số 12", "nhà 34", "số nhà 5A", "số 15/3"), while streets and alleys stay ("ngõ 12 Tôn Đức
//     Thắng", "ngách 5").
// The rest of the text is returned unchanged (in NFC). Invalid UTF-8 gives kInvalidArgument:
// nothing unverified is ever published.
//
// Thread safety: pure function.
#pragma once

#include <string>
#include <string_view>

#include "core/domain/result.h"

namespace wardline::triage {

inline constexpr const char* kRedactedMarker = "[đã ẩn]";

Result<std::string> Redact(std::string_view text);

}  // namespace wardline::triage
