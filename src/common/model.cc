// Persisted names of model enums (never change a name once written).
#include "common/model.h"

namespace storyline {

const char* ArticleKindName(ArticleKind kind) {
  switch (kind) {
    case ArticleKind::kNews:
      return "news";
    case ArticleKind::kOpinion:
      return "opinion";
    case ArticleKind::kAnalysis:
      return "analysis";
    case ArticleKind::kLiveBlog:
      return "live";
    case ArticleKind::kPressRelease:
      return "press";
    case ArticleKind::kOther:
      return "other";
    case ArticleKind::kExplainer:
      return "explainer";
    case ArticleKind::kReview:
      return "review";
  }
  return "other";
}

ArticleKind ArticleKindFromName(const std::string& name) {
  if (name == "opinion") return ArticleKind::kOpinion;
  if (name == "analysis") return ArticleKind::kAnalysis;
  if (name == "live") return ArticleKind::kLiveBlog;
  if (name == "press") return ArticleKind::kPressRelease;
  if (name == "other") return ArticleKind::kOther;
  if (name == "explainer") return ArticleKind::kExplainer;
  if (name == "review") return ArticleKind::kReview;
  return ArticleKind::kNews;
}

}  // namespace storyline
