// The editorial kind from an article's own words, in one place: GuessKind
// (see extract.h) reads phrases pages print about themselves, in lower
// case, in the title, the first 800 and the last 1,500 bytes of text;
// LabelKind (internal/lines.h) reads a label line standing above the body.
#include <re2/re2.h>

#include <string>
#include <string_view>

#include "common/strings.h"
#include "extract/extract.h"
#include "extract/internal/lines.h"
#include "text/text.h"

namespace storyline::extract {
namespace {

struct Cue {
  const char* phrase;
  ArticleKind kind;
};

// Anywhere in the looked-at text.
constexpr Cue kTextCues[] = {
    // Opinion: disclaimers and column labels.
    {"the views expressed", ArticleKind::kOpinion},
    {"the opinions expressed", ArticleKind::kOpinion},
    {"views expressed in this", ArticleKind::kOpinion},
    {"do not necessarily reflect", ArticleKind::kOpinion},
    {"does not necessarily reflect", ArticleKind::kOpinion},
    {"is a contributing columnist", ArticleKind::kOpinion},
    {"is an opinion columnist", ArticleKind::kOpinion},
    {"this is an opinion piece", ArticleKind::kOpinion},
    {"ein gastbeitrag von", ArticleKind::kOpinion},
    {"ein kommentar von", ArticleKind::kOpinion},
    {"gibt die meinung des autors wieder", ArticleKind::kOpinion},
    {"n'engagent que leur auteur", ArticleKind::kOpinion},
    {"n\u2019engagent que leur auteur", ArticleKind::kOpinion},
    {"n'engagent que son auteur", ArticleKind::kOpinion},
    {"n\u2019engagent que son auteur", ArticleKind::kOpinion},
    {"no reflejan necesariamente", ArticleKind::kOpinion},
    {"las opiniones expresadas", ArticleKind::kOpinion},
    {"não refletem necessariamente", ArticleKind::kOpinion},
    {"as opiniões expressas", ArticleKind::kOpinion},
    {"le opinioni espresse", ArticleKind::kOpinion},
    {"non riflettono necessariamente", ArticleKind::kOpinion},
    {"мнение автора может не совпадать", ArticleKind::kOpinion},
    {"точка зрения автора может не совпадать", ArticleKind::kOpinion},
    {"мнение редакции может не совпадать", ArticleKind::kOpinion},
    // Press releases.
    {"for immediate release", ArticleKind::kPressRelease},
    {"media contact:", ArticleKind::kPressRelease},
    {"press contact:", ArticleKind::kPressRelease},
    {"pressekontakt:", ArticleKind::kPressRelease},
    {"contacto de prensa:", ArticleKind::kPressRelease},
    {"contact presse :", ArticleKind::kPressRelease},
    {"contact presse:", ArticleKind::kPressRelease},
};

// At the start of the title ("Opinion: …", "Review: …").
constexpr Cue kTitlePrefixes[] = {
    {"opinion:", ArticleKind::kOpinion},
    {"opinion |", ArticleKind::kOpinion},
    {"comment:", ArticleKind::kOpinion},
    {"op-ed:", ArticleKind::kOpinion},
    {"opinião:", ArticleKind::kOpinion},
    {"opinión:", ArticleKind::kOpinion},
    {"meinung:", ArticleKind::kOpinion},
    {"kommentar:", ArticleKind::kOpinion},
    {"tribune:", ArticleKind::kOpinion},
    {"мнение:", ArticleKind::kOpinion},
    {"колонка:", ArticleKind::kOpinion},
    {"analysis:", ArticleKind::kAnalysis},
    {"analysis |", ArticleKind::kAnalysis},
    {"news analysis:", ArticleKind::kAnalysis},
    {"análisis:", ArticleKind::kAnalysis},
    {"análise:", ArticleKind::kAnalysis},
    {"analyse:", ArticleKind::kAnalysis},
    {"live:", ArticleKind::kLiveBlog},
    {"live updates", ArticleKind::kLiveBlog},
    {"en directo:", ArticleKind::kLiveBlog},
    {"ao vivo:", ArticleKind::kLiveBlog},
    {"liveticker:", ArticleKind::kLiveBlog},
    {"explainer:", ArticleKind::kExplainer},
    {"explained:", ArticleKind::kExplainer},
    {"factbox:", ArticleKind::kExplainer},
    {"q&a:", ArticleKind::kExplainer},
    {"what we know", ArticleKind::kExplainer},
    {"everything you need to know", ArticleKind::kExplainer},
    {"review:", ArticleKind::kReview},
    {"reseña:", ArticleKind::kReview},
    {"critique :", ArticleKind::kReview},
    {"рецензия:", ArticleKind::kReview},
    {"press release:", ArticleKind::kPressRelease},
    {"pressemitteilung:", ArticleKind::kPressRelease},
    {"comunicado de prensa:", ArticleKind::kPressRelease},
};

// Section and kind labels printed above an article, lower case; kOther
// marks page furniture (an ad slot's label, an empty reading time) that is
// dropped wherever it stands.
constexpr Cue kLabels[] = {
    {"news", ArticleKind::kNews},
    {"latest news", ArticleKind::kNews},
    {"breaking news", ArticleKind::kNews},
    {"breaking", ArticleKind::kNews},
    {"exclusive", ArticleKind::kNews},
    {"noticia", ArticleKind::kNews},
    {"noticias", ArticleKind::kNews},
    {"notícia", ArticleKind::kNews},
    {"notícias", ArticleKind::kNews},
    {"actualité", ArticleKind::kNews},
    {"actualités", ArticleKind::kNews},
    {"nachrichten", ArticleKind::kNews},
    {"notizie", ArticleKind::kNews},
    {"новости", ArticleKind::kNews},
    {"новини", ArticleKind::kNews},
    {"opinion", ArticleKind::kOpinion},
    {"opinions", ArticleKind::kOpinion},
    {"opinión", ArticleKind::kOpinion},
    {"opinião", ArticleKind::kOpinion},
    {"opinione", ArticleKind::kOpinion},
    {"meinung", ArticleKind::kOpinion},
    {"kommentar", ArticleKind::kOpinion},
    {"tribune", ArticleKind::kOpinion},
    {"editorial", ArticleKind::kOpinion},
    {"column", ArticleKind::kOpinion},
    {"columna", ArticleKind::kOpinion},
    {"commentary", ArticleKind::kOpinion},
    {"мнение", ArticleKind::kOpinion},
    {"колонка", ArticleKind::kOpinion},
    {"analysis", ArticleKind::kAnalysis},
    {"análisis", ArticleKind::kAnalysis},
    {"análise", ArticleKind::kAnalysis},
    {"analyse", ArticleKind::kAnalysis},
    {"analisi", ArticleKind::kAnalysis},
    {"аналитика", ArticleKind::kAnalysis},
    {"live", ArticleKind::kLiveBlog},
    {"live blog", ArticleKind::kLiveBlog},
    {"en directo", ArticleKind::kLiveBlog},
    {"en direct", ArticleKind::kLiveBlog},
    {"ao vivo", ArticleKind::kLiveBlog},
    {"liveticker", ArticleKind::kLiveBlog},
    {"press release", ArticleKind::kPressRelease},
    {"pressemitteilung", ArticleKind::kPressRelease},
    {"communiqué de presse", ArticleKind::kPressRelease},
    {"пресс-релиз", ArticleKind::kPressRelease},
    {"sponsored", ArticleKind::kOther},
    {"sponsored content", ArticleKind::kOther},
    {"advertisement", ArticleKind::kOther},
    {"publicidade", ArticleKind::kOther},
    {"publicidad", ArticleKind::kOther},
    {"pubblicità", ArticleKind::kOther},
    {"publicité", ArticleKind::kOther},
    {"anzeige", ArticleKind::kOther},
    {"werbung", ArticleKind::kOther},
    {"реклама", ArticleKind::kOther},
    // A reading-time label whose figure is drawn by a script.
    {"read time", ArticleKind::kOther},
    {"reading time", ArticleKind::kOther},
    {"lesezeit", ArticleKind::kOther},
    {"temps de lecture", ArticleKind::kOther},
    {"время чтения", ArticleKind::kOther},
};

}  // namespace

bool internal::LabelKind(std::string_view lower, ArticleKind* kind) {
  for (const Cue& c : kLabels) {
    if (lower == c.phrase) {
      *kind = c.kind;
      return true;
    }
  }
  return false;
}

ArticleKind GuessKind(std::string_view title, std::string_view text) {
  const std::string t = text::ToLower(title);
  for (const Cue& c : kTitlePrefixes)
    if (StartsWith(t, c.phrase)) return c.kind;
  // "… live: as it happened", "… – as it happened"
  if (t.find("as it happened") != std::string::npos ||
      t.find("live blog") != std::string::npos)
    return ArticleKind::kLiveBlog;
  // "'The Irishman' review: …", "Doctor Sleep review – …": a quoted or
  // named work, then "review" and a separator (not "Judicial review of").
  static const RE2 kReviewTitle(
      "(?:['\"\u2019\u201d)]|[a-z0-9]) review(?:$|:| \u2013| -| \u2014| \\|)");
  if (RE2::PartialMatch(t, kReviewTitle) &&
      t.find("judicial review") == std::string::npos &&
      t.find("under review") == std::string::npos)
    return ArticleKind::kReview;
  std::string look(text.substr(0, 800));
  if (text.size() > 800) {
    size_t tail = text.size() > 2300 ? text.size() - 1500 : 800;
    // Start the tail at a character boundary.
    while (tail < text.size() &&
           (static_cast<unsigned char>(text[tail]) & 0xC0) == 0x80)
      ++tail;
    look += "\n";
    look += text.substr(tail);
  }
  const std::string l = text::ToLower(look);
  for (const Cue& c : kTextCues)
    if (l.find(c.phrase) != std::string::npos) return c.kind;
  // A standfirst that names its writer: "…, writes Denis Mikhailov".
  static const RE2 kWrites(
      ", (?:writes|argues|says columnist) \\p{Lu}\\p{L}+(?: \\p{Lu}\\p{L}+)?");
  if (RE2::PartialMatch(std::string(text.substr(0, 800)), kWrites))
    return ArticleKind::kOpinion;
  return ArticleKind::kNews;
}

}  // namespace storyline::extract
