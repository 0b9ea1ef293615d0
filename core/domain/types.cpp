#include "core/domain/types.h"

#include "core/domain/account.h"
#include "core/domain/enum_names.h"

#include <array>
#include <utility>

namespace wardline {
namespace {

constexpr NameTable<ChannelKind, 3> kChannels{{
    {ChannelKind::kZalo, "zalo"}, {ChannelKind::kFacebook, "facebook"}, {ChannelKind::kWeb, "web"}}};
constexpr NameTable<Priority, 2> kPriorities{{
    {Priority::kNormal, "binh_thuong"}, {Priority::kUrgent, "khan_cap"}}};
constexpr NameTable<CaseStatus, 8> kStatuses{{
    {CaseStatus::kReceived, "received"},
    {CaseStatus::kRouted, "routed"},
    {CaseStatus::kInProgress, "in_progress"},
    {CaseStatus::kResolved, "resolved"},
    {CaseStatus::kPublished, "published"},
    {CaseStatus::kClosed, "closed"},
    {CaseStatus::kRejected, "rejected"},
    {CaseStatus::kMerged, "merged"}}};
constexpr NameTable<OutboxState, 3> kOutboxStates{{
    {OutboxState::kPending, "pending"}, {OutboxState::kSent, "sent"}, {OutboxState::kFailed, "failed"}}};

constexpr NameTable<Role, 5> kRoles{{
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
std::optional<OutboxState> ParseOutboxState(std::string_view s) { return Lookup(kOutboxStates, s); }

}  // namespace wardline
