// Key people, places and organisations of a story: capitalised runs
// inside sentences, variants merged, each with one verbatim occurrence.
#include <algorithm>
#include <cstring>
#include <map>
#include <set>

#include "common/strings.h"
#include "compose/internal/analysis.h"

namespace storyline::compose::internal {

// Capitalised runs ("Lidia Warnke", "Port of Valmera" is two runs) inside
// sentences, counted by distinct article; a lone surname joins the full
// name it ends, and spellings one letter apart (Zelensky/Zelenskyy) merge.
std::vector<KeyName> KeyNames(Analysis* analysis, int max_names) {
  Analysis& an = *analysis;
  std::vector<KeyName> names;
  static const std::set<std::string> kSkip = {
      "The",       "A",         "An",        "In",        "On",
      "At",        "But",       "And",       "Or",        "If",
      "As",        "By",        "For",       "It",        "He",
      "She",       "They",      "We",        "I",         "This",
      "That",      "These",     "Those",     "His",       "Her",
      "Their",     "Its",       "Our",       "After",     "Before",
      "When",      "While",     "Mr",        "Ms",        "Mrs",
      "Dr",        "Monday",    "Tuesday",   "Wednesday", "Thursday",
      "Friday",    "Saturday",  "Sunday",    "January",   "February",
      "March",     "April",     "May",       "June",      "July",
      "August",    "September", "October",   "November",  "December",
      "Photo",     "Read",      "Opinion",   "Analysis",  "Updated",
      "There",     "Here",      "Some",      "Many",      "All",
      "No",        "Yes",       "Meanwhile", "However",   "Officials",
      "President", "Minister"};
  static const std::set<std::string> kJoiners = {
      "of",  "de", "del", "della", "di", "van", "von",
      "bin", "al", "la",  "le",    "du", "des"};
  static const std::set<std::string> kTitles = {
      "Mayor",     "Mediator",   "President", "Minister",   "Governor",
      "Senator",   "Chancellor", "Judge",     "Prosecutor", "Commissioner",
      "Secretary", "General",    "Director",  "Chairman",   "Chief",
      "Professor", "Sir",        "Lord",      "King",       "Queen",
      "Pope",      "Ambassador", "Envoy",     "Spokesman",  "Spokeswoman",
      "Leader",    "Captain",    "Colonel",   "Lieutenant", "Sergeant",
      "Inspector", "Detective",  "Commander", "Admiral",    "Bishop",
      "Coach",     "Dr",         "Prof"};
  struct Seen {
    std::set<std::string> articles;
    Evidence ev;
  };
  std::map<std::string, Seen> seen;
  for (const auto& up : an.sents) {
    const Sent* snt = up.get();
    const Article* a = snt->article;
    if ((a->kind == ArticleKind::kOpinion || a->kind == ArticleKind::kAnalysis))
      continue;
    std::string_view st(a->text.data() + snt->span.begin, snt->span.size());
    std::vector<text::Token> toks = an.TokenizerFor(a->language)->Tokenize(st);
    size_t i = 0;
    while (i < toks.size()) {
      if (!toks[i].capitalized || toks[i].number) {
        ++i;
        continue;
      }
      // Extend over adjacent capitalised tokens, also across "of"/"de"
      // ("Port of Valmera") and a plural possessive ("Workers' Union").
      size_t j = i;
      while (j + 1 < toks.size()) {
        std::string_view gap = st.substr(
            toks[j].span.end, toks[j + 1].span.begin - toks[j].span.end);
        bool adjacent = gap == " " || gap == "' " || gap == "\xE2\x80\x99 ";
        if (adjacent && toks[j + 1].capitalized && !toks[j + 1].number) {
          ++j;
          continue;
        }
        if (gap == " " && j + 2 < toks.size() &&
            kJoiners.count(toks[j + 1].lower) && toks[j + 2].capitalized &&
            !toks[j + 2].number &&
            st.substr(toks[j + 1].span.end,
                      toks[j + 2].span.begin - toks[j + 1].span.end) == " ") {
          j += 2;
          continue;
        }
        break;
      }
      // Drop leading function words, then a title before a full name
      // ("Mayor Lidia Warnke" → "Lidia Warnke").
      size_t b = i;
      auto word = [&](size_t k) {
        return std::string(st.substr(toks[k].span.begin, toks[k].span.size()));
      };
      while (b <= j && kSkip.count(word(b))) ++b;
      if (b + 2 <= j && kTitles.count(word(b))) ++b;
      bool sentence_start = i == 0;
      if (b <= j && !(sentence_start && b == i && j == i) && j - b < 5) {
        size_t end = toks[j].span.end;
        std::string name(
            st.substr(toks[b].span.begin, end - toks[b].span.begin));
        for (const char* poss :
             {"'s", "\xE2\x80\x99s"}) {  // "Kessler Bridge's"
          if (EndsWith(name, poss)) {
            name.resize(name.size() - std::strlen(poss));
            end -= std::strlen(poss);
          }
        }
        if (name.size() >= 3) {
          Seen& e = seen[name];
          if (e.articles.empty())
            e.ev = {a->id,
                    {snt->span.begin + toks[b].span.begin,
                     snt->span.begin + static_cast<uint32_t>(end)}};
          e.articles.insert(a->id);
        }
      }
      i = j + 1;
    }
  }
  // Merge variants into the fullest form.
  std::map<std::string, std::string> into;  // variant → canonical
  auto last_word = [](const std::string& n) {
    return n.substr(n.rfind(' ') + 1);
  };
  for (auto& [name, e] : seen) {
    if (name.find(' ') != std::string::npos) continue;
    std::string best;
    size_t best_n = 0;
    for (auto& [full, fe] : seen) {
      if (full.find(' ') == std::string::npos) {
        // Spellings one letter apart (Zelensky/Zelenskyy) merge into the
        // more common one.
        const std::string& shorter = name.size() < full.size() ? name : full;
        const std::string& longer = name.size() < full.size() ? full : name;
        if (full != name && shorter.size() >= 5 &&
            longer.size() == shorter.size() + 1 &&
            longer.compare(0, shorter.size(), shorter) == 0 &&
            fe.articles.size() > e.articles.size() &&
            fe.articles.size() >= best_n) {
          best = full;
          best_n = fe.articles.size();
        }
        continue;
      }
      if (last_word(full) == name && fe.articles.size() >= best_n) {
        best = full;
        best_n = fe.articles.size();
      }
    }
    if (!best.empty()) into[name] = best;
  }
  std::map<std::string, KeyName> merged;
  for (auto& [name, e] : seen) {
    std::string canon = name;
    for (int hop = 0; hop < 3 && into.count(canon); ++hop) canon = into[canon];
    KeyName& k = merged[canon];
    if (k.name.empty()) {
      k.name = canon;
      k.evidence = seen[canon].ev;
    }
    if (canon != name) k.variants.push_back(name);
  }
  for (auto& [canon, k] : merged) {
    std::set<std::string> arts = seen[canon].articles;
    for (const std::string& v : k.variants)
      arts.insert(seen[v].articles.begin(), seen[v].articles.end());
    k.articles = static_cast<int>(arts.size());
    if (k.articles >= 2) names.push_back(k);
  }
  std::sort(names.begin(), names.end(), [](const KeyName& a, const KeyName& b) {
    if (a.articles != b.articles) return a.articles > b.articles;
    return a.name < b.name;
  });
  if (static_cast<int>(names.size()) > max_names)
    names.resize(static_cast<size_t>(max_names));
  return names;
}

}  // namespace storyline::compose::internal
