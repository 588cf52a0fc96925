#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "cluster/cluster.h"
#include "common/strings.h"

namespace storyline::cluster {
namespace {

Article Make(const std::string& id, int64_t day, const std::string& title,
             const std::string& text, const std::string& lang = "en") {
  Article a;
  a.id = id;
  a.published = 1760000000 + day * 86400;
  a.title = title;
  a.text = text;
  a.language = lang;
  return a;
}

// Other news first (a day before), so the names a test is about are rare
// in the stream: twelve orchard fairs in `town`.
void AddOtherNews(Clusterer* c, const std::string& town) {
  for (int i = 0; i < 12; ++i)
    c->Add(Make(
        "f" + std::to_string(i), -1, "Orchard fair number " + std::to_string(i),
        "Growers sold apples and cider at fair " + std::to_string(i) + " in " +
            town + " while bands played and children rode ponies."));
}

// Every report its own event and no story merges: only the story link of a
// new event decides what shares a story.
Options OnlyTheStoryLink() {
  Options o;
  o.learned_events = false;  // the cosine rule, at a threshold no pair meets
  o.event_threshold = 2;
  o.cross_language_threshold = 2;
  o.story_merge_threshold = 2;
  return o;
}

std::vector<Article> Stream() {
  return {
      Make("a1", 0, "Dockworkers strike at Port of Valmera",
           "Dockworkers at the Port of Valmera walked out over pay. The "
           "Harbour Workers' Union "
           "demands a 9 percent rise. Container traffic stopped."),
      Make("b1", 0, "Aurelia probe launches toward Enceladus",
           "The Boreal Space Agency launched the Aurelia probe from Skarholm. "
           "The Ardent-5 rocket "
           "lifted off on time. The probe heads for Saturn's moon Enceladus."),
      Make("a2", 0, "Valmera port shut by dock strike",
           "A strike by the Harbour Workers' Union shut the Port of Valmera. "
           "Dockworkers want a 9 "
           "percent pay rise; container ships wait at anchor."),
      Make("b2", 1, "Boreal Space Agency launches Aurelia",
           "An Ardent-5 rocket carrying the Aurelia probe lifted off from "
           "Skarholm. The Boreal "
           "Space Agency said the probe is healthy and bound for Enceladus."),
      Make("a3", 1, "Valmera strike enters second day",
           "The Port of Valmera strike continued as the Harbour Workers' Union "
           "rejected the port "
           "authority's offer. Dockworkers kept container traffic halted."),
  };
}

TEST(ClustererTest, SeparatesEventsAndGroupsReports) {
  Clusterer c{Options{}};
  std::map<std::string, Assignment> as;
  for (const Article& a : Stream()) as[a.id] = c.Add(a);
  EXPECT_EQ(as["a1"].event_id, "a1");
  EXPECT_TRUE(as["a1"].new_event);
  EXPECT_EQ(as["a2"].event_id, "a1");
  EXPECT_EQ(as["a3"].event_id, "a1");
  EXPECT_EQ(as["b2"].event_id, "b1");
  EXPECT_NE(as["a1"].story_id, as["b1"].story_id);
  EXPECT_EQ(c.event_count(), 2u);
}

TEST(ClustererTest, DeterministicAndRestorable) {
  // The same stream gives the same ids, and replaying the first half with
  // Restore() then adding the rest gives what one continuous run gives.
  std::vector<Article> s = Stream();
  Clusterer whole{Options{}};
  std::vector<Assignment> ref;
  for (const Article& a : s) ref.push_back(whole.Add(a));
  Clusterer resumed{Options{}};
  for (size_t i = 0; i < s.size(); ++i) {
    if (i < 3) {
      resumed.Restore(s[i], ref[i].event_id, ref[i].story_id);
    } else {
      Assignment x = resumed.Add(s[i]);
      EXPECT_EQ(x.event_id, ref[i].event_id) << s[i].id;
      EXPECT_EQ(x.story_id, ref[i].story_id) << s[i].id;
    }
  }
}

TEST(ClustererTest, EventWindowClosesOldEvents) {
  Options o;
  o.event_window = 2 * 86400;
  Clusterer c(o);
  std::vector<Article> s = Stream();
  c.Add(s[0]);
  Article late = s[2];
  late.id = "late";
  late.published += 30 * 86400;
  Assignment x = c.Add(late);
  EXPECT_TRUE(x.new_event);
  EXPECT_EQ(x.story_id, "a1");  // but the story continues
}

// Regression: an unrelated article in another language than an event must
// not join it just because the languages differ (a Portuguese Trump story
// once collected vaping and Kanye West reports).
TEST(ClustererTest, OtherLanguageAloneIsNoReasonToJoin) {
  Clusterer c{Options{}};
  c.Add(Make("pt1", 0, "Trump diz que ex-prefeito de Nova Iorque perderá",
             "O presidente Donald Trump disse que Michael Bloomberg perderá se "
             "entrar na corrida "
             "presidencial.",
             "pt"));
  Assignment x = c.Add(
      Make("en1", 0, "Officials identify culprit in vaping illnesses",
           "Health officials said vitamin E acetate was found in lung fluid "
           "samples from patients with vaping illnesses.",
           "en"));
  EXPECT_TRUE(x.new_event);
}

TEST(ClustererTest, ForeignReportJoinsOnNamesAndNumbers) {
  Clusterer c{Options{}};
  c.Add(Make("en1", 0, "Kessler Bridge collapses in Dornholt, killing six",
             "The Kessler Bridge in Dornholt collapsed into the River Alde, "
             "killing six people and "
             "injuring 14. Mayor Lidia Warnke declared mourning. The bridge, "
             "opened in 1968, "
             "carried 40,000 vehicles a day."));
  c.Add(Make("en2", 0, "Six dead as Dornholt's Kessler Bridge falls",
             "Six people died when Dornholt's Kessler Bridge fell into the "
             "River Alde. Lidia "
             "Warnke spoke at the scene. It carried 40,000 vehicles a day "
             "since 1968."));
  Assignment de = c.Add(
      Make("de1", 0, "Einsturz der Kessler-Brücke in Dornholt",
           "Beim Einsturz der Kessler-Brücke in Dornholt sind sechs Menschen "
           "gestorben, 14 wurden verletzt. Die 1968 eröffnete Brücke wurde von "
           "40.000 Fahrzeugen genutzt. Bürgermeisterin Lidia Warnke sprach.",
           "de"));
  EXPECT_EQ(de.event_id, "en1");
}

TEST(ClustererTest, EmptyAndOddArticlesDoNotCrash) {
  Clusterer c{Options{}};
  Assignment a = c.Add(Make("e", 0, "", ""));
  EXPECT_TRUE(a.new_event);
  Assignment b = c.Add(Make("f", 0, "", "", "zz"));
  EXPECT_TRUE(b.new_event);  // nothing in common with an empty article
}

TEST(ClustererTest, BoundedWorkUnderAFloodOfOneOutlet) {
  Options o;
  o.max_event_articles = 50;
  Clusterer c(o);
  std::set<std::string> events;
  for (int i = 0; i < 400; ++i) {
    Article a =
        Make("x" + std::to_string(i), 0, "Live updates: Valmera port strike",
             "Dockworkers at the Port of Valmera remain on strike, update " +
                 std::to_string(i) + ".");
    events.insert(c.Add(a).event_id);
  }
  EXPECT_GE(events.size(), 8u);  // the cap splits the junk cluster
}

TEST(ClustererTest, StoriesThatTurnOutToBeOneAreMergedIntoTheOlder) {
  // Thresholds that make every article its own event and story, so the
  // two reports of one happening start apart; the merge check joins them.
  Options o;
  o.learned_events = false;  // the cosine rule, so thresholds force splits
  o.event_threshold = 2;
  o.story_threshold = 2;
  o.cross_language_threshold = 2;
  const Article a1 = Stream()[0], a2 = Stream()[2], b1 = Stream()[1];
  {
    o.story_merge_threshold = 2;  // merging off: three stories
    Clusterer c(o);
    c.Add(a1);
    c.Add(b1);
    Assignment x = c.Add(a2);
    EXPECT_TRUE(x.merged.empty());
    EXPECT_EQ(x.story_id, "a2");
  }
  o.story_merge_threshold = 0.30;
  Clusterer c(o);
  EXPECT_EQ(c.Add(a1).story_id, "a1");
  EXPECT_EQ(c.Add(b1).story_id, "b1");
  Assignment x = c.Add(a2);
  ASSERT_EQ(x.merged.size(), 1u);
  EXPECT_EQ(x.merged[0], (std::pair<std::string, std::string>{"a2", "a1"}));
  EXPECT_EQ(x.story_id, "a1");  // the older story survives
  EXPECT_FALSE(x.new_story);
  EXPECT_EQ(c.CurrentStory("a2"), "a1");
  EXPECT_EQ(c.CurrentStory("b1"), "b1");  // another topic stays apart
  EXPECT_EQ(c.CurrentStory("unknown"), "unknown");
  // A copy restored under the absorbed id lands in the survivor.
  Article copy = a2;
  copy.id = "a2-copy";
  c.Restore(copy, "a2", "a2");
  Assignment next = c.Add(Make("a4", 2, "Valmera dock strike: talks resume",
                               "Talks resumed at the Port of Valmera as the "
                               "Harbour Workers' Union strike went on."));
  EXPECT_NE(next.story_id, "a2");
}

TEST(ClustererTest, MemoryFollowsActiveEventsNotTheStream) {
  // 300 days, one distinct happening a day, three reports each: every event
  // is created, but only those of the last two event windows keep their
  // centroids.
  static const char* const kWords[] = {"harbor",  "orchard", "glacier",
                                       "furnace", "lantern", "quarry"};
  Clusterer c{Options{}};
  for (int d = 0; d < 300; ++d) {
    std::string place = "Place" + std::to_string(d * 7919 % 100003);
    std::string w = kWords[d % 6];
    for (int k = 0; k < 3; ++k)
      c.Add(Make(std::to_string(d) + "-" + std::to_string(k), d,
                 place + " " + w + " report " + std::to_string(k),
                 "In " + place + " the " + w + " closed after a " + w +
                     " failure; officials in " + place + " said the " + w +
                     " reopens soon."));
  }
  EXPECT_EQ(c.event_count(), 300u);
  EXPECT_LE(c.active_event_count(), 12u);  // 2 × 5-day window + 1 day
  EXPECT_GE(c.active_event_count(), 10u);
  EXPECT_EQ(c.CurrentEvent("0-0"), "0-0");  // old ids still resolve
  Options never;
  never.sweep_interval = 0;
  Clusterer keep_all{never};
  for (int d = 0; d < 30; ++d)
    keep_all.Add(Make("k" + std::to_string(d), d, "Place" + std::to_string(d),
                      "Officials in Place" + std::to_string(d) + " spoke."));
  EXPECT_EQ(keep_all.active_event_count(), 30u);
}

// A stream where decisions are not trivial: 60 happenings over 40 days, each
// reported 2–8 times with words drawn from its own names and details and
// from a shared pool of topic words (so events of one topic look alike),
// interleaved.
std::vector<Article> LookAlikeStream() {
  static const char* const kShared[] = {
      "police",  "court", "minister", "strike", "storm",   "election",
      "protest", "talks", "budget",   "fire",   "flood",   "trial",
      "vote",    "union", "port",     "bridge", "council", "market"};
  std::vector<Article> out;
  uint64_t x = 88172645463325252ull;  // xorshift: reproducible
  auto rnd = [&](uint64_t n) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x % n;
  };
  for (int e = 0; e < 60; ++e) {
    int day = e * 40 / 60;
    std::string a = "Name" + std::to_string(e * 37 % 101),
                b = "Town" + std::to_string(e * 53 % 103),
                c = "Group" + std::to_string(e % 7);  // shared by 1 in 7
    int reports = 2 + static_cast<int>(rnd(7));
    for (int r = 0; r < reports; ++r) {
      std::string text;
      for (int w = 0; w < 40; ++w) {
        uint64_t pick = rnd(10);
        text += pick < 2   ? a
                : pick < 4 ? b
                : pick < 5 ? c
                : pick < 7 ? "detail" + std::to_string(e * 5 + rnd(5))
                           : kShared[(e % 6) * 3 + rnd(3)];
        text += (w % 9 == 8) ? ". " : " ";
      }
      out.push_back(Make("e" + std::to_string(e) + "r" + std::to_string(r),
                         day + static_cast<int>(rnd(3)),
                         a + " " + kShared[(e % 6) * 3] + " in " + b, text));
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Article& p, const Article& q) {
                     return p.published < q.published;
                   });
  return out;
}

TEST(ClustererTest, OnlineIndexAgreesWithExactSearch) {
  // Differential: the inverted index, the partial-cosine shortlist and the
  // eviction sweeps must not change a decision the exact search makes.
  Options exact;
  exact.exact_search = true;
  Clusterer online{Options{}}, reference{exact};
  int same_event = 0, same_story = 0, n = 0;
  std::set<std::string> events;
  for (const Article& a : LookAlikeStream()) {
    Assignment x = online.Add(a), y = reference.Add(a);
    same_event += x.event_id == y.event_id;
    same_story += x.story_id == y.story_id;
    events.insert(y.event_id);
    ++n;
  }
  EXPECT_GT(n, 250);
  EXPECT_GT(events.size(), 30u);  // the stream is not one blob
  EXPECT_EQ(same_event, n);
  EXPECT_EQ(same_story, n);
}

TEST(ClustererTest, RepairMergesEventsThatArrivalOrderSplit) {
  // a1 and a2 report one strike but below the join threshold, so a2 starts
  // its own event; when that event grows (a2 and its near copy a2b), its
  // centroid is compared with the other events and folded into a1's.
  Options o;
  o.learned_events = false;  // the cosine rule, so thresholds force splits
  o.event_threshold = 0.95;
  o.story_threshold = 2;
  o.cross_language_threshold = 2;
  o.story_merge_threshold = 2;
  const Article a1 = Stream()[0], a2 = Stream()[2], b1 = Stream()[1];
  Article a2b = a2;
  a2b.id = "a2b";
  a2b.text += " Ships waited.";
  {
    o.event_merge_threshold = 2;  // repair off: the split stays
    Clusterer c(o);
    c.Add(a1);
    c.Add(b1);
    c.Add(a2);
    Assignment x = c.Add(a2b);
    EXPECT_EQ(x.event_id, "a2");
    EXPECT_TRUE(x.merged_events.empty());
  }
  o.event_merge_threshold = 0.30;
  Clusterer c(o);
  c.Add(a1);
  c.Add(b1);
  EXPECT_EQ(c.Add(a2).event_id, "a2");
  Assignment x = c.Add(a2b);
  ASSERT_EQ(x.merged_events.size(), 1u);
  EXPECT_EQ(x.merged_events[0],
            (std::pair<std::string, std::string>{"a2", "a1"}));
  EXPECT_EQ(x.event_id, "a1");  // the older event survives
  // The two events were in two stories: those are one now as well.
  ASSERT_EQ(x.merged.size(), 1u);
  EXPECT_EQ(x.story_id, "a1");
  EXPECT_EQ(c.CurrentEvent("a2"), "a1");
  EXPECT_EQ(c.CurrentEvent("b1"), "b1");  // the launch stays apart
  EXPECT_EQ(c.CurrentEvent("unknown"), "unknown");
  // A copy restored under the absorbed event id lands in the survivor.
  Article copy = a2;
  copy.id = "a2-copy";
  c.Restore(copy, "a2", "a2");
  EXPECT_EQ(c.CurrentEvent("a2"), "a1");
}

// An outlet's furniture (its sign-off line, its region) is no evidence:
// once the outlet has a few pages, two of its reports of different
// happenings that share only that furniture stay apart. (Without the
// per-outlet count all ten join one event.)
TEST(ClustererTest, AnOutletsRepeatedLinesAreNotEvidence) {
  Clusterer c(Options{});
  const std::string furniture =
      " Follow the Marsh County Ledger on Lumen for more news from Marsh "
      "County and Eastfold.";
  const char* topics[][2] = {
      {"Library reopens after roof repair",
       "The central library reopened on Monday after a roof repair."},
      {"Council approves new bus depot",
       "Councillors approved a bus depot beside the ring road."},
      {"Orchard fair draws record crowd",
       "Growers sold apples and cider to a record crowd at the fair."},
      {"Bridge inspection closes one lane",
       "Engineers closed one lane of the river bridge for an inspection."},
      {"School choir wins regional prize",
       "The school choir won the regional prize with a folk medley."},
      {"Farmers protest water charges",
       "Farmers drove tractors to the town hall over water charges."},
      {"Museum displays bronze age hoard",
       "The museum put a bronze age hoard found by walkers on display."},
      {"Storm fells trees on coast road",
       "A storm brought down trees across the coast road overnight."},
      {"Hospital opens night clinic",
       "The hospital opened a night clinic for minor injuries."},
      {"Ferry timetable changes in winter",
       "The ferry will run four crossings a day from December."},
  };
  // Other outlets' pages around them keep the furniture's words rare in
  // the stream (as on a real one), so only the per-outlet count can tell.
  const char* syllables[] = {"ka", "ro", "mi", "tu", "se", "lo", "va",  "ne",
                             "di", "po", "ga", "fe", "zu", "hi", "bra", "tol"};
  auto word = [&](int n) {
    std::string w;
    for (int k = 0; k < 3; ++k, n /= 16) w += syllables[n % 16];
    return w;
  };
  std::set<std::string> events;
  int i = 0, filler = 0;
  for (const auto& t : topics) {
    for (int k = 0; k < 4; ++k, ++filler) {
      std::string text;
      for (int w = 0; w < 12; ++w) text += word(filler * 12 + w + 7) + " ";
      Article f = Make("f" + std::to_string(filler), 0, word(filler * 5 + 3),
                       text + ".");
      f.published += filler * 150;
      f.url = "https://other" + std::to_string(filler) + ".example/a";
      c.Add(f);
    }
    Article a = Make("m" + std::to_string(i), 0, t[0], t[1] + furniture);
    a.published += i * 600 + 100;
    a.url = "https://marsh-ledger.example/news/" + std::to_string(i);
    Assignment x = c.Add(a);
    // Once the outlet has kOutletMinDocs (8) pages, its furniture is known.
    if (i >= 8) {
      EXPECT_EQ(x.event_id, a.id) << t[0];
    }
    events.insert(x.event_id);
    ++i;
  }
  EXPECT_GE(events.size(), 3u);
}

// The first articles of a stream have no document frequencies to speak of:
// two long reports of one happening, worded differently and without
// titles, still meet (each has many words the other lacks, and with the
// plain idf those outweighed every shared one). Fiction.
TEST(ClustererTest, ReportsOfOneHappeningMeetAtAColdStart) {
  const std::string first =
      "Engineers closed the Corvin viaduct on Tuesday after inspectors "
      "found cracks in two of its concrete piers, the regional roads office "
      "said. Freight lorries were sent along the old coast road, adding an "
      "hour to journeys between Valmera and Ostrand. The office said the "
      "viaduct would stay shut until divers had examined the foundations, "
      "and that the cracks were found during a routine survey ordered after "
      "last winter's floods. Local hauliers complained that nobody had warned "
      "them before the barriers went up. Built in 1961 by a shipyard "
      "consortium, the span carried tramlines until the network was "
      "dismantled; its granite abutments were restored by volunteers, and "
      "a museum beneath the eastern arch displays rivets, lanterns, "
      "blueprints and photographs of welders, riveters and surveyors. "
      "Ornithologists monitor kestrels nesting among girders, while anglers "
      "gather below for eels, perch and pike beside willow thickets.";
  const std::string second =
      "The regional roads office has shut the Corvin viaduct, the main link "
      "between Valmera and Ostrand, because inspectors discovered cracks in "
      "two concrete piers. Traffic, including freight lorries, now follows "
      "the coast road. A spokeswoman said divers would examine the "
      "foundations before any decision on reopening. The survey that found "
      "the cracks was ordered after floods last winter damaged the river "
      "banks. Commuters described queues stretching back to the harbour. "
      "A baker delivering croissants said her van crawled behind tractors "
      "and caravans; a nurse missed her shift at the infirmary; pupils "
      "reached their gymnasium late for examinations in chemistry and "
      "geography. Taxi drivers raised fares, cyclists filled the ferry, and "
      "shopkeepers in the arcade reported empty tills, unsold vegetables and "
      "cancelled deliveries of furniture, carpets and pharmaceuticals.";
  const std::string other =
      "The Valmera Symphony opened its season with a new cello concerto by "
      "a young composer from the northern islands. Critics praised the "
      "soloist, who stepped in at a week's notice, and the audience called "
      "the conductor back four times. The season continues with a festival "
      "of choral music in the cathedral next month, and tickets for the "
      "children's matinees sold out within an hour of going on sale.";
  Clusterer c(Options{});
  Article a = Make("v1", 0, "", first);
  Article m = Make("m1", 0, "", other);
  Article b = Make("v2", 0, "", second);
  m.published += 600;
  b.published += 1200;
  Assignment x = c.Add(a), y = c.Add(m), z = c.Add(b);
  EXPECT_EQ(z.story_id, x.story_id);
  EXPECT_NE(y.story_id, x.story_id);
  EXPECT_NE(y.event_id, x.event_id);
}

// Years and datelines are on every page of a year: reports in different
// languages that share only numbers never join across languages.
TEST(ClustererTest, SharedYearsAndDatesDoNotJoinLanguages) {
  Clusterer c(Options{});
  Article a = Make("x1", 0, "Harbour fees rise in 2025",
                   "15 Nov 2025. Harbour fees rise by 12 percent, the port of "
                   "Valmera said on 15 November 2025.");
  Article b = Make("x2", 0, "Gartenschau 2025",
                   "15.11.2025. Die Gartenschau in Nordheim zählte 12 "
                   "Aussteller am 15. November 2025.",
                   "de");
  b.published += 600;
  EXPECT_EQ(c.Add(a).event_id, "x1");
  EXPECT_EQ(c.Add(b).event_id, "x2");
}

// Two full reports from one city on one day that share its names and
// nothing else are two happenings, however strongly the names agree (the
// scorer alone joins these two: titles and names are nearly the same).
TEST(ClustererTest, FullTextsSharingOnlyNamesStayApart) {
  Clusterer c(Options{});
  const std::string names =
      " Valmera Kessler Quay Marta Lind Valmera Kessler Quay Marta Lind ";
  Article a = Make(
      "h1", 0, "Valmera Kessler Quay: Marta Lind sells terminal",
      "In" + names +
          "agreed to sell the disused ferry terminal to a "
          "logistics company for forty million crowns; the buyer will convert "
          "the building into a cold store and keep the clock tower, and unions "
          "asked for wage guarantees before the planning office approves it." +
          names);
  Article b = Make(
      "h2", 0, "Valmera Kessler Quay: Marta Lind mourns student",
      "In" + names +
          "mourners gathered at candlelit vigils after a "
          "nineteen year old student died from injuries suffered in a fall "
          "during a night of clashes; friends read poems and laid flowers "
          "while "
          "police opened an inquest and lectures were cancelled." +
          names);
  b.published += 3600;
  EXPECT_EQ(c.Add(a).event_id, "h1");
  EXPECT_EQ(c.Add(b).event_id, "h2");
}

// Two happenings in one place whose reports share the place's names but
// not their words: repair must not fold their events, nor a cosine link
// put them in one story. (With the words conditions at 0 both do.)
TEST(ClustererTest, SharedNamesAloneNeitherRepairNorLink) {
  const std::string names = " Valmera Kessler Quay Marta Lind ";
  auto report = [&](const std::string& id, int k, const std::string& words) {
    Article a = Make(id, 0, "Valmera Kessler Quay" + names,
                     "In" + names + words + names + words + names);
    a.published += k * 600;
    return a;
  };
  const std::string sale =
      "terminal sold to logistics buyer cold store clock tower wages";
  const std::string vigil =
      "student mourned candlelit vigil flowers poems inquest lectures";
  // Returns (v1's story, whether the sale event absorbed the vigil event).
  auto run = [&](double words, bool link) {
    Options o;
    o.learned_events = false;  // the cosine rule: only copies join
    o.event_threshold = 0.95;
    o.cross_language_threshold = 2;
    o.story_threshold = link ? 0.18 : 2;
    o.story_merge_threshold = 2;
    o.event_merge_min_words = words;
    o.story_min_words = words;
    Clusterer c(o);
    AddOtherNews(&c, "Norrvik");
    c.Add(report("s1", 0, sale));
    std::string story = c.Add(report("v1", 1, vigil)).story_id;
    // A copy of the sale report grows its event to 2: the repair check.
    Article s2 = report("s2", 2, sale);
    Assignment x = c.Add(s2);
    bool absorbed = false;
    for (const auto& m : x.merged_events) absorbed |= m.first == "v1";
    return std::make_pair(story, absorbed);
  };
  EXPECT_EQ(run(0, true).first, "s1");  // without the rule: one story
  EXPECT_EQ(run(0.3, true).first, "v1");
  EXPECT_TRUE(run(0, false).second);  // without the rule: one event
  EXPECT_FALSE(run(0.3, false).second);
}

// The same kind of happening in two towns shares its words, not its names:
// a warehouse fire in Norrvik does not continue the story of one in
// Kessby. A follow-up that names the same town and figures does. (With
// story_min_shared_names at 0 the second fire joins the first story.)
TEST(ClustererTest, ALookAlikeElsewhereStartsItsOwnStory) {
  auto fire = [](const std::string& id, int day, const std::string& town,
                 const std::string& chief, const std::string& extra) {
    return Make(id, day, "Warehouse fire in " + town + " put out",
                "Firefighters put out a warehouse fire in " + town +
                    " overnight after crews fought the blaze for hours. "
                    "Fire chief " +
                    chief +
                    " said smoke spread across the district and residents "
                    "were told to keep windows shut. " +
                    extra);
  };
  auto run = [&](int min_shared) {
    Options o = OnlyTheStoryLink();
    o.story_min_shared_names = min_shared;
    Clusterer c(o);
    AddOtherNews(&c, "Ostvik");
    std::map<std::string, std::string> story;
    story["k1"] = c.Add(fire("k1", 0, "Kessby", "Ana Brandt",
                             "About 340 tonnes of grain were lost."))
                      .story_id;
    story["n1"] = c.Add(fire("n1", 1, "Norrvik", "Jon Falk",
                             "Two sheds nearby were saved."))
                      .story_id;
    story["k2"] = c.Add(fire("k2", 2, "Kessby", "Ana Brandt",
                             "Investigators said the 340 tonnes of grain "
                             "were insured."))
                      .story_id;
    return story;
  };
  std::map<std::string, std::string> on = run(2), off = run(0);
  EXPECT_EQ(off["n1"], "k1");  // without the rule: one story of fires
  EXPECT_EQ(on["n1"], "n1");
  EXPECT_EQ(on["k2"], "k1");
}

// One happening reported in English and in Russian: the same people and
// place written in two scripts are the same names (text::NameKey), so the
// Russian report joins the English event. (Our own text.)
TEST(ClustererTest, NamesMeetAcrossScripts) {
  Clusterer c{Options{}};
  AddOtherNews(&c, "Ostvik");
  Article en = Make(
      "en1", 0, "Valmera strike talks resume with mediator Duarte",
      "Mayor Lidia Warnke of Valmera and union leader Marta Keller met "
      "mediator Ines Duarte on Tuesday. About 4,200 dockworkers have been on "
      "strike since October. Keller said the union wants a 9 percent rise; "
      "Warnke said the city would not pay. Duarte said talks go on.");
  Article ru = Make(
      "ru1", 0, "В Валмере возобновились переговоры с посредником Дуарте",
      "Мэр Валмеры Лидия Варнке и лидер профсоюза Марта Келлер встретились "
      "во вторник с посредником Инес Дуарте. Около 4200 докеров бастуют с "
      "октября. Келлер заявила, что профсоюз требует повышения на 9 "
      "процентов; Варнке ответила, что город платить не будет.",
      "ru");
  ru.published += 3600;
  Assignment a = c.Add(en), b = c.Add(ru);
  EXPECT_EQ(b.event_id, a.event_id);
  EXPECT_EQ(b.story_id, a.story_id);
}

// Abbreviations in capitals ("NTSB", "DOT") are on every report of a kind
// of news: two crashes in two towns that share only them are two stories.
TEST(ClustererTest, SharedAbbreviationsDoNotMakeAStory) {
  auto crash = [](const std::string& id, int day, const std::string& town,
                  const std::string& driver) {
    return Make(id, day, "Truck crash on the bridge in " + town,
                "A truck hit the bridge railing in " + town +
                    " on Monday and the driver, " + driver +
                    ", was taken to hospital. Investigators from the NTSB and "
                    "the DOT examined the wreck, and the NTSB said the brakes "
                    "will be tested. The DOT closed the bridge for the day.");
  };
  Clusterer c(OnlyTheStoryLink());
  AddOtherNews(&c, "Ostvik");
  std::string k = c.Add(crash("k1", 0, "Kessby", "Ana Brandt")).story_id;
  std::string n = c.Add(crash("n1", 1, "Norrvik", "Jon Falk")).story_id;
  EXPECT_EQ(k, "k1");
  EXPECT_EQ(n, "n1");
}

// Months and weekdays are on every quarterly report: two companies' losses
// that share only "September" and "Thursday" are two stories, even when a
// single shared name would do for a link.
TEST(ClustererTest, SharedMonthsAndWeekdaysDoNotMakeAStory) {
  auto loss = [](const std::string& id, int day, const std::string& firm,
                 const std::string& boss) {
    return Make(id, day, firm + " posts quarterly net loss",
                "The lender " + firm +
                    " posted a net loss for the quarter ended in September, "
                    "its filing showed on Thursday. Chief executive " +
                    boss +
                    " said bad loans rose in September and shares fell on "
                    "Thursday.");
  };
  Options o = OnlyTheStoryLink();
  o.story_min_shared_names = 1;  // any one shared name would link
  Clusterer c(o);
  AddOtherNews(&c, "Ostvik");
  std::string k = c.Add(loss("k1", 0, "Kessbank", "Ana Brandt")).story_id;
  std::string n = c.Add(loss("n1", 1, "Norrfin", "Jon Falk")).story_id;
  EXPECT_EQ(k, "k1");
  EXPECT_EQ(n, "n1");
}

}  // namespace
}  // namespace storyline::cluster

namespace storyline::cluster {
namespace {

// Outlets, so the per-outlet counts are part of what is saved.
std::vector<Article> LookAlikeStreamWithOutlets() {
  std::vector<Article> s = LookAlikeStream();
  for (size_t i = 0; i < s.size(); ++i)
    s[i].url = "https://outlet" + std::to_string(i % 7) + ".example/" + s[i].id;
  return s;
}

TEST(ClustererTest, SavedStateDecidesAsTheOriginal) {
  // Save after every prefix length k, load into a fresh clusterer, and feed
  // both the rest: every later decision (ids, merges, similarity) is the
  // same, and a second save holds as much (hash-map order may differ).
  std::vector<Article> s = LookAlikeStreamWithOutlets();
  Options o;
  o.sweep_interval = 3 * 86400;  // sweeps happen inside the stream
  for (size_t k :
       {size_t{0}, size_t{1}, s.size() / 3, s.size() / 2, s.size() - 1}) {
    Clusterer original{o};
    for (size_t i = 0; i < k; ++i) original.Add(s[i]);
    serial::Writer w;
    original.Save(&w);
    std::string bytes = w.Finish();
    Clusterer loaded{o};
    serial::Reader r(bytes);
    ASSERT_TRUE(loaded.Load(&r).ok()) << k << ": " << r.status().ToString();
    EXPECT_TRUE(r.done());
    for (size_t i = k; i < s.size(); ++i) {
      Assignment x = original.Add(s[i]), y = loaded.Add(s[i]);
      ASSERT_EQ(x.event_id, y.event_id) << "after " << k << ": " << s[i].id;
      ASSERT_EQ(x.story_id, y.story_id) << s[i].id;
      ASSERT_EQ(x.similarity, y.similarity) << s[i].id;
      ASSERT_EQ(x.merged, y.merged) << s[i].id;
      ASSERT_EQ(x.merged_events, y.merged_events) << s[i].id;
    }
    serial::Writer w1, w2;
    original.Save(&w1);
    loaded.Save(&w2);
    EXPECT_EQ(w1.size(), w2.size()) << k;
    EXPECT_EQ(original.active_event_count(), loaded.active_event_count());
  }
}

TEST(ClustererTest, StateOfOtherOptionsOrDamagedIsRefused) {
  std::vector<Article> s = LookAlikeStreamWithOutlets();
  Clusterer c{Options{}};
  for (size_t i = 0; i < 40; ++i) c.Add(s[i]);
  serial::Writer w;
  c.Save(&w);
  const std::string bytes = w.Finish();
  Options other;
  other.event_window = 86400;
  Clusterer c2{other};
  serial::Reader r(bytes);
  EXPECT_EQ(c2.Load(&r).code(), StatusCode::kFailedPrecondition);
  // Truncated: the checksum fails first, so nothing half-read is used.
  std::string cut = bytes.substr(0, bytes.size() / 2);
  Clusterer c3{Options{}};
  serial::Reader r3(cut);
  EXPECT_EQ(c3.Load(&r3).code(), StatusCode::kCorruption);
  // A used clusterer is not loaded into.
  serial::Reader r4(bytes);
  EXPECT_EQ(c.Load(&r4).code(), StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace storyline::cluster
