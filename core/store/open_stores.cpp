#include "core/store/soci_stores.h"
#include "core/store/stores.h"

namespace wardline {

Result<Stores> OpenStores(const std::string& url, int pool_size) {
  auto parsed = ParseDatabaseUrl(url);
  if (!parsed.ok()) return parsed.error();
  auto db = std::make_unique<store_impl::SociDatabase>(std::move(parsed).value(), pool_size);
  if (Status opened = db->Open(); !opened.ok()) return opened.error();
  Stores s;
  s.cases = store_impl::MakeSociCaseStore(*db);
  s.inbox = store_impl::MakeSociInboxStore(*db);
  s.outbox = store_impl::MakeSociOutboxStore(*db);
  s.tokens = store_impl::MakeSociTokenStore(*db);
  s.corrections = store_impl::MakeSociCorrectionStore(*db);
  s.accounts = store_impl::MakeSociAccountStore(*db);
  s.db = std::move(db);
  return s;
}

}  // namespace wardline
