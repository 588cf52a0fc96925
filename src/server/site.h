// The static site and standalone story pages. They are rendered by the web
// app's own views and stylesheet, so every surface shows the same page:
// compose owns the page model with its JSON, text and Markdown forms; every
// HTML rendering of it is here, in the web layer.
//
//   int n = 0;
//   Status st = server::ExportSite(store.get(), "site", &n);
//   // site/index.html, site/style.css, site/s/<story id>.html
//
// Thread-compatible; ExportSite only reads the store. Files are written to
// a temporary name and renamed, so a reader never sees half a page.
#ifndef STORYLINE_SERVER_SITE_H_
#define STORYLINE_SERVER_SITE_H_

#include <string>

#include "common/status.h"
#include "compose/compose.h"
#include "store/store.h"

namespace storyline::server {

// Writes every published story page, an index of them and the stylesheet
// under `dir` (created when missing). Links between them are relative, and
// article titles link to the originals (a static site has no article
// pages). IoError when a file cannot be written; the store's error when a
// page cannot be read.
Status ExportSite(store::Store* store, const std::string& dir,
                  int* pages_written);

// One story page as a single HTML document with its stylesheet inline.
std::string StandaloneStoryHtml(const compose::StoryPage& page);

}  // namespace storyline::server

#endif  // STORYLINE_SERVER_SITE_H_
