#include <gtest/gtest.h>

#include "text/text.h"

namespace storyline::text {
namespace {

struct Case {
  const char* a;
  const char* b;
  bool same;
};

TEST(NameKeyTest, RomanisationsOfOneNameMeet) {
  const Case cases[] = {
      // Cyrillic and Latin spellings (stems and inflected forms).
      {"Трамп", "Trump", true},
      {"Трампа", "trump", true},
      {"Байден", "Biden", true},
      {"зеленск", "zelenski", true},
      {"Йованович", "Yovanovitch", true},
      {"Сондленд", "Sondland", true},
      {"Вашингтон", "Washington", true},
      {"Меркель", "Merkel", true},
      {"Чибис", "Chibis", true},
      {"Пономарев", "Ponomarev", true},
      {"Erdoğan", "Erdogan", true},
      {"Łódź", "Lodz", true},
      // Different names stay apart.
      {"Trump", "Biden", false},
      {"Путин", "Pelosi", false},
      {"Kessby", "Norrvik", false},
      {"Place7", "Place8", false},
  };
  for (const Case& c : cases) {
    std::string ka = NameKey(c.a), kb = NameKey(c.b);
    EXPECT_FALSE(ka.empty()) << c.a;
    EXPECT_EQ(ka == kb, c.same)
        << c.a << " -> " << ka << ", " << c.b << " -> " << kb;
  }
}

TEST(NameKeyTest, ShortOrOverlongNamesHaveNoKey) {
  EXPECT_EQ(NameKey("Mali"), "");  // two consonants: too short to tell apart
  EXPECT_EQ(NameKey("Оон"), "");
  EXPECT_EQ(NameKey(""), "");
  EXPECT_EQ(NameKey(std::string(65, 'b')), "");
  EXPECT_EQ(NameKey("日本"), NameKey("日本"));  // no crash; stable
}

TEST(NameKeyTest, TitlesBeforeNames) {
  for (const char* w : {"Mayor", "Dr.", "Sen.", "Prime", "Queen", "Mr"})
    EXPECT_TRUE(IsTitleWord(w)) << w;
  for (const char* w : {"Valmera", "mayor", "Warnke", "", "Doctor Who"})
    EXPECT_FALSE(IsTitleWord(w)) << w;
}

}  // namespace
}  // namespace storyline::text
