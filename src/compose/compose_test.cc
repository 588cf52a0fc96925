#include "compose/compose.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "common/strings.h"
#include "compose/internal/analysis.h"
#include "ingest/ingest.h"

namespace storyline::compose {
namespace {

Article Make(const std::string& id, const std::string& outlet, int64_t t,
             const std::string& title, const std::string& body,
             ArticleKind kind = ArticleKind::kNews) {
  Article a = ingest::ArticleFromText(title, body);
  a.id = id;
  a.outlet = outlet;
  a.url = "https://" + id + ".example/a";
  a.published = t;
  a.language = "en";
  a.kind = kind;
  a.byline = "Ann Author";
  return a;
}

class ComposeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const int64_t t0 = 1764806400;  // 2025-12-04
    arts_ = {
        Make("a1", "Wire One", t0, "Port talks collapse as mediator leaves",
             "Talks to end the Valmera port strike collapsed on Tuesday after "
             "14 hours of "
             "negotiation.\nThe port authority raised its offer to 6 percent "
             "over two years.\n"
             "\u201cBoth sides have moved, but not far enough,\u201d mediator "
             "Ines Duarte said.\n"
             "The documents are in the official record of the talks, officials "
             "said."),
        Make("a2", "Daily Two", t0 + 3600, "Mediation fails in Valmera strike",
             "Mediator Ines Duarte ended the Valmera talks on Tuesday without "
             "an agreement, "
             "officials said.\nThe port authority raised its offer to 6 "
             "percent over two years.\n"
             "Fuel distributors began rationing diesel in the north of the "
             "country."),
        Make("a3", "Views Three", t0 + 7200,
             "Opinion: The port deserves better",
             "The government has let this strike drag on for far too long, and "
             "it shows.\n"
             "The port authority raised its offer to 6 percent over two years.",
             ArticleKind::kOpinion),
    };
    arts_[0].links.push_back(
        {"https://docs.gov.example/record.pdf", "official record"});
    arts_[1].links.push_back({"https://docs.gov.example/record.pdf", "record"});
    arts_[1].links.push_back({"https://a1.example/other", "news link"});
    for (const Article& a : arts_) by_id_[a.id] = &a;
  }
  StoryInput Input() {
    StoryInput in;
    in.story_id = "s1";
    for (const Article& a : arts_) in.articles.push_back({&a, "e1"});
    return in;
  }
  ArticleLookup Lookup() {
    return [this](const std::string& id) -> const Article* {
      auto it = by_id_.find(id);
      return it == by_id_.end() ? nullptr : it->second;
    };
  }
  std::vector<Article> arts_;
  std::map<std::string, const Article*> by_id_;
};

TEST_F(ComposeTest, EverySectionAndFaithful) {
  Result<StoryPage> p = Compose(Input(), Options{});
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_FALSE(p->headline.empty());
  EXPECT_NE(p->headline.find("Opinion"),
            0u);  // an opinion headline is not the story headline
  EXPECT_EQ(p->article_count, 3);
  ASSERT_FALSE(p->sections.empty());
  EXPECT_FALSE(p->sources.empty());
  EXPECT_FALSE(p->timeline.empty());
  EXPECT_EQ(p->substories.size(), 1u);
  EXPECT_EQ(p->related.size(), 3u);
  ASSERT_EQ(p->resources.size(),
            1u);  // the news link is not an external resource
  EXPECT_EQ(p->resources[0].count, 2);
  EXPECT_TRUE(Verify(*p, Lookup()).empty());
  // A sentence stated by all three articles cites all three.
  bool shared = false;
  for (const Section& s : p->sections)
    for (const SummarySentence& ss : s.sentences)
      if (ss.text.find("6 percent") != std::string::npos)
        shared = ss.cites.size() == 3;
  EXPECT_TRUE(shared);
  // The timeline resolves "on Tuesday" against Thursday 4 Dec 2025, and
  // carries a quotation with its speaker from the cited report of that day.
  EXPECT_EQ(p->timeline[0].value, "2025-12-02");
  EXPECT_NE(p->timeline[0].quote.find("Ines Duarte said"), std::string::npos)
      << p->timeline[0].quote;
  EXPECT_EQ(p->timeline[0].quote_evidence.article_id,
            p->timeline[0].evidence.article_id);
}

TEST_F(ComposeTest, VerifyCatchesTampering) {
  StoryPage p = Compose(Input(), Options{}).value();
  StoryPage bad = p;
  bad.sections[0].sentences[0].text += " And more.";
  EXPECT_FALSE(Verify(bad, Lookup()).empty());
  bad = p;
  bad.sections[0].sentences[0].cites[0] = 99;
  EXPECT_FALSE(Verify(bad, Lookup()).empty());
  bad = p;
  bad.timeline[0].value = "2025-12-03";
  EXPECT_FALSE(Verify(bad, Lookup()).empty());
  bad = p;
  bad.headline = "Invented headline";
  EXPECT_FALSE(Verify(bad, Lookup()).empty());
  bad = p;
  bad.sources[0].gist = "words nobody wrote";
  EXPECT_FALSE(Verify(bad, Lookup()).empty());
  bad = p;
  bad.sections[0].heading = "Talks succeed";  // not the start of a title
  EXPECT_FALSE(Verify(bad, Lookup()).empty());
}

// A gist that is a whole sentence ending in "…" is its source's own text,
// not a gist cut short: verify accepts it; a made-up ending still fails.
TEST_F(ComposeTest, GistEndingInAnEllipsisOfItsOwnVerifies) {
  arts_[0] =
      Make("a1", "Wire One", arts_[0].published, arts_[0].title,
           "Talks to end the Valmera port strike collapsed on Tuesday after 14 "
           "hours of negotiation, and nobody knows what comes next\u2026\nThe "
           "port authority raised its offer to 6 percent over two years.");
  StoryPage p = Compose(Input(), Options{}).value();
  const Source* s1 = nullptr;
  for (const Source& s : p.sources)
    if (s.article_id == arts_[0].id) s1 = &s;
  ASSERT_NE(s1, nullptr);
  ASSERT_TRUE(EndsWith(s1->gist, "next\u2026")) << s1->gist;
  EXPECT_TRUE(Verify(p, Lookup()).empty());
  StoryPage bad = p;
  for (Source& s : bad.sources)
    if (s.article_id == arts_[0].id) s.gist = "it comes to nothing\u2026";
  EXPECT_FALSE(Verify(bad, Lookup()).empty());
}

TEST_F(ComposeTest, WhatsNewListsEventsNotOnThePreviousVersion) {
  StoryInput in = Input();
  EXPECT_TRUE(
      Compose(in, Options{}).value().whats_new.empty());  // first version
  in.previous_events = {"an-older-event"};
  StoryPage p = Compose(in, Options{}).value();
  ASSERT_EQ(p.whats_new.size(), 1u);
  EXPECT_EQ(p.whats_new[0].event_id, "e1");
  EXPECT_TRUE(Verify(p, Lookup()).empty());
  p.whats_new[0].headline = "Something that never happened";
  EXPECT_FALSE(Verify(p, Lookup()).empty());
  in.previous_events = {"e1"};
  EXPECT_TRUE(Compose(in, Options{}).value().whats_new.empty());
}

TEST_F(ComposeTest, KeyNamesMergeVariantsAndVerify) {
  StoryPage p = Compose(Input(), Options{}).value();
  // "Ines Duarte" (two articles) absorbs "Duarte"; the title is not part of it.
  bool found = false;
  for (const KeyName& k : p.names) {
    EXPECT_NE(k.name.rfind("Mediator", 0), 0u) << k.name;
    if (k.name == "Ines Duarte") {
      found = k.articles == 2;
      EXPECT_EQ(k.kind, "person");  // "Mediator Ines Duarte", "… Duarte said"
    }
    if (k.name == "Valmera") {
      EXPECT_NE(k.kind, "person");
    }
  }
  EXPECT_TRUE(found);
  EXPECT_TRUE(Verify(p, Lookup()).empty());
  p.names[0].name = "Invented Name";
  EXPECT_FALSE(Verify(p, Lookup()).empty());
}

TEST_F(ComposeTest, OpinionIsAttributed) {
  StoryInput in;
  in.story_id = "s2";
  in.articles.push_back({&arts_[2], "e9"});
  StoryPage p = Compose(in, Options{}).value();
  ASSERT_FALSE(p.sections.empty());
  for (const SummarySentence& s : p.sections[0].sentences) {
    EXPECT_EQ(s.attribution, "In Views Three, Ann Author argues:");
  }
  EXPECT_EQ(p.sources[0].kind, "opinion");
}

// HTML escaping of the same page: server/site_test.cc.
TEST_F(ComposeTest, JsonRoundTripOfHostileText) {
  arts_[1].title = "<script>alert(1)</script> \"quoted\" & <img onerror=x>";
  arts_[1].url = "javascript:alert(1)";
  StoryPage p = Compose(Input(), Options{}).value();
  Result<StoryPage> back = FromJson(ToJson(p));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(ToJson(*back), ToJson(p));
  EXPECT_NE(ToJson(p).find("<script>alert(1)</script>"), std::string::npos);
  EXPECT_FALSE(FromJson("{not json").ok());
  EXPECT_FALSE(FromJson("{\"sections\": 3}").ok());
}

TEST(DatelineTest, DatelinesAreCutFromSentences) {
  struct Case {
    std::string in, out;
  };
  const std::vector<Case> cases = {
      {"KYIV (AP) \xE2\x80\x94 Talks resumed.", "Talks resumed."},
      {"LONDON \xE2\x80\x94 Talks resumed.", "Talks resumed."},
      {"WASHINGTON, DC, United States (AFP) \xE2\x80\x94 Talks resumed.",
       "Talks resumed."},
      {"WASHINGTON (Nov 15): Talks resumed.", "Talks resumed."},
      {"Talks resumed - slowly.", "Talks resumed - slowly."},
      {"The U.S. said: no.", "The U.S. said: no."},
  };
  for (const Case& c : cases) {
    Span s =
        internal::TrimDateline(c.in, {0, static_cast<uint32_t>(c.in.size())});
    EXPECT_EQ(c.in.substr(s.begin, s.size()), c.out) << c.in;
  }
}

TEST_F(ComposeTest, DegenerateStories) {
  StoryInput empty;
  EXPECT_FALSE(Compose(empty, Options{}).ok());
  Article blank = Make("z", "Nowhere", 1764806400, "Just a title", "");
  StoryInput one;
  one.story_id = "s3";
  one.articles.push_back({&blank, "e"});
  Result<StoryPage> p = Compose(one, Options{});
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->sections.empty());  // nothing to say: no invented content
  EXPECT_EQ(p->headline, "Just a title");
}

// The date later reports still refer back to outranks a date mentioned
// by more reports on the day; several sentences per date are distinct.
TEST(TimelineTest, LaterReportsChooseTheDatesAndSentencesDoNotRepeat) {
  const int64_t day = 86400, t0 = 1764806400;  // Thu 2025-12-04
  std::vector<Article> arts;
  for (int i = 0; i < 3; ++i)  // mentions of Dec 4 on the day only
    arts.push_back(Make("d" + std::to_string(i), "Same Day", t0,
                        "Council meets",
                        "The harbour council met on Thursday "
                        "to discuss the budget of the year number " +
                            std::to_string(i) + "."));
  // Two later reports (Dec 6 and Dec 8) go back to Tuesday, Dec 2.
  arts.push_back(Make("l1", "Later One", t0 + 2 * day, "Blast inquiry",
                      "The blast at the grain silo on Dec. 2 killed four "
                      "workers, the inquiry heard.\nInvestigators said the "
                      "silo on Dec. 2 had no working dust filters at all."));
  arts.push_back(Make("l2", "Later Two", t0 + 4 * day, "Silo owners charged",
                      "Prosecutors charged the owners over the Dec. 2 "
                      "explosion at the grain silo in the port."));
  StoryInput in;
  in.story_id = "tl";
  for (const Article& a : arts) in.articles.push_back({&a, a.id});
  Options o;
  o.max_sections = 0;
  o.max_timeline_entries = 1;
  o.timeline_sentences_per_date = 2;
  Result<StoryPage> p = Compose(in, o);
  ASSERT_TRUE(p.ok());
  ASSERT_EQ(p->timeline.size(), 2u);
  EXPECT_EQ(p->timeline[0].value, "2025-12-02");
  EXPECT_EQ(p->timeline[1].value, "2025-12-02");
  EXPECT_NE(p->timeline[0].text, p->timeline[1].text);
  std::map<std::string, const Article*> by_id;
  for (const Article& a : arts) by_id[a.id] = &a;
  EXPECT_TRUE(Verify(*p, [&](const std::string& id) -> const Article* {
                return by_id.count(id) ? by_id[id] : nullptr;
              }).empty());
  o.timeline_sentences_per_date = 1;
  p = Compose(in, o);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->timeline.size(), 1u);
}

TEST_F(ComposeTest, QuotesCarryTheirSpeakerVerbatim) {
  Result<StoryPage> p = Compose(Input(), Options{});
  ASSERT_TRUE(p.ok());
  ASSERT_EQ(p->quotes.size(), 1u);
  const Quote& q = p->quotes[0];
  EXPECT_EQ(q.text,
            "\xE2\x80\x9C"
            "Both sides have moved, but not far "
            "enough,\xE2\x80\x9D");
  EXPECT_EQ(q.speaker, "Ines Duarte");
  EXPECT_EQ(p->sources[static_cast<size_t>(q.cite - 1)].article_id, "a1");
  EXPECT_TRUE(Verify(*p, Lookup()).empty());
  EXPECT_NE(RenderMarkdown(*p).find("## Quotes"), std::string::npos);
  StoryPage bad = *p;
  bad.quotes[0].speaker = "Paul Anker";  // words put in another mouth
  EXPECT_FALSE(Verify(bad, Lookup()).empty());
  bad = *p;
  bad.quotes[0].text = "\"Both sides have moved far enough,\"";
  EXPECT_FALSE(Verify(bad, Lookup()).empty());
  Result<StoryPage> back = FromJson(ToJson(*p));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(ToJson(*back), ToJson(*p));
}

// Stories at the edges: a sensible page or a clear status, never a crash,
// never an empty section shown as content.
TEST_F(ComposeTest, LargeForeignAndDuplicateOnlyStories) {
  const int64_t t0 = 1764806400;
  // 5,000 articles (budget: the newest max_articles are read).
  std::vector<Article> many;
  many.reserve(5000);
  for (int i = 0; i < 5000; ++i) {
    many.push_back(
        Make("m" + std::to_string(i), "Outlet " + std::to_string(i % 40),
             t0 + i * 60,
             "Valmera port strike enters day " + std::to_string(i % 30 + 1),
             "Dock workers in Valmera stayed off the job on day " +
                 std::to_string(i % 30 + 1) +
                 " of the strike over pay.\nThe port authority "
                 "said talks would resume with mediator Ines "
                 "Duarte on Monday."));
  }
  StoryInput big;
  big.story_id = "big";
  for (const Article& a : many)
    big.articles.push_back({&a, "e" + std::to_string(a.published % 7)});
  Result<StoryPage> p = Compose(big, Options{});
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->article_count, 2000);  // Options::max_articles
  EXPECT_FALSE(p->sections.empty());
  for (const Section& s : p->sections) EXPECT_FALSE(s.sentences.empty());
  std::map<std::string, const Article*> ids;
  for (const Article& a : many) ids[a.id] = &a;
  EXPECT_TRUE(Verify(*p, [&](const std::string& id) -> const Article* {
                auto it = ids.find(id);
                return it == ids.end() ? nullptr : it->second;
              }).empty());
  // Every article in another language: a page in that language.
  Article de = Make("d1", "Zeitung", t0, "Hafenstreik in Valmera",
                    "Die Hafenarbeiter in Valmera streiken seit zwei Wochen "
                    "für mehr Lohn.\nDie Gespräche mit der Vermittlerin "
                    "sollen am Montag fortgesetzt werden.");
  de.language = "de";
  Article de2 = de;
  de2.id = "d2";
  de2.outlet = "Blatt";
  StoryInput foreign;
  foreign.articles = {{&de, "e"}, {&de2, "e"}};
  Result<StoryPage> f = Compose(foreign, Options{});
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->headline, "Hafenstreik in Valmera");
  // Only copies of an article that is not in the story: no originals.
  Article copy = arts_[0];
  copy.id = "c1";
  copy.duplicate_of = "a1";
  Article copy2 = copy;
  copy2.id = "c2";
  StoryInput dups;
  dups.articles = {{&copy, "e"}, {&copy2, "e"}};
  dups.articles[1].article = &copy2;
  copy2.duplicate_of = "c1";  // a copy of a copy in the story
  Result<StoryPage> d = Compose(dups, Options{});
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->related.size(), 1u);
  EXPECT_EQ(d->related[0].copies.size(), 1u);
  // Articles with no sentence at all: no sections rather than empty ones.
  Article bare = Make("b1", "Nowhere", t0, "Breaking: port closed", "");
  Article bare2 = Make("b2", "Elsewhere", t0, "Port closed", "...");
  StoryInput nothing;
  nothing.articles = {{&bare, "e"}, {&bare2, "e"}};
  Result<StoryPage> n = Compose(nothing, Options{});
  ASSERT_TRUE(n.ok());
  EXPECT_TRUE(n->sections.empty());
  EXPECT_TRUE(n->quotes.empty());
  EXPECT_EQ(RenderMarkdown(*n).find("## Quotes"), std::string::npos);
}

// Stem ids are given by an AnalysisCache in the order it meets stems, so
// one story composed with two caches sees its stems under other ids, in
// another order. Centrality (which ranks sentences and headlines) must not
// change with that, to the last bit: two worker threads with a cache each
// must compose the same page as one.
TEST(CentralityTest, TheSameWhateverTheStemIds) {
  for (int n : {3, 7, 10, 13}) {
    internal::StemSet stems, renamed;
    std::unordered_map<uint32_t, int> df, renamed_df;
    for (uint32_t x = 0; x < 12; ++x) {
      stems.push_back(x);
      df[x] = 1 + static_cast<int>((x * 5) % static_cast<uint32_t>(n));
      // The same stems under ids in the reverse order.
      renamed.push_back(100 - x);
      renamed_df[100 - x] = df[x];
    }
    std::sort(renamed.begin(), renamed.end());
    double a = internal::Centrality(stems, df, n);
    double b = internal::Centrality(renamed, renamed_df, n);
    EXPECT_GT(a, 0);
    EXPECT_EQ(a, b) << "n=" << n;  // exactly, not nearly
  }
  EXPECT_EQ(internal::Centrality({}, {}, 3), 0);
}

TEST_F(ComposeTest, AnalysisCacheGivesTheSamePageAndRereadsOnlyChanges) {
  Result<StoryPage> plain = Compose(Input(), Options{});
  ASSERT_TRUE(plain.ok());
  AnalysisCache cache;
  StoryInput in = Input();
  in.cache = &cache;
  in.articles.pop_back();
  ASSERT_TRUE(Compose(in, Options{}).ok());
  EXPECT_EQ(cache.size(), 2u);
  in = Input();
  in.cache = &cache;
  Result<StoryPage> warm = Compose(in, Options{});
  ASSERT_TRUE(warm.ok());
  EXPECT_EQ(cache.size(), 3u);
  EXPECT_EQ(ToJson(*warm), ToJson(*plain));
  // An article whose text changed is read again, not served stale.
  std::string body = arts_[1].text +
                     "\nDock workers returned to the Valmera port on Friday "
                     "morning.";
  arts_[1] = Make("a2", "Daily Two", arts_[1].published, arts_[1].title, body);
  arts_[1].content_hash = "changed";
  Result<StoryPage> changed = Compose(in, Options{});
  ASSERT_TRUE(changed.ok());
  std::string all = RenderText(*changed);
  EXPECT_NE(all.find("Dock workers returned"), std::string::npos) << all;
  EXPECT_TRUE(Verify(*changed, Lookup()).empty());
  // Bounded: the least recently used entry goes.
  AnalysisCache small(2);
  in.cache = &small;
  ASSERT_TRUE(Compose(in, Options{}).ok());
  EXPECT_EQ(small.size(), 2u);
}

// Texts with no title, no outlet and no date (a folder of .txt notes, the
// four seed articles as JSONL): the page still has a headline and headings
// taken verbatim from the texts, says it has no dates rather than showing
// the day it was read, resolves no relative date against that day, and
// verifies. Fiction.
TEST(ComposeUntitledTest, HeadlineHeadingsAndDatesWithoutMetadata) {
  const int64_t read_at = 1796515200;  // when the files were read
  std::vector<Article> arts;
  for (const char* body :
       {"Talks to end the Valmera dock strike have collapsed, with the union "
        "walking out of the mediator's office after nine hours. The port "
        "authority had raised its offer to 6 percent over two years on "
        "Tuesday. Container ships are queuing outside the harbour.",
        "The Valmera dock strike entered its third week as talks collapsed "
        "in the mediator's office. Union leader Jonas Pell said on 3 March "
        "2026 that the offer was an insult to the workers. The port authority "
        "had raised its offer to 6 percent over two years."}) {
    Article a = ingest::ArticleFromText("", body);
    a.id = "u" + std::to_string(arts.size());
    a.published = read_at;
    a.published_guessed = true;
    a.language = "en";
    arts.push_back(a);
  }
  StoryInput in;
  in.story_id = "u0";
  for (const Article& a : arts) in.articles.push_back({&a, "u0"});
  Result<StoryPage> page = Compose(in, Options{});
  ASSERT_TRUE(page.ok());
  EXPECT_FALSE(page->headline.empty());
  EXPECT_FALSE(page->headline_evidence.in_title);
  for (const Section& s : page->sections) EXPECT_FALSE(s.heading.empty());
  EXPECT_EQ(page->updated, 0);
  for (const TimelineEntry& e : page->timeline)
    EXPECT_EQ(e.value.substr(0, 4), "2026") << e.text;  // the year written
  for (const Source& s : page->sources) EXPECT_FALSE(s.title.empty());
  ArticleLookup lookup = [&](const std::string& id) -> const Article* {
    for (const Article& a : arts)
      if (a.id == id) return &a;
    return nullptr;
  };
  EXPECT_TRUE(Verify(*page, lookup).empty());
  std::string md = RenderMarkdown(*page);
  EXPECT_NE(md.find("no publication dates"), std::string::npos);
  EXPECT_EQ(md.find("****"), std::string::npos);
  EXPECT_EQ(md.find("\n## \n"), std::string::npos);
}

// One story of `arts` (all in one event), composed with the defaults.
Result<StoryPage> ComposeOne(const std::vector<Article>& arts) {
  StoryInput in;
  in.story_id = arts.front().id;
  for (const Article& a : arts) in.articles.push_back({&a, in.story_id});
  return Compose(in, Options{});
}

// The lead both articles of the gist and quote tests share.
const std::string kRejected =
    "Dockworkers at the Port of Valmera rejected a 6 percent pay offer on "
    "Monday.\n";

// A gist says something about its article: not the no-comment line, not a
// bare quotation whose speaker comes later. Fiction.
TEST(ComposeGistTest, GistsSaySomething) {
  const int64_t t0 = 1764806400;
  std::vector<Article> arts = {
      Make("g1", "Wire One", t0, "Valmera dockworkers reject pay offer",
           kRejected + "The union said the strike would continue into a "
                       "second week."),
      Make("g2", "Daily Two", t0 + 3600, "Valmera strike goes on",
           kRejected +
               "\u201cWe are not going back for crumbs, not this "
               "time,\u201d said one crane driver outside the gate.\nMessages "
               "seeking comment from the port authority were not immediately "
               "returned.\nShipping agent Marta Kolar said 14 container ships "
               "were waiting at anchor off the harbour."),
  };
  Result<StoryPage> page = ComposeOne(arts);
  ASSERT_TRUE(page.ok());
  bool found = false;
  for (const Source& s : page->sources) {
    if (s.article_id != "g2") continue;
    found = true;
    EXPECT_NE(s.gist.find("Marta Kolar"), std::string::npos) << s.gist;
  }
  EXPECT_TRUE(found);
}

// Quotes quote the story: at most two from one article, and never a
// fragment of someone's sentence that opens in lower case. Fiction.
TEST(ComposeQuoteTest, TwoPerArticleAndNoFragments) {
  const int64_t t0 = 1764806400;
  std::vector<Article> arts = {
      Make("q1", "Wire One", t0, "Valmera dockworkers reject pay offer",
           kRejected +
               "\u201cWe will stay out until the offer is fair to "
               "every worker,\u201d union leader Jonas Pell said.\n\u201cThe "
               "port "
               "cannot afford a second week of this strike,\u201d harbour "
               "master "
               "Ines Duarte said.\n\u201cOur members voted by a very large "
               "margin "
               "to reject it,\u201d union secretary Mara Veld said.\nThe board "
               "wants the crews back \u201cso that the ships can sail before "
               "the "
               "storm arrives,\u201d spokesman Aldo Brin said."),
      Make("q2", "Daily Two", t0 + 3600, "Valmera strike goes on",
           kRejected + "Shipping agent Marta Kolar said 14 container ships "
                       "were waiting at anchor off the harbour."),
  };
  Result<StoryPage> page = ComposeOne(arts);
  ASSERT_TRUE(page.ok());
  std::map<std::string, int> per_article;
  for (const Quote& q : page->quotes) {
    ++per_article[q.evidence.article_id];
    EXPECT_EQ(q.text.find("so that"), std::string::npos) << q.text;
  }
  EXPECT_EQ(per_article["q1"], 2);
}

}  // namespace
}  // namespace storyline::compose

namespace storyline::compose {
namespace {

// A story told mostly in English with a larger development told only in
// Russian (our own text): the English page leads with English sections,
// summarises the Russian development only while English tells fewer than
// two, and names only what its English articles name.
TEST(ComposeLanguageTest, APageSummarisesInItsOwnLanguage) {
  const int64_t t0 = 1764806400;
  std::vector<Article> arts;
  auto add = [&](const std::string& id, const std::string& lang,
                 const std::string& title, const std::string& body, int h) {
    Article a = Make(id, "Outlet " + id, t0 + h * 3600, title, body);
    a.language = lang;
    arts.push_back(a);
  };
  for (int i = 0; i < 3; ++i)
    add("e" + std::to_string(i), "en", "Valmera dockers reject pay offer",
        "Dockers at the Port of Valmera rejected the latest pay offer from "
        "Harbour Chief Nina Sorel on Monday.\nThe Harbour Workers Union said "
        "the strike would go on for a third week.\n\u201cWe will stay out "
        "until the night shifts change,\u201d union leader Marta Keller "
        "said.",
        i);
  for (int i = 0; i < 2; ++i)
    add("f" + std::to_string(i), "en", "Valmera ferries cancelled by strike",
        "Ferries from the Port of Valmera to the islands were cancelled on "
        "Tuesday as the strike spread to the ferry crews.\nPort officials "
        "said 40 sailings were called off.",
        4 + i);
  add("u0", "uk", "Страйк у Валмері: порт закрито",
      "Порт Валмери закрито через страйк докерів, повідомив Ігор "
      "Веденєєв.\nЗа словами Ігоря Веденєєва, судна стоять на рейді.",
      5);
  for (int i = 0; i < 4; ++i)
    add("r" + std::to_string(i), "ru", "Забастовка в Валмере: порт закрыт",
        "Порт Валмеры закрыт из-за забастовки докеров, сообщил Игорь "
        "Веденеев.\nПо словам Игоря Веденеева, суда стоят на рейде.\n"
        "\u201cThe harbour will stay closed for a week at least,\u201d "
        "Igor Vedeneev said.",
        6 + i);
  // (The Ukrainian report belongs to the Russian-told development.)
  auto event_of = [](const Article& a) {
    return a.id[0] == 'u' ? std::string("r") : a.id.substr(0, 1);
  };
  StoryInput in;
  for (const Article& a : arts) in.articles.push_back({&a, event_of(a)});
  Result<StoryPage> p = Compose(in, Options{});
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->headline.find("Забастовка"), std::string::npos);
  ASSERT_EQ(p->sections.size(), 2u);
  for (const Section& s : p->sections) EXPECT_NE(s.event_id, "r");
  for (const KeyName& k : p->names)
    EXPECT_EQ(k.name.find("Веденеев"), std::string::npos) << k.name;
  // Quotes too come from the page's language (the Russian reports quote
  // an English line; their language, not the quote's, decides).
  ASSERT_FALSE(p->quotes.empty());
  for (const Quote& qt : p->quotes)
    EXPECT_EQ(qt.evidence.article_id[0], 'e') << qt.text;
  // With one English development only (the ferry reports filed under the
  // dockers' event), the Russian one is summarised too.
  StoryInput few;
  for (const Article& a : arts)
    few.articles.push_back({&a, a.id[0] == 'f' ? "e" : event_of(a)});
  Result<StoryPage> q = Compose(few, Options{});
  ASSERT_TRUE(q.ok());
  ASSERT_EQ(q->sections.size(), 2u);
  EXPECT_EQ(q->sections[0].event_id, "e");
  EXPECT_EQ(q->sections[1].event_id, "r");
  // ...in one language: its articles' most common (Russian), heading too.
  EXPECT_EQ(q->sections[1].heading_article_id[0], 'r');
  for (const SummarySentence& s : q->sections[1].sentences)
    EXPECT_EQ(s.text.find("Ігор"), std::string::npos) << s.text;
}

}  // namespace
}  // namespace storyline::compose

namespace storyline::compose {
namespace {

TEST(SentenceNamesTest, DaysAndMonthsAreNotNamesEvenWithAPossessive) {
  const std::string s =
      "Voters in Valmera head to the polls ahead of Saturday's election, "
      "and September’s count in Kessby is still disputed.";
  text::Tokenizer tok("en");
  std::vector<internal::NameOcc> names;
  internal::SentenceNames(s, tok.Tokenize(s), 0, &names);
  std::vector<std::string> found;
  for (const internal::NameOcc& n : names) found.push_back(n.name);
  EXPECT_NE(std::find(found.begin(), found.end(), "Valmera"), found.end());
  EXPECT_NE(std::find(found.begin(), found.end(), "Kessby"), found.end());
  for (const std::string& n : found) {
    EXPECT_EQ(n.find("Saturday"), std::string::npos) << n;
    EXPECT_EQ(n.find("September"), std::string::npos) << n;
  }
}

}  // namespace
}  // namespace storyline::compose
