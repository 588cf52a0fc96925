// extract: raw HTML bytes → Article (title, main text as blocks, metadata,
// outbound links from the main text).
//
//   extract::Options opts;
//   Result<Article> a = extract::Extract(html, "https://example.org/x", opts);
//   if (a.ok()) std::cout << a->title << "\n\n" << a->text;
//
// Offsets: Block::source is a byte range in the UTF-8 HTML that was parsed.
// When the page had to be transcoded to UTF-8 (a legacy charset), the range
// refers to the transcoded bytes, available as Extraction::utf8_html.
//
// Failure: InvalidArgument for empty input or input with no text at all,
// ResourceExhausted when the input exceeds Options::max_input_bytes.
// Never throws on any input. Thread-safe (no shared state).
#ifndef STORYLINE_EXTRACT_EXTRACT_H_
#define STORYLINE_EXTRACT_EXTRACT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "common/model.h"
#include "common/status.h"

namespace storyline::extract {

struct Options {
  // --- resource budgets for untrusted input ---
  // Pages larger than this are refused with ResourceExhausted (bytes).
  size_t max_input_bytes = 16u << 20;
  // Elements nested deeper than this are ignored, with their subtrees.
  int max_depth = 400;
  // Markup nested deeper than this (counted before parsing, see
  // internal/inert.h) is refused with ResourceExhausted: the parser's time
  // grows with the square of the depth (80,000 levels took 14 s, a million
  // did not finish). Real pages stay under a few hundred.
  int max_markup_depth = 5000;
  // Main text beyond this many bytes is cut at a block boundary.
  size_t max_text_bytes = 2u << 20;
  // --- behaviour ---
  // Blocks shorter than this (bytes) with mostly link text are dropped.
  size_t min_block_bytes = 25;
  // When the first pass finds less main text than this (bytes), a second
  // pass trusts boilerplate-like class names less (forums, listings).
  size_t relaxed_below_bytes = 600;
};

struct Extraction {
  Article article;
  std::string utf8_html;  // the HTML that was parsed (after transcoding)
  std::string charset;    // charset the page was decoded from
  // isAccessibleForFree=false, an element named "paywall"/"regwall", or a
  // paywall's prompt in the text ("Subscribe to continue reading").
  bool paywalled = false;
  std::string page_type;     // "article" or "other" (listing, no main text)
  int64_t modified = 0;      // dateModified, Unix seconds UTC; 0 if absent
  int published_offset = 0;  // UTC offset the page wrote its time in (s)
  // The evidence page_type was decided on (feature name, value), for
  // `storyline extract --explain` and for refitting the model.
  std::vector<std::pair<std::string, double>> page_type_features;
};

// Extracts one page. `url` may be empty; it resolves relative links and
// fills Article::url when the page declares none.
Result<Extraction> ExtractPage(std::string_view html, std::string_view url,
                               const Options& options = Options());

// Convenience wrapper returning only the Article.
Result<Article> Extract(std::string_view html, std::string_view url,
                        const Options& options = Options());

// The editorial kind an article's own wording declares: disclaimers ("The
// views expressed…", "n'engagent que leur auteur", "мнение автора может не
// совпадать"), a standfirst naming its writer ("…, writes Jo Roe"), title
// prefixes ("Opinion:", "Analysis:", "Explainer:", "Review:", "Live:") and
// press-release contacts, in the languages we read. kNews when none.
ArticleKind GuessKind(std::string_view title, std::string_view text);

// What an outbound link points at, judged from its URL alone.
enum class LinkKind {
  kDocument,  // a file (PDF, spreadsheet), an official site's page, a post
              // on a social network: a primary source
  kArticle,   // a page of its own elsewhere: an article, report, study
  kSection,   // a home page, section front, tag, topic or archive page
  kProfile,   // an author's page, a social-network account
  kService,   // share, sign-up, log-in, newsletter, donate, about, feeds
  kTracking,  // affiliate, ad and shortened redirects, shop deal links
  kLookup,    // a stock quote, a domain or a search look-up
};
LinkKind ClassifyLink(std::string_view url);
const char* LinkKindName(LinkKind kind);
// Documents and articles are worth citing as a story's resources.
bool IsCitable(LinkKind kind);

}  // namespace storyline::extract

#endif  // STORYLINE_EXTRACT_EXTRACT_H_
