#include "core/domain/types.h"

#include "core/domain/account.h"

#include <array>
#include <utility>

namespace wardline {
namespace {

template <typename E, std::size_t N>
std::optional<E> Lookup(const std::array<std::pair<E, const char*>, N>& table,
                        std::string_view s) {
  for (const auto& [e, name] : table) {
    if (s == name) return e;
  }
  return std::nullopt;
}

template <typename E, std::size_t N>
const char* NameOf(const std::array<std::pair<E, const char*>, N>& table, E e) {
  for (const auto& [v, name] : table) {
    if (v == e) return name;
  }
  return "unknown";
}

constexpr std::array<std::pair<ChannelKind, const char*>, 3> kChannels{{
    {ChannelKind::kZalo, "zalo"}, {ChannelKind::kFacebook, "facebook"}, {ChannelKind::kWeb, "web"}}};
constexpr std::array<std::pair<Priority, const char*>, 2> kPriorities{{
    {Priority::kNormal, "binh_thuong"}, {Priority::kUrgent, "khan_cap"}}};
constexpr std::array<std::pair<CaseStatus, const char*>, 8> kStatuses{{
    {CaseStatus::kReceived, "received"},
    {CaseStatus::kRouted, "routed"},
    {CaseStatus::kInProgress, "in_progress"},
    {CaseStatus::kResolved, "resolved"},
    {CaseStatus::kPublished, "published"},
    {CaseStatus::kClosed, "closed"},
    {CaseStatus::kRejected, "rejected"},
    {CaseStatus::kMerged, "merged"}}};
constexpr std::array<std::pair<OutboxState, const char*>, 3> kOutboxStates{{
    {OutboxState::kPending, "pending"}, {OutboxState::kSent, "sent"}, {OutboxState::kFailed, "failed"}}};

constexpr std::array<std::pair<Role, const char*>, 5> kRoles{{
    {Role::kWardStaff, "ward_staff"},
    {Role::kWardLeader, "ward_leader"},
    {Role::kDistrictOffice, "district_office"},
    {Role::kLeader, "leader"},
    {Role::kAdmin, "admin"}}};

}  // namespace

const char* RoleName(Role r) { return NameOf(kRoles, r); }
std::optional<Role> ParseRole(std::string_view s) { return Lookup(kRoles, s); }
const char* ChannelName(ChannelKind c) { return NameOf(kChannels, c); }
std::optional<ChannelKind> ParseChannel(std::string_view s) { return Lookup(kChannels, s); }
const char* PriorityName(Priority p) { return NameOf(kPriorities, p); }
std::optional<Priority> ParsePriority(std::string_view s) { return Lookup(kPriorities, s); }
const char* StatusName(CaseStatus s) { return NameOf(kStatuses, s); }
std::optional<CaseStatus> ParseStatus(std::string_view s) { return Lookup(kStatuses, s); }
const char* OutboxStateName(OutboxState s) { return NameOf(kOutboxStates, s); }

}  // namespace wardline
