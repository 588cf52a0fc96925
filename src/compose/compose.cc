// Story page composition (extractive). Steps, each over the Analysis:
// headline → sections (one per main event, sentences chosen for centrality
// and novelty) → citations (every original article that states the exact
// sentence) → sources with gists → timeline → sub-stories → related
// articles → external resources → volume by day.
#include "compose/compose.h"

#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "common/strings.h"
#include "common/time.h"
#include "common/url.h"
#include "compose/internal/analysis.h"
#include "compose/internal/headline.h"
#include "extract/extract.h"
#include "temporal/temporal.h"

namespace storyline::compose {
namespace {

using internal::Analysis;
using internal::Sent;

// A sentence that tells the reader something about its article: not a
// bare quotation (its speaker comes later), not "did not respond to a
// request for comment", and it names someone or something or gives a
// figure (a digit, or a capitalised word after its first).
bool Informative(const internal::Sent* s) {
  std::string_view t = s->norm;
  for (const char* q : {"\"", "\xE2\x80\x9C", "\xC2\xAB", "\xE2\x80\x98", "'"})
    if (StartsWith(t, q)) return false;
  static const RE2 kNoComment(
      "(?i)(did not|didn't|could not|couldn't) (immediately )?(respond|reply|"
      "be reached)|declined to comment|not immediately returned|seeking "
      "comment|request for comment|no immediate comment");
  if (RE2::PartialMatch(re2::StringPiece(t.data(), t.size()), kNoComment))
    return false;
  bool cased = false;
  for (size_t i = 1; i < t.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    if (c >= '0' && c <= '9') return true;
    if (t[i - 1] != ' ') continue;
    if (c >= 'A' && c <= 'Z') return true;
    // Cyrillic and Greek capitals; caseless scripts cannot tell.
    if (c == 0xD0 && i + 1 < t.size()) {
      unsigned char d = static_cast<unsigned char>(t[i + 1]);
      if (d >= 0x90 && d <= 0xAF) return true;
    }
    // Hebrew, Arabic, Indic, CJK…: no case to tell names by.
    if ((c >= 0xD7 && c <= 0xDB) || (c >= 0xE0 && c != 0xE2)) cased = true;
  }
  return cased;
}

// A page summarises developments told in other languages than its own
// only while its own language tells fewer than this many.
constexpr int kMinSectionsInPageLanguage = 2;

bool IsOpinion(const Article* a) {
  return a->kind == ArticleKind::kOpinion || a->kind == ArticleKind::kAnalysis;
}

// How central a set of stems is to a group of articles (mean df share).
// True when `a` was published on the day(s) `value` names or up to three
// days later: a report of what happened then.
bool ReportedOnTheDay(const Article* a, const std::string& value) {
  int64_t first = 0, last = 0;
  if (!temporal::ValueToDays(value, &first, &last)) return false;
  int64_t day = a->published / 86400;
  return day >= first && day <= last + 3;
}

struct Builder {
  const StoryInput& in;
  const Options& o;
  Analysis an;
  StoryPage page;
  std::map<std::string, int> source_no;  // article id → n
  std::vector<internal::StemSet> chosen_stems;

  // Mean share of the story's articles containing each stem of `stems`.
  double StoryCentrality(const internal::StemSet& stems) const {
    return internal::Centrality(stems, an.story_df,
                                static_cast<double>(an.originals.size()));
  }

  int Cite(const Article* a) {
    auto it = source_no.find(a->id);
    if (it != source_no.end()) return it->second;
    int n = static_cast<int>(source_no.size()) + 1;
    source_no[a->id] = n;
    Source s;
    s.n = n;
    s.article_id = a->id;
    s.outlet = a->outlet;
    s.title = DisplayTitle(a);
    s.url = a->url;
    s.kind = ArticleKindName(a->kind);
    s.byline = a->byline;
    s.published = a->published;
    page.sources.push_back(s);
    return n;
  }

  const Article* Representative(const std::vector<const Article*>& arts) {
    std::unordered_map<uint32_t, int> df;
    std::vector<internal::StemSet> stems;
    for (const Article* a : arts) {
      stems.push_back(an.Stems(a->language, a->title));
      for (uint32_t s : stems.back()) ++df[s];
    }
    const Article* best = nullptr;
    double best_s = -1e18;
    for (size_t i = 0; i < arts.size(); ++i) {
      double s =
          internal::Centrality(stems[i], df, static_cast<double>(arts.size()));
      if (IsOpinion(arts[i])) s *= 0.5;
      if (arts[i]->language != an.page_language) s *= 0.8;
      if (WordCount(arts[i]->title) < 4) s *= 0.5;
      if (s > best_s) {
        best_s = s;
        best = arts[i];
      }
    }
    return best;
  }

  // How a list names an article: its title, else (a text without one) the
  // main clause of its first sentence that has one, verbatim.
  std::string DisplayTitle(const Article* a) {
    if (!a->title.empty()) return a->title;
    auto it = an.by_article.find(a->id);
    if (it == an.by_article.end()) return "";
    // Sentences that stand alone first (a slogan or a caption does not).
    for (bool need_usable : {true, false}) {
      for (const Sent* s : it->second) {
        Span sp;
        if ((s->usable || !need_usable) && s->words >= 5 && !s->f->comment &&
            internal::ClauseLine(a->text, s->span, 4, 14, &sp) &&
            internal::EndsAtBoundary(a->text, sp))
          return std::string(a->text.substr(sp.begin, sp.size()));
      }
    }
    return "";
  }

  // Folded headline and headings already on the page.
  std::set<std::string> lines_taken;

  void SetLine(const internal::Line& l, std::string* text, std::string* id,
               LineEvidence* ev) {
    *text = l.text;
    *id = l.article->id;
    *ev = {l.article->id, l.span, l.in_title};
    lines_taken.insert(internal::LineKey(l.text));
  }

  // A line from a sentence of the page when no title or lead will do:
  // its main clause of at most `max_words`, and not a line already on the
  // page or one that only extends it.
  bool SentenceLine(const Sent* s, int max_words, internal::Line* l) {
    Span sp;
    if (!internal::ClauseLine(s->article->text, s->span, 3, max_words, &sp) ||
        !internal::EndsAtBoundary(s->article->text, sp))
      return false;
    std::string text(s->article->text.substr(sp.begin, sp.size()));
    std::string key = internal::LineKey(text);
    for (const std::string& t : lines_taken)
      if (StartsWith(key, t) || StartsWith(t, key)) return false;
    *l = {s->article, sp, false, std::move(text)};
    return true;
  }

  void Headline() {
    internal::Line l;
    if (internal::PickLine(an, an.originals, o.max_headline_words, nullptr,
                           lines_taken, &l)) {
      SetLine(l, &page.headline, &page.headline_article_id,
              &page.headline_evidence);
      return;
    }
    // Nothing fits: the most central article's first sentence that stands
    // as a line, else its title as it stands (a question, a long title).
    const Article* a = Representative(an.originals);
    for (const Sent* s : an.by_article[a->id]) {
      if (s->usable && SentenceLine(s, 40, &l)) {
        SetLine(l, &page.headline, &page.headline_article_id,
                &page.headline_evidence);
        return;
      }
    }
    Span whole{0, static_cast<uint32_t>(a->title.size())};
    if (internal::EndsAtBoundary(a->title, whole)) {
      SetLine({a, whole, true, a->title}, &page.headline,
              &page.headline_article_id, &page.headline_evidence);
      return;
    }
    for (const Sent* s : an.by_article[a->id]) {
      if (SentenceLine(s, 40, &l)) {
        SetLine(l, &page.headline, &page.headline_article_id,
                &page.headline_evidence);
        return;
      }
    }
    // Still nothing: the page has no headline, fails Verify and is not
    // published.
  }

  void Sections() {
    struct Ev {
      std::string id;
      double weight;
      int64_t last;
      bool in_page_lang;
    };
    // A development told only in other languages than the page's comes
    // after those told in it (an English page of 35 articles led with a
    // Portuguese section), and only when the page's language tells fewer
    // than kMinSectionsInPageLanguage: an English page of the impeachment
    // hearings had Russian sections between its English ones.
    const std::string& page_lang = an.page_language;
    std::vector<Ev> evs;
    for (auto& [id, arts] : an.event_articles) {
      std::set<std::string> outlets;
      int64_t last = 0;
      int copies = 0;
      bool in_page_lang = false;
      for (const Article* a : arts) {
        outlets.insert(a->outlet);
        last = std::max(last, a->published);
        copies += static_cast<int>(an.copies_of[a->id].size());
        in_page_lang |= a->language == page_lang;
      }
      double w = arts.size() + 0.5 * copies + 0.5 * outlets.size();
      evs.push_back({id, w, last, in_page_lang});
    }
    std::sort(evs.begin(), evs.end(), [](const Ev& a, const Ev& b) {
      if (a.in_page_lang != b.in_page_lang) return a.in_page_lang;
      if (a.weight != b.weight) return a.weight > b.weight;
      if (a.last != b.last) return a.last > b.last;
      return a.id < b.id;
    });
    int told = 0;  // sections in the page's language
    for (const Ev& ev : evs) {
      if (static_cast<int>(page.sections.size()) >= o.max_sections) break;
      if (!ev.in_page_lang && told >= kMinSectionsInPageLanguage) break;
      Section sec;
      if (Fill(ev.id, &sec)) {
        page.sections.push_back(std::move(sec));
        told += ev.in_page_lang ? 1 : 0;
      }
    }
  }

  bool Fill(const std::string& event_id, Section* sec) {
    const std::vector<const Article*>& arts = an.event_articles[event_id];
    std::unordered_map<uint32_t, int> df;
    for (const Article* a : arts) {
      std::unordered_set<uint32_t> st;
      for (const Sent* s : an.by_article[a->id])
        st.insert(s->stems->begin(), s->stems->end());
      for (uint32_t x : st) ++df[x];
    }
    int n = static_cast<int>(arts.size());
    // A section told in the page's language is told only in it (a German
    // line in an English section repeats what its neighbours say).
    // Another language's section is told in one language too, its
    // articles' most common (a Bolivian section mixed English and
    // Portuguese lines).
    std::string lang = an.page_language;
    bool in_page_lang = false;
    for (const Article* a : arts) in_page_lang |= a->language == lang;
    if (!in_page_lang) {
      std::map<std::string, int> langs;
      int most = 0;
      for (const Article* a : arts) ++langs[a->language];
      for (const auto& [l, c] : langs)
        if (c > most) most = c, lang = l;
    }
    std::vector<std::pair<double, const Sent*>> cands;
    for (const Article* a : arts) {
      if (a->language != lang) continue;
      for (const Sent* s : an.by_article[a->id]) {
        if (!s->usable) continue;
        double score = internal::Centrality(*s->stems, df, n);
        if (s->position < 2) score *= 1.3;
        score *=
            1.0 + 0.2 * (static_cast<double>(an.by_norm[s->norm].size()) - 1);
        if (IsOpinion(a)) score *= 0.6;
        cands.push_back({score, s});
      }
    }
    std::sort(cands.begin(), cands.end(), [](auto& x, auto& y) {
      if (x.first != y.first) return x.first > y.first;
      return x.second->norm < y.second->norm;
    });
    int limit = std::min(o.max_sentences_per_section, std::max(2, n + 1));
    std::vector<const Sent*> picked;
    // A section opens with the event's most central lead sentence (what
    // happened), then adds the best-supported details.
    // Takes `s` unless it mostly repeats a sentence already on the page.
    auto take = [&](const Sent* s) {
      for (const auto& c : chosen_stems)
        if (internal::Overlap(c, *s->stems) > o.max_sentence_overlap)
          return false;
      picked.push_back(s);
      chosen_stems.push_back(*s->stems);
      return true;
    };
    for (auto& [score, s] : cands) {
      if (s->position != 0 || IsOpinion(s->article)) continue;
      if (take(s)) break;
    }
    for (auto& [score, s] : cands) {
      if (static_cast<int>(picked.size()) >= limit) break;
      if (!picked.empty() && s == picked.front()) continue;
      take(s);
    }
    if (picked.empty()) return false;
    // The lead stays first; the details follow in reading order (article
    // time, then position).
    bool has_lead = picked.front()->position == 0;
    std::stable_sort(picked.begin() + (has_lead ? 1 : 0), picked.end(),
                     [](const Sent* a, const Sent* b) {
                       if (a->article->published != b->article->published)
                         return a->article->published < b->article->published;
                       return a->position < b->position;
                     });
    sec->event_id = event_id;
    // The heading says what the section's sentences say: the line of the
    // event's articles that shares most of their words.
    internal::StemSet focus;
    for (const Sent* s : picked)
      focus.insert(focus.end(), s->stems->begin(), s->stems->end());
    std::sort(focus.begin(), focus.end());
    focus.erase(std::unique(focus.begin(), focus.end()), focus.end());
    internal::Line line;
    // A title that fits or cuts to its main clause; then a longer one;
    // in the section's language.
    std::vector<const Article*> told_in;
    for (const Article* a : arts)
      if (a->language == lang) told_in.push_back(a);
    bool found = false;
    for (int max_words : {o.max_heading_words, o.max_headline_words})
      found = found || internal::PickLine(an, told_in, max_words, &focus,
                                          lines_taken, &line);
    // Else a sentence's main clause: short ones first, any length last.
    for (int max_words : {o.max_heading_words + 6, 40})
      for (size_t i = 0; !found && i < picked.size(); ++i)
        found = SentenceLine(picked[i], max_words, &line);
    if (!found) return false;  // a section without a heading is not shown
    SetLine(line, &sec->heading, &sec->heading_article_id,
            &sec->heading_evidence);
    for (const Sent* s : picked) {
      SummarySentence ss;
      ss.text =
          std::string(s->article->text.substr(s->span.begin, s->span.size()));
      if (IsOpinion(s->article)) {
        std::string who =
            s->article->byline.empty() ? "a commentary" : s->article->byline;
        ss.attribution = "In " + s->article->outlet + ", " + who +
                         (s->article->kind == ArticleKind::kAnalysis
                              ? " writes in an analysis:"
                              : " argues:");
      }
      std::vector<const Sent*> same = an.by_norm[s->norm];
      std::sort(same.begin(), same.end(), [](const Sent* a, const Sent* b) {
        return a->article->published < b->article->published;
      });
      std::set<std::string> seen;
      std::vector<std::pair<int, Evidence>> cites;
      for (const Sent* x : same) {
        if (!seen.insert(x->article->id).second) continue;
        cites.push_back({Cite(x->article), Evidence{x->article->id, x->span}});
      }
      std::sort(cites.begin(), cites.end(),
                [](auto& a, auto& b) { return a.first < b.first; });
      for (auto& [num, ev] : cites) {
        ss.cites.push_back(num);
        ss.evidence.push_back(ev);
      }
      sec->sentences.push_back(std::move(ss));
    }
    return true;
  }

  void Gists() {
    std::set<std::string, std::less<>> used;
    for (const Section& s : page.sections)
      for (const SummarySentence& ss : s.sentences)
        used.insert(CollapseWhitespace(ss.text));
    for (Source& src : page.sources) {
      // First choice: what only this article says and the page does not
      // show yet, and that says something (Informative); then anything
      // informative not shown yet; then its first sentence. Never the line
      // the source is already listed by.
      const Sent* best = nullptr;
      const Sent* unused = nullptr;
      std::string title_key = internal::LineKey(src.title);
      for (const Sent* s : an.by_article[src.article_id]) {
        if (s->words < 6) continue;
        bool unique = an.by_norm[s->norm].size() == 1;
        if (!best) best = s;
        bool fresh = !used.count(s->norm) && s->usable && Informative(s) &&
                     !StartsWith(internal::LineKey(s->norm), title_key);
        if (!unused && fresh) unused = s;
        if (unique && fresh) {
          unused = s;
          break;
        }
      }
      if (unused) best = unused;
      if (!best) continue;
      const Article* a = best->article;
      Span sp = best->span;
      std::string_view t(a->text.data() + sp.begin, sp.size());
      int words = 0;
      bool in_word = false;
      for (size_t i = 0; i < t.size(); ++i) {
        bool space = t[i] == ' ';
        if (!space && !in_word && ++words > o.max_gist_words) {
          size_t cut = i;
          while (cut > 0 && t[cut - 1] == ' ') --cut;
          sp.end = sp.begin + static_cast<uint32_t>(cut);
          break;
        }
        in_word = !space;
      }
      src.gist = std::string(a->text.substr(sp.begin, sp.size()));
      if (sp.end < best->span.end) src.gist += "\xE2\x80\xA6";
      src.gist_evidence = {a->id, sp};
    }
  }

  void Timeline() {
    // Later reports outweigh all same-day mentions together (up to 10).
    constexpr double kLaterWeight = 10.0;
    struct Mention {
      const Sent* s;
      std::string value, value_end;
    };
    std::map<std::string, std::vector<Mention>>
        by_date;  // value|end → mentions
    for (const Sent& sent : an.sents) {
      const Sent* s = &sent;
      if (s->words < 5 || s->words > o.max_sentence_words) continue;
      for (const internal::DateMention& t : s->f->dates) {
        int64_t f = 0, l = 0;
        if (!temporal::ValueToDays(t.value, &f, &l) || t.value.size() == 4)
          continue;
        by_date[t.value + "|" + t.value_end].push_back(
            {s, t.value, t.value_end});
      }
    }
    std::set<std::string> day_months;  // "YYYY-MM" with a day-level mention
    for (auto& [key, ms] : by_date)
      if (ms.front().value.size() == 10)
        day_months.insert(ms.front().value.substr(0, 7));
    std::vector<std::pair<double, std::string>> ranked;
    for (auto& [key, ms] : by_date) {
      if (ms.front().value.size() == 7 && day_months.count(ms.front().value))
        continue;
      // A date that reports published after it still refer back to is a
      // date the story is about; a date only mentioned in passing on the
      // day is not. Rank by such later reports, then by all reports.
      std::set<std::string> arts, later;
      int64_t first = 0, last = 0;
      temporal::ValueToDays(ms.front().value, &first, &last);
      for (const Mention& m : ms) {
        arts.insert(m.s->article->id);
        if (m.s->article->published / 86400 > last)
          later.insert(m.s->article->id);
      }
      ranked.push_back({kLaterWeight * static_cast<double>(later.size()) +
                            static_cast<double>(arts.size()),
                        key});
    }
    std::sort(ranked.begin(), ranked.end(), [](auto& a, auto& b) {
      if (a.first != b.first) return a.first > b.first;
      return a.second > b.second;
    });
    if (static_cast<int>(ranked.size()) > o.max_timeline_entries)
      ranked.resize(static_cast<size_t>(o.max_timeline_entries));
    std::set<std::string_view>
        used_sentences;  // normalised texts already shown
    for (auto& [score, key] : ranked) {
      const std::vector<Mention>& ms = by_date[key];
      std::vector<std::pair<double, const Mention*>> scored;
      for (const Mention& m : ms) {
        double s = 0;
        for (const Mention& other : ms)
          s += internal::Jaccard(*m.s->stems, *other.s->stems);
        if (m.s->usable) s += 1.0;
        // Central to the whole story, not a side remark or a reader comment.
        // (Weighted so the story's vocabulary decides among the sentences
        // of a date; measured on Timeline17, eval/t17.py.)
        s += 10.0 * StoryCentrality(*m.s->stems);
        Span q;
        std::string_view st(m.s->article->text.data() + m.s->span.begin,
                            m.s->span.size());
        if (internal::FindQuote(st, &q)) s += 0.5;
        if (IsOpinion(m.s->article)) s -= 1.0;
        // Reports published on or just after the date describe it best.
        if (ReportedOnTheDay(m.s->article, m.value)) s += 2.0;
        scored.push_back({s, &m});
      }
      std::stable_sort(scored.begin(), scored.end(),
                       [](auto& x, auto& y) { return x.first > y.first; });
      // The best sentences of the date, never one shown already and none
      // that repeats another picked for the same date.
      std::vector<const Mention*> picks;
      for (auto& [sc, m] : scored) {
        if (static_cast<int>(picks.size()) >= o.timeline_sentences_per_date)
          break;
        if (used_sentences.count(m->s->norm)) continue;
        bool repeats = false;
        for (const Mention* p : picks)
          repeats = repeats || internal::Jaccard(*p->s->stems, *m->s->stems) >
                                   o.max_sentence_overlap;
        if (repeats) continue;
        used_sentences.insert(m->s->norm);
        picks.push_back(m);
      }
      for (const Mention* best : picks)
        AddTimelineEntry(*best->s, best->value, best->value_end);
    }
    std::sort(page.timeline.begin(), page.timeline.end(),
              [](const TimelineEntry& a, const TimelineEntry& b) {
                if (a.value != b.value) return a.value < b.value;
                return a.cite < b.cite;
              });
  }

  void AddTimelineEntry(const Sent& sent, const std::string& value,
                        const std::string& value_end) {
    const Sent* best_s = &sent;
    TimelineEntry e;
    e.value = value;
    e.value_end = value_end;
    e.label = temporal::HumanLabel(e.value, e.value_end);
    const Article* a = best_s->article;
    e.text =
        std::string(a->text.substr(best_s->span.begin, best_s->span.size()));
    e.evidence = {a->id, best_s->span};
    e.cite = Cite(a);
    Span q;
    if (internal::FindQuote(e.text, &q)) {
      e.quote = e.text.substr(q.begin, q.size());
      e.quote_evidence = {
          a->id, {best_s->span.begin + q.begin, best_s->span.begin + q.end}};
    } else if (ReportedOnTheDay(a, e.value)) {
      // A quotation from the same report of that day, with its speaker.
      for (const Sent* other : an.by_article[a->id]) {
        std::string_view st(a->text.data() + other->span.begin,
                            other->span.size());
        Span oq;
        if (!internal::FindQuote(st, &oq) ||
            WordCount(st.substr(oq.begin, oq.size())) < 4)
          continue;
        if (st.find(" said") == std::string_view::npos &&
            st.find(" told") == std::string_view::npos &&
            st.find(" says") == std::string_view::npos)
          continue;
        // The whole sentence, so the speaker comes with the words.
        e.quote = std::string(st);
        e.quote_evidence = {a->id, other->span};
        break;
      }
    }
    page.timeline.push_back(std::move(e));
  }

  void SubStories() {
    for (auto& [id, arts] : an.event_articles) {
      const Article* rep = Representative(arts);
      SubStory s;
      s.event_id = id;
      s.headline = DisplayTitle(rep);
      s.outlet = rep->outlet;
      s.article_id = rep->id;
      s.articles = static_cast<int>(arts.size());
      for (const Article* a : arts)
        s.articles += static_cast<int>(an.copies_of[a->id].size());
      page.substories.push_back(s);
    }
    std::sort(page.substories.begin(), page.substories.end(),
              [](const SubStory& a, const SubStory& b) {
                if (a.articles != b.articles) return a.articles > b.articles;
                return a.event_id < b.event_id;
              });
  }

  void WhatsNew() {
    if (in.previous_events.empty()) return;
    std::set<std::string> before(in.previous_events.begin(),
                                 in.previous_events.end());
    std::set<std::string> untitled;
    for (const Article* a : an.originals)
      if (a->title.empty()) untitled.insert(a->id);
    // A development is named by its article's title (Verify checks it).
    for (const SubStory& s : page.substories) {
      if (!before.count(s.event_id) && !untitled.count(s.article_id))
        page.whats_new.push_back({s.event_id, s.headline, s.article_id});
    }
  }

  void Related() {
    for (const Article* a : an.originals) {
      RelatedArticle r{a->id,  a->outlet,    DisplayTitle(a),
                       a->url, a->published, {}};
      for (const Article* c : an.copies_of[a->id])
        r.copies.push_back(c->outlet);
      page.related.push_back(r);
    }
    std::sort(page.related.begin(), page.related.end(),
              [](const RelatedArticle& a, const RelatedArticle& b) {
                if (a.published != b.published)
                  return a.published > b.published;
                return a.article_id < b.article_id;
              });
  }

  void Names() { page.names = internal::KeyNames(an, o.max_names); }

  // Quotations with named speakers from the news articles; the same words
  // in several articles count once (with how many carry them); the
  // speaker is named by the fullest form the story uses for that person.
  void Quotes() {
    if (o.max_quotes <= 0) return;
    const std::vector<KeyName>& all = internal::AllNames(an);
    std::unordered_map<std::string, const KeyName*> name_of;
    for (const KeyName& k : all) {
      name_of[k.name] = &k;
      for (const std::string& v : k.variants) name_of.emplace(v, &k);
    }
    auto last_word = [](std::string_view n) {
      return n.substr(n.rfind(' ') + 1);
    };
    struct Cand {
      const Article* a;
      internal::QuoteOcc q;
      std::set<std::string> articles;
    };
    std::map<std::string, Cand> by_words;  // whitespace-folded quote → first
    std::vector<std::string> order;
    // Quotes in the page's language, like its summary (a Spanish page
    // quoted two English speakers); others only when it has none.
    bool any_in_page_lang = false;
    for (const Article* a : an.originals)
      if (a->language == an.page_language && !IsOpinion(a) &&
          !an.facts.at(a->id)->quotes.empty())
        any_in_page_lang = true;
    for (const Article* a : an.originals) {
      if (IsOpinion(a)) continue;
      if (any_in_page_lang && a->language != an.page_language) continue;
      for (const internal::QuoteOcc& q : an.facts.at(a->id)->quotes) {
        std::string key =
            CollapseWhitespace(a->text.substr(q.quote.begin, q.quote.size()));
        auto [it, fresh] = by_words.emplace(key, Cand{a, q, {}});
        it->second.articles.insert(a->id);
        if (fresh) order.push_back(key);
      }
    }
    // Words carried by more articles first; among equals, those of the
    // articles most central to the story (a report on the main thread, not
    // a side piece that happens to quote a lot).
    std::map<const Article*, double> central;
    for (const Article* a : an.originals)
      central[a] = StoryCentrality(an.facts.at(a->id)->title_stems);
    std::vector<const Cand*> ranked;
    for (const std::string& k : order) ranked.push_back(&by_words[k]);
    std::stable_sort(ranked.begin(), ranked.end(),
                     [&](const Cand* x, const Cand* y) {
                       if (x->articles.size() != y->articles.size())
                         return x->articles.size() > y->articles.size();
                       return central[x->a] > central[y->a];
                     });
    std::map<std::string, int> per_speaker;
    std::map<const Article*, int> per_article;
    for (const Cand* c : ranked) {
      if (static_cast<int>(page.quotes.size()) >= o.max_quotes) break;
      const Article* a = c->a;
      // At most two quotes from one article: the page quotes the story.
      if (per_article[a] >= 2) continue;
      std::string mention(
          a->text.substr(c->q.speaker.begin, c->q.speaker.size()));
      Quote q;
      q.text = std::string(a->text.substr(c->q.quote.begin, c->q.quote.size()));
      if (WordCount(q.text) < 6) continue;
      // Quoted words that open in lower case are a fragment of someone's
      // sentence ("so that every American can see…"), not what they said.
      {
        size_t i = 0;
        while (i < q.text.size() &&
               (q.text[i] == '"' || q.text[i] == '\'' ||
                static_cast<unsigned char>(q.text[i]) >= 0x80))
          ++i;
        if (i < q.text.size() && q.text[i] >= 'a' && q.text[i] <= 'z') continue;
      }
      q.mention = mention;
      q.speaker = mention;
      q.mention_evidence = {a->id, c->q.speaker};
      q.speaker_evidence = q.mention_evidence;
      auto it = name_of.find(mention);
      if (it != name_of.end() &&
          last_word(it->second->name) == last_word(mention)) {
        q.speaker = it->second->name;
        q.speaker_evidence = it->second->evidence;
      }
      if (per_speaker[q.speaker]++ >= 2) continue;
      ++per_article[a];
      q.evidence = {a->id, c->q.quote};
      q.cite = Cite(a);
      q.articles = static_cast<int>(c->articles.size());
      page.quotes.push_back(std::move(q));
    }
  }

  void Resources() {
    std::set<std::string> news_hosts(in.outlet_hosts.begin(),
                                     in.outlet_hosts.end());
    for (const StoryArticle& sa : in.articles) {
      std::string h = url::HostOf(sa.article->url);
      if (!h.empty()) news_hosts.insert(h);
    }
    std::map<std::string, std::pair<std::set<std::string>, std::string>> links;
    for (const Article* a : an.originals) {
      for (const Link& l : a->links) {
        std::string h = url::HostOf(l.url);
        if (h.empty() || news_hosts.count(h)) continue;
        if (!extract::IsCitable(extract::ClassifyLink(l.url))) continue;
        auto& e = links[l.url];
        e.first.insert(a->id);
        if (e.second.empty()) e.second = l.anchor;
      }
    }
    for (auto& [url, e] : links) {
      page.resources.push_back(
          {url, e.second, static_cast<int>(e.first.size())});
    }
    std::stable_sort(page.resources.begin(), page.resources.end(),
                     [](const ExternalLink& a, const ExternalLink& b) {
                       return a.count > b.count;
                     });
  }

  void Stats() {
    std::set<std::string> outlets;
    std::map<std::string, int> days;
    for (const StoryArticle& sa : in.articles) {
      outlets.insert(sa.article->outlet);
      // When an article was read is not when it was published.
      if (sa.article->published_guessed || sa.article->published <= 0) continue;
      page.updated = std::max(page.updated, sa.article->published);
      ++days[FormatDay(CivilFromUnix(sa.article->published))];
    }
    page.article_count = static_cast<int>(in.articles.size());
    page.outlet_count = static_cast<int>(outlets.size());
    page.volume_by_day.assign(days.begin(), days.end());
  }
};

}  // namespace

Result<StoryPage> Compose(const StoryInput& input_all, const Options& o) {
  StoryInput input = input_all;
  if (input.articles.size() > o.max_articles) {
    std::sort(input.articles.begin(), input.articles.end(),
              [](auto& a, auto& b) {
                return a.article->published > b.article->published;
              });
    input.articles.resize(o.max_articles);
  }
  std::sort(input.articles.begin(), input.articles.end(), [](auto& a, auto& b) {
    if (a.article->published != b.article->published)
      return a.article->published < b.article->published;
    return a.article->id < b.article->id;
  });
  Builder b{input, o, {}, {}, {}, {}, {}};
  AnalysisCache local(input.articles.size() + 1);
  b.an.cache = input.cache ? input.cache->impl_.get() : local.impl_.get();
  b.an.cache->Begin(o);
  internal::Analyze(input, o, &b.an);
  if (b.an.originals.empty())
    return Status::FailedPrecondition("story has no articles");
  b.page.story_id = input.story_id;
  b.Headline();
  b.Sections();
  b.Timeline();
  b.Quotes();  // before Gists: quotes may cite new sources
  b.Gists();
  b.SubStories();
  b.WhatsNew();
  b.Related();
  b.Resources();
  b.Names();
  b.Stats();
  return std::move(b.page);
}

}  // namespace storyline::compose
