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
  // Short lists of the commonest function words of the other languages
  // of the real stream, so their words are trusted from the first article
  // (the clusterer learns the rest from document frequencies).
  static const std::set<std::string> ru = {
      "и",       "в",       "во",    "не",     "что", "он",   "на",    "я",
      "с",       "со",      "как",   "а",      "то",  "все",  "она",   "так",
      "его",     "но",      "да",    "ты",     "к",   "у",    "же",    "вы",
      "за",      "бы",      "по",    "только", "ее",  "мне",  "было",  "вот",
      "от",      "меня",    "еще",   "нет",    "о",   "из",   "ему",   "теперь",
      "когда",   "уже",     "для",   "при",    "это", "этот", "этого", "также",
      "который", "которые", "году",  "после",  "был", "была", "были",  "будет",
      "их",      "они",     "между", "об",     "до"};
  static const std::set<std::string> it = {
      "il",   "lo",     "la",    "i",     "gli",   "le",    "un",   "uno",
      "una",  "di",     "a",     "da",    "in",    "con",   "su",   "per",
      "tra",  "fra",    "e",     "o",     "ma",    "che",   "non",  "si",
      "del",  "della",  "dei",   "delle", "al",    "alla",  "nel",  "nella",
      "sul",  "è",      "sono",  "ha",    "hanno", "anche", "come", "più",
      "dopo", "questo", "questa"};
  static const std::set<std::string> pt = {
      "o",   "a",    "os",     "as",   "um",   "uma",   "de",   "do",
      "da",  "dos",  "das",    "em",   "no",   "na",    "nos",  "nas",
      "por", "para", "com",    "e",    "ou",   "mas",   "que",  "não",
      "se",  "é",    "são",    "foi",  "ao",   "à",     "mais", "como",
      "seu", "sua",  "também", "pelo", "pela", "disse", "após"};
  static const std::set<std::string> nl = {
      "de",   "het",  "een",   "en",    "of",     "maar", "in",  "op",  "aan",
      "met",  "voor", "van",   "door",  "naar",   "bij",  "uit", "is",  "zijn",
      "was",  "werd", "wordt", "heeft", "hebben", "dat",  "die", "dit", "er",
      "niet", "ook",  "als",   "om",    "te",     "zo",   "nog", "al"};
  static const std::set<std::string> el = {
      "ο",     "η",   "το",    "οι",   "τα",   "του",  "της", "των",
      "τον",   "την", "στο",   "στη",  "στην", "στον", "στα", "στις",
      "στους", "και", "να",    "με",   "σε",   "για",  "από", "που",
      "θα",    "δεν", "είναι", "ότι",  "ένα",  "μια",  "μία", "αλλά",
      "ή",     "τις", "τους",  "κατά", "μετά", "όπως", "έχει"};
  static const std::set<std::string> fa = {
      "و",    "در",  "به",  "از",  "که",  "این",  "را",   "با", "است",
      "برای", "آن",  "یک",  "تا",  "بر",  "هم",   "نیز",  "می", "شد",
      "شده",  "کرد", "کند", "های", "ها",  "بود",  "خود",  "وی", "او",
      "اما",  "یا",  "پس",  "هر",  "شود", "کرده", "باید", "گفت"};
  static const std::set<std::string> ar = {
      "في",   "من",  "على", "إلى", "عن",  "مع",  "أن",   "إن",  "التي",
      "الذي", "هذا", "هذه", "ذلك", "تلك", "كان", "كانت", "قد",  "لا",
      "ما",   "و",   "أو",  "ثم",  "بعد", "قبل", "بين",  "حتى", "كل",
      "وقد",  "وفي", "إلا", "لم",  "لن",  "هو",  "هي",   "عند", "أي"};
  if (lang == "ru") return &ru;
  if (lang == "it") return &it;
  if (lang == "pt") return &pt;
  if (lang == "nl") return &nl;
  if (lang == "el") return &el;
  if (lang == "fa") return &fa;
  if (lang == "ar") return &ar;
  if (lang == "en") return &en;
  if (lang == "de") return &de;
  if (lang == "fr") return &fr;
  if (lang == "es") return &es;
  return nullptr;
}

}  // namespace storyline::text::internal
