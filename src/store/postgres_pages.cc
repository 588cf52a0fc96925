// PostgresStore: story rows, page versions and what the web app reads.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <pqxx/pqxx>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "common/strings.h"
#include "store/internal/codec.h"
#include "store/internal/pg_text.h"
#include "store/internal/postgres_store.h"
#include "store/internal/schema.h"
#include "store/internal/search.h"
#include "store/store.h"

namespace storyline::store::internal {

Result<std::vector<std::string>> PostgresStore::Strings(const char* what,
                                                        const char* sql) {
  std::vector<std::string> out;
  Status st = Run(what, [&](pqxx::transaction_base& t) {
    out.clear();
    for (const pqxx::row& r : t.exec(sql)) out.push_back(S(r[0]));
  });
  if (!st.ok()) return st;
  return out;
}

Result<std::vector<std::string>> PostgresStore::DirtyStories() {
  return Strings("dirty stories",
                 "SELECT id FROM stories WHERE dirty ORDER BY id");
}

Result<std::vector<DirtyClaim>> PostgresStore::ClaimDirtyStories(
    const std::string& claimer, int limit, int64_t now, int64_t lease_seconds) {
  std::vector<DirtyClaim> out;
  Status st = Run("claiming dirty stories", [&](pqxx::transaction_base& t) {
    out.clear();
    for (const pqxx::row& r : t.exec_params(
             "UPDATE stories SET claimed_by=$1, claimed_until=$2 WHERE id IN "
             "(SELECT id FROM stories WHERE dirty AND claimed_until<$3 "
             "ORDER BY id LIMIT $4 FOR UPDATE SKIP LOCKED) "
             "RETURNING id, dirty_mark",
             claimer, now + lease_seconds, now, limit))
      out.push_back({S(r[0]), I(r[1])});
  });
  if (!st.ok()) return st;
  std::sort(out.begin(), out.end(),
            [](const DirtyClaim& a, const DirtyClaim& b) {
              return a.story_id < b.story_id;
            });
  return out;
}

Status PostgresStore::PutOutletHosts(const std::vector<std::string>& hosts) {
  return Run("storing outlet hosts", [&](pqxx::transaction_base& t) {
    for (const std::string& h : hosts)
      t.exec_params(
          "INSERT INTO outlet_hosts(host) VALUES($1) ON CONFLICT DO NOTHING",
          h);
  });
}

Result<std::vector<std::string>> PostgresStore::OutletHosts() {
  return Strings("reading outlet hosts",
                 "SELECT host FROM outlet_hosts ORDER BY host COLLATE \"C\"");
}

Status PostgresStore::PutPage(const StoryRow& row, const std::string& json,
                              int64_t composed_at) {
  return Run("storing page", [&](pqxx::transaction_base& t) {
    pqxx::result last = t.exec_prepared("last_page", row.id);
    int version = 0;
    bool same = false;
    if (!last.empty()) {
      version = last[0][0].as<int>();
      same = S(last[0][1]) == json;
    }
    if (!same && !json.empty()) {
      ++version;
      t.exec_prepared("insert_page", row.id, version, composed_at, json);
    }
    t.exec_prepared("update_story", row.headline, row.article_count,
                    row.outlet_count, row.created, row.updated, version,
                    row.published, row.lead, row.summary, row.id,
                    row.dirty_mark);
  });
}

Result<std::vector<StoryRow>> PostgresStore::ListStories() {
  std::vector<StoryRow> out;
  Status st = Run("listing stories", [&](pqxx::transaction_base& t) {
    out.clear();
    for (const pqxx::row& s :
         t.exec("SELECT id, headline, article_count, outlet_count, created, "
                "updated, version, published, lead FROM stories "
                "ORDER BY article_count DESC, updated DESC, id")) {
      StoryRow r;
      r.id = S(s[0]);
      r.headline = S(s[1]);
      r.article_count = s[2].as<int>();
      r.outlet_count = s[3].as<int>();
      r.created = I(s[4]);
      r.updated = I(s[5]);
      r.version = s[6].as<int>();
      r.published = s[7].as<bool>();
      r.lead = S(s[8]);
      out.push_back(std::move(r));
    }
  });
  if (!st.ok()) return st;
  return out;
}

Result<std::string> PostgresStore::PageJson(const std::string& id) {
  std::optional<std::string> out;
  Status st = Run("reading page", [&](pqxx::transaction_base& t) {
    pqxx::result r = t.exec_prepared("last_page", id);
    if (!r.empty()) out = S(r[0][1]);
  });
  if (!st.ok()) return st;
  if (!out) return Status::NotFound("no page for story " + id);
  return *out;
}

Result<int64_t> PostgresStore::Generation() {
  int64_t g = 0;
  Status st = Run("reading generation", [&](pqxx::transaction_base& t) {
    g = t.exec("SELECT value::BIGINT FROM meta WHERE key='generation'")[0][0]
            .as<int64_t>();
  });
  if (!st.ok()) return st;
  return g;
}

Result<std::vector<PageVersion>> PostgresStore::PageHistory(
    const std::string& id) {
  std::vector<PageVersion> out;
  Status st = Run("page history", [&](pqxx::transaction_base& t) {
    out.clear();
    for (const pqxx::row& r : t.exec_params(
             "SELECT version, composed_at FROM pages WHERE story_id=$1 "
             "ORDER BY version DESC",
             id))
      out.push_back({r[0].as<int>(), I(r[1])});
  });
  if (!st.ok()) return st;
  return out;
}

Result<std::string> PostgresStore::PageJsonAt(const std::string& id,
                                              int version) {
  std::optional<std::string> out;
  Status st = Run("reading page", [&](pqxx::transaction_base& t) {
    pqxx::result r = t.exec_params(
        "SELECT json FROM pages WHERE story_id=$1 AND version=$2", id, version);
    if (!r.empty()) out = S(r[0][0]);
  });
  if (!st.ok()) return st;
  if (!out)
    return Status::NotFound("story " + id + " has no version " +
                            std::to_string(version));
  return *out;
}

Result<std::vector<SearchHit>> PostgresStore::Search(const std::string& query,
                                                     int limit) {
  std::vector<std::string> words = internal::QueryWords(query);
  for (std::string& w : words) w = SanitizeUtf8(w);
  std::vector<SearchHit> out;
  if (words.empty() || limit <= 0) return out;
  const std::string q = internal::TsQueryText(words);
  Status st = Run("search", [&](pqxx::transaction_base& t) {
    out.clear();
    // The query under 'simple' (exact words) and stemmed under every
    // configuration articles were indexed with; names come from our own
    // list (TextSearchConfig), never from the user.
    std::string tsq = "to_tsquery('simple',$1)";
    for (const pqxx::row& r :
         t.exec("SELECT cfg FROM search_configs ORDER BY cfg")) {
      std::string cfg = S(r[0]);
      if (internal::IsKnownConfig(cfg) && cfg != "simple")
        tsq += " || to_tsquery('" + cfg + "',$1)";
    }
    for (const pqxx::row& r : t.exec_params(
             "SELECT id, headline, search_body, ts_rank_cd(search, q) AS r "
             "FROM stories, to_tsquery('simple',$1) q WHERE search @@ q "
             "ORDER BY r DESC, id LIMIT $2",
             q, limit)) {
      SearchHit h;
      h.kind = "story";
      h.id = S(r[0]);
      h.title = S(r[1]);
      h.snippet = internal::Snippet(S(r[2]), words, 24);
      h.score = -r[3].as<double>();
      out.push_back(std::move(h));
    }
    for (const pqxx::row& r : t.exec_params(
             "SELECT id, title, outlet, published, text, "
             "ts_rank_cd(search, q) AS r FROM articles, (SELECT " +
                 tsq +
                 " AS q) qq WHERE search @@ q ORDER BY r DESC, seq LIMIT $2",
             q, limit)) {
      SearchHit h;
      h.kind = "article";
      h.id = S(r[0]);
      h.title = S(r[1]);
      h.outlet = S(r[2]);
      h.published = I(r[3]);
      h.snippet = internal::Snippet(S(r[4]), words, 30);
      h.score = -r[5].as<double>();
      out.push_back(std::move(h));
    }
  });
  if (!st.ok()) return st;
  return out;
}

Result<std::vector<ArticleSummary>> PostgresStore::OutletArticles(
    const std::string& outlet, int limit) {
  std::vector<ArticleSummary> out;
  Status st = Run("outlet articles", [&](pqxx::transaction_base& t) {
    out.clear();
    for (const pqxx::row& r : t.exec_params(
             "SELECT id, title, outlet, url, language, kind, story_id, "
             "event_id, duplicate_of, published FROM articles WHERE "
             "outlet=$1 ORDER BY published DESC, seq DESC LIMIT $2",
             outlet, limit)) {
      ArticleSummary a;
      a.id = S(r[0]);
      a.title = S(r[1]);
      a.outlet = S(r[2]);
      a.url = S(r[3]);
      a.language = S(r[4]);
      a.kind = S(r[5]);
      a.story_id = S(r[6]);
      a.event_id = S(r[7]);
      a.duplicate_of = S(r[8]);
      a.published = I(r[9]);
      out.push_back(std::move(a));
    }
  });
  if (!st.ok()) return st;
  return out;
}

Result<std::vector<StoryActivity>> PostgresStore::Activity() {
  std::vector<StoryActivity> out;
  Status st = Run("story activity", [&](pqxx::transaction_base& t) {
    out.clear();
    // Floor division, as SQLite's integer division on our (non-negative)
    // times.
    for (const pqxx::row& r :
         t.exec("SELECT story_id, published / 86400, outlet, language, "
                "COUNT(*) FROM articles GROUP BY story_id, published / 86400, "
                "outlet, language ORDER BY story_id, 2, outlet, language")) {
      std::string id = S(r[0]);
      if (out.empty() || out.back().story_id != id) {
        out.emplace_back();
        out.back().story_id = id;
      }
      out.back().cells.push_back(
          {I(r[1]), S(r[2]), S(r[3]), static_cast<int>(I(r[4]))});
    }
  });
  if (!st.ok()) return st;
  return out;
}

Result<std::optional<std::string>> PostgresStore::Redirect(
    const std::string& old_id) {
  std::optional<std::string> out;
  Status st = Run("reading redirect", [&](pqxx::transaction_base& t) {
    pqxx::result r =
        t.exec_params("SELECT new_id FROM redirects WHERE old_id=$1", old_id);
    if (!r.empty()) out = S(r[0][0]);
  });
  if (!st.ok()) return st;
  return out;
}

Result<PruneReport> PostgresStore::PruneStories(int64_t before) {
  PruneReport rep;
  Status st = Run("pruning stories", [&](pqxx::transaction_base& t) {
    rep = PruneReport{};
    t.exec("DROP TABLE IF EXISTS pg_temp.prune_ids");
    t.exec_params(
        "CREATE TEMP TABLE prune_ids AS SELECT story_id AS id FROM articles "
        "GROUP BY story_id HAVING MAX(published) < $1",
        before);
    rep.stories = I(t.exec("SELECT COUNT(*) FROM prune_ids")[0][0]);
    const std::string in = " IN (SELECT id FROM prune_ids)";
    rep.articles = static_cast<int64_t>(
        t.exec("DELETE FROM articles WHERE story_id" + in).affected_rows());
    rep.pages = static_cast<int64_t>(
        t.exec("DELETE FROM pages WHERE story_id" + in).affected_rows());
    t.exec("DELETE FROM stories WHERE id" + in);
    t.exec("DELETE FROM redirects WHERE new_id" + in + " OR old_id" + in);
    t.exec("DROP TABLE prune_ids");
  });
  if (!st.ok()) return st;
  return rep;
}

}  // namespace storyline::store::internal
