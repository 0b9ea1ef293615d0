// Stores: the database and every per-aggregate store over it, opened together. The
// composition root (gateway/main.cpp) opens one bundle and hands each module the store it
// needs; nothing else knows which backend is behind them.
#pragma once

#include <memory>
#include <string>

#include "core/store/account_store.h"
#include "core/store/case_store.h"
#include "core/store/correction_store.h"
#include "core/store/database.h"
#include "core/store/inbox_store.h"
#include "core/store/outbox_store.h"
#include "core/store/token_store.h"

namespace wardline {

struct Stores {
  std::unique_ptr<Database> db;  // declared first: destroyed last
  std::unique_ptr<CaseStore> cases;
  std::unique_ptr<InboxStore> inbox;
  std::unique_ptr<OutboxStore> outbox;
  std::unique_ptr<TokenStore> tokens;
  std::unique_ptr<CorrectionStore> corrections;
  std::unique_ptr<AccountStore> accounts;
};

// Opens the database from a SOCI-style URL ("sqlite3://db=..." or "mysql://db=... host=..."),
// runs migrations, and builds the stores. Errors: kInvalidArgument for a bad URL;
// kUnavailable when the database cannot be reached; kFailedPrecondition for a schema newer
// than this build.
Result<Stores> OpenStores(const std::string& url, int pool_size = 8);

}  // namespace wardline
