// Tracking codes a resident can read aloud over the phone and that cannot be guessed:
// "PA-" + 8 random symbols from a 29-symbol alphabet without look-alikes (no 0/O, 1/I/L, U/V),
// written as PA-XXXX-XXXX. 29^8 ≈ 5e11 codes, drawn from a cryptographic source, so
// neither enumeration nor sequence guessing finds another resident's case.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace wardline {

// Fills `n` bytes with randomness. Injected so tests can make codes deterministic.
using RandomBytes = std::function<void(unsigned char* out, std::size_t n)>;

RandomBytes SystemRandomBytes();  // getrandom(2)

std::string NewTrackingCode(const RandomBytes& random);

// Accepts what a resident types (lower case, spaces, missing dashes) and returns
// the canonical code, or nullopt when it cannot be a code.
std::optional<std::string> NormalizeTrackingCode(std::string_view input);

}  // namespace wardline
