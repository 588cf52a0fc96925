// Prepared SQLite statements (internal): a per-connection cache of prepared
// statements and an RAII handle that borrows one for a call.
//
// Thread-safety: like the connection it wraps, a StmtCache is used by one
// thread at a time.
#ifndef STORYLINE_STORE_INTERNAL_STMT_H_
#define STORYLINE_STORE_INTERNAL_STMT_H_

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <unordered_map>

namespace storyline::store::internal {

// Keeps every statement prepared once per connection (keyed by its SQL
// text, which comes from our code, so the cache is bounded by the number of
// statements in the source). Must be destroyed (or Clear()ed) before the
// connection is closed.
class StmtCache {
 public:
  explicit StmtCache(sqlite3* db) : db_(db) {}
  StmtCache(const StmtCache&) = delete;
  StmtCache& operator=(const StmtCache&) = delete;
  ~StmtCache() { Clear(); }

  sqlite3* db() const { return db_; }

  // A prepared statement for `sql`, or nullptr with *rc set. When
  // *in_use is set on return, the statement belongs to the cache and
  // **in_use must be cleared when done; otherwise (the cached one is in use
  // by an enclosing call) the caller owns a fresh one and finalizes it.
  sqlite3_stmt* Acquire(const char* sql, int* rc, bool** in_use) {
    *in_use = nullptr;
    auto it = entries_.find(sql);
    if (it != entries_.end() && !it->second.in_use) {
      it->second.in_use = true;
      *in_use = &it->second.in_use;
      *rc = SQLITE_OK;
      return it->second.stmt;
    }
    sqlite3_stmt* s = nullptr;
    *rc = sqlite3_prepare_v2(db_, sql, -1, &s, nullptr);
    if (*rc != SQLITE_OK) {
      sqlite3_finalize(s);
      return nullptr;
    }
    if (it == entries_.end()) {
      // Map nodes are stable, so the flag's address stays valid.
      Entry& e = entries_.emplace(sql, Entry{s, true}).first->second;
      *in_use = &e.in_use;
    }
    return s;
  }
  void Clear() {
    for (auto& [sql, e] : entries_) sqlite3_finalize(e.stmt);
    entries_.clear();
  }

 private:
  struct Entry {
    sqlite3_stmt* stmt;
    bool in_use;
  };
  sqlite3* db_;
  std::unordered_map<std::string, Entry> entries_;
};

class Stmt {
 public:
  // A statement borrowed from the cache (reset and given back on
  // destruction), or prepared for this call when the cached one is busy.
  Stmt(StmtCache* cache, const char* sql) {
    s_ = cache->Acquire(sql, &rc_, &in_use_);
  }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt() {
    if (in_use_ != nullptr) {
      sqlite3_reset(s_);
      sqlite3_clear_bindings(s_);
      *in_use_ = false;
    } else {
      sqlite3_finalize(s_);
    }
  }
  bool ok() const { return rc_ == SQLITE_OK; }
  Stmt& Bind(int i, const std::string& v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()),
                      SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& Bind(int i, int64_t v) {
    sqlite3_bind_int64(s_, i, v);
    return *this;
  }
  // Bytes that need not be text (no UTF-8 check on the way out).
  Stmt& BindBlob(int i, const std::string& v) {
    sqlite3_bind_blob64(s_, i, v.data(), v.size(), SQLITE_TRANSIENT);
    return *this;
  }
  std::string Blob(int i) {
    const void* b = sqlite3_column_blob(s_, i);
    return b ? std::string(static_cast<const char*>(b),
                           static_cast<size_t>(sqlite3_column_bytes(s_, i)))
             : "";
  }
  int Step() { return sqlite3_step(s_); }
  // Ready to run again with new bindings.
  void Reset() { sqlite3_reset(s_); }
  std::string Text(int i) {
    const unsigned char* t = sqlite3_column_text(s_, i);
    return t ? std::string(reinterpret_cast<const char*>(t),
                           static_cast<size_t>(sqlite3_column_bytes(s_, i)))
             : "";
  }
  int64_t Int(int i) { return sqlite3_column_int64(s_, i); }
  double Real(int i) { return sqlite3_column_double(s_, i); }

 private:
  bool* in_use_ = nullptr;  // set while borrowed from a StmtCache
  sqlite3_stmt* s_ = nullptr;
  int rc_ = SQLITE_OK;
};

}  // namespace storyline::store::internal

#endif  // STORYLINE_STORE_INTERNAL_STMT_H_
