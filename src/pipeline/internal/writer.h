// StoreWriter: the writes of one ingest call, applied to the store in the
// order they are given — on a thread of its own, so that the assigner
// decides article N+1 while article N is stored and a batch's commit (the
// search index flush) runs beside clustering; or inline, on the caller's
// thread, for a one-thread ingest.
//
//   store->Begin();
//   StoreWriter w(store, /*threaded=*/true);
//   w.Put(row); w.MergeStory(a, b); w.Commit();   // commit, begin the next
//   if (w.failed()) ...                            // stop producing
//   Status st = w.Finish();                        // all applied, or the
//                                                  // first failure
//
// Ops after the first failure are dropped. Between construction and
// Finish() the writer owns the store: the producer must not use it.
// Thread-safety: every method is called from the one producer thread.
#ifndef STORYLINE_PIPELINE_INTERNAL_WRITER_H_
#define STORYLINE_PIPELINE_INTERNAL_WRITER_H_

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

#include "common/status.h"
#include "store/store.h"

namespace storyline::pipeline::internal {

// Saves `data` as the assigner snapshot in the open transaction, covering
// every article written so far (the one place a snapshot is written).
Status WriteSnapshot(store::Store* store, std::string data, int64_t now);

class StoreWriter {
 public:
  // `store` must have an open transaction and outlive the writer.
  StoreWriter(store::Store* store, bool threaded);
  ~StoreWriter();  // Finish()es
  StoreWriter(const StoreWriter&) = delete;
  StoreWriter& operator=(const StoreWriter&) = delete;

  void Put(store::StoredArticle row);
  void MergeStory(std::string from, std::string into);
  void MergeEvent(std::string from, std::string into);
  void Snapshot(std::string data, int64_t now);
  void Commit();  // commits and begins the next transaction

  // True once an op failed (the rest are dropped).
  bool failed() const { return failed_.load(std::memory_order_acquire); }
  // Waits until every op is applied; the first failure, else Ok. The
  // transaction stays open (the caller commits or rolls back).
  Status Finish();
  // Seconds spent applying ops (valid after Finish).
  double busy_seconds() const { return busy_seconds_; }

 private:
  enum class Kind { kPut, kMergeStory, kMergeEvent, kSnapshot, kCommit };
  struct Op {
    Kind kind = Kind::kPut;
    store::StoredArticle row;
    std::string a, b;
    int64_t now = 0;
  };
  void Push(Op op);
  void PushMerge(Kind kind, std::string from, std::string into);
  void Apply(Op& op);
  void Run();

  store::Store* store_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Op> queue_;
  bool closing_ = false;
  std::atomic<bool> failed_{false};
  Status status_;  // written by the applying thread; read after Finish
  double busy_seconds_ = 0;
  bool finished_ = false;
  std::thread thread_;
};

}  // namespace storyline::pipeline::internal

#endif  // STORYLINE_PIPELINE_INTERNAL_WRITER_H_
