// The data model shared by every stage: an extracted Article and its parts.
//
// Offsets: `Article::text` is the canonical article text. Every span stored
// anywhere (blocks, sentences, citations, timeline quotes) is a byte range
// into this text, so any page unit can be checked against its source.
// Blocks additionally keep the byte range of the HTML element they came
// from (0,0 when the article did not come from HTML).
#ifndef STORYLINE_COMMON_MODEL_H_
#define STORYLINE_COMMON_MODEL_H_

#include <cstdint>
#include <string>
#include <vector>

namespace storyline {

struct Span {
  uint32_t begin = 0;  // byte offset, inclusive
  uint32_t end = 0;    // byte offset, exclusive
  uint32_t size() const { return end - begin; }
};

// A paragraph-level unit of main text ("p", "h", "li", "quote", "pre").
struct Block {
  Span text;    // range in Article::text
  Span source;  // range in the original HTML bytes
  std::string kind = "p";
};

// A link found inside the main text.
struct Link {
  std::string url;     // normalised absolute URL
  std::string anchor;  // anchor text, whitespace-collapsed
};

// Editorial kind. Persisted by name; names never change.
enum class ArticleKind {
  kNews,
  kOpinion,
  kAnalysis,
  kLiveBlog,
  kPressRelease,
  kOther,
  kExplainer,  // background: "what we know", "explained", Q&A, factbox
  kReview,     // a critic's verdict on a film, book, game or product
};
const char* ArticleKindName(ArticleKind kind);
ArticleKind ArticleKindFromName(const std::string& name);

struct Article {
  std::string id;             // stable id: hash of the canonical URL
  std::string url;            // where it was read from (or its declared URL)
  std::string canonical_url;  // <link rel=canonical>/og:url, else url
  std::string outlet;         // publication name, e.g. "The Harbour Post"
  std::string title;
  std::string byline;              // authors joined by ", "
  int64_t published = 0;           // Unix seconds UTC; 0 when unknown
  bool published_guessed = false;  // true: fetch/ingest time stands in
  std::string language;            // ISO 639-1 ("en"), "" when unknown
  ArticleKind kind = ArticleKind::kNews;
  std::string text;  // main text, blocks separated by "\n\n"
  std::vector<Block> blocks;
  std::vector<Link> links;
  std::string source;        // file path (and line for JSONL)
  std::string content_hash;  // hash of title + text, for idempotent ingest
  std::string duplicate_of;  // id of the original when a near-duplicate
};

}  // namespace storyline

#endif  // STORYLINE_COMMON_MODEL_H_
