// store::Open: the engine from the target's form.
#include "store/store.h"

namespace storyline::store {

Result<std::unique_ptr<Store>> Open(const std::string& target,
                                    const OpenOptions& o) {
  if (IsPostgresTarget(target)) {
    PostgresOptions p;
    p.read_only = o.read_only;
    p.connect_timeout_s = o.connect_timeout_s;
    return OpenPostgres(target, p);
  }
  SqliteOptions s;
  s.read_only = o.read_only;
  s.busy_timeout_ms = o.busy_timeout_ms;
  return OpenSqlite(target, s);
}

}  // namespace storyline::store
