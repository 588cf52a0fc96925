// See templates.h.
#include "extract/templates.h"

#include <algorithm>
#include <unordered_set>
#include <vector>

#include "common/strings.h"
#include "common/url.h"
#include "extract/extract.h"

namespace storyline::extract {

SiteTemplates::SiteTemplates(const TemplateOptions& options) : opts_(options) {}

SiteTemplates::Host* SiteTemplates::HostFor(const std::string& host) {
  auto it = hosts_.find(host);
  if (it == hosts_.end()) {
    if (hosts_.size() >= opts_.max_hosts) {
      // Forget the least recently seen eighth at once (one scan per
      // eighth of the cap, not per new host).
      std::vector<std::pair<uint64_t, std::string>> by_age;
      by_age.reserve(hosts_.size());
      for (const auto& [name, h] : hosts_)
        by_age.emplace_back(h.last_use, name);
      size_t drop = std::max<size_t>(1, hosts_.size() / 8);
      std::nth_element(by_age.begin(), by_age.begin() + (drop - 1),
                       by_age.end());
      for (size_t i = 0; i < drop; ++i) hosts_.erase(by_age[i].second);
    }
    it = hosts_.emplace(host, Host()).first;
  }
  it->second.last_use = ++clock_;
  return &it->second;
}

int SiteTemplates::Apply(Article* a) {
  if (a->blocks.empty() || opts_.max_hosts == 0) return 0;
  std::string host =
      url::HostOf(a->canonical_url.empty() ? a->url : a->canonical_url);
  if (host.empty()) return 0;
  Host* h = HostFor(host);
  const uint64_t page = Fnv1a64(a->url) | 1;  // never the "unset" 0

  // Which blocks the host's earlier pages repeated.
  std::vector<uint64_t> keys(a->blocks.size(), 0);
  std::vector<bool> furniture(a->blocks.size(), false);
  size_t dropped = 0;
  const double need =
      std::max<double>(opts_.min_pages, opts_.min_share * h->pages);
  for (size_t i = 0; i < a->blocks.size(); ++i) {
    const Span& s = a->blocks[i].text;
    if (s.size() > opts_.max_block_bytes || s.end > a->text.size()) continue;
    keys[i] = Fnv1a64(std::string_view(a->text).substr(s.begin, s.size())) | 1;
    const Seen* seen = h->blocks.Find(keys[i]);
    if (seen && seen->last_page != page && seen->pages >= need) {
      furniture[i] = true;
      ++dropped;
    }
  }

  // Count this page's blocks (before anything is dropped, so furniture
  // keeps its count).
  bool new_page = true;
  std::unordered_set<uint64_t> counted;
  for (uint64_t k : keys) {
    if (k == 0 || !counted.insert(k).second) continue;
    Seen* seen = h->blocks.Find(k);
    if (!seen) {
      if (h->blocks.size() >= opts_.max_blocks_per_host) {
        h->blocks.EraseIf([](uint64_t, Seen& s) { return s.pages <= 1; });
        if (h->blocks.size() >= opts_.max_blocks_per_host) continue;
      }
      seen = &h->blocks[k];
    }
    if (seen->last_page == page) {
      new_page = false;  // the same URL again: it counted already
      continue;
    }
    seen->last_page = page;
    ++seen->pages;
  }
  if (new_page && ++h->pages >= static_cast<uint32_t>(2 * opts_.window_pages)) {
    h->pages /= 2;
    h->blocks.EraseIf([](uint64_t, Seen& s) { return (s.pages /= 2) == 0; });
  }

  if (dropped == 0 || dropped == a->blocks.size()) return 0;
  std::string text;
  std::vector<Block> blocks;
  for (size_t i = 0; i < a->blocks.size(); ++i) {
    if (furniture[i]) continue;
    Block b = a->blocks[i];
    const Span& s = a->blocks[i].text;
    if (!text.empty()) text += "\n\n";
    b.text.begin = static_cast<uint32_t>(text.size());
    text.append(a->text, s.begin, s.size());
    b.text.end = static_cast<uint32_t>(text.size());
    blocks.push_back(b);
  }
  a->text = std::move(text);
  a->blocks = std::move(blocks);
  return static_cast<int>(dropped);
}

void SiteTemplates::Save(serial::Writer* w) const {
  w->U64(clock_);
  w->U64(hosts_.size());
  for (const auto& [name, h] : hosts_) {
    w->Str(name);
    w->U64(h.last_use);
    w->U64(h.pages);
    w->U64(h.blocks.size());
    h.blocks.ForEach([&](uint64_t key, const Seen& seen) {
      w->U64(key);
      w->U64(seen.pages);
      w->U64(seen.last_page);
    });
  }
}

Status SiteTemplates::Load(serial::Reader* r) {
  if (!hosts_.empty())
    return Status::FailedPrecondition("SiteTemplates::Load on used templates");
  clock_ = r->U64();
  uint64_t n = r->Count(4);
  if (n > opts_.max_hosts) r->Fail("more hosts than max_hosts");
  for (uint64_t i = 0; i < n && r->ok(); ++i) {
    Host& h = hosts_[r->Str()];
    h.last_use = r->U64();
    h.pages = static_cast<uint32_t>(r->U64());
    uint64_t k = r->Count(3);
    if (k > opts_.max_blocks_per_host) r->Fail("more blocks than allowed");
    for (uint64_t j = 0; j < k && r->ok(); ++j) {
      Seen& seen = h.blocks[r->U64()];
      seen.pages = static_cast<uint32_t>(r->U64());
      seen.last_page = r->U64();
    }
  }
  return r->status();
}

}  // namespace storyline::extract
