// Database commands: ingest, stories, show, export-site, verify.
#include "cli/commands.h"

#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <vector>

#include "cli/config.h"
#include "cli/flags.h"
#include "common/clock.h"
#include "common/time.h"
#include "pipeline/pipeline.h"
#include "server/site.h"

namespace storyline::cli {
namespace {

std::unique_ptr<store::Store> OpenDb(const Flags& f, bool read_only = false) {
  store::OpenOptions o;
  o.read_only = read_only;
  std::string path = f.Get("db", "storyline.db");
  auto r = store::Open(path, o);
  if (!r.ok()) {
    std::fprintf(stderr, "storyline: %s\n", r.status().ToString().c_str());
    return nullptr;
  }
  return std::move(r).value();
}

bool BadFlags(const Flags& f, const char* cmd) {
  if (f.error.empty()) return false;
  std::fprintf(stderr, "storyline %s: %s (see 'storyline %s --help')\n", cmd,
               f.error.c_str(), cmd);
  return true;
}

std::string ResolveStoryId(store::Store* db, const std::string& id) {
  if (id != "top") return id;
  auto rows = db->ListStories();
  if (!rows.ok()) return id;
  for (const store::StoryRow& r : *rows)
    if (r.published) return r.id;
  return id;
}

// Keeps `object` until the process exits without freeing it: for the
// in-memory state of a one-shot command, whose millions of small nodes
// take longer to free one by one than to build a page (0.6 s of a 9 s
// ingest of 7,830 pages went to the assigner's destructor). Held from a
// global, so a leak checker sees it as reachable.
template <typename T>
void KeepUntilExit(std::unique_ptr<T> object) {
  static auto* kept = new std::vector<std::shared_ptr<void>>();
  kept->push_back(std::shared_ptr<void>(std::move(object)));
}

}  // namespace

int Ingest(const Args& args) {
  Flags f = ParseFlags(args, {"db", "max-file-bytes", "threads", "role"},
                       {"quiet", "stats"});
  if (BadFlags(f, "ingest")) return 2;
  if (f.positional.empty()) {
    std::fprintf(
        stderr, "storyline ingest: give at least one file or folder to read\n");
    return 2;
  }
  auto db = OpenDb(f);
  if (!db) return 1;
  SystemClock clock;
  pipeline::Options opts;
  opts.clock = &clock;
  if (f.Has("max-file-bytes")) {
    unsigned long long n = 0;
    if (!ParseBytes(f.Get("max-file-bytes"), &n)) {
      std::fprintf(stderr,
                   "storyline ingest: --max-file-bytes takes a whole number "
                   "of bytes from 1 to 1099511627776, not '%s'\n",
                   f.Get("max-file-bytes").c_str());
      return 2;
    }
    opts.ingest.max_file_bytes = n;
  }
  if (f.Has("threads") &&
      !ParseCount(f.Get("threads"), 0, 256, &opts.ingest.threads)) {
    std::fprintf(stderr,
                 "storyline ingest: --threads takes 0 (one per core) to 256, "
                 "not '%s'\n",
                 f.Get("threads").c_str());
    return 2;
  }
  std::string role = f.Get("role", "all");
  if (role != "all" && role != "worker") {
    std::fprintf(stderr,
                 "storyline ingest: --role is 'all' (default) or 'worker', "
                 "not '%s'\n",
                 role.c_str());
    return 2;
  }
  if (role == "worker")
    return IngestWorker(db.get(), f.positional, opts.ingest, f.Has("quiet"));
  opts.writer_waiting = [](const std::string& who) {
    std::fprintf(stderr,
                 "storyline ingest: waiting for %s, which is writing to this "
                 "database\n",
                 who.c_str());
  };
  // The snapshot is serialised while the pages are composed; the
  // Checkpoint() below then has nothing left to do, or retries and says.
  opts.checkpoint_each_call = true;
  auto p = pipeline::Pipeline::Open(db.get(), opts);
  if (!p.ok()) {
    std::fprintf(stderr, "storyline ingest: %s\n",
                 p.status().ToString().c_str());
    return 1;
  }
  if (f.Has("stats")) PrintStart("ingest", (*p)->start());
  auto r = (*p)->IngestPaths(f.positional);
  if (!r.ok()) {
    std::fprintf(stderr, "storyline ingest: %s\n",
                 r.status().ToString().c_str());
    return 1;
  }
  if (Status st = (*p)->Checkpoint(); !st.ok()) {
    // The articles are stored; only the next start will take longer.
    std::fprintf(stderr,
                 "storyline ingest: saving the snapshot failed (%s); the next "
                 "start replays the stored articles\n",
                 st.ToString().c_str());
  }
  for (const ingest::Problem& pr : r->problems) {
    std::fprintf(stderr, "storyline ingest: %s: %s\n", pr.where.c_str(),
                 pr.status.ToString().c_str());
  }
  if (!f.Has("quiet")) {
    std::printf(
        "read %d articles: %d added (%d copies), %d updated, %d unchanged; "
        "%d not news; %d site furniture blocks dropped; %d problems; %d "
        "stories recomposed, %d pages published\n",
        r->read, r->added, r->copies, r->updated, r->unchanged, r->not_news,
        r->furniture, static_cast<int>(r->problems.size()), r->stories_composed,
        r->pages_published);
  }
  if (f.Has("stats")) {
    std::fprintf(stderr,
                 "stages: read+extract %.2f s, dedupe+cluster %.2f s, "
                 "store %.2f s, compose %.2f s\n",
                 r->read_seconds, r->assign_seconds, r->store_seconds,
                 r->compose_seconds);
  }
  bool nothing = r->read == 0 && !r->problems.empty();
  // The store is closed as usual (on return); the pipeline is not freed.
  KeepUntilExit(std::move(p).value());
  return nothing ? 1 : 0;
}

void PrintStart(const char* cmd, const pipeline::StartReport& s) {
  if (s.from_snapshot)
    std::fprintf(stderr,
                 "storyline %s: start: snapshot (%.1f MB) and %lld articles "
                 "written after it, %.2f s\n",
                 cmd, static_cast<double>(s.snapshot_bytes) / 1e6,
                 static_cast<long long>(s.articles_restored), s.seconds);
  else
    std::fprintf(stderr,
                 "storyline %s: start: replayed %lld stored articles, %.2f s "
                 "(%s)\n",
                 cmd, static_cast<long long>(s.articles_restored), s.seconds,
                 s.why_replayed.c_str());
}

int BackupCmd(const Args& args) {
  Flags f = ParseFlags(args, {"db"}, {"quiet"});
  if (BadFlags(f, "backup")) return 2;
  if (f.positional.size() != 1) {
    std::fprintf(stderr,
                 "storyline backup: give the file to write (a new "
                 "one): storyline backup DEST\n");
    return 2;
  }
  const std::string db = f.Get("db", "storyline.db");
  Status st = store::Backup(db, f.positional[0]);
  if (!st.ok()) {
    std::fprintf(stderr, "storyline backup: %s\n", st.message().c_str());
    return 1;
  }
  if (!f.Has("quiet"))
    std::printf("copied %s to %s\n", db.c_str(), f.positional[0].c_str());
  return 0;
}

int Prune(const Args& args) {
  Flags f = ParseFlags(args, {"db", "older-than"}, {"quiet"});
  if (BadFlags(f, "prune")) return 2;
  std::string days_text = f.Get("older-than");
  if (!days_text.empty() && days_text.back() == 'd') days_text.pop_back();
  int days = 0;
  // At least 90 days: beyond the clustering's story window (60) and copy
  // horizon (30), so no story that can still grow loses its start.
  if (!f.positional.empty() || !ParseCount(days_text, 90, 36500, &days)) {
    std::fprintf(stderr,
                 "storyline prune: --older-than DAYS (90 to 36500, e.g. "
                 "365d) is required\n");
    return 2;
  }
  auto db = OpenDb(f);
  if (!db) return 1;
  Status st = db->LockWriter(10000, [](const std::string& who) {
    std::fprintf(stderr, "storyline prune: waiting for %s\n", who.c_str());
  });
  if (!st.ok()) {
    std::fprintf(stderr,
                 "storyline prune: %s; stop the writer (systemctl stop "
                 "storyline), prune, then start it again\n",
                 st.message().c_str());
    return 1;
  }
  SystemClock clock;
  const int64_t before = clock.NowSeconds() - int64_t{days} * 86400;
  Result<store::PruneReport> rep =
      db->Begin().ok() ? db->PruneStories(before)
                       : Result<store::PruneReport>(Status::IoError("begin"));
  if (rep.ok()) st = db->Commit();
  if (!rep.ok() || !st.ok()) {
    db->Rollback();
    std::fprintf(stderr, "storyline prune: %s (nothing removed)\n",
                 (rep.ok() ? st : rep.status()).ToString().c_str());
    return 1;
  }
  if (!f.Has("quiet"))
    std::printf(
        "removed %lld stories whose newest article is older than %d days "
        "(%lld articles, %lld page versions)\n",
        static_cast<long long>(rep->stories), days,
        static_cast<long long>(rep->articles),
        static_cast<long long>(rep->pages));
  return 0;
}

int Stories(const Args& args) {
  Flags f = ParseFlags(args, {"db", "format", "limit"}, {"all"});
  if (BadFlags(f, "stories")) return 2;
  int limit = 1 << 30;
  if (f.Has("limit") && !ParseCount(f.Get("limit"), 0, 1 << 30, &limit)) {
    std::fprintf(stderr, "storyline stories: --limit takes a number\n");
    return 2;
  }
  auto db = OpenDb(f);
  if (!db) return 1;
  auto rows = db->ListStories();
  if (!rows.ok()) {
    std::fprintf(stderr, "storyline stories: %s\n",
                 rows.status().ToString().c_str());
    return 1;
  }
  std::string format = f.Get("format", "text");
  nlohmann::json out = nlohmann::json::array();
  int shown = 0;
  for (const store::StoryRow& r : *rows) {
    if (!f.Has("all") && !r.published) continue;
    if (shown++ >= limit) break;
    if (format == "json") {
      out.push_back({{"id", r.id},
                     {"headline", r.headline},
                     {"articles", r.article_count},
                     {"outlets", r.outlet_count},
                     {"updated", FormatIsoTime(r.updated)},
                     {"published", r.published},
                     {"version", r.version}});
    } else {
      std::printf("%s  %3d articles  %2d outlets  %s\n", r.id.c_str(),
                  r.article_count, r.outlet_count, r.headline.c_str());
    }
  }
  if (format == "json")
    std::printf("%s\n", out.dump(2, ' ', false,
                                 nlohmann::json::error_handler_t::replace)
                            .c_str());
  return 0;
}

int Show(const Args& args) {
  Flags f = ParseFlags(args, {"db", "format"}, {});
  if (BadFlags(f, "show")) return 2;
  if (f.positional.size() != 1) {
    std::fprintf(
        stderr,
        "storyline show: give one story id (see 'storyline stories')\n");
    return 2;
  }
  auto db = OpenDb(f);
  if (!db) return 1;
  std::string id = ResolveStoryId(db.get(), f.positional[0]);
  auto page = pipeline::LoadPage(db.get(), id);
  if (!page.ok()) {
    auto rows = db->ListStories();
    if (rows.ok()) {
      for (const store::StoryRow& r : *rows) {
        if (r.id != id || r.version > 0) continue;
        std::fprintf(stderr,
                     "storyline show: story %s has %d article(s) from %d "
                     "outlet(s); a page "
                     "needs at least 2 articles from 2 outlets (not enough "
                     "evidence yet)\n",
                     id.c_str(), r.article_count, r.outlet_count);
        return 1;
      }
    }
    std::fprintf(stderr, "storyline show: %s\n",
                 page.status().ToString().c_str());
    return 1;
  }
  std::string format = f.Get("format", "text");
  if (format == "text")
    std::cout << compose::RenderText(*page);
  else if (format == "md")
    std::cout << compose::RenderMarkdown(*page);
  else if (format == "json")
    std::cout << compose::ToJson(*page) << "\n";
  else if (format == "html")
    std::cout << server::StandaloneStoryHtml(*page);
  else {
    std::fprintf(stderr,
                 "storyline show: --format is one of text, md, json, html\n");
    return 2;
  }
  return 0;
}

int ExportSite(const Args& args) {
  Flags f = ParseFlags(args, {"db"}, {});
  if (BadFlags(f, "export-site")) return 2;
  if (f.positional.size() != 1) {
    std::fprintf(stderr, "storyline export-site: give the output folder\n");
    return 2;
  }
  auto db = OpenDb(f);
  if (!db) return 1;
  int pages = 0;
  Status st = server::ExportSite(db.get(), f.positional[0], &pages);
  if (!st.ok()) {
    std::fprintf(stderr, "storyline export-site: %s\n", st.ToString().c_str());
    return 1;
  }
  std::printf("wrote %d story pages and index.html to %s\n", pages,
              f.positional[0].c_str());
  return 0;
}

int Verify(const Args& args) {
  Flags f = ParseFlags(args, {"db"}, {"all"});
  if (BadFlags(f, "verify")) return 2;
  if (f.positional.size() > 1 || (f.positional.empty() && !f.Has("all"))) {
    std::fprintf(stderr, "storyline verify: give one story id or --all\n");
    return 2;
  }
  auto db = OpenDb(f);
  if (!db) return 1;
  std::vector<std::string> problems;
  int pages = 0;
  std::string id =
      f.positional.empty() ? "" : ResolveStoryId(db.get(), f.positional[0]);
  Status st = pipeline::VerifyPages(db.get(), id, &problems, &pages);
  if (!st.ok()) {
    std::fprintf(stderr, "storyline verify: %s\n", st.ToString().c_str());
    return 1;
  }
  for (const std::string& p : problems) std::printf("FAIL %s\n", p.c_str());
  if (pages == 0) {
    // Nothing checked is not a pass: say so, and fail, so a script that
    // gates on verify notices an empty or unpublished store.
    std::printf(
        "verified 0 pages: nothing was checked — the database holds no "
        "published page (a story is published once it has 2 articles from 2 "
        "outlets; 'storyline stories' lists what is there)\n");
    return 1;
  }
  std::printf(
      "verified %d pages: %s\n", pages,
      problems.empty()
          ? "every sentence, quote, date and citation traced to its source"
          : (std::to_string(problems.size()) + " problems").c_str());
  return problems.empty() ? 0 : 1;
}

const std::vector<Command>& CommandTable() {
  static const std::vector<Command> k = {
      {"ingest", Ingest,
       "read articles (files/folders of .html .txt .jsonl) and update stories",
       "usage: storyline ingest [--db STORE] [--max-file-bytes N] "
       "[--threads N] [--role all|worker] [--quiet] [--stats] PATH...\n"
       "Reads every .html, .htm, .txt and .jsonl file under PATH "
       "(recursively), extracts,\n"
       "clusters and stores the articles in publication-time order, then "
       "recomposes the\n"
       "pages of the stories that changed. Re-ingesting the same files changes "
       "nothing.\n"
       "--threads N threads (default 0: one per core) read and extract "
       "files, store rows,\nprepare the clusterer's inputs and compose "
       "pages; clustering stays on one\nthread, in order, and every N stores "
       "the same.\n"
       "--role worker only reads and extracts, into the store's work queue "
       "for\n'storyline assign' (any number of workers, on any machine "
       "sharing the store).\n"
       "Exit code 1 only when nothing could be read.\n"},
      {"assign", Assign, "assign and store queued articles (the one writer)",
       "usage: storyline assign [--db STORE] [--follow] [--poll-ms N] "
       "[--no-compose] [--quiet] [--stats]\n"
       "Takes the articles that 'ingest --role worker' queued, oldest "
       "publication first:\ndedupes, clusters, stores and recomposes, each "
       "batch in one transaction with\nits removal from the queue. One "
       "assigner per store: a second one stands by and\ntakes over when the "
       "first stops or dies. Without --follow it exits when the\nqueue is "
       "empty; with it, it polls every --poll-ms (default 200) until "
       "SIGTERM.\n"
       "--no-compose leaves the pages of the stories it changes to "
       "'storyline compose'.\n"},
      {"compose", Compose,
       "compose the pages of dirty stories (beside 'assign --no-compose')",
       "usage: storyline compose [--db STORE] [--follow] [--poll-ms N] "
       "[--quiet]\n"
       "Claims the stories 'storyline assign --no-compose' changed, composes "
       "them as the\nassigner would and writes their pages; any number of "
       "composers at once, on any\nmachine sharing the store. A claim not "
       "written within 5 minutes is free again.\nWithout --follow it exits "
       "when no dirty story is free; with it, it polls every\n--poll-ms "
       "(default 200) until SIGTERM.\n"},
      {"stories", Stories, "list stories",
       "usage: storyline stories [--db STORE] [--format text|json] [--all] "
       "[--limit N]\n"
       "Lists published stories (--all: every story), largest first.\n"},
      {"show", Show, "print one story page",
       "usage: storyline show [--db STORE] [--format text|md|json|html] ID\n"
       "ID is a story id from 'storyline stories', or 'top' for the largest "
       "story.\n"},
      {"export-site", ExportSite,
       "write a static HTML site of all published stories",
       "usage: storyline export-site [--db STORE] DIR\n"},
      {"crawl", Crawl, "poll feeds and fetch new articles (--once: one round)",
       "usage: storyline crawl [--feeds FILE] [--db STORE] [--once] "
       "[--warc-out DIR]\n"
       "       storyline crawl --role worker [--db STORE] [--once] ...\n"
       "       [--allow-private] [--max-per-host N] [--max-connections N] "
       "[--user-agent UA]\n"
       "FILE lists feed URLs (RSS, Atom, JSON Feed, sitemaps; one per line, "
       "'#' comments)\nor is an OPML file. A round polls the feeds "
       "(conditional GET), queues new items,\nfetches them (robots.txt and "
       "crawl-delay obeyed), extracts, clusters and\nrecomposes pages. "
       "State lives in the database: a restart refetches nothing.\n"
       "--warc-out writes every response to rotating WARC files "
       "(replay: storyline ingest\nDIR). Addresses in private, loopback, "
       "link-local and multicast ranges are refused\nunless "
       "--allow-private. Without --once, rounds repeat as feeds come due.\n"
       "--role worker: no clustering. Claims queued items (each goes to one "
       "worker; the\nclaims of a worker that died return to the queue), "
       "fetches and extracts them\nand queues the articles for 'storyline "
       "assign'. With --feeds it also polls\nthem (give them to one worker). "
       "Any number of workers, on any machine sharing\nthe store.\n"},
      {"run", Run, "the always-on daemon: crawl and serve the web app",
       "usage: storyline run [--feeds FILE] [--db STORE] [--port N] [--host "
       "ADDR] [--warc-out DIR]\n       [--allow-private] [--max-per-host N] "
       "[--min-poll SECONDS]\n       [--config FILE] [--log-format text|json] "
       "[--admin-token TOKEN] [--admin-remote]\n"
       "Polls the store's feeds ('storyline feeds'; --feeds adds a file's) "
       "as they come due\n(adaptive intervals), fetches and ingests new "
       "articles, recomposes pages and,\nwith --port, serves the web app, "
       "/healthz and /metrics from the same process.\nA change to the feed "
       "list is seen at the next round. One log line per round.\nSIGTERM "
       "finishes the batch in flight and exits.\n"},
      {"config", ConfigCmd, "check a configuration file; list the settings",
       "usage: storyline config check FILE\n"
       "       storyline config keys             (every setting, as Markdown)\n"
       "'run', 'crawl' and 'serve' take --config FILE: a TOML file whose "
       "settings are\nthose flags ([store] db, [web] host and port, [crawl] "
       "politeness and limits,\n[log] quiet); a flag on the command line "
       "overrides the file. check reports\nevery unknown key, wrong type or "
       "syntax error as FILE:LINE:COLUMN and exits 1.\n"},
      {"prune", Prune, "remove stories older than a number of days",
       "usage: storyline prune --older-than DAYS [--db STORE]\n"
       "Removes every story whose newest article is older than DAYS (at "
       "least 90), whole:\nits articles, page versions, search entries and "
       "redirects, in one transaction.\nA story with any newer article is "
       "kept whole, so no page left cites a removed\narticle. Takes the "
       "writer lock: stop 'run' (or wait for 'ingest') first.\n"},
      {"backup", BackupCmd, "copy the database while it is in use",
       "usage: storyline backup DEST [--db STORE]\n"
       "Copies the SQLite store into the new file DEST with SQLite's online "
       "backup: one\nconsistent snapshot, taken while 'run', 'ingest' or "
       "'serve' go on. DEST must not\nexist. Restore by stopping the "
       "writers and putting DEST in the store's place.\nFor a PostgreSQL "
       "store use pg_dump (the error says how).\n"},
      {"feeds", Feeds, "the feed list: add, import, export, list, remove",
       "usage: storyline feeds add URL... [--db STORE]\n"
       "       storyline feeds import FILE.opml\n"
       "       storyline feeds export            (OPML on stdout)\n"
       "       storyline feeds list [--format text|json]\n"
       "       storyline feeds remove URL...\n"
       "The feeds 'run' and 'crawl' poll, kept in the store; a running "
       "daemon sees a change\nat its next round. URLs must be absolute http "
       "or https; one bad URL (or, for\nremove, one not listed) changes "
       "nothing. list shows each feed's last status,\npolls, items, last "
       "and next poll.\n"},
      {"serve", Serve, "serve the web app and JSON API over a database",
       "usage: storyline serve [--db STORE] [--port N] [--host ADDR] "
       "[--threads N] [--base-url URL]\n"
       "Serves story pages, search, Atom feeds and the JSON API (docs/api.md) "
       "at\nhttp://ADDR:N/ (default 127.0.0.1:8080; --port 0 picks a free "
       "port). Reads only:\n'storyline ingest' may write the same database "
       "meanwhile; pages follow within a\nsecond. SIGTERM or Ctrl-C stops "
       "after the requests in flight. --threads sets the event-loop threads\n"
       "(default 0: two per core); each serves any number of connections.\n"},
      {"verify", Verify, "check every page unit against its source articles",
       "usage: storyline verify [--db STORE] (--all | ID)\n"
       "Checks that each summary sentence, gist, timeline text and quote is "
       "verbatim in the\n"
       "article its citation points to, at the recorded byte span, and that "
       "each timeline\n"
       "date is stated by its sentence. Exit code 1 when anything fails.\n"},
      {"extract", ExtractCmd, "extract one HTML page (evaluation entry point)",
       "usage: storyline extract FILE.html|- [--url URL] [--json]\n"
       "Prints {title, text, published, modified, authors, outlet, "
       "canonical_url, language,\n"
       "kind, paywalled, page_type, links[]} as JSON (--json) or the title and "
       "text.\n"},
      {"cluster", ClusterCmd, "cluster a JSONL stream (evaluation entry point)",
       "usage: storyline cluster --input FILE.jsonl --out FILE.tsv "
       "[--ignore-time]\n"
       "Reads articles ({id, title, text, time, lang, ...} per line), clusters "
       "them online\n"
       "in time order and writes id<TAB>event<TAB>story per article.\n"
       "Experiment knobs (evaluations use the defaults): --event-threshold X,\n"
       "--event-window-days N, --story-threshold X.\n"},
      {"timeline", TimelineCmd,
       "build the dated timeline of one story from JSONL",
       "usage: storyline timeline --input FILE.jsonl [--max-dates N]\n"
       "Treats every article of the input as one story and prints its timeline "
       "as JSON:\n"
       "{date, date_end, label, text, quote, source, begin, end} per entry, "
       "where text is\n"
       "the verbatim sentence at [begin, end) of the source article.\n"},
      {"page", PageCmd, "compose one story page from JSONL (no database)",
       "usage: storyline page --input FILE.jsonl [--format md|json|html|text] "
       "[--verify]\n"
       "Treats the input as one story: copies fold, events come from the "
       "online clusterer,\n"
       "and the page is printed (Markdown by default). --verify checks every "
       "unit against\n"
       "its article (as 'storyline verify') and exits 1 on any failure.\n"},
      {"timex", TimexCmd,
       "tag dates in text from stdin (evaluation entry point)",
       "usage: storyline timex --dct YYYY-MM-DD[THH:MM] < text\n"
       "Prints a JSON list of {begin, end, text, type, value} (byte "
       "offsets).\n"},
  };
  return k;
}

}  // namespace storyline::cli
