// news: does an article report a happening, or is it a page of another kind
// (deals, horoscopes, lottery draws, routine forecasts, how-to guides, lists,
// obituary notices, job listings, release teasers)?
//
//   cluster::NewsVerdict v = cluster::ClassifyNews(article);
//   if (!v.news) ...   // v.cue names the cue that decided it
//
// Only cues that name a kind of page are used (title patterns, the URL's
// section, the shape of the text), in English, Russian, Italian, Greek,
// Persian, German, French and Spanish; anything without such a cue is news.
// A false "not news" keeps an article out of every story, so each cue is
// written for precision. Pure function; thread-safe.
#ifndef STORYLINE_CLUSTER_NEWS_H_
#define STORYLINE_CLUSTER_NEWS_H_

#include <string>

#include "common/model.h"

namespace storyline::cluster {

struct NewsVerdict {
  bool news = true;
  std::string cue;  // what decided "not news" ("" for news)
};

NewsVerdict ClassifyNews(const Article& a);
inline bool IsNews(const Article& a) { return ClassifyNews(a).news; }

}  // namespace storyline::cluster

#endif  // STORYLINE_CLUSTER_NEWS_H_
