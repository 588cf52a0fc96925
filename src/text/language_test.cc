#include <gtest/gtest.h>

#include "text/text.h"

namespace storyline::text {
namespace {

TEST(LanguageTest, DetectsNewsroomLanguages) {
  struct Case {
    const char* text;
    const char* lang;
  };
  const Case cases[] = {
      {"The transport minister resigned on Monday after a report found that "
       "warnings about "
       "the bridge had been ignored for years.",
       "en"},
      {"Der Verkehrsminister ist am Montag zurückgetreten, nachdem ein Bericht "
       "zeigte, dass "
       "Warnungen über die Brücke jahrelang ignoriert worden waren.",
       "de"},
      {"Le ministre des transports a démissionné lundi après qu'un rapport a "
       "montré que les "
       "avertissements sur le pont avaient été ignorés pendant des années.",
       "fr"},
      {"El ministro de transportes dimitió el lunes después de que un informe "
       "mostrara que las "
       "advertencias sobre el puente habían sido ignoradas durante años.",
       "es"},
  };
  for (const Case& c : cases)
    EXPECT_EQ(DetectLanguage(c.text), c.lang) << c.text;
}

TEST(LanguageTest, EmptyAndGarbage) {
  EXPECT_EQ(DetectLanguage(""), "");
  std::string garbage = "\xFF\xFE\x00\x01 12345 !!!";
  EXPECT_NO_FATAL_FAILURE(DetectLanguage(garbage));
}

}  // namespace
}  // namespace storyline::text
