// Factories of the SOCI implementations of each store, all over one SociDatabase.
// Internal to core/store: everything else opens them through OpenStores() (stores.h).
#pragma once

#include <memory>

#include "core/store/account_store.h"
#include "core/store/case_store.h"
#include "core/store/correction_store.h"
#include "core/store/inbox_store.h"
#include "core/store/outbox_store.h"
#include "core/store/soci_database.h"
#include "core/store/token_store.h"

namespace wardline::store_impl {

std::unique_ptr<CaseStore> MakeSociCaseStore(SociDatabase& db);
std::unique_ptr<InboxStore> MakeSociInboxStore(SociDatabase& db);
std::unique_ptr<OutboxStore> MakeSociOutboxStore(SociDatabase& db);
std::unique_ptr<TokenStore> MakeSociTokenStore(SociDatabase& db);
std::unique_ptr<CorrectionStore> MakeSociCorrectionStore(SociDatabase& db);
std::unique_ptr<AccountStore> MakeSociAccountStore(SociDatabase& db);

}  // namespace wardline::store_impl
