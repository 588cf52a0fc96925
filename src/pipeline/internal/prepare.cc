#include "pipeline/internal/prepare.h"

#include <utility>

namespace storyline::pipeline::internal {

PrepareAhead::PrepareAhead(const std::vector<Article>& articles,
                           const std::vector<char>& take,
                           ArticlePreparer* preparer, bool threaded)
    : articles_(articles), take_(take), preparer_(preparer) {
  if (!threaded) return;
  ready_.resize(articles.size());
  thread_ = std::thread([this] { Run(); });
}

PrepareAhead::~PrepareAhead() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void PrepareAhead::Run() {
  for (size_t i = 0; i < articles_.size(); ++i) {
    if (!take_[i]) continue;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return stop_ || i < next_take_ + kWindow; });
      if (stop_) return;
      if (i < next_take_) continue;  // taken without waiting for it
      working_ = i;
    }
    auto p =
        std::make_unique<PreparedArticle>(preparer_->Prepare(articles_[i]));
    {
      std::lock_guard<std::mutex> lock(mu_);
      ready_[i] = std::move(p);
      working_ = kNone;
      ++prepared_;
    }
    cv_.notify_all();
  }
}

std::unique_ptr<PreparedArticle> PrepareAhead::Take(size_t i) {
  if (!thread_.joinable()) return nullptr;
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return working_ != i; });
  next_take_ = i + 1;
  std::unique_ptr<PreparedArticle> p = std::move(ready_[i]);
  lock.unlock();
  cv_.notify_all();
  return p;
}

size_t PrepareAhead::prepared() {
  std::lock_guard<std::mutex> lock(mu_);
  return prepared_;
}

}  // namespace storyline::pipeline::internal
