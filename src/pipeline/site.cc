// Static site export: an index of published stories and one page each.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/strings.h"
#include "common/time.h"
#include "pipeline/pipeline.h"

namespace storyline::pipeline {

namespace fs = std::filesystem;

static Status WriteFile(const fs::path& p, const std::string& data) {
  fs::path tmp = p;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Status::IoError("cannot write " + tmp.string());
    out << data;
    if (!out) return Status::IoError("short write to " + tmp.string());
  }
  std::error_code ec;
  fs::rename(tmp, p, ec);
  if (ec)
    return Status::IoError("cannot rename into " + p.string() + ": " +
                           ec.message());
  return Status::Ok();
}

Status ExportSite(store::Store* store, const std::string& dir,
                  int* pages_written) {
  std::error_code ec;
  fs::create_directories(fs::path(dir) / "s", ec);
  if (ec) return Status::IoError("cannot create " + dir + ": " + ec.message());
  Result<std::vector<store::StoryRow>> rows = store->ListStories();
  if (!rows.ok()) return rows.status();
  std::ostringstream idx;
  idx << "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, "
         "initial-scale=1\">"
         "<title>storyline \xE2\x80\x93 "
         "stories</title><style>body{font:16px/1.5 system-ui,"
         "sans-serif;max-width:46rem;margin:2rem auto;padding:0 "
         "1rem}li{margin:.6rem 0}"
         ".meta{color:#555;font-size:.9em}@media "
         "(prefers-color-scheme:dark){body{background:"
         "#111;color:#e6e6e6}a{color:#8ab4f8}.meta{color:#aaa}}</style></"
         "head><body>\n"
         "<h1>Stories</h1><ol>\n";
  *pages_written = 0;
  for (const store::StoryRow& r : *rows) {
    if (!r.published) continue;
    Result<compose::StoryPage> page = LoadPage(store, r.id);
    if (!page.ok()) return page.status();
    SL_RETURN_IF_ERROR(WriteFile(fs::path(dir) / "s" / (r.id + ".html"),
                                 compose::RenderHtml(*page)));
    ++*pages_written;
    idx << "<li><a href=\"s/" << HtmlEscape(r.id) << ".html\">"
        << HtmlEscape(r.headline) << "</a><br><span class=\"meta\">Updated "
        << FormatHumanDay(CivilFromUnix(r.updated)) << " \xC2\xB7 "
        << r.article_count << " articles from " << r.outlet_count
        << " outlets</span></li>\n";
  }
  idx << "</ol>\n</body></html>\n";
  return WriteFile(fs::path(dir) / "index.html", idx.str());
}

}  // namespace storyline::pipeline
