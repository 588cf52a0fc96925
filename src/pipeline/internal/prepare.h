// PrepareAhead: the assigner's inputs (news verdict, copy signature,
// clustering tokens) prepared on a helper thread a few articles ahead of
// the one thread that assigns, so tokenising no longer waits in its line.
//
//   PrepareAhead ahead(articles, take, &preparer, /*threaded=*/true);
//   for (i in order) {
//     std::unique_ptr<PreparedArticle> p = ahead.Take(i);   // may be null
//     assigner.Add(articles[i], p.get());   // same decision either way
//   }
//
// Only articles with take[i] are prepared, at most kWindow ahead of the
// last Take. Take(i) waits while the helper is reading article i and
// returns null when the helper has not got there (it then skips it), so
// after Take(i) returns the caller may change article i; it must not
// change an article it has not taken. Take is called with increasing i
// from one thread. Unthreaded, Take always returns null.
#ifndef STORYLINE_PIPELINE_INTERNAL_PREPARE_H_
#define STORYLINE_PIPELINE_INTERNAL_PREPARE_H_

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "common/model.h"
#include "pipeline/assigner.h"

namespace storyline::pipeline::internal {

class PrepareAhead {
 public:
  static constexpr size_t kWindow = 32;

  // `articles`, `take` and `preparer` must outlive this object; the
  // preparer is used by the helper thread only until destruction.
  PrepareAhead(const std::vector<Article>& articles,
               const std::vector<char>& take, ArticlePreparer* preparer,
               bool threaded);
  ~PrepareAhead();  // stops and joins the helper
  PrepareAhead(const PrepareAhead&) = delete;
  PrepareAhead& operator=(const PrepareAhead&) = delete;

  std::unique_ptr<PreparedArticle> Take(size_t i);
  // Articles prepared so far (taken or not).
  size_t prepared();

 private:
  static constexpr size_t kNone = ~size_t{0};
  void Run();

  const std::vector<Article>& articles_;
  const std::vector<char>& take_;
  ArticlePreparer* preparer_;
  std::mutex mu_;
  std::condition_variable cv_;
  size_t next_take_ = 0;    // the caller has taken every article before it
  size_t working_ = kNone;  // the article the helper is reading
  bool stop_ = false;
  size_t prepared_ = 0;
  std::vector<std::unique_ptr<PreparedArticle>> ready_;
  std::thread thread_;
};

}  // namespace storyline::pipeline::internal

#endif  // STORYLINE_PIPELINE_INTERNAL_PREPARE_H_
