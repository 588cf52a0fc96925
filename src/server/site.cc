// The static export and standalone pages, through the web app's views.
#include "server/site.h"

#include <filesystem>
#include <fstream>

#include "server/internal/views.h"

namespace storyline::server {
namespace {

namespace fs = std::filesystem;

Status WriteFile(const fs::path& p, const std::string& data) {
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

}  // namespace

std::string StandaloneStoryHtml(const compose::StoryPage& page) {
  internal::Linking l;
  l.web_app = false;
  l.inline_style = true;
  return internal::StoryHtml(page, 0, internal::Snapshot{},
                             internal::ReaderState{}, l);
}

Status ExportSite(store::Store* store, const std::string& dir,
                  int* pages_written) {
  *pages_written = 0;
  std::error_code ec;
  fs::create_directories(fs::path(dir) / "s", ec);
  if (ec) return Status::IoError("cannot create " + dir + ": " + ec.message());
  Result<std::vector<store::StoryRow>> rows = store->ListStories();
  if (!rows.ok()) return rows.status();
  internal::Linking l;
  l.web_app = false;
  l.root = "../";
  for (const store::StoryRow& r : *rows) {
    if (!r.published) continue;
    Result<std::string> json = store->PageJson(r.id);
    if (!json.ok()) return json.status().WithContext("story " + r.id);
    Result<compose::StoryPage> page = compose::FromJson(*json);
    if (!page.ok()) return page.status().WithContext("story " + r.id);
    SL_RETURN_IF_ERROR(
        WriteFile(fs::path(dir) / "s" / (r.id + ".html"),
                  internal::StoryHtml(*page, r.version, internal::Snapshot{},
                                      internal::ReaderState{}, l)));
    ++*pages_written;
  }
  std::string type;
  SL_RETURN_IF_ERROR(WriteFile(fs::path(dir) / "style.css",
                               *internal::Asset("style.css", &type)));
  return WriteFile(fs::path(dir) / "index.html",
                   internal::SiteIndexHtml(*rows));
}

}  // namespace storyline::server
