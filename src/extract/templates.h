// templates: each site's furniture, learned from the stream of its pages.
//
// Pages of one host share lines that are no part of any one article: a
// comment policy under every story, "Читайте также", a promo for the
// outlet's app, a subscription box. SiteTemplates keeps, per host, how
// many of its recent pages carried each short block, and drops from the
// next page of that host the blocks its earlier pages repeated. A host's
// first pages keep everything (cold start: extraction's own rules only).
//
//   extract::SiteTemplates templates;
//   for (Article& a : stream) templates.Apply(&a);   // in arrival order
//
// Bounded: at most `max_hosts` hosts (the least recently seen goes) and
// `max_blocks_per_host` blocks per host (single sightings go first), counts
// halve every `window_pages` pages of a host, so a hostile host cannot grow
// it and old furniture fades. State is in memory; the pipeline carries it
// across restarts in its snapshot (Save/Load).
// Not thread-safe: one instance per writer.
#ifndef STORYLINE_EXTRACT_TEMPLATES_H_
#define STORYLINE_EXTRACT_TEMPLATES_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>

#include "common/flat_map.h"
#include "common/model.h"
#include "common/serial.h"
#include "common/status.h"

namespace storyline::extract {

struct TemplateOptions {
  size_t max_hosts = 4096;
  size_t max_blocks_per_host = 512;
  // Longer blocks are article text, never furniture.
  size_t max_block_bytes = 300;
  // A block is furniture once this many earlier pages of its host had it…
  int min_pages = 3;
  // …and at least this share of the host's recent pages (0.2 missed a
  // newsletter promo on 22 of an outlet's 122 pages; docs/design/extract.md).
  double min_share = 0.1;
  // A host's counts halve every this many of its pages.
  int window_pages = 200;
};

class SiteTemplates {
 public:
  explicit SiteTemplates(const TemplateOptions& options = TemplateOptions());

  // Drops from `a` (text and blocks; spans are rebuilt) the blocks its
  // host repeated on earlier pages, then counts `a`'s own blocks. Returns
  // how many blocks were dropped. A page that would lose every block keeps
  // them all. Articles without a host or blocks are left alone. The same
  // URL seen again counts once.
  int Apply(Article* a);

  size_t hosts() const { return hosts_.size(); }
  // What was learned; Load() into a fresh SiteTemplates with the same
  // options gives one that drops what this one would. Corruption on
  // damaged data.
  void Save(serial::Writer* w) const;
  Status Load(serial::Reader* r);

 private:
  struct Seen {
    uint32_t pages = 0;      // recent pages of the host that had the block
    uint64_t last_page = 0;  // hash of the last page's URL that counted it
  };
  struct Host {
    uint64_t last_use = 0;
    uint32_t pages = 0;
    FlatMap<uint64_t, Seen> blocks;
  };
  Host* HostFor(const std::string& host);

  TemplateOptions opts_;
  uint64_t clock_ = 0;
  std::unordered_map<std::string, Host> hosts_;
};

}  // namespace storyline::extract

#endif  // STORYLINE_EXTRACT_TEMPLATES_H_
