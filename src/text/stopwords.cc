// Stopword lists for the languages the sample newsroom and the evaluation
// sets use. Short on purpose: only function words that carry no topic.
#include "text/internal/stopwords.h"

#include <set>
#include <string>

namespace storyline::text::internal {

const std::set<std::string>* Stopwords(const std::string& lang) {
  static const std::set<std::string> en = {
      "a",       "about",     "after",    "again",   "against",   "all",
      "also",    "am",        "an",       "and",     "any",       "are",
      "as",      "at",        "be",       "because", "been",      "before",
      "being",   "between",   "both",     "but",     "by",        "can",
      "could",   "did",       "do",       "does",    "doing",     "down",
      "during",  "each",      "few",      "for",     "from",      "further",
      "had",     "has",       "have",     "having",  "he",        "her",
      "here",    "hers",      "herself",  "him",     "himself",   "his",
      "how",     "i",         "if",       "in",      "into",      "is",
      "it",      "its",       "itself",   "just",    "me",        "more",
      "most",    "my",        "no",       "nor",     "not",       "now",
      "of",      "off",       "on",       "once",    "only",      "or",
      "other",   "our",       "ours",     "out",     "over",      "own",
      "said",    "same",      "says",     "she",     "should",    "so",
      "some",    "such",      "than",     "that",    "the",       "their",
      "them",    "then",      "there",    "these",   "they",      "this",
      "those",   "through",   "to",       "too",     "under",     "until",
      "up",      "very",      "was",      "we",      "were",      "what",
      "when",    "where",     "which",    "while",   "who",       "whom",
      "why",     "will",      "with",     "would",   "you",       "your",
      "s",       "t",         "say",      "told",    "according", "new",
      "one",     "two",       "last",     "year",    "week",      "monday",
      "tuesday", "wednesday", "thursday", "friday",  "saturday",  "sunday",
      "mr",      "ms",        "mrs",      "dr",      "may",       "since",
      "still",   "yet",       "amid",     "per",     "via",       "well",
      "like",    "many",      "much"};
  static const std::set<std::string> de = {
      "der",    "die",   "das",   "den",   "dem",    "des",   "ein",    "eine",
      "einen",  "einem", "einer", "eines", "und",    "oder",  "aber",   "in",
      "im",     "an",    "am",    "auf",   "aus",    "bei",   "mit",    "nach",
      "von",    "vom",   "zu",    "zum",   "zur",    "für",   "über",   "unter",
      "vor",    "ist",   "sind",  "war",   "waren",  "wird",  "werden", "wurde",
      "wurden", "hat",   "haben", "hatte", "es",     "er",    "sie",    "wir",
      "ihr",    "ich",   "sich",  "nicht", "auch",   "als",   "wie",    "dass",
      "so",     "noch",  "nur",   "bis",   "sagte",  "am",    "seit",   "um",
      "man",    "kein",  "keine", "diese", "dieser", "dieses"};
  static const std::set<std::string> fr = {
      "le",    "la",       "les",   "un",       "une",    "des",     "du",
      "de",    "d",        "l",     "et",       "ou",     "mais",    "en",
      "dans",  "sur",      "sous",  "par",      "pour",   "avec",    "sans",
      "au",    "aux",      "ce",    "cette",    "ces",    "est",     "sont",
      "était", "été",      "a",     "ont",      "avait",  "il",      "elle",
      "ils",   "elles",    "nous",  "vous",     "je",     "se",      "qui",
      "que",   "qu",       "ne",    "pas",      "plus",   "son",     "sa",
      "ses",   "leur",     "leurs", "selon",    "a-t-il", "déclaré", "mardi",
      "lundi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"};
  static const std::set<std::string> es = {
      "el",    "la",     "los",   "las",   "un",    "una",   "unos",    "unas",
      "y",     "o",      "pero",  "en",    "de",    "del",   "al",      "a",
      "por",   "para",   "con",   "sin",   "sobre", "que",   "es",      "son",
      "fue",   "fueron", "era",   "ha",    "han",   "había", "se",      "su",
      "sus",   "lo",     "le",    "les",   "no",    "más",   "como",    "este",
      "esta",  "estos",  "estas", "según", "dijo",  "ya",    "también", "muy",
      "entre", "hasta",  "desde"};
  if (lang == "en") return &en;
  if (lang == "de") return &de;
  if (lang == "fr") return &fr;
  if (lang == "es") return &es;
  return nullptr;
}

}  // namespace storyline::text::internal
