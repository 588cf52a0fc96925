// ingest: local files and folders → Articles ready for the pipeline.
//
//   ingest::Options opts;
//   ingest::Batch b = ingest::ReadPaths({"samples/newsroom"}, opts, clock);
//   for (const ingest::Problem& p : b.problems) std::cerr << p.where << ": "
//   ...
//
// Formats, chosen by extension: .html/.htm (extracted), .txt (optional
// "Key: value" header lines, then paragraphs), .jsonl (one article per line:
// url, title, text or html, published, outlet, language; the clustering
// eval aliases id/time/lang/source are accepted too).
// Failure is per item: every unreadable file, bad line or empty document is
// reported in Batch::problems and the rest of the batch is still read.
// Thread-compatible; no global state. ReadPaths runs Options::threads
// threads of its own and joins them before it returns.
#ifndef STORYLINE_INGEST_INGEST_H_
#define STORYLINE_INGEST_INGEST_H_

#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/model.h"
#include "common/status.h"
#include "extract/extract.h"
#include "ingest/warc.h"

namespace storyline::ingest {

struct Options {
  // Files larger than this are skipped with a problem report (bytes).
  size_t max_file_bytes = 32u << 20;
  // JSONL lines longer than this are skipped (bytes).
  size_t max_line_bytes = 16u << 20;
  extract::Options extract;
  WarcOptions warc;
  // Threads reading and extracting files at once (0: one per core). Each
  // file is read by one thread; the batch is the same for any count.
  int threads = 0;
};

struct Problem {
  std::string where;  // "path" or "path:line"
  Status status;
};

struct Batch {
  std::vector<Article> articles;  // in input order; callers sort by time
  std::vector<Problem> problems;
  int files_read = 0;
};

// Reads files and folders (recursively, sorted by name, hidden entries
// skipped). Articles without a publication time get the clock's time and
// published_guessed = true.
Batch ReadPaths(const std::vector<std::string>& paths, const Options& options,
                const Clock& clock);

// True for bytes that are not text: a NUL, or over 5% control bytes, in
// the first 64 KB (a UTF-16 byte order mark excepted). ReadPaths refuses
// such .html and .txt files.
bool LooksBinary(std::string_view data);

// Parses one JSONL record. `external_id` receives its "id" field, if any.
Result<Article> ArticleFromJsonLine(std::string_view line,
                                    const Options& options,
                                    std::string* external_id);

// Builds an Article from plain text (paragraphs separated by newlines).
Article ArticleFromText(std::string_view title, std::string_view body);

// The stable article id: a hash of the canonical URL, or of title and text
// when there is no URL.
std::string ArticleId(const Article& a);

// Gives an article read by any reader (files, WARC, crawler) its identity
// before it enters the pipeline: source, canonical URL (the URL when the
// page names none), outlet (the host when unnamed), content hash and id.
// Title, language and kind are the reader's (extract::Extract for pages).
void FinishArticle(Article* a, const std::string& source);

}  // namespace storyline::ingest

#endif  // STORYLINE_INGEST_INGEST_H_
