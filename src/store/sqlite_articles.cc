// SqliteStore: articles with their assignment, and merges.
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

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

Result<std::optional<std::string>> SqliteStore::ArticleHash(
    const std::string& id) {
  Stmt s(&stmts_, "SELECT content_hash FROM articles WHERE id=?");
  if (!s.ok()) return Error("prepare");
  s.Bind(1, id);
  int rc = s.Step();
  if (rc == SQLITE_ROW) return std::optional<std::string>(s.Text(0));
  if (rc == SQLITE_DONE) return std::optional<std::string>();
  return Error("reading article");
}

Result<std::map<std::string, std::string>> SqliteStore::ArticleHashes(
    const std::vector<std::string>& ids) {
  std::map<std::string, std::string> out;
  Stmt s(&stmts_, "SELECT content_hash FROM articles WHERE id=?");
  for (const std::string& id : ids) {
    s.Bind(1, id);
    int rc = s.Step();
    if (rc == SQLITE_ROW)
      out[id] = s.Text(0);
    else if (rc != SQLITE_DONE)
      return Error("reading articles");
    s.Reset();
  }
  return out;
}

Status SqliteStore::PutArticle(const StoredArticle& r) {
  const Article& a = r.article;
  // A replaced row leaves the (contentless) search index first, unless it
  // was written in this transaction and is not indexed yet: FTS5 needs
  // the old values to remove them.
  Stmt unindex(&stmts_,
               "INSERT INTO articles_fts(articles_fts, rowid, title, text, "
               "outlet) SELECT 'delete', seq, title, text, outlet FROM "
               "articles WHERE id=? AND seq<?");
  unindex.Bind(1, a.id).Bind(2,
                             unindexed_from_ > 0 ? unindexed_from_ : INT64_MAX);
  if (unindex.Step() != SQLITE_DONE) return Error("replace article index");
  Stmt del(&stmts_, "DELETE FROM articles WHERE id=?");
  del.Bind(1, a.id);
  if (del.Step() != SQLITE_DONE) return Error("replace article");
  Stmt next(&stmts_, "SELECT COALESCE(MAX(seq),0)+1 FROM articles");
  if (next.Step() != SQLITE_ROW) return Error("next article number");
  const int64_t seq = next.Int(0);
  Stmt s(&stmts_,
         "INSERT INTO "
         "articles(id,url,canonical_url,outlet,title,byline,published,"
         "published_guessed,language,kind,text,blocks,links,source,content_"
         "hash,duplicate_of,"
         "event_id,story_id,ingested_at,seq) "
         "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  if (!s.ok()) return Error("prepare insert");
  s.Bind(1, a.id)
      .Bind(2, a.url)
      .Bind(3, a.canonical_url)
      .Bind(4, a.outlet)
      .Bind(5, a.title);
  s.Bind(6, a.byline)
      .Bind(7, a.published)
      .Bind(8, int64_t{a.published_guessed ? 1 : 0});
  s.Bind(9, a.language)
      .Bind(10, std::string(ArticleKindName(a.kind)))
      .Bind(11, a.text);
  s.Bind(12, internal::EncodeBlocks(a.blocks))
      .Bind(13, internal::EncodeLinks(a.links));
  s.Bind(14, a.source).Bind(15, a.content_hash).Bind(16, a.duplicate_of);
  s.Bind(17, r.event_id).Bind(18, r.story_id).Bind(19, r.ingested_at);
  s.Bind(20, seq);
  if (s.Step() != SQLITE_DONE) return Error("insert article");
  if (unindexed_from_ == 0) unindexed_from_ = seq;
  if (!InTransaction()) SL_RETURN_IF_ERROR(FlushSearchIndex());
  Stmt d(&stmts_,
         "INSERT INTO stories(id,dirty) VALUES(?,1) ON CONFLICT(id) DO "
         "UPDATE SET dirty=1, dirty_mark=dirty_mark+1");
  d.Bind(1, r.story_id);
  if (d.Step() != SQLITE_DONE) return Error("mark story");
  return Status::Ok();
}

Result<std::optional<StoredArticle>> SqliteStore::GetArticle(
    const std::string& id) {
  std::string sql =
      std::string("SELECT ") + kArticleColumns + " FROM articles WHERE id=?";
  Stmt s(&stmts_, sql.c_str());
  if (!s.ok()) return Error("prepare");
  s.Bind(1, id);
  int rc = s.Step();
  if (rc == SQLITE_ROW) return std::optional<StoredArticle>(ReadArticle(s));
  if (rc == SQLITE_DONE) return std::optional<StoredArticle>();
  return Error("reading article");
}

Status SqliteStore::Scan(const std::string& where, const std::string& arg,
                         std::vector<StoredArticle>* out) {
  std::string sql = std::string("SELECT ") + kArticleColumns +
                    " FROM articles " + where + " ORDER BY published, seq";
  Stmt s(&stmts_, sql.c_str());
  if (!s.ok()) return Error("prepare scan");
  if (!arg.empty()) s.Bind(1, arg);
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) out->push_back(ReadArticle(s));
  if (rc != SQLITE_DONE) return Error("scan articles");
  return Status::Ok();
}

Status SqliteStore::ScanArticles(std::vector<StoredArticle>* out) {
  return Scan("", "", out);
}

Status SqliteStore::ScanArticlesAfter(int64_t seq,
                                      std::vector<StoredArticle>* out) {
  return Scan("WHERE seq > CAST(? AS INTEGER)", std::to_string(seq), out);
}

Result<int64_t> SqliteStore::LastArticleSeq() {
  Stmt s(&stmts_, "SELECT COALESCE(MAX(seq),0) FROM articles");
  if (!s.ok() || s.Step() != SQLITE_ROW) return Error("last article write");
  return s.Int(0);
}

Status SqliteStore::PutSnapshot(const Snapshot& snap) {
  Stmt s(&stmts_,
         "INSERT INTO assigner_snapshot(id,upto_seq,written_at,data) "
         "VALUES(1,?,?,?) ON CONFLICT(id) DO UPDATE SET "
         "upto_seq=excluded.upto_seq, written_at=excluded.written_at, "
         "data=excluded.data");
  s.Bind(1, snap.upto_seq).Bind(2, snap.written_at).BindBlob(3, snap.data);
  if (s.Step() != SQLITE_DONE) return Error("writing the snapshot");
  return Status::Ok();
}

Result<std::optional<Snapshot>> SqliteStore::GetSnapshot() {
  Stmt s(&stmts_,
         "SELECT upto_seq, written_at, data FROM assigner_snapshot WHERE id=1");
  if (!s.ok()) return Error("reading the snapshot");
  int rc = s.Step();
  if (rc == SQLITE_DONE) return std::optional<Snapshot>();
  if (rc != SQLITE_ROW) return Error("reading the snapshot");
  Snapshot snap;
  snap.upto_seq = s.Int(0);
  snap.written_at = s.Int(1);
  snap.data = s.Blob(2);
  return std::optional<Snapshot>(std::move(snap));
}

Status SqliteStore::StoryArticles(const std::string& id,
                                  std::vector<StoredArticle>* out) {
  return Scan("WHERE story_id=?", id, out);
}

Result<int64_t> SqliteStore::ArticleCount() {
  Stmt s(&stmts_, "SELECT COUNT(*) FROM articles");
  if (!s.ok() || s.Step() != SQLITE_ROW) return Error("count");
  return s.Int(0);
}

Status SqliteStore::MergeStory(const std::string& from,
                               const std::string& into) {
  Stmt mv(&stmts_, "UPDATE articles SET story_id=? WHERE story_id=?");
  mv.Bind(1, into).Bind(2, from);
  if (mv.Step() != SQLITE_DONE) return Error("merge story articles");
  Stmt del(&stmts_, "DELETE FROM stories WHERE id=?");
  del.Bind(1, from);
  if (del.Step() != SQLITE_DONE) return Error("merge story row");
  pending_stories_[from].reset();  // leaves the search index at commit
  if (!InTransaction()) SL_RETURN_IF_ERROR(FlushSearchIndex());
  Stmt dirty(&stmts_,
             "INSERT INTO stories(id,dirty) VALUES(?,1) ON CONFLICT(id) DO "
             "UPDATE SET dirty=1, dirty_mark=dirty_mark+1");
  dirty.Bind(1, into);
  if (dirty.Step() != SQLITE_DONE) return Error("merge story mark");
  return PutRedirect(from, into);
}

Status SqliteStore::MergeEvent(const std::string& from,
                               const std::string& into) {
  Stmt dirty(&stmts_,
             "INSERT INTO stories(id,dirty) SELECT DISTINCT story_id,1 FROM "
             "articles WHERE event_id=? ON CONFLICT(id) DO UPDATE SET "
             "dirty=1, dirty_mark=dirty_mark+1");
  dirty.Bind(1, from);
  if (dirty.Step() != SQLITE_DONE) return Error("merge event mark");
  Stmt mv(&stmts_, "UPDATE articles SET event_id=? WHERE event_id=?");
  mv.Bind(1, into).Bind(2, from);
  if (mv.Step() != SQLITE_DONE) return Error("merge event articles");
  return Status::Ok();
}

Status SqliteStore::PutRedirect(const std::string& old_id,
                                const std::string& new_id) {
  // Earlier redirects to old_id now point at the survivor too.
  Stmt up(&stmts_, "UPDATE redirects SET new_id=? WHERE new_id=?");
  up.Bind(1, new_id).Bind(2, old_id);
  if (up.Step() != SQLITE_DONE) return Error("update redirects");
  Stmt s(&stmts_,
         "INSERT OR REPLACE INTO redirects(old_id, new_id) VALUES(?,?)");
  s.Bind(1, old_id).Bind(2, new_id);
  if (s.Step() != SQLITE_DONE) return Error("insert redirect");
  return Status::Ok();
}

}  // namespace storyline::store::internal
