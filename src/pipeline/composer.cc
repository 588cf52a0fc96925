#include "pipeline/composer.h"

#include <utility>

#include "pipeline/internal/compose_job.h"

namespace storyline::pipeline {

Composer::Composer(store::Store* store, const Options& options,
                   std::string claimer)
    : store_(store), opts_(options), claimer_(std::move(claimer)) {}

Result<int> Composer::ComposeClaimed(int limit) {
  if (!opts_.clock)
    return Status::InvalidArgument("pipeline::Options::clock is required");
  Result<std::vector<store::DirtyClaim>> claims = store_->ClaimDirtyStories(
      claimer_, limit, opts_.clock->NowSeconds(), kLeaseSeconds);
  if (!claims.ok()) return claims.status();
  if (claims->empty()) return 0;
  // Read after the claim: the hosts of every article the claimed stories
  // hold were stored with those articles.
  Result<std::vector<std::string>> hosts = store_->OutletHosts();
  if (!hosts.ok()) return hosts.status();
  int written = 0;
  for (const store::DirtyClaim& claim : *claims) {
    internal::ComposeJob job;
    job.id = claim.story_id;
    SL_RETURN_IF_ERROR(internal::ReadJob(store_, &job));
    job.row.dirty_mark = claim.dirty_mark;
    internal::ComposeOne(opts_, &job, &cache_, *hosts);
    SL_RETURN_IF_ERROR(store_->Begin());
    Status st = store_->PutPage(job.row, job.json, opts_.clock->NowSeconds());
    if (st.ok()) st = store_->Commit();
    if (!st.ok()) {
      store_->Rollback();
      return st;
    }
    ++written;
  }
  return written;
}

}  // namespace storyline::pipeline
