// compose: a story's articles → a StoryPage with every section of the
// reference page, each unit pointing back at article byte spans.
//
//   compose::StoryInput in{story_id, {{&article, event_id}, ...}};
//   Result<compose::StoryPage> page = compose::Compose(in, compose::Options{});
//   std::string md = compose::RenderMarkdown(*page);
//   std::vector<std::string> bad = compose::Verify(*page, lookup);
//
// Faithfulness by construction: summary sentences, gists, timeline texts
// and quotes are byte spans of article texts, never generated words. The
// only words we add are labelled attributions ("In <outlet>, <author>
// argues:") and the date labels, which are computed from the cited span.
// Thread-safe (pure functions over the input).
#ifndef STORYLINE_COMPOSE_COMPOSE_H_
#define STORYLINE_COMPOSE_COMPOSE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/model.h"
#include "common/status.h"

namespace storyline::compose {

// Where a unit of text comes from.
struct Evidence {
  std::string article_id;
  Span span;  // bytes in Article::text
};

// Where a headline or a heading comes from: bytes of an article's title
// (`in_title`) or of its text. A line is the title with its kicker or
// outlet suffix removed, or the main clause of a title or lead sentence
// (compose/internal/headline.h says which cuts are allowed; Verify checks them).
struct LineEvidence {
  std::string article_id;  // empty on pages stored before lines had spans
  Span span;
  bool in_title = true;
};

struct SummarySentence {
  std::string text;                // verbatim article text
  std::string attribution;         // "" for news; "In X, Y argues:" for opinion
  std::vector<int> cites;          // source numbers, ascending
  std::vector<Evidence> evidence;  // one per cite, same order
};

struct Section {
  std::string event_id;  // the development (event) the section tells
  std::string heading;   // a line (LineEvidence) of the section's articles
  std::string heading_article_id;
  LineEvidence heading_evidence;
  std::vector<SummarySentence> sentences;
};

struct Source {
  int n = 0;
  std::string article_id, outlet, title, url, kind, byline;
  int64_t published = 0;
  std::string gist;  // verbatim (may end with "…" when cut)
  Evidence gist_evidence;
};

struct TimelineEntry {
  std::string value, value_end;  // TIMEX3 DATE value(s)
  std::string label;             // "Dec 2, 2025", "Dec 2025"
  std::string text;              // verbatim sentence stating the event
  std::string
      quote;  // verbatim quoted words incl. marks from the cited article, or ""
  int cite = 0;
  Evidence evidence;        // the sentence
  Evidence quote_evidence;  // the quote (empty article_id if none)
};

struct SubStory {
  std::string event_id, headline, outlet, article_id;
  int articles = 0;
};

struct RelatedArticle {
  std::string article_id, outlet, title, url;
  int64_t published = 0;
  std::vector<std::string> copies;  // outlets that republished it
};

struct ExternalLink {
  std::string url, anchor;
  int count = 0;  // distinct articles citing it
};

// Words someone said, verbatim with their quote marks, and who said it.
struct Quote {
  std::string text;     // verbatim, marks included
  std::string speaker;  // the fullest form of the name used in the story
  std::string mention;  // the speaker as named next to the quote
  int cite = 0;
  int articles = 1;           // articles carrying these exact words
  Evidence evidence;          // the quote
  Evidence mention_evidence;  // the name next to it (same article)
  Evidence speaker_evidence;  // where `speaker` is written verbatim
};

// A development added since the previous version of the page.
struct NewDevelopment {
  std::string event_id, headline, article_id;  // headline: that article's title
};

// A person, place or organisation named across the story's articles.
struct KeyName {
  std::string name;                   // the fullest variant, verbatim
  std::vector<std::string> variants;  // other spellings merged into it
  int articles = 0;                   // distinct articles naming it
  Evidence evidence;                  // one verbatim occurrence of `name`
  // "person", "place", "organisation" or "" when the text does not tell
  // (a title or a speech verb beside it, a preposition of place before
  // it, or a telling last word: "Council", "Bridge").
  std::string kind;
};

struct StoryPage {
  std::string story_id;
  std::string headline;
  std::string headline_article_id;
  LineEvidence headline_evidence;
  int article_count = 0;
  int outlet_count = 0;
  // Publication time of the newest article whose date is known (never
  // the time it was read); 0 when no article has a date.
  int64_t updated = 0;
  std::vector<NewDevelopment> whats_new;  // empty on a first version
  std::vector<Section> sections;
  std::vector<Source> sources;
  std::vector<TimelineEntry> timeline;
  std::vector<SubStory> substories;
  std::vector<RelatedArticle> related;
  std::vector<ExternalLink> resources;
  std::vector<Quote> quotes;
  std::vector<KeyName> names;  // key people, places and organisations
  std::vector<std::pair<std::string, int>>
      volume_by_day;  // "YYYY-MM-DD", count
};

// Per-article analysis (sentences, stems, dates, names) kept between
// compositions: it depends only on the article, so recomposing a story
// after one new article re-reads only that article. Entries are keyed by
// article id and content hash (an updated article is re-read); at most
// `max_articles` are kept (least recently used go first). Not thread-safe:
// one cache per composing thread. Optional: Compose works without one.
namespace internal {
struct CacheState;  // compose/internal/analysis.h
}  // namespace internal
struct StoryInput;
struct Options;

class AnalysisCache {
 public:
  explicit AnalysisCache(size_t max_articles = 50000);
  ~AnalysisCache();
  AnalysisCache(const AnalysisCache&) = delete;
  AnalysisCache& operator=(const AnalysisCache&) = delete;
  size_t size() const;

 private:
  friend Result<StoryPage> Compose(const StoryInput& input,
                                   const Options& options);
  std::unique_ptr<internal::CacheState> impl_;
};

struct StoryArticle {
  const Article* article = nullptr;  // must outlive the Compose call
  std::string event_id;
};

struct StoryInput {
  std::string story_id;
  std::vector<StoryArticle> articles;
  // Hosts of news outlets (links there are not "external resources").
  std::vector<std::string> outlet_hosts;
  // Events shown on the previous version of the page (its sub-stories);
  // empty for a first version. Events not among them are "what's new".
  std::vector<std::string> previous_events;
  // Reused per-article analysis; nullptr: a temporary one per call.
  AnalysisCache* cache = nullptr;
};

struct Options {
  int max_sections = 6;
  int max_sentences_per_section = 4;
  // Timeline: this many dates, each told by up to this many sentences.
  int max_timeline_entries = 15;
  int timeline_sentences_per_date = 1;
  int max_gist_words = 25;
  int max_headline_words = 18;
  int max_heading_words = 12;
  int max_names = 10;
  int max_quotes = 6;
  // A sentence is left out when this share of its stems (or of the other
  // sentence's, whichever is shorter) is already in a sentence on the page.
  double max_sentence_overlap = 0.3;
  // Sentences outside this word range are not used in summaries.
  int min_sentence_words = 7;
  int max_sentence_words = 55;
  // Budget: articles beyond this many (newest kept) are not read.
  size_t max_articles = 2000;
};

// FailedPrecondition when the story has no article with text.
Result<StoryPage> Compose(const StoryInput& input, const Options& options);

// Looks up an article by id; nullptr when unknown.
using ArticleLookup = std::function<const Article*(const std::string& id)>;

// Every reason the page is not faithful to its sources; empty when it is.
std::vector<std::string> Verify(const StoryPage& page,
                                const ArticleLookup& lookup);

// Renderings. Markdown escapes article-derived text for Markdown. Every
// HTML rendering of a page (web app, static site, standalone file) is the
// web layer's: server/site.h.
std::string RenderText(const StoryPage& page);
std::string RenderMarkdown(const StoryPage& page);

// JSON round trip (the stored and served form).
std::string ToJson(const StoryPage& page);
Result<StoryPage> FromJson(const std::string& json);

}  // namespace storyline::compose

#endif  // STORYLINE_COMPOSE_COMPOSE_H_
