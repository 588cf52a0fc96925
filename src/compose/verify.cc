// Faithfulness check: every page unit is compared with the article bytes it
// claims to come from. Used by `storyline verify` and by the tests; a page
// that fails is not published.
#include <map>

#include "common/strings.h"
#include "compose/compose.h"
#include "compose/internal/headline.h"
#include "temporal/temporal.h"

namespace storyline::compose {
namespace {

struct Checker {
  const StoryPage& page;
  const ArticleLookup& lookup;
  std::vector<std::string> problems;
  std::map<int, std::string> source_article;

  void Fail(const std::string& what) {
    problems.push_back(page.story_id + ": " + what);
  }

  // True when `claimed` equals the article text at `ev` (whitespace folded).
  bool Matches(const Evidence& ev, const std::string& claimed,
               const std::string& what) {
    const Article* a = lookup(ev.article_id);
    if (!a) {
      Fail(what + ": cited article " + ev.article_id + " is not in the store");
      return false;
    }
    if (ev.span.end > a->text.size() || ev.span.begin > ev.span.end) {
      Fail(what + ": span out of range in article " + ev.article_id);
      return false;
    }
    std::string actual =
        CollapseWhitespace(a->text.substr(ev.span.begin, ev.span.size()));
    if (actual != CollapseWhitespace(claimed)) {
      Fail(what + ": text differs from article " + ev.article_id + " at [" +
           std::to_string(ev.span.begin) + "," + std::to_string(ev.span.end) +
           ")");
      return false;
    }
    return true;
  }

  // A headline or heading: the bytes its evidence names, in the title or
  // the text, cut only where a line may end (internal/headline.h). Pages
  // stored before lines had spans: the title whole, or its start.
  void CheckLine(const std::string& line, const LineEvidence& ev,
                 const std::string& legacy_id, const std::string& what) {
    if (line.empty()) {
      Fail(what + " is empty");
      return;
    }
    if (ev.article_id.empty()) {
      const Article* a = lookup(legacy_id);
      if (!a ||
          !StartsWith(CollapseWhitespace(a->title), CollapseWhitespace(line)))
        Fail(what + " \"" + line + "\" is not a title of article " + legacy_id);
      return;
    }
    const Article* a = lookup(ev.article_id);
    if (!a) {
      Fail(what + ": article " + ev.article_id + " is not in the store");
      return;
    }
    std::string_view src = ev.in_title ? std::string_view(a->title) : a->text;
    if (ev.span.end > src.size() || ev.span.begin > ev.span.end ||
        src.substr(ev.span.begin, ev.span.size()) != line) {
      Fail(what + " \"" + line + "\" does not match its evidence in article " +
           ev.article_id);
      return;
    }
    if (!internal::EndsAtBoundary(src, ev.span))
      Fail(what + " \"" + line + "\" is cut where its source does not end a " +
           "title, clause or sentence");
  }

  void CheckCite(int n, const std::string& article_id,
                 const std::string& what) {
    auto it = source_article.find(n);
    if (it == source_article.end()) {
      Fail(what + ": [" + std::to_string(n) + "] resolves to no source");
    } else if (it->second != article_id) {
      Fail(what + ": [" + std::to_string(n) +
           "] points at another article than its evidence");
    }
  }

  void Run() {
    for (const Source& s : page.sources) source_article[s.n] = s.article_id;
    CheckLine(page.headline, page.headline_evidence, page.headline_article_id,
              "headline");
    for (const KeyName& k : page.names)
      Matches(k.evidence, k.name, "name \"" + k.name + "\"");
    for (size_t i = 0; i < page.quotes.size(); ++i) {
      const Quote& q = page.quotes[i];
      std::string what = "quote " + std::to_string(i + 1);
      CheckCite(q.cite, q.evidence.article_id, what);
      Matches(q.evidence, q.text, what);
      Matches(q.mention_evidence, q.mention, what + " speaker as named");
      Matches(q.speaker_evidence, q.speaker, what + " speaker");
      if (q.mention_evidence.article_id != q.evidence.article_id ||
          q.mention_evidence.span.end + 300 < q.evidence.span.begin ||
          q.evidence.span.end + 300 < q.mention_evidence.span.begin)
        Fail(what + ": the speaker is not named next to the quote");
      auto last = [](const std::string& n) {
        return n.substr(n.rfind(' ') + 1);
      };
      if (last(q.speaker) != last(q.mention))
        Fail(what + ": speaker \"" + q.speaker + "\" is not \"" + q.mention +
             "\"");
      bool marked = false;
      for (const char* m : {"\"", "\xE2\x80\x9C"})
        marked |= StartsWith(q.text, m);
      if (!marked) Fail(what + ": not in quote marks");
    }
    for (const NewDevelopment& d : page.whats_new) {
      const Article* a = lookup(d.article_id);
      if (!a || a->title != d.headline)
        Fail("what's new: \"" + d.headline + "\" is not a title");
    }
    for (size_t i = 0; i < page.sections.size(); ++i) {
      const Section& sec = page.sections[i];
      if (sec.sentences.empty())
        Fail("section " + std::to_string(i + 1) + " is empty");
      CheckLine(sec.heading, sec.heading_evidence, sec.heading_article_id,
                "section " + std::to_string(i + 1) + " heading");
      for (size_t j = 0; j < sec.sentences.size(); ++j) {
        const SummarySentence& ss = sec.sentences[j];
        std::string what = "section " + std::to_string(i + 1) + " sentence " +
                           std::to_string(j + 1);
        if (ss.cites.empty()) Fail(what + ": no citation");
        if (ss.cites.size() != ss.evidence.size())
          Fail(what + ": citations without evidence");
        for (size_t k = 0; k < ss.cites.size() && k < ss.evidence.size(); ++k) {
          CheckCite(ss.cites[k], ss.evidence[k].article_id, what);
          Matches(ss.evidence[k], ss.text, what);
        }
      }
    }
    for (const Source& s : page.sources) {
      std::string what = "source [" + std::to_string(s.n) + "] gist";
      if (s.gist.empty()) continue;
      if (s.gist_evidence.article_id != s.article_id)
        Fail(what + ": taken from another article");
      // A gist cut short ends in "…" that its source does not have; a
      // sentence may also end in "…" itself ("¡Digo yo, ¿no?!…").
      std::string g = s.gist;
      const Article* a = lookup(s.gist_evidence.article_id);
      bool whole = a && s.gist_evidence.span.end <= a->text.size() &&
                   CollapseWhitespace(a->text.substr(
                       s.gist_evidence.span.begin,
                       s.gist_evidence.span.size())) == CollapseWhitespace(g);
      if (!whole && EndsWith(g, "\xE2\x80\xA6")) g.resize(g.size() - 3);
      Matches(s.gist_evidence, g, what);
    }
    for (size_t i = 0; i < page.timeline.size(); ++i) {
      const TimelineEntry& e = page.timeline[i];
      std::string what =
          "timeline entry " + std::to_string(i + 1) + " (" + e.label + ")";
      CheckCite(e.cite, e.evidence.article_id, what);
      if (!Matches(e.evidence, e.text, what)) continue;
      if (!e.quote.empty()) {
        if (e.quote_evidence.article_id != e.evidence.article_id) {
          Fail(what + ": quote is not from the cited article");
        }
        Matches(e.quote_evidence, e.quote, what + " quote");
      }
      const Article* a = lookup(e.evidence.article_id);
      bool supported = false;
      for (const temporal::Timex& t : temporal::Tag(e.text, a->published)) {
        supported |= t.value == e.value && t.value_end == e.value_end;
      }
      if (!supported)
        Fail(what + ": the cited sentence does not state this date");
    }
  }
};

}  // namespace

std::vector<std::string> Verify(const StoryPage& page,
                                const ArticleLookup& lookup) {
  Checker c{page, lookup, {}, {}};
  c.Run();
  return c.problems;
}

}  // namespace storyline::compose
