#include "extract/extract.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/strings.h"
#include "common/time.h"
#include "common/url.h"

namespace storyline::extract {
namespace {

const char* kPage = R"(<!doctype html><html lang="en"><head>
<title>Harbour talks stall - The Test Post</title>
<meta property="og:site_name" content="The Test Post">
<meta property="article:published_time" content="2025-12-04T10:00:00Z">
<link rel="canonical" href="https://testpost.example/world/2025/12/04/harbour-talks?utm_source=x">
</head><body><nav><a href="/">Home</a><a href="/world">World</a></nav>
<div class="cookie-banner">We use cookies. <button>OK</button></div>
<article><h1>Harbour talks stall</h1><p class="byline">By Jane Doe and John Roe</p>
<p>Negotiators from both port unions left the table on Tuesday without an agreement, officials said.</p>
<div class="share-bar"><a href="#">Share on X</a></div>
<p>The dispute began two weeks ago when dock workers rejected an offer. Read the <a href="/docs/report.pdf?utm_campaign=y">full report</a> here.</p>
<div class="inline-teaser"><span>EXCLUSIVE</span><a href="/x"><h3>Another story entirely</h3></a><p>A blurb about something else.</p></div>
<ul><li>First listed point of the article body.</li><li>Second listed point.</li></ul>
<p>Sign up for our newsletter</p></article>
<aside class="related"><a href="/a">Related one</a></aside><footer>© 2025</footer></body></html>)";

// A page with `head` and `body`, then one ordinary paragraph of text.
Result<Extraction> ExtractWith(const std::string& head,
                               const std::string& body) {
  return ExtractPage("<html><head>" + head + "</head><body>" + body +
                         "<p>Body text long enough to count as a paragraph of "
                         "the article body for the test.</p></body></html>",
                     "https://x.example/p");
}

// `n` paragraphs "<p>{sentence} {i}.</p>", numbered from 0.
std::string Paragraphs(int n, const std::string& sentence) {
  std::string out;
  for (int i = 0; i < n; ++i)
    out += "<p>" + sentence + " " + std::to_string(i) + ".</p>";
  return out;
}

TEST(ExtractTest, MainTextWithoutBoilerplate) {
  Result<Extraction> r = ExtractPage(kPage, "");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const Article& a = r->article;
  EXPECT_EQ(a.title, "Harbour talks stall");
  EXPECT_EQ(a.outlet, "The Test Post");
  EXPECT_EQ(a.canonical_url,
            "https://testpost.example/world/2025/12/04/harbour-talks");
  EXPECT_EQ(FormatIsoTime(a.published), "2025-12-04T10:00:00Z");
  EXPECT_EQ(a.byline, "Jane Doe, John Roe");
  EXPECT_EQ(a.language, "en");
  EXPECT_NE(a.text.find("Negotiators from both port unions"),
            std::string::npos);
  EXPECT_NE(a.text.find("First listed point"), std::string::npos);
  for (const char* junk :
       {"Home", "cookies", "Share on X", "EXCLUSIVE", "Another story", "blurb",
        "Sign up", "Related one", "©", "By Jane"}) {
    EXPECT_EQ(a.text.find(junk), std::string::npos) << junk << " leaked into:\n"
                                                    << a.text;
  }
  // Blocks never glued, offsets consistent, sources inside the HTML.
  EXPECT_NE(a.text.find(".\n\nThe dispute"), std::string::npos);
  for (const Block& b : a.blocks) {
    ASSERT_LE(b.text.end, a.text.size());
    ASSERT_LE(b.source.end, r->utf8_html.size());
    EXPECT_LT(b.source.begin, b.source.end);
  }
  ASSERT_EQ(a.links.size(), 1u);
  EXPECT_EQ(a.links[0].url, "https://testpost.example/docs/report.pdf");
  EXPECT_EQ(a.links[0].anchor, "full report");
}

// Regression (wcxb-dev 0001): a page wrapper whose class names a
// boilerplate word ("ast-no-sidebar") is not boilerplate; small or
// link-dense elements with such names still are.
TEST(ExtractTest, BoilerplateNamesOnPageWrappersAreIgnored) {
  std::string para =
      "<p>This paragraph is real article text that must survive extraction "
      "even though the "
      "page wrapper carries a class name that also names boilerplate.</p>";
  std::string html =
      "<html><body class=\"single ast-no-sidebar\"><div class=\"site-content "
      "has-sidebar\">" +
      para + para + para + para + para + para + para + para + para + para +
      para + para +
      "<div class=\"sidebar\"><p>Small sidebar note that is boilerplate "
      "text.</p></div></div></body></html>";
  Result<Extraction> r = ExtractPage(html, "");
  ASSERT_TRUE(r.ok());
  EXPECT_NE(r->article.text.find("real article text"), std::string::npos);
  EXPECT_EQ(r->article.text.find("sidebar note"), std::string::npos);
}

TEST(ExtractTest, MetadataTrustOrder) {
  struct Case {
    std::string head;
    std::string field;
    std::string want;
  };
  const std::vector<Case> cases = {
      {R"(<script type="application/ld+json">{"@type":"NewsArticle","headline":"LD title",
          "datePublished":"2025-01-02T03:04:05Z","author":[{"name":"A One"},{"name":"B Two"}],
          "publisher":{"name":"LD Outlet"}}</script><meta property="og:title" content="OG title">)",
       "all", "LD title|2025-01-02T03:04:05Z|A One, B Two|LD Outlet|news"},
      {R"(<script type="application/ld+json">{"@graph":[{"@type":"WebSite"},
          {"@type":"OpinionNewsArticle","headline":"Graph title","datePublished":"2025-05-06"}]}
          </script>)",
       "all", "Graph title|2025-05-06T00:00:00Z||x.example|opinion"},
      {R"(<script type="application/ld+json">{broken json</script>
          <meta property="og:title" content="OG only"><meta property="og:site_name" content="OGS">
          <meta name="author" content="By Cara Dee, Staff Writer">)",
       "all", "OG only|0|Cara Dee|OGS|news"},
      {R"(<title>Analysis: Why it matters | Site</title>)", "all",
       "Analysis: Why it matters|0||Site|analysis"},
  };
  for (const Case& c : cases) {
    std::string html =
        "<html><head>" + c.head +
        "</head><body><p>Body text long enough to count as a paragraph of "
        "the article body for the test.</p></body></html>";
    Result<Extraction> r = ExtractPage(html, "https://x.example/p");
    ASSERT_TRUE(r.ok());
    const Article& a = r->article;
    std::string got = a.title + "|" +
                      (a.published ? FormatIsoTime(a.published) : "0") + "|" +
                      a.byline + "|" + a.outlet + "|" + ArticleKindName(a.kind);
    EXPECT_EQ(got, c.want) << c.head;
  }
}

// Dates and bylines that pages print for people rather than in article
// metadata: each row is (head, body before the text, published|byline).
TEST(ExtractTest, DatesAndBylinesFromThePage) {
  struct Case {
    std::string head, body, want;
  };
  const std::vector<Case> cases = {
      // A WebPage node of a JSON-LD @graph, a data attribute, other
      // publication <meta> names (ISO or written for people).
      {R"(<script type="application/ld+json">{"@graph":[{"@type":"WebPage",
          "datePublished":"2024-03-17T19:47:39+00:00"}]}</script>)",
       "", "2024-03-17T19:47:39Z|"},
      {"", R"(<div data-pubdate="2022-10-05"></div>)", "2022-10-05T00:00:00Z|"},
      {R"(<meta name="w-published-date" content="2025-05-27T06:03:43Z">)", "",
       "2025-05-27T06:03:43Z|"},
      {R"(<meta name="published" content="July 17, 2025">)", "",
       "2025-07-17T00:00:00Z|"},
      // A date shown under or above the headline, written or numeric.
      {"", "<h1>Title</h1><div><p>January 31, 2024</p></div>",
       "2024-01-31T00:00:00Z|"},
      {"", "<p>February 4, 2025 - 11 minutes</p><h1>Title</h1>",
       "2025-02-04T00:00:00Z|"},
      {"", "<h1>Title</h1><span>23.07.2025</span>", "2025-07-23T00:00:00Z|"},
      {"", "<h1>Title</h1><span>7/23/2025</span>", "2025-07-23T00:00:00Z|"},
      {"", "<h1>Title</h1><span>2025/07/23</span>", "2025-07-23T00:00:00Z|"},
      {"", "<h1>Title</h1><span>13/31/2025</span>", "0|"},
      // An author box carries the date beside the name.
      {"", R"(<div class="resource-author-details"><p>Luke Kim</p>
          <small>December 17, 2025</small></div>)",
       "2025-12-17T00:00:00Z|Luke Kim"},
      // Bylines: a "Written by" label, an author page link, a page handle;
      // a metadata handle is the CMS user, not a byline.
      {"", "<h1>Title</h1><p>Written by</p><p>Edzel Tabing</p>",
       "0|Edzel Tabing"},
      {"",
       R"(<h1>Title</h1><span><a href="/authors/trevor-jackins">Trevor Jackins</a></span>)",
       "0|Trevor Jackins"},
      {R"(<meta name="author" content="kffnirmitap">)", "", "0|"},
      {"", R"(<a rel="author" href="/u/drat">drat</a>)", "0|drat"},
      // Roles go unless a team signs; the outlet goes unless it is alone.
      {R"(<meta name="author" content="Jane Doe, Staff Writer">)", "",
       "0|Jane Doe"},
      {R"(<meta name="author" content="Podium Staff">)", "", "0|Podium Staff"},
      {R"(<meta property="og:site_name" content="Harbour Post">
          <meta name="author" content="Jo Roe, Harbour Post">)",
       "", "0|Jo Roe"},
      {R"(<meta property="og:site_name" content="Harbour Post">
          <meta name="author" content="By Harbour Post">)",
       "", "0|Harbour Post"},
      {R"(<script type="application/ld+json">{"@type":"BlogPosting",
          "author":{"name":"Maria &amp; Katerina"}}</script>)",
       "", "0|Maria & Katerina"},
      // An Organization as author yields to a person on the page.
      {R"(<script type="application/ld+json">{"@type":"Article","author":
          {"@type":"Organization","name":"Kestrel Clinic"}}</script>)",
       R"(<a href="/authors/holly">Holly Wilgus</a>)", "0|Holly Wilgus"},
      {R"(<script type="application/ld+json">{"@type":"Article","author":
          {"@type":"Organization","name":"Kestrel Clinic"}}</script>)",
       "", "0|Kestrel Clinic"},
      // What follows the names, and labels that are not names.
      {R"(<meta name="author" content="Russell Miller Dec">)", "",
       "0|Russell Miller"},
      {R"(<meta name="author" content="Text by Hunter Dukes">)", "",
       "0|Hunter Dukes"},
      {"", R"(<span class="author">Updated November</span>)", "0|"},
      {"", R"(<span class="author">Article by:</span>)", "0|"},
  };
  for (const Case& c : cases) {
    Result<Extraction> r = ExtractWith(c.head, c.body);
    ASSERT_TRUE(r.ok());
    const Article& a = r->article;
    std::string got =
        (a.published ? FormatIsoTime(a.published) : "0") + "|" + a.byline;
    EXPECT_EQ(got, c.want) << c.head << c.body;
  }
}

// The site's own name (a logo heading linking home, a twitter:title that
// is the outlet) is never the title; a JSON-LD headline loses to og:title
// and <h1> when those two agree.
TEST(ExtractTest, TitlesSkipTheSiteName) {
  struct Case {
    std::string head, body, want;
  };
  const std::vector<Case> cases = {
      {"<title>Progress Report #39</title>",
       R"(<a href="/"><h1>Antoyo's Blog</h1></a>)", "Progress Report #39"},
      {"<title>ORM Quick Start - Docs</title>",
       R"(<h1><a href="../index.html">Docs</a></h1><h1>ORM Quick Start</h1>)",
       "ORM Quick Start"},
      {R"(<meta property="og:site_name" content="Bombas">
          <meta name="twitter:title" content="Bombas"><title>All Socks</title>)",
       "", "All Socks"},
      {R"(<script type="application/ld+json">{"@type":"Article","headline":"Sample menus"}</script>
          <meta property="og:title" content="Seven days of meals">)",
       "<h1>Seven days of meals</h1>", "Seven days of meals"},
      {R"(<script type="application/ld+json">{"@type":"Article","headline":"Seven days of meals"}</script>
          <meta property="og:title" content="Meals">)",
       "<h1>Other</h1>", "Seven days of meals"},
      // A sharing teaser that neither <title> nor <h1> supports.
      {R"(<title>The Best Rain Jackets of 2026 | Gear Desk</title>
          <meta property="og:title" content="Caught in a downpour? Here is what to buy">)",
       "<h1>The best rain jackets of 2026</h1>",
       "The best rain jackets of 2026"},
      // ...but a social title the page supports stays.
      {R"(<title>Rain jackets tested | Gear Desk</title>
          <meta property="og:title" content="Rain jackets, tested in a storm">)",
       "<h1>Rain jackets tested</h1>", "Rain jackets, tested in a storm"},
  };
  for (const Case& c : cases) {
    Result<Extraction> r = ExtractWith(c.head, c.body);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->article.title, c.want) << c.head << c.body;
  }
}

// Containers that are boilerplate by tag hold the article on some sites:
// a page-wide ASP.NET <form>, a Webflow body inside <header>, an unclosed
// <aside> before the article, Discourse's <noscript> thread. Small ones
// stay boilerplate.
TEST(ExtractTest, WrapperTagsHoldingTheArticleAreKept) {
  const std::string prose =
      Paragraphs(60,
                 "Harbour engineers inspected the northern pier for cracks in "
                 "the concrete pillars today, paragraph");
  std::string menu;
  for (int i = 0; i < 200; ++i)
    menu += "<a href=/s" + std::to_string(i) + ">Section number " +
            std::to_string(i) + " of the harbour site</a> ";
  struct Case {
    std::string before, after;
    bool kept;
  };
  const std::vector<Case> cases = {
      {"<form id=\"Form\">", "</form>", true},
      {"<header class=\"rich-text\">", "</header>", true},
      {"<aside class=\"banner\">", "", true},
      {"<noscript data-path=\"/t/1\">", "</noscript>", true},
      // An unclosed <div> in a <noscript> pulls the page, mega-menu and
      // all, into it: its prose still makes it the page.
      {"<noscript><div id=\"nojs\"></noscript>" + menu, "", true},
      {"<noscript><p>Subscribe: this page needs JavaScript to show the "
       "comments.</p></noscript>",
       "", false},
      {"<form><p>Subscribe to the newsletter for weekly news.</p></form>", "",
       false},
  };
  for (const Case& c : cases) {
    std::string html = "<html><body><main>" + c.before + (c.kept ? prose : "") +
                       c.after + "</main>" + (c.kept ? "" : prose) +
                       "</body></html>";
    Result<Extraction> r = ExtractPage(html, "https://x.example/p");
    ASSERT_TRUE(r.ok()) << c.before;
    EXPECT_NE(r->article.text.find("paragraph 59"), std::string::npos)
        << c.before;
    EXPECT_EQ(r->article.text.find("Sign up"), std::string::npos) << c.before;
    EXPECT_EQ(r->article.text.find("Subscribe"), std::string::npos) << c.before;
  }
}

// "more", "widget" and "skip" name boilerplate only on link lists: the
// same words name expanders and product cards that hold the text.
TEST(ExtractTest, LinkListNamesDropOnlyLinkLists) {
  const std::string para =
      "<p>The ferry timetable changes on Monday, with two extra crossings "
      "each morning and a later last sailing on Fridays.</p>";
  const std::string teasers =
      "<a href=/a>Ferry fares rise</a> <a href=/b>New pier opens</a> "
      "<a href=/c>Harbour tour dates</a>";
  struct Case {
    std::string block;
    bool kept;
  };
  const std::vector<Case> cases = {
      {"<div class=\"show-more-content\">" + para + "</div>", true},
      {"<div class=\"c-product-widget\">" + para + "</div>", true},
      {"<section id=\"topic1\" class=\"skip-item\">" + para + "</section>",
       true},
      {"<div class=\"more-stories\">" + teasers + "</div>", false},
      {"<div class=\"widget recent-posts\">" + teasers + "</div>", false},
      {"<div class=\"promo\">" + para + "</div>", false},  // a strong word
  };
  for (const Case& c : cases) {
    Result<Extraction> r = ExtractWith(
        "",
        "<article><p>Harbour officials announced the new timetable at a "
        "meeting in the port offices on Thursday evening.</p>" +
            c.block + "</article>");
    ASSERT_TRUE(r.ok()) << c.block;
    const std::string& t = r->article.text;
    bool has = t.find("ferry timetable") != std::string::npos ||
               t.find("Ferry fares") != std::string::npos;
    EXPECT_EQ(has, c.kept) << c.block << "\n" << t;
  }
}

// A "Read next" heading after the article, followed only by teaser titles
// and one-line summaries, ends the text; one followed by more of the
// article (an inline box) does not.
TEST(ExtractTest, TeasersAfterAReadNextHeadingAreCut) {
  const std::string story =
      Paragraphs(4,
                 "Crews replaced the swing bridge's worn bearings over the "
                 "weekend, and engineers will load-test the span before it "
                 "reopens to lorries, section");
  const std::string teasers =
      "<h2>Read Next</h2><p><a href=/a>Ferry fares rise in spring</a></p>"
      "<p>Operators blame fuel costs.</p>"
      "<p><a href=/b>Harbour tours return</a></p>";
  Result<Extraction> r =
      ExtractWith("", "<article>" + story + teasers + "</article>");
  ASSERT_TRUE(r.ok());
  EXPECT_NE(r->article.text.find("section 3."), std::string::npos);
  EXPECT_EQ(r->article.text.find("fuel costs"), std::string::npos)
      << r->article.text;
  EXPECT_EQ(r->article.text.back(), '.');
  EXPECT_EQ(r->article.blocks.size(), 4u);
  for (const Link& l : r->article.links)
    EXPECT_EQ(l.url.find("/b"), std::string::npos) << l.url;
  // The same heading with the article going on after it: nothing is cut.
  r = ExtractWith("", "<article>" + story + teasers +
                          "<p>The council said the bridge would reopen to "
                          "all traffic by the end of the month, once the "
                          "inspectors had signed off the final tests and "
                          "the bearings had been checked again after the "
                          "first week of heavy traffic on the span.</p>"
                          "</article>");
  ASSERT_TRUE(r.ok());
  EXPECT_NE(r->article.text.find("fuel costs"), std::string::npos);
}

// A comments heading or an author box ends the article when what follows
// is not much longer than the article; on a forum-like page, where the
// replies outweigh the post, it does not.
TEST(ExtractTest, CommentsAfterTheArticleAreCut) {
  const std::string story =
      Paragraphs(4,
                 "The lock keepers reopened the canal's upper flight after "
                 "three weeks of repairs to the gates and the pumping station, "
                 "part");
  auto comments = [](int n) {
    std::string c = "<h3>" + std::to_string(n) + " Comments</h3>";
    for (int i = 0; i < n; ++i)
      c += "<p>Reader " + std::to_string(i) +
           " says the towpath was still closed near the second lock on "
           "Sunday morning, and asks when it opens again.</p>";
    return c;
  };
  for (const char* marker : {"About the author", "Leave a Reply",
                             "3 thoughts on \"Canal reopens\""}) {
    Result<Extraction> r = ExtractWith(
        "", "<article>" + story + "<h3>" + marker +
                "</h3><p>Jo Marsh writes about inland waterways and has "
                "covered the canal trust since 2019.</p></article>");
    ASSERT_TRUE(r.ok());
    EXPECT_NE(r->article.text.find("part 3."), std::string::npos) << marker;
    EXPECT_EQ(r->article.text.find("Jo Marsh"), std::string::npos)
        << marker << "\n"
        << r->article.text;
  }
  Result<Extraction> r =
      ExtractWith("", "<article>" + story + comments(3) + "</article>");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->article.text.find("Reader 0"), std::string::npos);
  // Twelve replies outweigh the post: they are the page, and stay.
  r = ExtractWith("", "<article>" + story + comments(12) + "</article>");
  ASSERT_TRUE(r.ok());
  EXPECT_NE(r->article.text.find("Reader 11"), std::string::npos);
}

// A page-wide wrapper named like boilerplate ("navigation-container")
// whose mega-menus outweigh the article is still the page: pages of prose
// besides the links keep it.
TEST(ExtractTest, BoilerplateNamedPageWrapperWithProseIsKept) {
  std::string menu = "<ul>";
  for (int i = 0; i < 300; ++i)
    menu += "<li><a href=/s" + std::to_string(i) + ">Section number " +
            std::to_string(i) + " of the site</a></li>";
  menu += "</ul>";
  const std::string story =
      Paragraphs(45,
                 "The relay team set a national indoor record in the final "
                 "race of the evening, paragraph");
  Result<Extraction> r =
      ExtractPage("<html><body><div id=\"navigation-container\">" + menu +
                      "<article>" + story + "</article></div></body></html>",
                  "https://x.example/news/relay");
  ASSERT_TRUE(r.ok());
  EXPECT_NE(r->article.text.find("paragraph 44."), std::string::npos);
  EXPECT_EQ(r->article.text.find("Section number"), std::string::npos);
}

// Paywalled: from metadata, from an element named for the paywall, or from
// the prompt where the body is cut off; a newsletter prompt is not one.
TEST(ExtractTest, PaywallSignals) {
  const std::string lead =
      "<p>The port authority approved a second container terminal on the "
      "north shore after a two-year review of its environmental impact.</p>";
  struct Case {
    std::string head, body;
    bool paywalled;
  };
  const std::vector<Case> cases = {
      {R"(<script type="application/ld+json">{"@type":"NewsArticle","isAccessibleForFree":false}</script>)",
       lead, true},
      {"", lead + "<div class=\"tp-paywall\"><p>Offer</p></div>", true},
      {"", lead + "<p>Subscribe to continue reading.</p>", true},
      {"", lead + "<p>Dieser Artikel ist nur für Abonnenten.</p>", true},
      {"", lead + "<p>Réservé aux abonnés</p>", true},
      {"", lead + "<p>Subscribe to our newsletter for weekly port news.</p>",
       false},
      {"", lead, false},
  };
  for (const Case& c : cases) {
    Result<Extraction> r =
        ExtractWith(c.head, "<article>" + c.body + "</article>");
    ASSERT_TRUE(r.ok()) << c.body;
    EXPECT_EQ(r->paywalled, c.paywalled) << c.head << c.body;
  }
}

TEST(ExtractTest, DateInTheUrlEndsAtAnyNonDigit) {
  const std::string html =
      "<html><body><p>Body text long enough to count as a paragraph of the "
      "article body for the test.</p></body></html>";
  for (const char* url :
       {"https://blog.example/articles/2025-12-15+Rust+backend",
        "https://blog.example/2025/12/15/rust",
        "https://blog.example/2025-12-15"}) {
    Result<Extraction> r = ExtractPage(html, url);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(FormatIsoTime(r->article.published), "2025-12-15T00:00:00Z")
        << url;
  }
  Result<Extraction> r = ExtractPage(html, "https://blog.example/2025-12-150");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->article.published, 0);
}

// Shopping calls to action, "more" headings and reader prompts in the
// languages of the sample newsroom are boilerplate, like share and
// subscribe prompts; phrases count as whole words ("Anzeige", not
// "Anzeigepflicht").
TEST(ExtractTest, PromptsAreDropped) {
  struct Case {
    std::string body;
    std::vector<std::string> kept, gone;
  };
  const std::vector<Case> cases = {
      {"<p>The Kestrel 60 pack carries a week of food and a tent without "
       "strain on long climbs.</p><p>Check price at Harbour Outfitters</p>"
       "<p>Buy now and save</p><h3>More videos</h3><h3>Related "
       "articles</h3>",
       {"Kestrel 60"},
       {"Check price", "Buy now", "More videos", "Related articles"}},
      {"<p>Die Brücke über die Dornholt wird ab Montag für den Verkehr "
       "gesperrt, teilte die Stadtverwaltung mit.</p><p>Lesen Sie auch: Neue "
       "Pläne für den Hafen</p><p>Anzeige</p><p>Lire aussi : la grève "
       "continue</p><p>Te puede interesar: el puerto reabre</p><p>Über den "
       "Autor</p><p>Anzeigepflicht besteht für alle Baustellen an der "
       "Brücke.</p>",
       {"Dornholt", "Anzeigepflicht"},
       {"Lesen Sie auch", "Anzeige\n", "Lire aussi", "Te puede",
        "Über den Autor"}},
  };
  for (const Case& c : cases) {
    Result<Extraction> r = ExtractWith("", "<article>" + c.body + "</article>");
    ASSERT_TRUE(r.ok());
    const std::string& t = r->article.text;
    for (const std::string& k : c.kept)
      EXPECT_NE(t.find(k), std::string::npos) << k << "\n" << t;
    for (const std::string& g : c.gone)
      EXPECT_EQ(t.find(g), std::string::npos) << g << "\n" << t;
  }
}

TEST(ExtractTest, RepeatedParagraphsAreKeptOnce) {
  const std::string card =
      "<p>Harbour Works rebuilt the ferry terminal's waiting hall with "
      "reclaimed timber from the old pier.</p>";
  Result<Extraction> r = ExtractWith(
      "", "<article><div class=desktop>" + card +
              "<h3>Key points</h3></div><div class=mobile>" + card +
              "<h3>Key points</h3></div><p>The hall reopens on Monday with "
              "longer hours for early sailings.</p></article>");
  ASSERT_TRUE(r.ok());
  const std::string& t = r->article.text;
  size_t first = t.find("reclaimed timber");
  ASSERT_NE(first, std::string::npos) << t;
  EXPECT_EQ(t.find("reclaimed timber", first + 1), std::string::npos) << t;
  size_t label = t.find("Key points");
  ASSERT_NE(label, std::string::npos) << t;
  EXPECT_NE(t.find("Key points", label + 1), std::string::npos) << t;
  EXPECT_NE(t.find("reopens on Monday"), std::string::npos) << t;
  EXPECT_EQ(r->article.blocks.size(), 4u);
}

TEST(ExtractTest, PageTypeFromEvidence) {
  std::string body;
  for (int i = 0; i < 10; ++i)
    body +=
        "<p>A paragraph of running prose long enough to count toward the main "
        "text of "
        "this page, which is what every page type here has in common.</p>";
  struct Case {
    std::string head, url, want;
  };
  const std::vector<Case> cases = {
      {R"(<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-01-02"}</script>)",
       "https://x.example/a", "article"},
      {R"(<meta property="og:type" content="article"><meta property="article:published_time" content="2025-01-02">)",
       "https://x.example/a", "article"},
      {"", "https://x.example/news/2025/01/02/slug", "article"},
      {R"(<script type="application/ld+json">{"@type":"Product","name":"Kettle"}</script>)",
       "https://x.example/products/kettle", "other"},
      {"", "https://x.example/forum/thread/123", "other"},
      {"", "https://x.example/docs/install", "other"},
      {R"(<meta property="og:type" content="website">)", "https://x.example/",
       "other"},
  };
  for (const Case& c : cases) {
    Result<Extraction> r = ExtractPage(
        "<html><head>" + c.head + "</head><body>" + body + "</body></html>",
        c.url);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->page_type, c.want) << c.head << " " << c.url;
  }
}

TEST(ExtractTest, BylinesAndTitlesAreCleaned) {
  std::string body =
      "<p>Body text long enough to count as a paragraph of the article body "
      "for the test.</p>";
  Result<Extraction> r = ExtractPage(
      "<html><head><meta property=\"og:title\" content=\"useState \xE2\x80\x93 "
      "React\">"
      "<meta name=\"author\" content=\"By: Chris Carroll 30 Sep 2022 "
      "11:07am\"></head><body>"
      "<h1>useState</h1>" +
          body + "</body></html>",
      "");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->article.title, "useState");
  EXPECT_EQ(r->article.byline, "Chris Carroll");
}

// A page whose text is rendered by scripts: its description, not an empty
// text; a description that only repeats the title is no text.
TEST(ExtractTest, ScriptShellFallsBackToItsDescription) {
  const std::string shell = R"(<html><head><title>Ferry timetable thread</title>
<meta property="article:published_time" content="2025-02-20T14:19:26+00:00">
<meta property="og:description" content="Does anyone know whether the winter
timetable of the Marlow ferry starts in November or in December this year?">
</head><body><div id="app"></div><script>boot()</script></body></html>)";
  Result<Extraction> r = ExtractPage(shell, "https://forum.example/t/1");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->article.text.rfind("Does anyone know whether the winter", 0),
            0u);
  ASSERT_EQ(r->article.blocks.size(), 1u);
  EXPECT_EQ(shell.compare(r->article.blocks[0].source.begin, 5, "<meta"), 0);
  const std::string same = R"(<html><head><title>Ferry timetable thread</title>
<meta name="description" content="Ferry timetable thread">
</head><body><div id="app"></div></body></html>)";
  Result<Extraction> t = ExtractPage(same, "https://forum.example/t/2");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->article.text, "");
}

// A short article whose template wraps it in an <aside> (skipped as a
// sidebar unless it holds pages of prose) is kept when the page declares
// it the article's body.
TEST(ExtractTest, DeclaredArticleBodyInsideAnAsideIsKept) {
  const std::string html = R"(<html><head><title>Prize for Marlow novel</title>
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<main><aside class="pa-direct-content"><section itemscope
itemtype="http://schema.org/Article"><h1>Prize for Marlow novel</h1>
<div itemprop="articleBody"><p>A novel about the Marlow ferry strike won the
regional book prize on Monday, the jury said in Tesk.</p></div></section>
</aside><aside class="sidebar"><p>Most read: ferry timetable changes for the
winter season announced by the council.</p></aside></main></body></html>)";
  Result<Article> a = Extract(html, "https://harbour.example/prize");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->text.rfind("A novel about the Marlow ferry strike", 0), 0u)
      << a->text;
  EXPECT_EQ(a->text.find("Most read"), std::string::npos) << a->text;
}

// One row per cue of GuessKind, and look-alikes that stay news. The texts
// are invented.
TEST(ExtractTest, KindFromTheArticlesOwnWording) {
  struct Case {
    const char* title;
    const char* text;
    ArticleKind want;
  } cases[] = {
      {"Ferries and fares",
       "Body.\nThe views expressed here are the "
       "author's own.",
       ArticleKind::kOpinion},
      {"Ferries",
       "For the mayor the plan is a way to delay, writes Ana Ruiz\n"
       "Talks began in May.",
       ArticleKind::kOpinion},
      {"Fähren", "Ein Gastbeitrag von Jo Roe. Der Hafen …",
       ArticleKind::kOpinion},
      {"Паромы",
       "Текст.\nМнение автора может не совпадать с позицией "
       "редакции.",
       ArticleKind::kOpinion},
      {"Opinião: o porto merece mais", "Texto.", ArticleKind::kOpinion},
      {"Análisis: qué significa el acuerdo", "Texto.", ArticleKind::kAnalysis},
      {"Explainer: what the ferry vote means", "Text.",
       ArticleKind::kExplainer},
      {"What we know about the Marlow ferry fire", "Text.",
       ArticleKind::kExplainer},
      {"'Harbour Lights' review: a slow, lovely film", "Text.",
       ArticleKind::kReview},
      {"Marlow ferry vote – as it happened", "Text.", ArticleKind::kLiveBlog},
      {"Tesk Line opens route",
       "FOR IMMEDIATE RELEASE. Tesk Line today "
       "announced …\nMedia contact: desk@tesk.example",
       ArticleKind::kPressRelease},
      // Stay news.
      {"Court orders judicial review of ferry sale", "Text.",
       ArticleKind::kNews},
      {"Ferry sale under review", "Text.", ArticleKind::kNews},
      {"Mayor writes to council",
       "The mayor writes, the council answers, "
       "and nothing changes.",
       ArticleKind::kNews},
      {"Ferry sold", "The council said the sale would not reflect on fares.",
       ArticleKind::kNews},
  };
  for (const Case& c : cases) {
    EXPECT_STREQ(ArticleKindName(GuessKind(c.title, c.text)),
                 ArticleKindName(c.want))
        << c.title;
  }
}

// An infinite-scroll page: the next article, appended under its own
// headline, is not part of this one; a page whose title heads none of its
// articles (a blog's front page) is left whole.
TEST(ExtractTest, InfiniteScrollKeepsThePagesOwnArticle) {
  auto page = [](const std::string& title) {
    std::string first(40, ' '), second(40, ' ');
    std::string p1, p2;
    for (int i = 0; i < 8; ++i) {
      p1 +=
          "<p>The Marlow ferry vote passed by one voice after a night of "
          "debate, paragraph " +
          std::to_string(i) + ".</p>";
      p2 +=
          "<p>Tesk harbour dredging starts in spring, the port said in "
          "its notice, paragraph " +
          std::to_string(i) + ".</p>";
    }
    return "<html><head><title>" + title +
           "</title></head><body><main><article><h1>Ferry vote passes</h1>" +
           p1 + "</article><article><h1>Dredging starts in spring</h1>" + p2 +
           "</article></main></body></html>";
  };
  Result<Article> a = Extract(page("Ferry vote passes"), "https://h.example/1");
  ASSERT_TRUE(a.ok());
  EXPECT_NE(a->text.find("Marlow ferry vote"), std::string::npos);
  EXPECT_EQ(a->text.find("dredging"), std::string::npos) << a->text;
  Result<Article> front = Extract(page("Harbour Post"), "https://h.example/");
  ASSERT_TRUE(front.ok());
  EXPECT_NE(front->text.find("Marlow ferry vote"), std::string::npos);
  EXPECT_NE(front->text.find("dredging"), std::string::npos);
}

// After the article: a comment form's heading ends it, and a teaser heading
// in another language ("Читайте также") followed by short teasers starts
// the list that is cut.
TEST(ExtractTest, CommentFormsAndTeaserListsEndTheArticle) {
  std::string body;
  for (int i = 0; i < 6; ++i)
    body +=
        "<p>The Marlow ferry strike entered its third week on Monday, "
        "and the union said talks would resume, part " +
        std::to_string(i) + ".</p>";
  const std::string form =
      "<html><head><title>Strike</title></head><body><article>" + body +
      "<h3>Post Comment</h3><p>Your name <br>E-mail <br>The content of this "
      "field is kept private and will not be shown publicly.</p>"
      "</article></body></html>";
  Result<Article> a = Extract(form, "https://h.example/strike");
  ASSERT_TRUE(a.ok());
  EXPECT_NE(a->text.find("part 5."), std::string::npos);
  EXPECT_EQ(a->text.find("kept private"), std::string::npos) << a->text;
  const std::string teasers =
      "<html><head><title>Strike</title></head><body><article>" + body +
      "<h4>Читайте также</h4><p>Паром в Теск отменён</p>"
      "<p>Мэр Марлоу ответил профсоюзу</p></article></body></html>";
  Result<Article> b = Extract(teasers, "https://h.example/strike-ru");
  ASSERT_TRUE(b.ok());
  EXPECT_NE(b->text.find("part 5."), std::string::npos);
  EXPECT_EQ(b->text.find("Паром"), std::string::npos) << b->text;
}

// One row per kind, each with a look-alike of another kind. Hosts under
// .example are invented; the social networks and shops are the real ones
// because the rule is about them.
TEST(ExtractTest, LinksAreClassifiedByWhatTheyPointAt) {
  struct Case {
    const char* url;
    LinkKind want;
  } cases[] = {
      {"https://harbour.example/2019/11/14/ferry-sold-to-tesk-line",
       LinkKind::kArticle},
      {"https://harbour.example/news/446073", LinkKind::kArticle},
      {"https://harbour.example/politics/archive/2019/11/ferry-vote/601900/",
       LinkKind::kArticle},
      {"https://en.wikipedia.org/wiki/Marlow_Ferry", LinkKind::kArticle},
      {"https://harbour.example/video/?323534-1/ferry-vote",
       LinkKind::kArticle},
      {"https://council.example/docs/ferry-report.pdf", LinkKind::kDocument},
      {"https://www.congress.gov/bill/116th-congress/house-bill/2411/text",
       LinkKind::kDocument},
      {"https://twitter.com/jo_roe/status/1084627451983073280",
       LinkKind::kDocument},
      {"https://t.me/harbourpost/26574", LinkKind::kDocument},
      {"https://twitter.com/jo_roe", LinkKind::kProfile},
      {"https://t.me/harbourpost", LinkKind::kProfile},
      {"https://www.facebook.com/harbourpost/", LinkKind::kProfile},
      {"https://harbour.example/author/jo-roe/", LinkKind::kProfile},
      {"https://harbour.example/", LinkKind::kSection},
      {"https://harbour.example/opinion/", LinkKind::kSection},
      {"https://harbour.example/tag/ferries", LinkKind::kSection},
      {"https://harbour.example/topics/ferry-strike", LinkKind::kSection},
      {"https://harbour.example/newsletters/opinion/", LinkKind::kService},
      {"https://twitter.com/intent/tweet?text=x", LinkKind::kService},
      {"https://www.facebook.com/sharer/sharer.php?u=https://h.example/a",
       LinkKind::kService},
      {"https://amzn.to/2pWNJn1", LinkKind::kTracking},
      {"https://www.amazon.com/Echo/dp/B07HZLHPKP?tag=deals-20",
       LinkKind::kTracking},
      {"http://go.redirectingat.com/?id=1&url=https%3A%2F%2Fshop.example",
       LinkKind::kTracking},
      {"https://redirect.example/?go=fast&link=https%3A%2F%2Fa.example",
       LinkKind::kTracking},
      {"https://finance.yahoo.com/quote/0386.HK", LinkKind::kLookup},
      {"https://who.is/whois/harbour.example", LinkKind::kLookup},
      {"mailto:desk@harbour.example", LinkKind::kService},
  };
  for (const Case& c : cases) {
    EXPECT_STREQ(LinkKindName(ClassifyLink(c.url)), LinkKindName(c.want))
        << c.url;
  }
  EXPECT_TRUE(IsCitable(LinkKind::kDocument));
  EXPECT_TRUE(IsCitable(LinkKind::kArticle));
  EXPECT_FALSE(IsCitable(LinkKind::kProfile));
}

TEST(ExtractTest, LegacyCharsetIsDecoded) {
  std::string html =
      "<html><head><meta charset=\"windows-1252\"><title>Caf\xE9 "
      "news</title></head><body>"
      "<p>The caf\xE9 on the corner re-opened on Monday after a long "
      "renovation, its owner "
      "said.</p></body></html>";
  Result<Extraction> r = ExtractPage(html, "");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->charset, "windows-1252");
  EXPECT_TRUE(IsValidUtf8(r->article.text));
  EXPECT_NE(r->article.text.find("caf\xC3\xA9"), std::string::npos);
}

TEST(ExtractTest, BadInputIsBoundedAndReported) {
  EXPECT_EQ(ExtractPage("", "").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ExtractPage("   \n ", "").status().code(),
            StatusCode::kInvalidArgument);
  Options small;
  small.max_input_bytes = 1000;
  EXPECT_EQ(ExtractPage(std::string(2000, 'x'), "", small).status().code(),
            StatusCode::kResourceExhausted);
  // Invalid UTF-8 in a page that claims UTF-8: output is valid UTF-8.
  Result<Extraction> r = ExtractPage(
      "<meta charset=utf-8><p>Bad bytes \xFF\xFE here in a long enough "
      "paragraph of text.</p>",
      "");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(IsValidUtf8(r->article.text));
  // Deep nesting: bounded, no crash.
  std::string deep;
  for (int i = 0; i < 10000; ++i) deep += "<div>";
  deep +=
      "<p>Deep text that is long enough to be a paragraph of an article.</p>";
  EXPECT_NO_FATAL_FAILURE(ExtractPage(deep, ""));
  // A million levels (one hostile page can stall a crawl round in the
  // parser): refused before parsing, with the budget named.
  std::string hostile;
  for (int i = 0; i < 1000000; ++i) hostile += "<div>";
  Result<Extraction> h = ExtractPage(hostile, "");
  EXPECT_EQ(h.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(h.status().message().find("max_markup_depth"), std::string::npos);
  // Binary garbage.
  std::string garbage;
  for (int i = 0; i < 5000; ++i)
    garbage.push_back(static_cast<char>((i * 7919) % 256));
  EXPECT_NO_FATAL_FAILURE(ExtractPage(garbage, ""));
  // Truncated HTML.
  Result<Extraction> t =
      ExtractPage("<html><body><p>Cut off in the middle of a paragraph th", "");
  EXPECT_TRUE(t.ok());
  // A frameset and a page of scripts only: no title, no text — a clear
  // error, not an empty article.
  EXPECT_EQ(ExtractPage("<html><frameset><frame src=\"a.html\"><frame "
                        "src=\"b.html\"></frameset></html>",
                        "")
                .status()
                .code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(ExtractPage("<html><head><script>var a = '<p>x</p>';</script>"
                        "</head><body><script src=\"app.js\"/><script>"
                        "boot()</script></body></html>",
                        "")
                .status()
                .code(),
            StatusCode::kInvalidArgument);
  // 10 MB of paragraphs: the text stops at max_text_bytes, at a block
  // boundary.
  std::string big = "<html><body><article>";
  for (int i = 0; big.size() < (10u << 20); ++i)  // distinct: not copies
    big +=
        "<p>The ferry ran late again on Tuesday, and the council said "
        "report " +
        std::to_string(i) + " on the delays would follow.</p>";
  big += "</article></body></html>";
  Options opts;
  Result<Extraction> b = ExtractPage(big, "", opts);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_LE(b->article.text.size(), opts.max_text_bytes);
  EXPECT_GT(b->article.text.size(), opts.max_text_bytes / 2);
  EXPECT_EQ(b->article.text.back(), '.');
}

// Every page of the sample newsroom: boilerplate from the outlet templates
// never reaches the article text.
TEST(ExtractTest, SampleNewsroomPagesAreClean) {
  namespace fs = std::filesystem;
  int pages = 0;
  for (const auto& e :
       fs::directory_iterator(STORYLINE_SOURCE_DIR "/samples/newsroom")) {
    if (e.path().extension() != ".html") continue;
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    Result<Extraction> r = ExtractPage(ss.str(), "");
    ASSERT_TRUE(r.ok()) << e.path();
    const Article& a = r->article;
    ++pages;
    EXPECT_FALSE(a.title.empty()) << e.path();
    EXPECT_FALSE(a.outlet.empty()) << e.path();
    EXPECT_GT(a.published, 0) << e.path();
    EXPECT_GE(a.blocks.size(), 3u) << e.path();
    for (const char* junk :
         {"EXCLUSIVE", "cookie", "Sign up", "newsletter", "Newsletter",
          "Share on", "Donate", "Advertisement", "Comments (",
          "All rights reserved", "Read more", "Photo:", "Trending", "Follow us",
          "Redistribution", "Compartir", "Nous utilisons"}) {
      EXPECT_EQ(a.text.find(junk), std::string::npos)
          << junk << " in " << e.path();
    }
  }
  EXPECT_GE(pages, 120);
}

}  // namespace
}  // namespace storyline::extract
