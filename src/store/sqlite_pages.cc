// SqliteStore: story rows, page versions and what the web app reads.
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <thread>
#include <utility>

#include "store/internal/codec.h"
#include "store/internal/schema.h"
#include "store/internal/search.h"
#include "store/internal/sqlite_store.h"
#include "store/internal/stmt.h"

namespace storyline::store::internal {

Result<std::vector<std::string>> SqliteStore::DirtyStories() {
  Stmt s(&stmts_, "SELECT id FROM stories WHERE dirty=1 ORDER BY id");
  if (!s.ok()) return Error("prepare");
  std::vector<std::string> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) out.push_back(s.Text(0));
  if (rc != SQLITE_DONE) return Error("dirty stories");
  return out;
}

Result<std::vector<DirtyClaim>> SqliteStore::ClaimDirtyStories(
    const std::string& claimer, int limit, int64_t now, int64_t lease_seconds) {
  Stmt s(&stmts_,
         "UPDATE stories SET claimed_by=?, claimed_until=? WHERE id IN "
         "(SELECT id FROM stories WHERE dirty=1 AND claimed_until<? "
         "ORDER BY id LIMIT ?) RETURNING id, dirty_mark");
  s.Bind(1, claimer).Bind(2, now + lease_seconds).Bind(3, now);
  s.Bind(4, int64_t{limit});
  std::vector<DirtyClaim> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) out.push_back({s.Text(0), s.Int(1)});
  if (rc != SQLITE_DONE) return Error("claiming dirty stories");
  std::sort(out.begin(), out.end(),
            [](const DirtyClaim& a, const DirtyClaim& b) {
              return a.story_id < b.story_id;
            });
  return out;
}

Status SqliteStore::PutOutletHosts(const std::vector<std::string>& hosts) {
  for (const std::string& h : hosts) {
    Stmt s(&stmts_, "INSERT OR IGNORE INTO outlet_hosts(host) VALUES(?)");
    s.Bind(1, h);
    if (s.Step() != SQLITE_DONE) return Error("storing outlet hosts");
  }
  return Status::Ok();
}

Result<std::vector<std::string>> SqliteStore::OutletHosts() {
  Stmt s(&stmts_, "SELECT host FROM outlet_hosts ORDER BY host");
  std::vector<std::string> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) out.push_back(s.Text(0));
  if (rc != SQLITE_DONE) return Error("reading outlet hosts");
  return out;
}

Status SqliteStore::PutPage(const StoryRow& row, const std::string& json,
                            int64_t composed_at) {
  Stmt last(&stmts_,
            "SELECT version, json FROM pages WHERE story_id=? ORDER BY "
            "version DESC LIMIT 1");
  last.Bind(1, row.id);
  int version = 0;
  bool same = false;
  int rc = last.Step();
  if (rc == SQLITE_ROW) {
    version = static_cast<int>(last.Int(0));
    same = last.Text(1) == json;
  } else if (rc != SQLITE_DONE) {
    return Error("reading page");
  }
  if (!same && !json.empty()) {
    ++version;
    Stmt ins(&stmts_,
             "INSERT INTO pages(story_id,version,composed_at,json) "
             "VALUES(?,?,?,?)");
    ins.Bind(1, row.id)
        .Bind(2, int64_t{version})
        .Bind(3, composed_at)
        .Bind(4, json);
    if (ins.Step() != SQLITE_DONE) return Error("insert page");
  }
  Stmt up(&stmts_,
          "UPDATE stories SET headline=?, article_count=?, outlet_count=?, "
          "created=?, updated=?,"
          " version=?, published=?, lead=?, claimed_by='', claimed_until=0,"
          " dirty=CASE WHEN ?=0 OR dirty_mark=? THEN 0 ELSE dirty END"
          " WHERE id=?");
  up.Bind(1, row.headline)
      .Bind(2, int64_t{row.article_count})
      .Bind(3, int64_t{row.outlet_count});
  up.Bind(4, row.created).Bind(5, row.updated).Bind(6, int64_t{version});
  up.Bind(7, int64_t{row.published ? 1 : 0}).Bind(8, row.lead);
  up.Bind(9, row.dirty_mark).Bind(10, row.dirty_mark).Bind(11, row.id);
  if (up.Step() != SQLITE_DONE) return Error("update story");
  auto& doc = pending_stories_[row.id];
  doc.reset();
  if (row.published) doc.emplace(row.headline, row.summary);
  if (!InTransaction()) SL_RETURN_IF_ERROR(FlushSearchIndex());
  return Status::Ok();
}

Result<std::vector<StoryRow>> SqliteStore::ListStories() {
  Stmt s(&stmts_,
         "SELECT id, headline, article_count, outlet_count, created, "
         "updated, version, published, lead "
         "FROM stories ORDER BY article_count DESC, updated DESC, id");
  if (!s.ok()) return Error("prepare");
  std::vector<StoryRow> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    StoryRow r;
    r.id = s.Text(0);
    r.headline = s.Text(1);
    r.article_count = static_cast<int>(s.Int(2));
    r.outlet_count = static_cast<int>(s.Int(3));
    r.created = s.Int(4);
    r.updated = s.Int(5);
    r.version = static_cast<int>(s.Int(6));
    r.published = s.Int(7) != 0;
    r.lead = s.Text(8);
    out.push_back(r);
  }
  if (rc != SQLITE_DONE) return Error("list stories");
  return out;
}

Result<std::string> SqliteStore::PageJson(const std::string& id) {
  Stmt s(&stmts_,
         "SELECT json FROM pages WHERE story_id=? ORDER BY version DESC "
         "LIMIT 1");
  s.Bind(1, id);
  int rc = s.Step();
  if (rc == SQLITE_ROW) return s.Text(0);
  if (rc == SQLITE_DONE) return Status::NotFound("no page for story " + id);
  return Error("reading page");
}

Result<int64_t> SqliteStore::Generation() {
  Stmt s(&stmts_, "SELECT value FROM meta WHERE key='generation'");
  if (!s.ok() || s.Step() != SQLITE_ROW) return Error("reading generation");
  return s.Int(0);
}

Result<std::vector<PageVersion>> SqliteStore::PageHistory(
    const std::string& id) {
  Stmt s(&stmts_,
         "SELECT version, composed_at FROM pages WHERE story_id=? "
         "ORDER BY version DESC");
  s.Bind(1, id);
  std::vector<PageVersion> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW)
    out.push_back({static_cast<int>(s.Int(0)), s.Int(1)});
  if (rc != SQLITE_DONE) return Error("page history");
  return out;
}

Result<std::string> SqliteStore::PageJsonAt(const std::string& id,
                                            int version) {
  Stmt s(&stmts_, "SELECT json FROM pages WHERE story_id=? AND version=?");
  s.Bind(1, id).Bind(2, int64_t{version});
  int rc = s.Step();
  if (rc == SQLITE_ROW) return s.Text(0);
  if (rc == SQLITE_DONE)
    return Status::NotFound("story " + id + " has no version " +
                            std::to_string(version));
  return Error("reading page");
}

Result<std::vector<SearchHit>> SqliteStore::Search(const std::string& query,
                                                   int limit) {
  std::vector<std::string> words = internal::QueryWords(query);
  std::vector<SearchHit> out;
  if (words.empty() || limit <= 0) return out;
  std::string match = internal::MatchExpression(words);
  Stmt st(&stmts_,
          "SELECT story_id, headline, snippet(stories_fts, 2, '', '', "
          "'\xE2\x80\xA6', 24), bm25(stories_fts, 0, 4.0, 1.0) AS r "
          "FROM stories_fts WHERE stories_fts MATCH ? ORDER BY r LIMIT ?");
  if (!st.ok()) return Error("prepare search");
  st.Bind(1, match).Bind(2, int64_t{limit});
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    SearchHit h;
    h.kind = "story";
    h.id = st.Text(0);
    h.title = st.Text(1);
    h.snippet = st.Text(2);
    h.score = st.Real(3);
    out.push_back(std::move(h));
  }
  if (rc != SQLITE_DONE) return Error("search stories");
  Stmt sa(&stmts_,
          "SELECT a.id, a.title, a.outlet, a.published, a.text, f.r FROM "
          "(SELECT rowid, bm25(articles_fts, 4.0, 1.0, 2.0) AS r FROM "
          "articles_fts WHERE articles_fts MATCH ? ORDER BY r LIMIT ?) f "
          "JOIN articles a ON a.seq = f.rowid ORDER BY f.r");
  if (!sa.ok()) return Error("prepare search");
  sa.Bind(1, match).Bind(2, int64_t{limit});
  while ((rc = sa.Step()) == SQLITE_ROW) {
    SearchHit h;
    h.kind = "article";
    h.id = sa.Text(0);
    h.title = sa.Text(1);
    h.outlet = sa.Text(2);
    h.published = sa.Int(3);
    h.snippet = internal::Snippet(sa.Text(4), words, 30);
    h.score = sa.Real(5);
    out.push_back(std::move(h));
  }
  if (rc != SQLITE_DONE) return Error("search articles");
  return out;
}

Result<std::vector<ArticleSummary>> SqliteStore::OutletArticles(
    const std::string& outlet, int limit) {
  Stmt s(&stmts_,
         "SELECT id, title, outlet, url, language, kind, story_id, "
         "event_id, duplicate_of, published FROM articles WHERE outlet=? "
         "ORDER BY published DESC, seq DESC LIMIT ?");
  s.Bind(1, outlet).Bind(2, int64_t{limit});
  std::vector<ArticleSummary> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    ArticleSummary a;
    a.id = s.Text(0);
    a.title = s.Text(1);
    a.outlet = s.Text(2);
    a.url = s.Text(3);
    a.language = s.Text(4);
    a.kind = s.Text(5);
    a.story_id = s.Text(6);
    a.event_id = s.Text(7);
    a.duplicate_of = s.Text(8);
    a.published = s.Int(9);
    out.push_back(std::move(a));
  }
  if (rc != SQLITE_DONE) return Error("outlet articles");
  return out;
}

Result<std::vector<StoryActivity>> SqliteStore::Activity() {
  Stmt s(&stmts_,
         "SELECT story_id, published / 86400, outlet, language, COUNT(*) "
         "FROM articles GROUP BY story_id, published / 86400, outlet, "
         "language ORDER BY story_id");
  std::vector<StoryActivity> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    std::string id = s.Text(0);
    if (out.empty() || out.back().story_id != id) {
      out.emplace_back();
      out.back().story_id = id;
    }
    out.back().cells.push_back(
        {s.Int(1), s.Text(2), s.Text(3), static_cast<int>(s.Int(4))});
  }
  if (rc != SQLITE_DONE) return Error("story activity");
  return out;
}

Result<std::optional<std::string>> SqliteStore::Redirect(
    const std::string& old_id) {
  Stmt s(&stmts_, "SELECT new_id FROM redirects WHERE old_id=?");
  s.Bind(1, old_id);
  int rc = s.Step();
  if (rc == SQLITE_ROW) return std::optional<std::string>(s.Text(0));
  if (rc == SQLITE_DONE) return std::optional<std::string>();
  return Error("reading redirect");
}

Result<PruneReport> SqliteStore::PruneStories(int64_t before) {
  // The contentless search index forgets a row only given what it indexed:
  // index everything written so far first.
  SL_RETURN_IF_ERROR(FlushSearchIndex());
  SL_RETURN_IF_ERROR(
      Exec("DROP TABLE IF EXISTS temp.prune_ids;"
           "CREATE TEMP TABLE prune_ids(id TEXT PRIMARY KEY);"));
  Stmt pick(&stmts_,
            "INSERT INTO temp.prune_ids SELECT story_id FROM articles "
            "GROUP BY story_id HAVING MAX(published) < ?");
  pick.Bind(1, before);
  if (pick.Step() != SQLITE_DONE) return Error("prune: pick stories");
  PruneReport rep;
  {
    Stmt n(&stmts_, "SELECT COUNT(*) FROM temp.prune_ids");
    if (n.Step() != SQLITE_ROW) return Error("prune: count");
    rep.stories = n.Int(0);
  }
  // Each statement, with the rows it changed when asked.
  auto run = [&](const char* sql, int64_t* changed) -> Status {
    Stmt s(&stmts_, sql);
    if (s.Step() != SQLITE_DONE) return Error("prune");
    if (changed) *changed = sqlite3_changes(db_);
    return Status::Ok();
  };
  SL_RETURN_IF_ERROR(
      run("INSERT INTO articles_fts(articles_fts, rowid, title, text, "
          "outlet) SELECT 'delete', seq, title, text, outlet FROM articles "
          "WHERE story_id IN (SELECT id FROM temp.prune_ids)",
          nullptr));
  SL_RETURN_IF_ERROR(run(
      "DELETE FROM articles WHERE story_id IN (SELECT id FROM temp.prune_ids)",
      &rep.articles));
  SL_RETURN_IF_ERROR(
      run("DELETE FROM pages WHERE story_id IN (SELECT id FROM temp.prune_ids)",
          &rep.pages));
  SL_RETURN_IF_ERROR(
      run("DELETE FROM stories_fts WHERE story_id IN "
          "(SELECT id FROM temp.prune_ids)",
          nullptr));
  SL_RETURN_IF_ERROR(
      run("DELETE FROM stories WHERE id IN (SELECT id FROM temp.prune_ids)",
          nullptr));
  SL_RETURN_IF_ERROR(
      run("DELETE FROM redirects WHERE new_id IN (SELECT id FROM "
          "temp.prune_ids) OR old_id IN (SELECT id FROM temp.prune_ids)",
          nullptr));
  SL_RETURN_IF_ERROR(Exec("DROP TABLE temp.prune_ids"));
  return rep;
}

}  // namespace storyline::store::internal
