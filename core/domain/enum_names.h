// Enum <-> name tables: every enum the store, the API and the config spell as text has one
// constexpr table of (value, name) pairs, and these two lookups over it.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace wardline {

template <typename E, std::size_t N>
using NameTable = std::array<std::pair<E, const char*>, N>;

// The value named `s`, or nullopt.
template <typename E, std::size_t N>
std::optional<E> Lookup(const NameTable<E, N>& table, std::string_view s) {
  for (const auto& [e, name] : table) {
    if (s == name) return e;
  }
  return std::nullopt;
}

// The name of `e`, or "unknown" for a value missing from the table.
template <typename E, std::size_t N>
const char* NameOf(const NameTable<E, N>& table, E e) {
  for (const auto& [v, name] : table) {
    if (v == e) return name;
  }
  return "unknown";
}

}  // namespace wardline
