// Request and response helpers independent of the HTTP engine: cookies,
// query strings, UTF-8 hygiene, HTTP dates, validators and gzip.
#include "server/internal/http.h"

#include <zlib.h>

#include <algorithm>
#include <cstdio>

#include "common/strings.h"
#include "common/time.h"

namespace storyline::server::internal {

std::map<std::string, std::string> ParseCookies(const std::string& header) {
  std::map<std::string, std::string> out;
  for (const std::string& part : Split(header, ';')) {
    if (out.size() >= 32) break;
    std::string_view kv = Trim(part);
    size_t eq = kv.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    out[std::string(Trim(kv.substr(0, eq)))] =
        std::string(Trim(kv.substr(eq + 1)));
  }
  return out;
}

std::string PercentDecode(std::string_view s) {
  auto hex = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    int h = -1, l = -1;
    if (s[i] == '%' && i + 2 < s.size()) {
      h = hex(s[i + 1]);
      l = hex(s[i + 2]);
    }
    if (h >= 0 && l >= 0) {
      out += static_cast<char>(h * 16 + l);
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::multimap<std::string, std::string> ParseQuery(std::string_view query) {
  std::multimap<std::string, std::string> out;
  while (!query.empty() && out.size() < 256) {
    size_t amp = query.find('&');
    std::string_view field = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view()
                                          : query.substr(amp + 1);
    if (field.empty()) continue;
    size_t eq = field.find('=');
    std::string k(field.substr(0, eq)), v;
    if (eq != std::string_view::npos) v = std::string(field.substr(eq + 1));
    std::replace(k.begin(), k.end(), '+', ' ');
    std::replace(v.begin(), v.end(), '+', ' ');
    out.emplace(PercentDecode(k), PercentDecode(v));
  }
  return out;
}

bool AcceptsGzip(std::string_view header) {
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string_view item = Trim(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view()
                                             : header.substr(comma + 1);
    size_t semi = item.find(';');
    std::string_view coding = Trim(item.substr(0, semi));
    if (coding != "gzip" && coding != "x-gzip" && coding != "*") continue;
    if (semi == std::string_view::npos) return true;
    std::string_view param = Trim(item.substr(semi + 1));
    if (!StartsWith(param, "q=")) return true;
    param.remove_prefix(2);
    // q=0, q=0.0, q=0.000: refused; anything else accepts.
    return param.find_first_not_of("0.") != std::string_view::npos;
  }
  return false;
}

std::string Gzip(std::string_view body) {
  z_stream z{};
  // windowBits 15 + 16: a gzip header and trailer instead of zlib's.
  if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
                   Z_DEFAULT_STRATEGY) != Z_OK)
    return {};
  std::string out(deflateBound(&z, body.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
  z.avail_in = static_cast<uInt>(body.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return rc == Z_STREAM_END ? out : std::string();
}

void AddGzipBody(Response* r) {
  if (r->body.size() < 1024) return;
  const std::string& t = r->content_type;
  if (!StartsWith(t, "text/") && t.find("json") == std::string::npos &&
      t.find("xml") == std::string::npos && t.find("svg") == std::string::npos)
    return;
  std::string z = Gzip(r->body);
  if (!z.empty() && z.size() < r->body.size())
    r->gzip_body = std::make_shared<const std::string>(std::move(z));
}

void SanitizeRequest(Request* req) {
  req->path = SanitizeUtf8(req->path);
  std::multimap<std::string, std::string> params;
  for (const auto& [k, v] : req->params)
    params.emplace(SanitizeUtf8(k), SanitizeUtf8(v));
  req->params = std::move(params);
  std::map<std::string, std::string> cookies;
  for (const auto& [k, v] : req->cookies)
    cookies.emplace(SanitizeUtf8(k), SanitizeUtf8(v));
  req->cookies = std::move(cookies);
}

std::string FormatHttpDate(int64_t t) {
  if (t < 0) t = 0;
  int64_t days = t / 86400, secs = t % 86400;
  CivilDay d = CivilFromDays(days);
  char buf[40];
  snprintf(buf, sizeof buf, "%.3s, %02d %s %04d %02d:%02d:%02d GMT",
           kWeekdayName[Weekday(days)], d.day, kMonthAbbrev[d.month - 1],
           d.year, static_cast<int>(secs / 3600),
           static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60));
  return buf;
}

bool EtagMatches(const std::string& header, const std::string& etag) {
  if (etag.empty()) return false;
  if (Trim(header) == "*") return true;
  for (const std::string& part : Split(header, ',')) {
    std::string_view p = Trim(part);
    if (StartsWith(p, "W/")) p.remove_prefix(2);
    if (p == etag) return true;
  }
  return false;
}

}  // namespace storyline::server::internal
