#include "ingest/warc.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>

#include "common/clock.h"
#include "ingest/ingest.h"
#include "testing/temp_dir.h"

namespace storyline::ingest {
namespace {

std::string Gzip(const std::string& s) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, s.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(s.data()));
  z.avail_in = static_cast<uInt>(s.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(out.size() - z.avail_out);
  deflateEnd(&z);
  return out;
}

std::string Raw(const std::string& type, const std::string& uri,
                const std::string& block) {
  return "WARC/1.0\r\nWARC-Type: " + type + "\r\nWARC-Target-URI: " + uri +
         "\r\nContent-Length: " + std::to_string(block.size()) + "\r\n\r\n" +
         block + "\r\n\r\n";
}

std::string Page(const std::string& title) {
  return "<html><head><title>" + title + "</title></head><body><article><h1>" +
         title +
         "</h1><p>The harbour authority of Velm said on Monday that the "
         "northern breakwater would be rebuilt over the next two years.</p>"
         "<p>Engineers found that storms had moved more than 300 of the "
         "concrete blocks protecting the port entrance.</p></article></body>"
         "</html>";
}

std::vector<WarcRecord> ReadAll(WarcReader* r, Status* error) {
  std::vector<WarcRecord> out;
  WarcRecord rec;
  while (true) {
    Result<bool> more = r->Next(&rec);
    if (!more.ok()) {
      *error = more.status();
      break;
    }
    if (!*more) break;
    out.push_back(rec);
  }
  return out;
}

TEST(WarcTest, WriteReadRoundTripIsByteExactAcrossRotation) {
  testing::TempDir dir("warc");
  WarcWriterOptions o;
  o.dir = dir.Path("out");
  o.max_file_bytes = 4000;  // forces rotation
  std::vector<WarcRecord> written;
  {
    auto w = WarcWriter::Open(o);
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    for (int i = 0; i < 40; ++i) {
      std::string body = Page("Story " + std::to_string(i));
      static const char kTricky[] = "\0\x01\xff\r\n\r\nWARC/1.0\r\n";
      if (i % 7 == 0) body += std::string(kTricky, sizeof kTricky - 1);
      if (i == 13) body.assign(300000, 'x');  // bigger than a read chunk
      WarcRecord r = ResponseRecord(
          "https://velm.example/a/" + std::to_string(i), 1764000000 + i,
          "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n", body);
      ASSERT_TRUE((*w)->Write(r).ok());
      r.fields.back().second = std::to_string(r.block.size());
      written.push_back(r);
    }
  }
  std::vector<std::string> files;
  for (auto& e : std::filesystem::directory_iterator(o.dir))
    files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  EXPECT_GT(files.size(), 3u);
  std::vector<WarcRecord> read;
  for (const std::string& f : files) {
    auto r = WarcReader::Open(f, {});
    ASSERT_TRUE(r.ok());
    Status err;
    for (auto& rec : ReadAll(r->get(), &err)) read.push_back(rec);
    EXPECT_TRUE(err.ok()) << err.ToString();
  }
  ASSERT_EQ(read.size(), written.size());
  for (size_t i = 0; i < read.size(); ++i) {
    EXPECT_EQ(read[i].version, written[i].version);
    EXPECT_EQ(read[i].fields, written[i].fields) << i;
    EXPECT_EQ(read[i].block, written[i].block) << i;
  }
  // A restarted writer never overwrites: it starts a new file.
  auto w2 = WarcWriter::Open(o);
  ASSERT_TRUE(w2.ok());
  EXPECT_EQ(std::find(files.begin(), files.end(), (*w2)->path()), files.end());
}

TEST(WarcTest, ReadsPlainWholeFileGzipAndContinuationLines) {
  std::string plain = Raw("warcinfo", "", "software: test\r\n") +
                      Raw("response", "https://a.example/1", "one") +
                      "WARC/1.1\r\nWARC-Type: request\r\nX-Long: a\r\n  b\r\n"
                      "Content-Length: 3\r\n\r\ntwo\r\n\r\n";
  for (const std::string& bytes : {plain, Gzip(plain)}) {
    auto r = WarcReader::FromBytes(bytes, {});
    Status err;
    auto recs = ReadAll(r.get(), &err);
    EXPECT_TRUE(err.ok()) << err.ToString();
    ASSERT_EQ(recs.size(), 3u);
    EXPECT_EQ(recs[1].TargetUri(), "https://a.example/1");
    EXPECT_EQ(recs[1].block, "one");
    EXPECT_EQ(recs[2].Field("x-long"), "a b");
    EXPECT_EQ(recs[2].version, "WARC/1.1");
  }
}

TEST(WarcTest, DamageIsReportedWithOffsetsAfterTheGoodRecords) {
  std::string good = Raw("response", "https://a.example/1", "first");
  std::string second = Raw("response", "https://a.example/2", "second record");
  struct Case {
    const char* name;
    std::string bytes;
    size_t good_records;
    const char* message;
  };
  const Case cases[] = {
      {"truncated block", good + second.substr(0, second.size() - 8), 1,
       "truncated WARC record"},
      {"truncated header", good + "WARC/1.0\r\nWARC-Type: resp", 1,
       "truncated WARC record header"},
      {"truncated gzip member", Gzip(good) + Gzip(second).substr(0, 20), 1,
       "truncated gzip"},
      {"not WARC", good + "GET / HTTP/1.1\r\n\r\n", 1, "not a WARC record"},
      {"no length", good + "WARC/1.0\r\nWARC-Type: x\r\n\r\nabc", 1,
       "Content-Length"},
      {"huge length",
       good + "WARC/1.0\r\nContent-Length: 99999999999\r\n\r\nabc", 1,
       "budget"},
      {"header flood", good + "WARC/1.0\r\n" + std::string(100000, 'h'), 1,
       "header block over"},
      {"garbage gzip", Gzip(good) + "\x1f\x8b\x08\x00garbagegarbage", 1,
       "gzip"},
  };
  for (const Case& c : cases) {
    auto r = WarcReader::FromBytes(c.bytes, {});
    Status err;
    auto recs = ReadAll(r.get(), &err);
    EXPECT_EQ(recs.size(), c.good_records) << c.name;
    EXPECT_FALSE(err.ok()) << c.name;
    EXPECT_NE(err.message().find(c.message), std::string::npos)
        << c.name << ": " << err.ToString();
    // The reader stays at the end after an error.
    WarcRecord rec;
    EXPECT_FALSE(r->Next(&rec).value()) << c.name;
  }
}

// One gzip member per record (the .warc.gz convention): a record with an
// impossible length, or one longer than its member, costs that record; the
// reader resumes at the next member.
TEST(WarcTest, ADamagedRecordInAWarcGzCostsOnlyThatRecord) {
  std::string first = Raw("response", "https://a.example/1", "first");
  std::string last = Raw("response", "https://a.example/3", "third");
  const std::string bad_records[] = {
      "WARC/1.0\r\nContent-Length: 99999999999\r\n\r\nabc\r\n\r\n",
      "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 500\r\n\r\n"
      "short\r\n\r\n",
      "WARC/1.0\r\nbroken field line\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n",
  };
  for (const std::string& bad : bad_records) {
    auto r = WarcReader::FromBytes(Gzip(first) + Gzip(bad) + Gzip(last), {});
    WarcRecord rec;
    ASSERT_TRUE(r->Next(&rec).value());
    EXPECT_EQ(rec.TargetUri(), "https://a.example/1");
    Result<bool> damaged = r->Next(&rec);
    EXPECT_FALSE(damaged.ok()) << bad;
    Result<bool> resumed = r->Next(&rec);
    ASSERT_TRUE(resumed.ok()) << resumed.status().ToString();
    ASSERT_TRUE(*resumed) << bad;
    EXPECT_EQ(rec.TargetUri(), "https://a.example/3");
    EXPECT_EQ(rec.block, "third");
    EXPECT_FALSE(r->Next(&rec).value());
  }
}

TEST(HttpResponseTest, ChunkedGzipAndBombs) {
  std::string body = Page("Chunked");
  std::string gz = Gzip(body);
  std::string chunked;
  for (size_t i = 0; i < gz.size(); i += 100) {
    std::string part = gz.substr(i, 100);
    char hex[16];
    snprintf(hex, sizeof hex, "%zx", part.size());
    chunked += std::string(hex) + "\r\n" + part + "\r\n";
  }
  chunked += "0\r\n\r\n";
  auto m = ParseHttpResponse(
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: "
      "gzip\r\nContent-Type: text/html\r\n\r\n" +
          chunked,
      1 << 20);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->status, 200);
  EXPECT_EQ(m->body, body);
  EXPECT_EQ(m->Header("content-type"), "text/html");
  // 50 MB of zeros compress to ~50 KB: stopped at the budget.
  std::string bomb = Gzip(std::string(50 << 20, '\0'));
  auto b = ParseHttpResponse(
      "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n" + bomb, 1 << 20);
  EXPECT_EQ(b.status().code(), StatusCode::kResourceExhausted);
  EXPECT_FALSE(ParseHttpResponse("garbage", 100).ok());
  EXPECT_FALSE(ParseHttpResponse("HTTP/1.1 abc\r\n\r\n", 100).ok());
  EXPECT_FALSE(ParseHttpResponse(
                   "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\nxx", 100)
                   .ok());
}

TEST(WarcTest, IngestReadsHtmlResponsesFromWarcFiles) {
  testing::TempDir dir("warcingest");
  std::string head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n";
  std::string data =
      Raw("warcinfo", "", "x") +
      Raw("request", "https://velm.example/a", "GET /a HTTP/1.1\r\n\r\n") +
      Raw("response", "https://velm.example/a", head + Page("Breakwater one")) +
      Raw("response", "https://velm.example/img.png",
          "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG") +
      Raw("response", "https://velm.example/gone",
          "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\nno") +
      Raw("response", "https://velm.example/b", head + Page("Breakwater two"));
  {
    std::ofstream(dir.Path("crawl.warc.gz"), std::ios::binary) << Gzip(data);
    std::ofstream(dir.Path("cut.warc"), std::ios::binary)
        << data.substr(0, data.size() - 30);
  }
  FixedClock clock(1764000000);
  Batch b = ReadPaths({dir.path().string()}, Options{}, clock);
  // crawl.warc.gz: two articles; cut.warc: the first one, then a problem.
  ASSERT_EQ(b.articles.size(), 3u);
  EXPECT_EQ(b.articles[0].url, "https://velm.example/a");
  EXPECT_EQ(b.articles[0].title, "Breakwater one");
  ASSERT_EQ(b.problems.size(), 1u);
  EXPECT_NE(b.problems[0].status.message().find("truncated"),
            std::string::npos);
}

}  // namespace
}  // namespace storyline::ingest
