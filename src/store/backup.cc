// store::Backup: SQLite's online backup API into a new file.
#include <sqlite3.h>
#include <sys/stat.h>

#include <chrono>
#include <thread>

#include "store/store.h"

namespace storyline::store {

Status Backup(const std::string& target, const std::string& dest) {
  if (IsPostgresTarget(target))
    return Status::FailedPrecondition(
        "backup copies SQLite files; for PostgreSQL use pg_dump (for "
        "example: pg_dump -Fc -f storyline.dump '" +
        RedactTarget(target) + "', restored with pg_restore)");
  struct stat st;
  if (stat(target.c_str(), &st) != 0)
    return Status::NotFound("no database at " + target);
  if (stat(dest.c_str(), &st) == 0)
    return Status::InvalidArgument(dest +
                                   " exists; give a new file name (nothing "
                                   "was overwritten)");
  sqlite3* src = nullptr;
  sqlite3* out = nullptr;
  auto close = [&] {
    if (src) sqlite3_close(src);
    if (out) sqlite3_close(out);
  };
  if (sqlite3_open_v2(target.c_str(), &src, SQLITE_OPEN_READONLY, nullptr) !=
      SQLITE_OK) {
    std::string why = src ? sqlite3_errmsg(src) : "out of memory";
    close();
    return Status::IoError("cannot open " + target + ": " + why);
  }
  sqlite3_busy_timeout(src, 10000);
  if (sqlite3_open_v2(dest.c_str(), &out,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                      nullptr) != SQLITE_OK) {
    std::string why = out ? sqlite3_errmsg(out) : "out of memory";
    close();
    return Status::IoError("cannot create " + dest + ": " + why);
  }
  sqlite3_backup* b = sqlite3_backup_init(out, "main", src, "main");
  if (!b) {
    std::string why = sqlite3_errmsg(out);
    close();
    std::remove(dest.c_str());
    return Status::IoError("backup of " + target + ": " + why);
  }
  // All pages in one step: a write by another process between steps would
  // restart the copy, and one step holds the read snapshot throughout, so
  // writers (WAL) go on meanwhile.
  int rc;
  for (int tries = 0;; ++tries) {
    rc = sqlite3_backup_step(b, -1);
    if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && tries < 100) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      continue;
    }
    break;
  }
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) {
    std::string why = sqlite3_errstr(rc);
    close();
    std::remove(dest.c_str());
    return Status::IoError("backup of " + target + " failed: " + why);
  }
  close();
  return Status::Ok();
}

}  // namespace storyline::store
