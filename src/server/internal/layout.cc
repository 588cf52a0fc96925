// The page frame, URL escaping helpers and the static stylesheet.
#include "common/strings.h"
#include "server/internal/views.h"

namespace storyline::server::internal {

std::string SafeUrl(const std::string& url) {
  if (!StartsWith(url, "http://") && !StartsWith(url, "https://")) return "";
  if (url.size() > 4096) return "";
  for (unsigned char c : url)
    if (c < 0x20 || c == 0x7F || c == ' ' || c == '"' || c == '<' || c == '>' ||
        c == '`' || c == '\\')
      return "";
  return url;
}

std::string PathPart(const std::string& s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
        (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
        c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string Plural(int64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string Layout(const std::string& title, const std::string& main_html,
                   const std::vector<FeedLink>& feeds, const Linking& linking) {
  std::string o;
  o.reserve(main_html.size() + 2048);
  o += "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
       "<meta name=\"viewport\" content=\"width=device-width, "
       "initial-scale=1\">\n<title>";
  o += HtmlEscape(title);
  o += "</title>\n";
  if (linking.web_app) {
    o += "<link rel=\"stylesheet\" href=\"/static/style.css\">\n"
         "<link rel=\"icon\" href=\"/static/icon.svg\" "
         "type=\"image/svg+xml\">\n";
  } else if (linking.inline_style) {
    std::string type;
    o += "<style>" + *Asset("style.css", &type) + "</style>\n";
  } else {
    o += "<link rel=\"stylesheet\" href=\"" + HtmlEscape(linking.root) +
         "style.css\">\n";
  }
  for (const FeedLink& f : feeds)
    o += "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"" +
         HtmlEscape(f.title) + "\" href=\"" + HtmlEscape(f.href) + "\">\n";
  o += "</head><body>\n<a class=\"skip\" href=\"#main\">Skip to content</a>\n"
       "<header class=\"site\">";
  if (linking.web_app) {
    o += "<a class=\"brand\" href=\"/\">storyline</a>"
         "<nav aria-label=\"Site\"><a href=\"/\">Top stories</a> "
         "<a href=\"/following\">Following</a></nav>"
         "<form class=\"search\" role=\"search\" action=\"/search\" "
         "method=\"get\"><label for=\"q\">Search</label> <input id=\"q\" "
         "name=\"q\" type=\"search\" maxlength=\"200\"> <button "
         "type=\"submit\">Search</button></form>";
  } else {
    o += "<a class=\"brand\" href=\"" + HtmlEscape(linking.root) +
         "index.html\">storyline</a>";
  }
  o += "</header>\n<main id=\"main\">\n";
  o += main_html;
  o += "</main>\n<footer class=\"site\">";
  for (const FeedLink& f : feeds)
    o += "<a href=\"" + HtmlEscape(f.href) +
         "\">Atom feed: " + HtmlEscape(f.title) + "</a> ";
  o += "<p>Every sentence on these pages is quoted from the cited "
       "articles.</p></footer>\n</body></html>\n";
  return o;
}

std::string ErrorHtml(int status, const std::string& message) {
  return Layout("Error " + std::to_string(status),
                "<h1>" + std::to_string(status) + "</h1><p>" +
                    HtmlEscape(message) +
                    "</p><p><a href=\"/\">Back to the top stories</a></p>\n",
                {});
}

namespace {

const char kStyle[] =
    R"CSS(:root{--fg:#1b1b1b;--muted:#555;--bg:#fff;--line:#ddd;--accent:#0b57d0;--badge:#eef;--new:#e8f5e9}
*{box-sizing:border-box}
body{font:16px/1.55 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg);margin:0}
main{max-width:48rem;margin:0 auto;padding:0 1rem 2rem;overflow-wrap:anywhere}
a{color:var(--accent)}
a:focus,button:focus,input:focus{outline:3px solid #f9a825;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:var(--bg);padding:.3rem}
header.site{display:flex;flex-wrap:wrap;gap:.5rem 1.2rem;align-items:center;padding:.6rem 1rem;border-bottom:1px solid var(--line)}
header.site .brand{font-weight:700;font-size:1.2rem;text-decoration:none;color:var(--fg)}
header.site nav a{margin-right:.8rem}
form.search{margin-left:auto}
form.search input{font:inherit;padding:.2rem .4rem;max-width:14rem}
footer.site{max-width:48rem;margin:2rem auto;padding:1rem;border-top:1px solid var(--line);color:var(--muted);font-size:.9rem}
h1{line-height:1.2;font-size:1.7rem}
h2{margin-top:2rem;font-size:1.15rem}
.meta{color:var(--muted);font-size:.92rem}
.badge{font-size:.78rem;background:var(--badge);color:var(--fg);padding:0 .35em;border-radius:3px;white-space:nowrap}
.new{background:var(--new);border-left:4px solid #2e7d32;padding:.4rem .8rem}
ol.stories{list-style:none;padding:0}ol.stories li{margin:1.2rem 0;padding-bottom:.8rem;border-bottom:1px solid var(--line)}
ol.stories h2{margin:0;font-size:1.2rem}
.spark{vertical-align:middle}
.cite{text-decoration:none;font-size:.8em;vertical-align:super}
q,blockquote{font-style:italic}
q.quote{quotes:none}
blockquote{margin:.4rem 0 .4rem 1rem;padding-left:.8rem;border-left:3px solid var(--line)}
.date{font-weight:600;white-space:nowrap}
li:target{background:#fff3c4}
.chart{max-width:100%;height:auto}
.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.2rem 1rem;font-size:.85rem}
.filters{display:flex;flex-wrap:wrap;gap:.6rem;align-items:end}
.filters label{display:block;font-size:.85rem}
.filters select,.filters button{font:inherit}
.snippet{margin:.2rem 0}
article.text p{margin:0 0 1rem}
@media (prefers-color-scheme:dark){:root{--fg:#e6e6e6;--muted:#aaa;--bg:#121212;--line:#333;--accent:#8ab4f8;--badge:#263238;--new:#1b3320}li:target{background:#3e3a1e}}
@media print{header.site form,header.site nav,footer.site a,.skip,form.follow{display:none}a{color:inherit;text-decoration:none}main{max-width:none}}
)CSS";

}  // namespace

const std::string* Asset(const std::string& name, std::string* content_type) {
  static const std::string style(kStyle);
  // A favicon (browsers ask for one; a 404 would be a console error).
  static const std::string icon(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\">"
      "<rect width=\"16\" height=\"16\" rx=\"3\" fill=\"#0b57d0\"/>"
      "<path d=\"M3 11h10M3 8h7M3 5h10\" stroke=\"#fff\" "
      "stroke-width=\"1.6\"/></svg>");
  if (name == "icon.svg") {
    *content_type = "image/svg+xml";
    return &icon;
  }
  if (name == "style.css") {
    *content_type = "text/css; charset=utf-8";
    return &style;
  }
  return nullptr;
}

}  // namespace storyline::server::internal
