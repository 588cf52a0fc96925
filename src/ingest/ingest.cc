// File and folder reading. Every per-item failure becomes a Problem so a
// batch never stops at one bad file.
#include "ingest/ingest.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "common/strings.h"
#include "common/time.h"
#include "common/url.h"
#include "ingest/warc.h"
#include "text/text.h"

namespace storyline::ingest {
namespace fs = std::filesystem;
namespace {

Status ReadFile(const std::string& path, size_t max, std::string* out) {
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  if (ec) return Status::IoError("cannot read file: " + ec.message());
  if (size > max) {
    return Status::ResourceExhausted("file is " + std::to_string(size) +
                                     " bytes, over the " + std::to_string(max) +
                                     "-byte limit (--max-file-bytes)");
  }
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return Status::IoError("cannot open file (check permissions)");
  // One read of the size the file had, then to its end (it may have grown
  // meanwhile) without passing the limit.
  out->resize(static_cast<size_t>(size));
  size_t got = std::fread(out->data(), 1, out->size(), f);
  out->resize(got);
  char buf[1 << 14];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
    if (out->size() + n > max) {
      std::fclose(f);
      return Status::ResourceExhausted(
          "file grew past the " + std::to_string(max) +
          "-byte limit while being read (--max-file-bytes)");
    }
    out->append(buf, n);
  }
  bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) return Status::IoError("read error (check the disk and retry)");
  return Status::Ok();
}

}  // namespace

void FinishArticle(Article* a, const std::string& source) {
  a->source = source;
  if (a->canonical_url.empty()) a->canonical_url = a->url;
  // A page names its outlet; a JSONL line or a text file may not: the
  // host it came from is the outlet's best name (as for HTML pages).
  if (a->outlet.empty() && !a->url.empty())
    a->outlet = url::DisplayHost(a->url);
  a->content_hash = Hex64(Fnv1a64(a->title + "\n" + a->text));
  a->id = ArticleId(*a);
}

namespace {

// What extract::Extract does for a page, for an article read from a JSONL
// record or a text file (whose title may be set after extraction): the
// title normalised, the language detected when the record names none, the
// kind read from the wording when nothing else declared one.
void CompleteTextArticle(Article* a) {
  a->title = text::Normalize(a->title);
  if (a->language.empty())
    a->language = text::DetectLanguage(a->title + "\n" + a->text);
  if (a->kind == ArticleKind::kNews)
    a->kind = extract::GuessKind(a->title, a->text);
}

std::string GetString(const nlohmann::json& j,
                      std::initializer_list<const char*> keys) {
  for (const char* k : keys) {
    auto it = j.find(k);
    if (it != j.end() && it->is_string()) return it->get<std::string>();
    if (it != j.end() && it->is_number_integer())
      return std::to_string(it->get<int64_t>());
  }
  return "";
}

void ReadJsonl(const std::string& path, const std::string& data,
               const Options& o, Batch* b) {
  size_t start = 0;
  int line_no = 0;
  while (start < data.size()) {
    size_t nl = data.find('\n', start);
    if (nl == std::string::npos) nl = data.size();
    std::string_view line(data.data() + start, nl - start);
    start = nl + 1;
    ++line_no;
    if (Trim(line).empty()) continue;
    std::string where = path + ":" + std::to_string(line_no);
    if (line.size() > o.max_line_bytes) {
      b->problems.push_back(
          {where, Status::ResourceExhausted("line too long")});
      continue;
    }
    std::string ext;
    Result<Article> a = ArticleFromJsonLine(line, o, &ext);
    if (!a.ok()) {
      b->problems.push_back({where, a.status()});
      continue;
    }
    CompleteTextArticle(&a.value());
    FinishArticle(&a.value(), where);
    b->articles.push_back(std::move(a).value());
  }
}

Result<Article> FromTxt(const std::string& data) {
  std::string body = SanitizeUtf8(data);
  Article a;
  std::vector<std::string> lines = Split(body, '\n');
  size_t i = 0;
  // Optional header block of "Key: value" lines.
  bool header = false;
  for (; i < lines.size(); ++i) {
    std::string l(Trim(lines[i]));
    if (l.empty()) break;
    size_t colon = l.find(':');
    if (colon == std::string::npos || colon > 12) break;
    std::string key = AsciiLower(l.substr(0, colon));
    std::string val(Trim(l.substr(colon + 1)));
    if (key == "title")
      a.title = val;
    else if (key == "url")
      a.url = val;
    else if (key == "outlet")
      a.outlet = val;
    else if (key == "language")
      a.language = val;
    else if (key == "published" || key == "date")
      ParseIsoTime(val, &a.published);
    else
      break;
    header = true;
  }
  if (!header) i = 0;
  std::string rest;
  for (size_t k = i; k < lines.size(); ++k) rest += lines[k] + "\n";
  if (a.title.empty()) {
    std::string_view r = Trim(rest);
    size_t nl = r.find('\n');
    a.title = std::string(r.substr(0, nl));
    rest = nl == std::string_view::npos ? "" : std::string(r.substr(nl + 1));
  }
  Article t = ArticleFromText(a.title, rest);
  a.text = std::move(t.text);
  a.blocks = std::move(t.blocks);
  if (Trim(a.title).empty() && a.text.empty())
    return Status::InvalidArgument("empty document");
  CompleteTextArticle(&a);
  return a;
}

}  // namespace

std::string ArticleId(const Article& a) {
  std::string key = a.canonical_url.empty() ? a.url : a.canonical_url;
  if (key.empty()) key = "text:" + a.title + "\n" + a.text;
  return Hex64(Fnv1a64(key));
}

Article ArticleFromText(std::string_view title, std::string_view body) {
  Article a;
  a.title = text::Normalize(title);
  std::string norm = text::Normalize(body);
  for (const std::string& line : Split(norm, '\n')) {
    std::string_view p = Trim(line);
    if (p.empty()) continue;
    if (!a.text.empty()) a.text += "\n\n";
    Block blk;
    blk.text.begin = static_cast<uint32_t>(a.text.size());
    a.text += p;
    blk.text.end = static_cast<uint32_t>(a.text.size());
    a.blocks.push_back(blk);
  }
  return a;
}

namespace {

int HexValue(std::string_view s, size_t at) {
  if (at + 4 > s.size()) return -1;
  int v = 0;
  for (size_t i = at; i < at + 4; ++i) {
    char c = s[i];
    int d = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : -1;
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

// A JSON line as another program may have written it: invalid UTF-8 bytes
// become U+FFFD, and so does a \u escape of half a surrogate pair
// ("\ud800" alone), which a strict parser refuses.
std::string RepairJsonLine(std::string_view line) {
  std::string s = SanitizeUtf8(line);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\') {
      out.push_back(s[i]);
      continue;
    }
    if (i + 1 >= s.size()) {
      out.push_back(s[i]);
      break;
    }
    if (s[i + 1] != 'u') {  // another escape: copy both bytes
      out.append(s, i, 2);
      ++i;
      continue;
    }
    int v = HexValue(s, i + 2);
    bool high = v >= 0xD800 && v <= 0xDBFF, low = v >= 0xDC00 && v <= 0xDFFF;
    if (high && i + 11 < s.size() && s[i + 6] == '\\' && s[i + 7] == 'u') {
      int w = HexValue(s, i + 8);
      if (w >= 0xDC00 && w <= 0xDFFF) {  // a whole pair
        out.append(s, i, 12);
        i += 11;
        continue;
      }
    }
    if (high || low) {
      out += "\\ufffd";
      i += 5;
      continue;
    }
    out.push_back(s[i]);
  }
  return out;
}

}  // namespace

bool LooksBinary(std::string_view data) {
  // UTF-16 text has NUL bytes by design; its byte order mark says so.
  if (StartsWith(data, "\xFF\xFE") || StartsWith(data, "\xFE\xFF"))
    return false;
  std::string_view head = data.substr(0, 64 << 10);
  size_t control = 0;
  for (unsigned char c : head) {
    if (c == 0) return true;
    control += (c < 0x09 || (c > 0x0D && c < 0x20)) ? 1 : 0;
  }
  return control * 20 > head.size();  // over 5%
}

Result<Article> ArticleFromJsonLine(std::string_view line, const Options& o,
                                    std::string* external_id) {
  nlohmann::json j =
      nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    // Repairable damage (a stray byte, half a surrogate pair) costs the
    // characters, not the article; anything else is named with its place.
    std::string fixed = RepairJsonLine(line);
    try {
      j = nlohmann::json::parse(fixed);
    } catch (const nlohmann::json::parse_error& e) {
      return Status::InvalidArgument(
          "malformed JSON (one object per line expected): byte " +
          std::to_string(e.byte) + ": " + std::string(e.what()).substr(0, 160));
    } catch (const nlohmann::json::exception& e) {
      // A number too large for a double (406) and the like: not repairable.
      return Status::InvalidArgument(
          "malformed JSON (one object per line expected): " +
          std::string(e.what()).substr(0, 160));
    }
  }
  if (!j.is_object())
    return Status::InvalidArgument("JSON line is not an object");
  *external_id = GetString(j, {"id"});
  std::string url = GetString(j, {"url", "link"});
  // Datasets that keep the page address among their metadata.
  auto meta = j.find("meta");
  if (url.empty() && meta != j.end() && meta->is_object())
    url = GetString(*meta, {"url"});
  std::string html = GetString(j, {"html"});
  Article a;
  if (!html.empty()) {
    Result<Article> r = extract::Extract(html, url, o.extract);
    if (!r.ok()) return r.status();
    a = std::move(r).value();
  } else {
    std::string text = GetString(j, {"text", "body", "content"});
    a = ArticleFromText(GetString(j, {"title"}), text);
    if (a.title.empty() && a.text.empty())
      return Status::InvalidArgument("no title and no text");
    a.url = url;
  }
  std::string title = GetString(j, {"title"});
  if (!title.empty()) a.title = title;
  std::string outlet = GetString(j, {"outlet", "source", "site"});
  if (!outlet.empty()) a.outlet = outlet;
  std::string lang = GetString(j, {"language", "lang"});
  if (!lang.empty()) a.language = lang;
  std::string pub = GetString(j, {"published", "time", "date"});
  int64_t t = 0;
  if (!pub.empty() && ParseIsoTime(pub, &t)) {
    a.published = t;
  } else if (!pub.empty() && pub.size() <= 13 &&
             pub.find_first_not_of("0123456789") == std::string::npos) {
    // Unix time: seconds, or milliseconds when 13 digits.
    t = std::stoll(pub);
    a.published = pub.size() == 13 ? t / 1000 : t;
  }
  if (a.url.empty() && !external_id->empty())
    a.url = "urn:storyline:" + *external_id;
  return a;
}

// Every HTML `response` record with status 200 becomes an article; the
// record's date stands in for a missing publication date.
void ReadWarc(const std::string& path, const Options& o, Batch* b) {
  Result<std::unique_ptr<WarcReader>> r = WarcReader::Open(path, o.warc);
  if (!r.ok()) {
    b->problems.push_back({path, r.status()});
    return;
  }
  ++b->files_read;
  WarcRecord rec;
  while (true) {
    uint64_t at = (*r)->offset();
    Result<bool> more = (*r)->Next(&rec);
    if (!more.ok()) {
      // The reader resumes at the next gzip member when it can; else its
      // next call says the end.
      b->problems.push_back({path, more.status()});
      continue;
    }
    if (!*more) return;
    if (rec.Type() != "response") continue;
    std::string where = path + "@" + std::to_string(at);
    Result<HttpMessage> http = ParseHttpResponse(rec.block, o.max_file_bytes);
    if (!http.ok()) {
      b->problems.push_back({where, http.status()});
      continue;
    }
    std::string type = AsciiLower(http->Header("Content-Type"));
    if (http->status != 200 ||
        (!type.empty() && type.find("html") == std::string::npos))
      continue;
    Result<Article> a =
        extract::Extract(http->body, rec.TargetUri(), o.extract);
    if (!a.ok()) {
      b->problems.push_back({where, a.status()});
      continue;
    }
    if (a->text.empty()) {
      b->problems.push_back(
          {where, Status::InvalidArgument("no main text found")});
      continue;
    }
    if (a->published == 0) {
      int64_t t = 0;
      if (ParseIsoTime(rec.Field("WARC-Date"), &t)) {
        a->published = t;
        a->published_guessed = true;
      }
    }
    FinishArticle(&a.value(), where);
    b->articles.push_back(std::move(a).value());
  }
}

namespace {

// Reads one file into `b` (articles in file order, problems named).
void ReadOneFile(const std::string& f, const Options& o, Batch* b) {
  std::string lower = AsciiLower(f);
  if (EndsWith(lower, ".warc") || EndsWith(lower, ".warc.gz")) {
    ReadWarc(f, o, b);
    return;
  }
  std::string data;
  Status st = ReadFile(f, o.max_file_bytes, &data);
  if (!st.ok()) {
    b->problems.push_back({f, st});
    return;
  }
  ++b->files_read;
  std::string ext = AsciiLower(fs::path(f).extension().string());
  if (ext == ".jsonl" || ext == ".json") {
    ReadJsonl(f, data, o, b);
    return;
  }
  if (LooksBinary(data)) {
    b->problems.push_back(
        {f, Status::InvalidArgument(
                "binary file, not text (control bytes in its first 64 KB); "
                "skipped")});
    return;
  }
  Result<Article> a = Status::Internal("unset");
  if (ext == ".txt") {
    a = FromTxt(data);
  } else {
    a = extract::Extract(data, "", o.extract);
  }
  if (!a.ok()) {
    b->problems.push_back({f, a.status()});
    return;
  }
  if (a->text.empty()) {
    b->problems.push_back({f, Status::InvalidArgument("no main text found")});
    return;
  }
  FinishArticle(&a.value(), f);
  b->articles.push_back(std::move(a).value());
}

// Reads `files` on up to o.threads threads (0: one per core). Each file is
// read whole by one thread into its own slot; the slots are joined in file
// order, so the batch is the same whatever the thread count.
void ReadFiles(const std::vector<std::string>& files, const Options& o,
               Batch* b) {
  size_t threads = o.threads > 0 ? static_cast<size_t>(o.threads)
                                 : std::thread::hardware_concurrency();
  threads = std::clamp<size_t>(threads, 1, std::max<size_t>(1, files.size()));
  if (threads == 1) {
    for (const std::string& f : files) ReadOneFile(f, o, b);
    return;
  }
  std::vector<Batch> slots(files.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < files.size(); i = next++)
      ReadOneFile(files[i], o, &slots[i]);
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  for (Batch& s : slots) {
    b->files_read += s.files_read;
    for (Article& a : s.articles) b->articles.push_back(std::move(a));
    for (Problem& p : s.problems) b->problems.push_back(std::move(p));
  }
}

}  // namespace

Batch ReadPaths(const std::vector<std::string>& paths, const Options& o,
                const Clock& clock) {
  Batch b;
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> found;
      // Every filesystem call takes an error_code: a symlink loop, a
      // dangling link or an unreadable folder is a problem named in the
      // report, and the walk goes on (directory links are not followed).
      fs::recursive_directory_iterator it(
          p, fs::directory_options::skip_permission_denied, ec),
          end;
      if (ec) b.problems.push_back({p, Status::IoError(ec.message())});
      for (; !ec && it != end; it.increment(ec)) {
        const fs::path& path = it->path();
        std::string name = path.filename().string();
        std::error_code fe;
        bool dir = it->is_directory(fe);
        if (!name.empty() && name[0] == '.') {
          if (dir) it.disable_recursion_pending();
          continue;
        }
        if (dir) {
          // Say so when a folder cannot be read (its files would be
          // missed silently otherwise).
          std::error_code re;
          fs::directory_iterator probe(path, re);
          if (re) {
            b.problems.push_back(
                {path.string(), Status::IoError("folder not readable (" +
                                                re.message() + "); skipped")});
            it.disable_recursion_pending();
          }
          continue;
        }
        bool regular = it->is_regular_file(fe);
        if (fe) {
          b.problems.push_back(
              {path.string(),
               Status::IoError("cannot read (" + fe.message() + ")")});
          continue;
        }
        if (regular) found.push_back(path.string());
      }
      if (ec)
        b.problems.push_back(
            {p, Status::IoError("folder walk stopped: " + ec.message())});
      std::sort(found.begin(), found.end());
      for (auto& f : found) {
        std::string ext = AsciiLower(fs::path(f).extension().string());
        if (ext == ".html" || ext == ".htm" || ext == ".txt" ||
            ext == ".jsonl" || ext == ".warc" ||
            EndsWith(AsciiLower(f), ".warc.gz")) {
          files.push_back(f);
        }
      }
    } else if (fs::exists(p, ec)) {
      files.push_back(p);
    } else {
      b.problems.push_back({p, Status::NotFound("no such file or folder")});
    }
  }
  ReadFiles(files, o, &b);
  int64_t now = clock.NowSeconds();
  for (Article& a : b.articles) {
    if (a.published == 0) {
      a.published = now;
      a.published_guessed = true;
    }
  }
  return b;
}

}  // namespace storyline::ingest
