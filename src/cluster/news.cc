// Cue tables for news vs not. Titles and URL paths are ICU-lower-cased once;
// each cue is a substring (or a title prefix) that names a kind of page.
#include "cluster/news.h"

#include <re2/re2.h>

#include <string_view>

#include "common/strings.h"
#include "text/text.h"

namespace storyline::cluster {
namespace {

struct Cue {
  const char* kind;
  const char* text;
};

// Anywhere in the lower-cased title.
constexpr Cue kTitleCues[] = {
    // Shopping: price cuts, sales, coupons.
    {"deal", "% off"},
    {"deal", "$ off"},
    {"deal", "save $"},
    {"deal", "save up to"},
    {"deal", "on sale for"},
    {"deal", "is on sale"},
    {"deal", "best deals"},
    {"deal", "black friday deal"},
    {"deal", "cyber monday deal"},
    {"deal", "coupon"},
    {"deal", "promo code"},
    {"deal", "скидк"},
    {"deal", "распродаж"},
    {"deal", "промокод"},
    {"deal", "раздают бесплатно"},
    {"deal", "offerte"},
    {"deal", "sconti su"},
    {"deal", "volantino"},
    {"deal", "εκπτώσεις"},
    {"deal", "angebote"},
    {"deal", "gutschein"},
    {"deal", "soldes"},
    {"deal", "ofertas"},
    {"deal", "تخفیف"},
    // Horoscopes.
    {"horoscope", "horoscope"},
    {"horoscope", "гороскоп"},
    {"horoscope", "астрологическ"},
    {"horoscope", "oroscopo"},
    {"horoscope", "ωροσκόπ"},
    {"horoscope", "horoskop"},
    {"horoscope", "horóscopo"},
    {"horoscope", "فال روز"},
    // Lottery draws.
    {"lottery", "winning numbers"},
    {"lottery", "lotto results"},
    {"lottery", "результаты тиража"},
    {"lottery", "superenalotto"},
    {"lottery", "estrazioni del lotto"},
    {"lottery", "κλήρωση τζόκερ"},
    {"lottery", "lottozahlen"},
    {"lottery", "resultado da mega"},
    {"lottery", "resultado da lotof"},
    {"lottery", "resultado da lotomania"},
    {"lottery", "resultado da quina"},
    {"lottery", "resultado da dupla sena"},
    {"lottery", "não tem sorteio"},
    {"lottery", "resultados de la lotería"},
    {"lottery", "sorteo de la lotería"},
    // Routine weather forecasts.
    {"forecast", "weather forecast"},
    {"forecast", "прогноз погоды"},
    {"forecast", "о погоде"},
    {"forecast", "синоптик"},
    {"forecast", "похолода"},
    {"forecast", "потепление до"},
    {"forecast", "погода на выходные"},
    {"forecast", "previsioni meteo"},
    {"forecast", "previsioni di domani"},
    {"forecast", "μερομήνια"},
    {"forecast", "wettervorhersage"},
    {"forecast", "prévisions météo"},
    {"forecast", "پیش‌بینی هوا"},
    {"forecast", "درجه‌ای دما"},
    // Guides, how-tos, listings of things to do. (Recipes only by URL:
    // "la ricetta di Confartigianato" is a metaphor.)
    {"guide", "how to "},
    {"guide", "πώς να"},
    {"guide", "wie man"},
    {"guide", "comment faire"},
    {"guide", "cómo hacer"},
    {"guide", "как сделать"},
    {"guide", "как выбрать"},
    {"guide", "come fare"},
    {"guide", "dove trovarla"},
    {"guide", "where to find"},
    {"guide", "cosa fare"},
    {"guide", "things to do"},
    {"guide", "куда пойти"},
    // Job listings.
    {"jobs", "θέσεις εργασίας"},
    {"jobs", "job openings"},
    {"jobs", "offerte di lavoro"},
    {"jobs", "вакансии"},
    // Community posts, listings of what is on, sign-up promotions.
    {"community", "open thread"},
    {"community", "what are you playing"},
    {"community", "best and worst comments"},
    {"listing", "on tv today"},
    {"listing", "what's on tv"},
    {"listing", "sports events today"},
    {"listing", "tv listings"},
    {"listing", "телепрограмма"},
    {"listing", "программа передач"},
    {"promo", "registration is open"},
    {"promo", "registration now open"},
    {"promo", "регистрация открыта"},
    {"broker note", "buy and sell ideas"},
    {"broker note", "stocks to buy"},
};

// At the start of the lower-cased title.
constexpr Cue kTitlePrefixes[] = {
    {"release", "[релиз]"},
    {"release", "[release]"},
    {"list", "top "},
    {"list", "the best "},
    {"list", "лучшие "},
    {"list", "i migliori "},
    {"giveaway", "contest:"},
    {"giveaway", "giveaway:"},
    {"giveaway", "win a "},
    {"giveaway", "win an "},
    {"giveaway", "sweepstakes"},
};

// Words that make "<number> …" at the start of a title a listicle.
constexpr const char* kListWords[] = {
    "ways",   "things", "tips",   "reasons", "best",    "stunning", "способ",
    "самых",  "лучших", "причин", "cose",    "modi",    "consigli", "motivi",
    "τρόποι", "λόγοι",  "dinge",  "choses",  "raisons", "cosas",    "razones"};

// In the lower-cased URL path: sections that hold no reporting.
constexpr Cue kPathCues[] = {
    {"deal", "/deals/"},          {"deal", "/good-deals/"},
    {"deal", "/skidki/"},         {"deal", "/coupons/"},
    {"deal", "/offerte/"},        {"horoscope", "/horoscope"},
    {"horoscope", "/oroscopo"},   {"horoscope", "/goroskop"},
    {"forecast", "/meteo/"},      {"forecast", "/weather/forecast"},
    {"obituary", "/obituaries/"}, {"obituary", "/obituary/"},
    {"obituary", "/obits/"},      {"obituary", "/necrologi"},
    {"guide", "/how-to/"},        {"guide", "/recipes/"},
    {"guide", "/ricette/"},
};

bool Contains(std::string_view s, std::string_view needle) {
  return s.find(needle) != std::string_view::npos;
}

// "15 способов …", "10 best …": a small number opening the title, with a
// list word among the next few words.
bool IsListicle(std::string_view title) {
  size_t i = 0;
  while (i < title.size() && title[i] >= '0' && title[i] <= '9') ++i;
  if (i == 0 || i > 2 || i >= title.size() || title[i] != ' ') return false;
  std::string_view rest = title.substr(i + 1, 60);
  for (const char* w : kListWords)
    if (Contains(rest, w)) return true;
  return false;
}

// "$70 off", "€ 20 off", "£5 off": a price cut in the title.
bool IsPriceCut(const std::string& title) {
  static const RE2 kCut(
      R"((?:[$\x{20ac}\x{a3}] ?\d[\d.,]* off\b|\d[\d.,]* ?(?:\$|\x{20ac}|)"
      R"(\x{a3}|euros?|dollars?) off\b))");
  return RE2::PartialMatch(title, kCut);
}

// A routine temperature forecast: "ожидается до +15", "ночью до -20",
// "заморозки до": a signed figure. ("Жара в 40 градусов" stays news.)
bool IsTemperatureForecast(const std::string& title) {
  static const RE2 kTemp(
      R"((?:ожидается до [+\x{2212}-]?\d|до [+\x{2212}-]\d+|заморозки до))");
  return RE2::PartialMatch(title, kTemp);
}

// A broker's recommendation: "Hold X; target of Rs 75: Broker", "Buy Y:
// price target 40". A rating word opens the title and a target follows
// after a semicolon or colon ("Cavani on target" stays news).
bool IsBrokerNote(const std::string& title) {
  static const RE2 kNote(
      R"(^(?:buy|sell|hold|accumulate|reduce|add|neutral|outperform|)"
      R"(underperform|overweight|underweight) [^;:]{1,80}[;:] ?(?:price )?)"
      R"(target\b)");
  return RE2::PartialMatch(title, kNote);
}

// A sale-event roundup: "Black Friday 2019: Best Buy's biggest deals".
bool IsSaleRoundup(std::string_view title) {
  return (Contains(title, "black friday") || Contains(title, "cyber monday") ||
          Contains(title, "prime day")) &&
         Contains(title, "deals");
}

// A paid death notice: funeral arrangements, "in lieu of flowers".
bool IsDeathNotice(std::string_view text) {
  std::string l = text::ToLower(text.substr(0, 4000));
  if (Contains(l, "in lieu of flowers")) return true;
  return Contains(l, "survived by") &&
         (Contains(l, "visitation") || Contains(l, "funeral service") ||
          Contains(l, "memorial service") ||
          Contains(l, "celebration of life"));
}

std::string_view PathOf(std::string_view url) {
  size_t scheme = url.find("://");
  size_t from = scheme == std::string_view::npos ? 0 : scheme + 3;
  size_t slash = url.find('/', from);
  return slash == std::string_view::npos ? std::string_view()
                                         : url.substr(slash);
}

}  // namespace

NewsVerdict ClassifyNews(const Article& a) {
  NewsVerdict v;
  std::string title = text::ToLower(Trim(a.title).substr(0, 400));
  for (const Cue& c : kTitleCues) {
    if (Contains(title, c.text)) {
      v.news = false;
      v.cue = std::string(c.kind) + ": title has \"" + c.text + "\"";
      return v;
    }
  }
  for (const Cue& c : kTitlePrefixes) {
    if (StartsWith(title, c.text)) {
      v.news = false;
      v.cue = std::string(c.kind) + ": title opens with \"" + c.text + "\"";
      return v;
    }
  }
  if (IsListicle(title)) {
    v.news = false;
    v.cue = "list: title opens with a number and a list word";
    return v;
  }
  if (IsPriceCut(title)) {
    v.news = false;
    v.cue = "deal: title names a price cut";
    return v;
  }
  if (IsBrokerNote(title)) {
    v.news = false;
    v.cue = "broker note: a rating and a price target";
    return v;
  }
  if (IsSaleRoundup(title)) {
    v.news = false;
    v.cue = "deal: a sale-event roundup";
    return v;
  }
  if (IsTemperatureForecast(title)) {
    v.news = false;
    v.cue = "forecast: title gives a temperature";
    return v;
  }
  if (IsDeathNotice(a.text)) {
    v.news = false;
    v.cue = "obituary: funeral arrangements in the text";
    return v;
  }
  std::string path =
      AsciiLower(PathOf(a.canonical_url.empty() ? a.url : a.canonical_url));
  for (const Cue& c : kPathCues) {
    if (Contains(path, c.text)) {
      v.news = false;
      v.cue = std::string(c.kind) + ": URL section \"" + c.text + "\"";
      return v;
    }
  }
  return v;
}

}  // namespace storyline::cluster
