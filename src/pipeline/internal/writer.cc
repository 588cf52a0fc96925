#include "pipeline/internal/writer.h"

#include <chrono>
#include <utility>

namespace storyline::pipeline::internal {

Status WriteSnapshot(store::Store* store, std::string data, int64_t now) {
  store::Snapshot snap;
  Result<int64_t> seq = store->LastArticleSeq();
  if (!seq.ok()) return seq.status();
  snap.upto_seq = *seq;
  snap.written_at = now;
  snap.data = std::move(data);
  return store->PutSnapshot(snap);
}

StoreWriter::StoreWriter(store::Store* store, bool threaded) : store_(store) {
  if (threaded) thread_ = std::thread([this] { Run(); });
}

StoreWriter::~StoreWriter() { Finish(); }

void StoreWriter::Put(store::StoredArticle row) {
  Op op;
  op.kind = Kind::kPut;
  op.row = std::move(row);
  Push(std::move(op));
}

void StoreWriter::MergeStory(std::string from, std::string into) {
  PushMerge(Kind::kMergeStory, std::move(from), std::move(into));
}

void StoreWriter::MergeEvent(std::string from, std::string into) {
  PushMerge(Kind::kMergeEvent, std::move(from), std::move(into));
}

void StoreWriter::PushMerge(Kind kind, std::string from, std::string into) {
  Op op;
  op.kind = kind;
  op.a = std::move(from);
  op.b = std::move(into);
  Push(std::move(op));
}

void StoreWriter::Snapshot(std::string data, int64_t now) {
  Op op;
  op.kind = Kind::kSnapshot;
  op.a = std::move(data);
  op.now = now;
  Push(std::move(op));
}

void StoreWriter::Commit() {
  Op op;
  op.kind = Kind::kCommit;
  Push(std::move(op));
}

void StoreWriter::Push(Op op) {
  if (failed()) return;
  if (!thread_.joinable()) {
    Apply(op);
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.push_back(std::move(op));
  }
  cv_.notify_one();
}

void StoreWriter::Apply(Op& op) {
  auto began = std::chrono::steady_clock::now();
  Status st;
  switch (op.kind) {
    case Kind::kPut:
      st = store_->PutArticle(op.row);
      if (!st.ok()) st = st.WithContext(op.row.article.source);
      break;
    case Kind::kMergeStory:
      st = store_->MergeStory(op.a, op.b);
      break;
    case Kind::kMergeEvent:
      st = store_->MergeEvent(op.a, op.b);
      break;
    case Kind::kSnapshot:
      st = WriteSnapshot(store_, std::move(op.a), op.now);
      break;
    case Kind::kCommit:
      st = store_->Commit();
      if (st.ok()) st = store_->Begin();
      break;
  }
  busy_seconds_ +=
      std::chrono::duration<double>(std::chrono::steady_clock::now() - began)
          .count();
  if (!st.ok()) {
    status_ = st;
    failed_.store(true, std::memory_order_release);
  }
}

void StoreWriter::Run() {
  for (;;) {
    Op op;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return closing_ || !queue_.empty(); });
      if (queue_.empty()) return;  // closing, and nothing left
      op = std::move(queue_.front());
      queue_.pop_front();
    }
    if (!failed()) Apply(op);
  }
}

Status StoreWriter::Finish() {
  if (!finished_) {
    finished_ = true;
    if (thread_.joinable()) {
      {
        std::lock_guard<std::mutex> lock(mu_);
        closing_ = true;
      }
      cv_.notify_one();
      thread_.join();
    }
  }
  return status_;
}

}  // namespace storyline::pipeline::internal
