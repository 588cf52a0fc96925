// TestStore: a fresh, empty store of either engine for one test (tests
// only). "sqlite" is a file in a temporary folder; "postgresql" is a new
// database on the throw-away server scripts/test-postgres started (ctest
// starts it; its state folder is $STORYLINE_TEST_POSTGRES_STATE), dropped
// afterwards. When that server is absent, skip_reason() says why and the
// test must GTEST_SKIP with it: never a silent pass.
#ifndef STORYLINE_TESTING_TEST_STORE_H_
#define STORYLINE_TESTING_TEST_STORE_H_

#include <sqlite3.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <pqxx/pqxx>
#include <string>

#include "store/store.h"
#include "testing/temp_dir.h"

namespace storyline::testing {

class TestStore {
 public:
  explicit TestStore(const std::string& engine) : engine_(engine) {
    if (engine != "postgresql") {
      dir_ = std::make_unique<TempDir>("store");
      target_ = dir_->Path("t.db");
      return;
    }
    base_ = ServerUrl(&skip_reason_);
    if (base_.empty()) return;
    db_ = "t_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++);
    try {
      pqxx::connection c(base_);
      pqxx::nontransaction n(c);
      n.exec("DROP DATABASE IF EXISTS " + db_);
      n.exec("CREATE DATABASE " + db_);
    } catch (const std::exception& e) {
      skip_reason_ = std::string("cannot create a test database: ") + e.what();
      return;
    }
    target_ = WithDatabase(base_, db_);
  }
  ~TestStore() {
    if (db_.empty() || base_.empty()) return;
    try {
      pqxx::connection c(base_);
      pqxx::nontransaction n(c);
      n.exec("DROP DATABASE IF EXISTS " + db_ + " WITH (FORCE)");
    } catch (const std::exception&) {
      // The server is removed with its folder at the end of the run.
    }
  }

  const std::string& skip_reason() const { return skip_reason_; }
  const std::string& target() const { return target_; }
  const std::string& engine() const { return engine_; }

  Result<std::unique_ptr<store::Store>> Open(bool read_only = false) const {
    store::OpenOptions o;
    o.read_only = read_only;
    return store::Open(target_, o);
  }

  // Runs SQL on the store behind the Store interface's back (to damage or
  // age it); false on error.
  bool Exec(const std::string& sql) const {
    if (engine_ != "postgresql") {
      sqlite3* raw = nullptr;
      bool ok = sqlite3_open(target_.c_str(), &raw) == SQLITE_OK &&
                sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr) ==
                    SQLITE_OK;
      sqlite3_close(raw);
      return ok;
    }
    try {
      pqxx::connection c(target_);
      pqxx::nontransaction n(c);
      n.exec(sql);
      return true;
    } catch (const std::exception&) {
      return false;
    }
  }

  // The test server's URL; empty with the reason when there is none.
  static std::string ServerUrl(std::string* why) {
    if (const char* url = std::getenv("STORYLINE_TEST_POSTGRES_URL"))
      return url;
    const char* state = std::getenv("STORYLINE_TEST_POSTGRES_STATE");
    if (state == nullptr) {
      *why =
          "no PostgreSQL test server: run through ctest (make test), which "
          "starts one, or set STORYLINE_TEST_POSTGRES_URL";
      return "";
    }
    std::string line;
    std::ifstream skip(std::string(state) + "/skip");
    if (skip && std::getline(skip, line)) {
      *why = "PostgreSQL test server did not start: " + line;
      return "";
    }
    std::ifstream url(std::string(state) + "/url");
    if (!url || !std::getline(url, line) || line.empty()) {
      *why = std::string("no PostgreSQL test server URL in ") + state;
      return "";
    }
    return line;
  }

  // `url` ("postgresql://.../DB?..." or ".../DB") naming database `db`.
  static std::string WithDatabase(const std::string& url,
                                  const std::string& db) {
    size_t scheme = url.find("://");
    size_t slash = url.find('/', scheme + 3);
    size_t query = url.find('?', scheme + 3);
    std::string rest = query == std::string::npos ? "" : url.substr(query);
    std::string head = slash == std::string::npos ||
                               (query != std::string::npos && slash > query)
                           ? url.substr(0, query)
                           : url.substr(0, slash);
    return head + "/" + db + rest;
  }

 private:
  static inline int counter_ = 0;
  std::string engine_, target_, base_, db_, skip_reason_;
  std::unique_ptr<TempDir> dir_;
};

}  // namespace storyline::testing

#endif  // STORYLINE_TESTING_TEST_STORE_H_
