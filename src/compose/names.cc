// Key people, places and organisations of a story: capitalised runs
// inside sentences, variants merged, each with one verbatim occurrence.
#include <algorithm>
#include <cstring>
#include <map>
#include <set>
#include <unordered_map>

#include "common/strings.h"
#include "common/time.h"
#include "compose/internal/analysis.h"
#include "temporal/temporal.h"

namespace storyline::compose::internal {

// Capitalised runs ("Lidia Warnke"; "Port of Valmera" is one run) of one
// sentence, a title before a full name dropped ("Mayor Lidia Warnke").
void SentenceNames(std::string_view st, const std::vector<text::Token>& toks,
                   uint32_t base, std::vector<NameOcc>* out) {
  // Leading words that open a capitalised run without naming anyone, besides
  // text::IsSentenceOpener and calendar words (temporal::IsCalendarWord,
  // weekday abbreviations). A title among them (text::IsTitleWord) is a
  // sign of a person.
  static const std::set<std::string> kSkip = {
      "Or",        "By",        "Our",      "Mr",    "Ms",      "Mrs",
      "Dr",        "May",       "Photo",    "Read",  "Opinion", "Analysis",
      "Updated",   "Here",      "All",      "No",    "Yes",     "President",
      "Minister",  "With",      "From",     "To",    "Of",      "Under",
      "During",    "Despite",   "Since",    "Until", "Among",   "Against",
      "Without",   "Why",       "What",     "How",   "Who",     "Where",
      "Which",     "Even",      "Also",     "Still", "Now",     "Then",
      "Today",     "Yesterday", "Tomorrow", "Next",  "Every",   "Each",
      "According", "Like",      "More"};
  static const std::set<std::string> kJoiners = {
      "of",  "de", "del", "della", "di", "van", "von",
      "bin", "al", "la",  "le",    "du", "des"};
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
    uint8_t cues = 0;
    // A possessive does not hide a skipped word ("Saturday's election").
    auto bare = [&](size_t k) {
      std::string w = word(k);
      for (const char* poss : {"'s", "\xE2\x80\x99s"})
        if (EndsWith(w, poss)) w.resize(w.size() - std::strlen(poss));
      return w;
    };
    while (b <= j && (kSkip.count(bare(b)) || text::IsSentenceOpener(bare(b)) ||
                      temporal::IsCalendarWord(bare(b)) ||
                      EnglishWeekday(bare(b), NameForm::kAbbreviated) >= 0)) {
      if (text::IsTitleWord(word(b))) cues |= NameOcc::kPerson;
      ++b;
    }
    if (b + 2 <= j && text::IsTitleWord(word(b))) {
      cues |= NameOcc::kPerson;
      ++b;
    }
    // "President of Ukraine" without its title is "Ukraine", not "of
    // Ukraine".
    while (b <= j && kJoiners.count(toks[b].lower)) ++b;
    if (b == i && i > 0 && text::IsTitleWord(word(i - 1)))
      cues |= NameOcc::kPerson;
    std::string_view after = st.substr(toks[j].span.end);
    for (const char* v : {" said", " says", " told", " added", " argued"})
      if (StartsWith(after, v)) cues |= NameOcc::kPerson;
    std::string_view before = st.substr(0, toks[i].span.begin);
    for (const char* p : {" in ", " at ", " near ", " from "})
      if (EndsWith(before, p) || before == std::string_view(p).substr(1))
        cues |= NameOcc::kPlace;
    bool sentence_start = i == 0;
    if (b <= j && !(sentence_start && b == i && j == i) && j - b < 5) {
      size_t end = toks[j].span.end;
      std::string name(st.substr(toks[b].span.begin, end - toks[b].span.begin));
      for (const char* poss : {"'s", "\xE2\x80\x99s"}) {  // "Kessler Bridge's"
        if (EndsWith(name, poss)) {
          name.resize(name.size() - std::strlen(poss));
          end -= std::strlen(poss);
        }
      }
      if (name.size() >= 3) {
        out->push_back(
            {std::move(name),
             {base + toks[b].span.begin, base + static_cast<uint32_t>(end)},
             cues});
      }
    }
    i = j + 1;
  }
}

namespace {
// Person, place or organisation from the name's last word, then from the
// cues counted over the articles naming it; "" when nothing tells.
std::string KindOf(std::string_view name, int person, int place) {
  static const std::set<std::string, std::less<>> kOrg = {
      "Council",     "Ministry",     "Union",
      "Party",       "Agency",       "Department",
      "Authority",   "Commission",   "Committee",
      "Court",       "Police",       "Service",
      "Bank",        "Company",      "Group",
      "Association", "University",   "Institute",
      "Office",      "Government",   "Parliament",
      "Senate",      "Congress",     "Corp",
      "Inc",         "Ltd",          "Board",
      "Federation",  "Organisation", "Organization",
      "Fund",        "Reserve",      "Administration",
      "Assembly",    "Network",      "Times",
      "News",        "Post",         "Press",
      "Wire",        "Trust",        "Pharma",
      "Chemicals",   "Freight",      "Rail",
      "Steel",       "Hydro",        "Airlines",
      "Energy",      "Motors",       "Holdings",
      "Partners",    "Labs",         "Systems",
      "Industries",  "Alliance",     "Forum",
      "Front",       "Movement",     "League"};
  static const std::set<std::string, std::less<>> kPlace = {
      "Bridge",  "River",   "Street",  "Square",    "Port",     "Island",
      "Airport", "Station", "Road",    "Avenue",    "Mountain", "Lake",
      "Sea",     "City",    "County",  "Province",  "Region",   "Valley",
      "Harbour", "Harbor",  "Bay",     "Coast",     "Park",     "Hospital",
      "Museum",  "Mount",   "Stadium", "Cathedral", "Prison",   "Lake"};
  std::string_view last = name.substr(name.rfind(' ') + 1);
  std::string_view first = name.substr(0, name.find(' '));
  for (std::string_view rest = name; !rest.empty();) {
    size_t sp = rest.find(' ');
    if (kOrg.count(rest.substr(0, sp))) return "organisation";
    rest =
        sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
  }
  if (kPlace.count(last) || kPlace.count(first)) return "place";
  bool acronym = true;  // "DNA", "NATO": the cues say nothing of these
  for (char c : name) acronym &= !(c >= 'a' && c <= 'z');
  if (acronym) return "";
  if (person > 0 && person >= place) return "person";
  if (place > 0) return "place";
  return "";
}
}  // namespace

// Names counted by distinct article; a lone surname joins the full name it
// ends, and spellings one letter apart (Zelensky/Zelenskyy) merge.
// Every name of the story, merged (AllNames without the memo).
std::vector<KeyName> NamesOf(const Analysis& an, bool page_language_only);

std::vector<KeyName> KeyNames(const Analysis& an, int max_names) {
  std::vector<KeyName> names;
  for (const KeyName& k : AllNames(an, /*page_language_only=*/true)) {
    if (k.articles < 2 || static_cast<int>(names.size()) >= max_names) break;
    names.push_back(k);
  }
  return names;
}

const std::vector<KeyName>& AllNames(const Analysis& an,
                                     bool page_language_only) {
  // In a story told in one language both lists are the same list.
  if (page_language_only) {
    bool other = false;
    for (const Article* a : an.originals)
      other = other || a->language != an.page_language;
    page_language_only = other;
  }
  std::optional<std::vector<KeyName>>& memo =
      an.all_names[page_language_only ? 1 : 0];
  if (!memo) memo = NamesOf(an, page_language_only);
  return *memo;
}

std::vector<KeyName> NamesOf(const Analysis& an, bool page_language_only) {
  std::vector<KeyName> names;
  struct Seen {
    std::vector<int> articles;  // indices into an.originals, ascending
    Evidence ev;
    int person = 0, place = 0;  // articles with each cue
  };
  // Names are views into the analysis' facts (alive for the call).
  std::unordered_map<std::string_view, Seen> counts;
  size_t occurrences = 0;
  for (const Article* a : an.originals)
    occurrences += an.facts.at(a->id)->names.size();
  counts.reserve(occurrences);
  for (int ai = 0; ai < static_cast<int>(an.originals.size()); ++ai) {
    const Article* a = an.originals[static_cast<size_t>(ai)];
    if (a->kind == ArticleKind::kOpinion || a->kind == ArticleKind::kAnalysis)
      continue;
    if (page_language_only && a->language != an.page_language) continue;
    for (const NameOcc& n : an.facts.at(a->id)->names) {
      Seen& e = counts[n.name];
      if (e.articles.empty()) e.ev = {a->id, n.span};
      if (e.articles.empty() || e.articles.back() != ai)
        e.articles.push_back(ai);
      e.person += (n.cues & NameOcc::kPerson) ? 1 : 0;
      e.place += (n.cues & NameOcc::kPlace) ? 1 : 0;
    }
  }
  // Sorted once; lookups below are binary searches.
  std::vector<std::pair<std::string_view, Seen*>> seen;
  seen.reserve(counts.size());
  for (auto& [name, e] : counts) seen.push_back({name, &e});
  std::sort(seen.begin(), seen.end(),
            [](auto& x, auto& y) { return x.first < y.first; });
  auto lower = [&](std::string_view k) {
    return std::lower_bound(
        seen.begin(), seen.end(), k,
        [](const auto& x, std::string_view key) { return x.first < key; });
  };
  auto find = [&](std::string_view k) -> Seen* {
    auto it = lower(k);
    return it != seen.end() && it->first == k ? it->second : nullptr;
  };
  auto has_space = [](std::string_view n) {
    return n.find(' ') != std::string_view::npos;
  };
  auto last_word = [](std::string_view n) {
    return n.substr(n.rfind(' ') + 1);
  };
  // Merge variants into the fullest form. Candidates by key, so merging
  // stays near-linear in the number of names: full names by their last
  // word; single words as they are.
  std::unordered_map<std::string_view, std::string_view> into;
  std::unordered_map<std::string_view, std::vector<std::string_view>> by_last;
  // A name joined across "of" ("Zelensky of Ukraine", "Port of Valmera")
  // is not a person's full name: its last word is a name of its own.
  auto joined = [](std::string_view n) {
    for (const char* j : {" of ", " de ", " del ", " di ", " da "})
      if (n.find(j) != std::string_view::npos) return true;
    return false;
  };
  for (auto& [full, fe] : seen)
    if (has_space(full) && !joined(full))
      by_last[last_word(full)].push_back(full);
  for (auto& [name, e] : seen) {
    if (has_space(name)) continue;
    std::vector<std::pair<std::string_view, bool>> all;  // (name, is full)
    // Spellings one letter apart (Zelensky/Zelenskyy) merge into the more
    // common one.
    if (name.size() >= 6 && find(name.substr(0, name.size() - 1)))
      all.push_back({name.substr(0, name.size() - 1), false});
    if (name.size() >= 5) {
      for (auto it = lower(name);
           it != seen.end() && it->first.substr(0, name.size()) == name; ++it) {
        if (it->first.size() == name.size() + 1 && !has_space(it->first))
          all.push_back({it->first, false});
      }
    }
    if (auto it = by_last.find(name); it != by_last.end())
      for (std::string_view f : it->second) all.push_back({f, true});
    // In key order; among equally common candidates the last wins.
    std::sort(all.begin(), all.end(),
              [](auto& x, auto& y) { return x.first < y.first; });
    std::string_view best;
    size_t best_n = 0;
    for (auto& [cand, is_full] : all) {
      size_t n = find(cand)->articles.size();
      if (!is_full && n <= e->articles.size()) continue;
      if (n >= best_n) {
        best = cand;
        best_n = n;
      }
    }
    if (!best.empty()) into[name] = best;
  }
  // Each name's counts go to its canonical form (one hash lookup each).
  struct Merged {
    KeyName k;
    std::vector<int> articles;
    int person = 0, place = 0;
  };
  std::unordered_map<std::string_view, Merged> merged;
  merged.reserve(seen.size());
  for (auto& [name, e] : seen) {
    std::string_view canon = name;
    for (int hop = 0; hop < 3; ++hop) {
      auto it = into.find(canon);
      if (it == into.end()) break;
      canon = it->second;
    }
    Merged& m = merged[canon];
    m.articles.insert(m.articles.end(), e->articles.begin(), e->articles.end());
    m.person += e->person;
    m.place += e->place;
    if (m.k.name.empty()) {
      m.k.name = std::string(canon);
      m.k.evidence = find(canon)->ev;
    }
    if (canon != name) m.k.variants.push_back(std::string(name));
  }
  names.reserve(merged.size());
  for (auto& [canon, m] : merged) {
    std::sort(m.articles.begin(), m.articles.end());
    m.k.articles = static_cast<int>(
        std::unique(m.articles.begin(), m.articles.end()) - m.articles.begin());
    m.k.kind = KindOf(m.k.name, m.person, m.place);
    // Variants in key order, as the ordered walk above gave them.
    std::sort(m.k.variants.begin(), m.k.variants.end());
    names.push_back(std::move(m.k));
  }
  std::sort(names.begin(), names.end(), [](const KeyName& a, const KeyName& b) {
    if (a.articles != b.articles) return a.articles > b.articles;
    return a.name < b.name;
  });
  return names;
}

}  // namespace storyline::compose::internal
