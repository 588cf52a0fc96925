#include "cluster/news.h"

#include <gtest/gtest.h>

namespace storyline::cluster {
namespace {

struct Case {
  const char* title;
  const char* url;
  bool news;
};

// Our own titles, written to exercise each cue and the look-alikes that must
// stay news.
TEST(NewsTest, CuesDecidePageKinds) {
  const Case cases[] = {
      {"Save $120 on the Orbis X2 headphones this weekend",
       "https://a.example/tech/orbis", false},
      {"The Lumen tablet is 30% off at Brightmart", "https://a.example/x",
       false},
      {"Скидки на наушники Orbis: лучшие предложения недели",
       "https://a.example/x", false},
      {"Offerte e sconti su console e giochi del 12/11", "https://a.example/x",
       false},
      {"Гороскоп на пятницу, 8 ноября", "https://a.example/x", false},
      {"Синоптики обещают похолодание до -12 в выходные", "https://a.example/x",
       false},
      {"Глобальное потепление ускорилось, говорят климатологи",
       "https://a.example/x", true},
      {"Oroscopo di domani per tutti i segni", "https://a.example/x", false},
      {"Winning numbers drawn in 'Daily 4 Evening' game", "https://a.example/x",
       false},
      {"Ecco le previsioni di domani, 12 novembre", "https://a.example/x",
       false},
      {"Resultado da Mega Sena Concurso 3001 de hoje, sábado",
       "https://a.example/x", false},
      {"How to set up two-factor login on your phone", "https://a.example/x",
       false},
      {"15 способов сэкономить на продуктах", "https://a.example/x", false},
      {"7 reasons to visit Lake Ordis in winter", "https://a.example/x", false},
      {"[РЕЛИЗ] Группа NOVA представила тизер клипа", "https://a.example/x",
       false},
      {"120 θέσεις εργασίας στον ιδιωτικό τομέα", "https://a.example/x", false},
      {"Harold J. Vance", "https://paper.example/obituaries/harold-vance/1",
       false},
      {"Cooling tips for the weekend", "https://a.example/deals/fans", false},
      {"Orbis X2 headphones are $70 off ahead of Black Friday",
       "https://a.example/x", false},
      {"Contest: win a copy of Harbour Lights for your console",
       "https://a.example/x", false},
      {"What are you playing this weekend?", "https://a.example/x", false},
      {"Big sports events today on TV", "https://a.example/x", false},
      {"В субботу в Валмере ожидается до +15", "https://a.example/x", false},
      {"Регистрация открыта! Форум портовиков стартует в мае",
       "https://a.example/x", false},
      {"Hold Orbis Motors; target of Rs 310: Northbank Securities",
       "https://a.example/x", false},
      {"Buy Lumen Foods: price target 48, says Harbor Capital",
       "https://a.example/x", false},
      {"Top buy and sell ideas from three analysts for the week",
       "https://a.example/x", false},
      {"Black Friday: Brightmart's biggest deals on tablets",
       "https://a.example/x", false},
      // Look-alikes that report a happening.
      {"Ordis striker on target as hosts lose the opener",
       "https://a.example/x", true},
      {"Brightmart shares fall as Black Friday sales disappoint",
       "https://a.example/x", true},
      {"Harbor Capital agrees to buy Lumen Foods; regulators to review",
       "https://a.example/x", true},
      {"Court upholds reduced sentence: sconti di pena confirmed",
       "https://a.example/x", true},
      {"Union offers a recipe for ending the dock strike",
       "https://a.example/x", true},
      {"Storm warning: forecasters expect gales on the coast tonight",
       "https://a.example/x", true},
      {"12 killed as bus plunges into ravine near Darsk", "https://a.example/x",
       true},
      {"Trade deals top the agenda as ministers meet in Valmera",
       "https://a.example/x", true},
      {"Black Friday shoppers queue outside Brightmart after fire alarm",
       "https://a.example/x", true},
      {"Fuel price cut of 5 cents takes effect as strike ends",
       "https://a.example/x", true},
      {"Жара до 40 градусов: в Дарске умерли трое", "https://a.example/x",
       true},
      {"Ferry operator wins contest for Marlow route", "https://a.example/x",
       true},
      {"", "", true},
  };
  for (const Case& c : cases) {
    Article a;
    a.title = c.title;
    a.url = c.url;
    NewsVerdict v = ClassifyNews(a);
    EXPECT_EQ(v.news, c.news) << c.title << " (" << v.cue << ")";
    EXPECT_EQ(v.cue.empty(), v.news) << c.title;
  }
}

// A paid death notice by its funeral arrangements; a report of a death
// that names survivors stays news.
TEST(NewsTest, DeathNoticesByTheirArrangements) {
  Article notice;
  notice.title = "Harold J. Vance";
  notice.text =
      "Harold J. Vance, 84, of Marlow passed away on Nov. 2. He is survived "
      "by his wife Ada. Visitation will be held Friday at Tesk Chapel. In "
      "lieu of flowers, donations may be made to the harbour fund.";
  EXPECT_FALSE(IsNews(notice));
  Article report;
  report.title = "Ferry captain dies after rescue at sea";
  report.text =
      "The captain who pulled eleven people from the water died on Monday, "
      "the operator said. He is survived by two daughters.";
  EXPECT_TRUE(IsNews(report));
}

TEST(NewsTest, CanonicalUrlWinsOverFetchedUrl) {
  Article a;
  a.title = "Martha Ellis";
  a.url = "https://paper.example/story/1";
  a.canonical_url = "https://paper.example/obituaries/martha-ellis";
  EXPECT_FALSE(IsNews(a));
}

}  // namespace
}  // namespace storyline::cluster
