// Civil-date conversions use the classic era/day-of-era decomposition of
// the Gregorian 400-year cycle, so they are exact for any year.
#include "common/time.h"

#include <cctype>
#include <cstdio>
#include <iterator>
#include <utility>
#include <vector>

#include "common/strings.h"

namespace storyline {

const char* const kMonthAbbrev[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
const char* const kMonthName[12] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
const char* const kWeekdayName[7] = {"Monday",   "Tuesday", "Wednesday",
                                     "Thursday", "Friday",  "Saturday",
                                     "Sunday"};

namespace {

std::string_view Bare(std::string_view w) {
  if (!w.empty() && w.back() == '.') w.remove_suffix(1);
  return w;
}

bool Has(NameForm form, NameForm want) {
  return (static_cast<int>(form) & static_cast<int>(want)) != 0;
}

bool SameAscii(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

}  // namespace

int EnglishMonth(std::string_view word, NameForm form) {
  std::string_view w = Bare(word);
  for (int m = 0; m < 12; ++m) {
    if (Has(form, NameForm::kFull) && SameAscii(w, kMonthName[m])) return m + 1;
    if (Has(form, NameForm::kAbbreviated) && m != 4 &&
        SameAscii(w, kMonthAbbrev[m]))
      return m + 1;
  }
  if (Has(form, NameForm::kAbbreviated) && SameAscii(w, "sept")) return 9;
  return 0;
}

int MonthInAnyLanguage(std::string_view word) {
  static const char* const kOther[][12] = {
      {"januar", "februar", "m\xC3\xA4rz", "april", "mai", "juni", "juli",
       "august", "september", "oktober", "november", "dezember"},
      {"janvier", "f\xC3\xA9vrier", "mars", "avril", "mai", "juin", "juillet",
       "ao\xC3\xBBt", "septembre", "octobre", "novembre",
       "d\xC3\xA9"
       "cembre"},
      {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
       "septiembre", "octubre", "noviembre", "diciembre"}};
  if (int m = EnglishMonth(word)) return m;
  std::string_view w = Bare(word);
  for (const auto& names : kOther)
    for (int m = 0; m < 12; ++m)
      if (SameAscii(w, names[m])) return m + 1;
  return 0;
}

int EnglishWeekday(std::string_view word, NameForm form) {
  static const char* const kAbbrev[] = {"mon",  "tue",   "tues", "wed", "thu",
                                        "thur", "thurs", "fri",  "sat", "sun"};
  static const int kDay[] = {0, 1, 1, 2, 3, 3, 3, 4, 5, 6};
  std::string_view w = Bare(word);
  if (Has(form, NameForm::kFull))
    for (int d = 0; d < 7; ++d)
      if (SameAscii(w, kWeekdayName[d])) return d;
  if (Has(form, NameForm::kAbbreviated))
    for (size_t i = 0; i < std::size(kAbbrev); ++i)
      if (SameAscii(w, kAbbrev[i])) return kDay[i];
  return -1;
}

int64_t DaysFromCivil(int y, int m, int d) {
  int64_t yy = y - (m <= 2 ? 1 : 0);
  int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
  int64_t yoe = yy - era * 400;                         // [0, 399]
  int64_t mp = (m + 9) % 12;                            // March = 0
  int64_t doy = (153 * mp + 2) / 5 + d - 1;             // [0, 365]
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;  // [0, 146096]
  return era * 146097 + doe - 719468;
}

CivilDay CivilFromDays(int64_t z) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  int y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
  return {y, m, d};
}

static int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

CivilDay CivilFromUnix(int64_t s) { return CivilFromDays(FloorDiv(s, 86400)); }
int64_t UnixFromCivil(const CivilDay& d) {
  return DaysFromCivil(d.year, d.month, d.day) * 86400;
}
int Weekday(int64_t days) {
  // 1970-01-01 was a Thursday (3).
  int64_t w = (days + 3) % 7;
  if (w < 0) w += 7;
  return static_cast<int>(w);
}

int DaysInMonth(int y, int m) {
  static const int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return kDays[m - 1];
}

bool IsValidDay(int y, int m, int d) {
  return m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m);
}

namespace {
bool Digits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

// Offsets of the zone names feeds and servers write, in minutes east of
// UTC (RFC 822 section 5 and the European names seen in feeds).
constexpr std::pair<std::string_view, int> kZones[] = {
    {"GMT", 0},    {"UT", 0},     {"UTC", 0},    {"Z", 0},      {"EST", -300},
    {"EDT", -240}, {"CST", -360}, {"CDT", -300}, {"MST", -420}, {"MDT", -360},
    {"PST", -480}, {"PDT", -420}, {"CET", 60},   {"CEST", 120}, {"BST", 60}};

bool AllAlpha(std::string_view s) {
  for (char c : s)
    if (!std::isalpha(static_cast<unsigned char>(c))) return false;
  return !s.empty();
}

// "HH:MM[:SS]" with a one- or two-digit hour.
bool ParseClock(std::string_view t, int* h, int* mi, int* sec) {
  size_t colon = t.find(':');
  if (colon == 0 || colon > 2) return false;
  if (!Digits(t, 0, colon, h) || !Digits(t, colon + 1, 2, mi)) return false;
  size_t rest = colon + 3;
  *sec = 0;
  if (t.size() == rest) return true;
  return t.size() == rest + 3 && t[rest] == ':' && Digits(t, rest + 1, 2, sec);
}

// "+HHMM", "-HH:MM" or a zone name; minutes east of UTC. Unknown names
// read as UTC.
bool ParseZone(std::string_view z, int* minutes) {
  if (z[0] == '+' || z[0] == '-') {
    int oh = 0, om = 0;
    size_t m = z.size() == 6 && z[3] == ':' ? 4 : 3;
    if ((z.size() != 5 && m == 3) || !Digits(z, 1, 2, &oh) ||
        !Digits(z, m, 2, &om) || oh > 23 || om > 59)
      return false;
    *minutes = (oh * 60 + om) * (z[0] == '-' ? -1 : 1);
    return true;
  }
  if (z.size() > 5 || !AllAlpha(z)) return false;
  *minutes = 0;
  for (const auto& [name, off] : kZones)
    if (AsciiLower(z) == AsciiLower(name)) *minutes = off;
  return true;
}
}  // namespace

bool ParseRfc822Date(std::string_view in, int64_t* out) {
  std::string_view s = Trim(in);
  if (s.size() > 64) return false;  // budget: no date is longer
  std::vector<std::string_view> p;
  for (size_t i = 0; i < s.size();) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\t') ++j;
    if (j > i) p.push_back(s.substr(i, j - i));
    i = j;
  }
  size_t k = 0;
  // An optional weekday: "Tue," "Tuesday" (the comma may stand alone).
  if (!p.empty()) {
    std::string_view w = p[0];
    if (!w.empty() && w.back() == ',') w.remove_suffix(1);
    if (AllAlpha(w) && w.size() <= 9) ++k;
    if (k && k < p.size() && p[k] == ",") ++k;
  }
  if (p.size() < k + 3) return false;
  int day = 0, month = 0, year = 0;
  std::string_view d = p[k], mon = p[k + 1], y = p[k + 2];
  if (d.size() > 2 || !Digits(d, 0, d.size(), &day)) return false;
  if (!mon.empty() && mon.back() == '.') mon.remove_suffix(1);
  if (mon.size() < 3 || mon.size() > 9 || !AllAlpha(mon)) return false;
  for (int m = 0; m < 12; ++m)
    if (AsciiLower(mon.substr(0, 3)) == AsciiLower(kMonthAbbrev[m]))
      month = m + 1;
  if ((y.size() != 2 && y.size() != 4) || !Digits(y, 0, y.size(), &year))
    return false;
  if (y.size() == 2) year += year < 50 ? 2000 : 1900;
  if (!month || !IsValidDay(year, month, day)) return false;
  k += 3;
  int h = 0, mi = 0, sec = 0, zone = 0;
  if (k < p.size()) {
    if (!ParseClock(p[k], &h, &mi, &sec) || h > 23 || mi > 59 || sec > 60)
      return false;
    ++k;
  }
  if (k < p.size() && !ParseZone(p[k++], &zone)) return false;
  if (k != p.size()) return false;
  *out = DaysFromCivil(year, month, day) * 86400 + h * 3600 + mi * 60 + sec -
         zone * 60;
  return true;
}

bool ParseIsoTime(std::string_view in, int64_t* out) {
  int offset = 0;
  return ParseIsoTime(in, out, &offset);
}

bool ParseIsoTime(std::string_view in, int64_t* out, int* utc_offset) {
  std::string_view s = Trim(in);
  int64_t offset_secs = 0;
  int y = 0, m = 0, d = 0;
  if (s.size() < 10 || !Digits(s, 0, 4, &y) || s[4] != '-' ||
      !Digits(s, 5, 2, &m) || s[7] != '-' || !Digits(s, 8, 2, &d)) {
    *utc_offset = 0;
    return ParseRfc822Date(s, out);
  }
  if (!IsValidDay(y, m, d)) return false;
  int64_t secs = DaysFromCivil(y, m, d) * 86400;
  size_t i = 10;
  if (i < s.size() && (s[i] == 'T' || s[i] == ' ')) {
    int hh = 0, mm = 0, ss = 0;
    if (!Digits(s, i + 1, 2, &hh) || i + 3 >= s.size() || s[i + 3] != ':' ||
        !Digits(s, i + 4, 2, &mm) || hh > 23 || mm > 59) {
      return false;
    }
    i += 6;
    if (i < s.size() && s[i] == ':') {
      if (!Digits(s, i + 1, 2, &ss) || ss > 60) return false;
      i += 3;
    }
    if (i < s.size() && s[i] == '.') {
      ++i;
      while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])))
        ++i;
    }
    secs += hh * 3600 + mm * 60 + ss;
    if (i < s.size()) {
      if (s[i] == 'Z' || s[i] == 'z') {
        ++i;
      } else if (s[i] == '+' || s[i] == '-') {
        int sign = s[i] == '-' ? -1 : 1, oh = 0, om = 0;
        if (!Digits(s, i + 1, 2, &oh)) return false;
        size_t j = i + 3;
        if (j < s.size() && s[j] == ':') ++j;
        if (j < s.size() && !Digits(s, j, 2, &om)) return false;
        if (j < s.size()) j += 2;
        offset_secs = sign * (oh * 3600 + om * 60);
        secs -= offset_secs;
        i = j;
      }
    }
  }
  if (i != s.size()) return false;
  *out = secs;
  *utc_offset = static_cast<int>(offset_secs);
  return true;
}

std::string FormatIsoTimeWithOffset(int64_t seconds, int utc_offset) {
  if (utc_offset == 0) return FormatIsoTime(seconds);
  std::string local = FormatIsoTime(seconds + utc_offset);
  local.pop_back();  // "Z"
  int a = utc_offset < 0 ? -utc_offset : utc_offset;
  char buf[8];
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", utc_offset < 0 ? '-' : '+',
                a / 3600 % 100, a / 60 % 60);
  return local + buf;
}

std::string FormatIsoTime(int64_t seconds) {
  CivilDay d = CivilFromUnix(seconds);
  int64_t rem = seconds - UnixFromCivil(d);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", d.year,
                d.month, d.day, static_cast<int>(rem / 3600),
                static_cast<int>(rem / 60 % 60), static_cast<int>(rem % 60));
  return buf;
}

std::string FormatDay(const CivilDay& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::string FormatHumanDay(const CivilDay& d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s %d, %d", kMonthAbbrev[d.month - 1], d.day,
                d.year);
  return buf;
}

}  // namespace storyline
