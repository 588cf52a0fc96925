// WARC reader and writer; HTTP response parsing for `response` records.
#include "ingest/warc.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <filesystem>

#include "common/strings.h"
#include "common/time.h"

namespace storyline::ingest {

namespace fs = std::filesystem;

namespace {

constexpr size_t kChunk = 1 << 20;

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (tolower(static_cast<unsigned char>(a[i])) !=
        tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

bool ParseSize(std::string_view s, size_t* out) {
  s = Trim(s);
  if (s.empty() || s.size() > 19) return false;
  size_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<size_t>(c - '0');
  }
  *out = v;
  return true;
}

// Inflates gzip or zlib data, stopping with an error past `limit` bytes.
Status Inflate(std::string_view in, bool gzip_or_zlib, size_t limit,
               std::string* out) {
  z_stream z{};
  // 32+: detect gzip or zlib headers; raw deflate when that fails.
  if (inflateInit2(&z, gzip_or_zlib ? 32 + MAX_WBITS : -MAX_WBITS) != Z_OK)
    return Status::Internal("zlib init failed");
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  char buf[64 * 1024];
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&z);
      return Status::InvalidArgument("corrupt or truncated compressed body");
    }
    out->append(buf, sizeof buf - z.avail_out);
    if (out->size() > limit) {
      inflateEnd(&z);
      return Status::ResourceExhausted("decompressed body exceeds " +
                                       std::to_string(limit) +
                                       " bytes (compression bomb?)");
    }
    if (rc == Z_OK && z.avail_in == 0 && z.avail_out != 0) {
      inflateEnd(&z);
      return Status::InvalidArgument("truncated compressed body");
    }
  }
  inflateEnd(&z);
  return Status::Ok();
}

}  // namespace

std::string WarcRecord::Field(const std::string& name) const {
  for (const auto& [k, v] : fields)
    if (IEquals(k, name)) return v;
  return "";
}

std::string HttpMessage::Header(const std::string& name) const {
  for (const auto& [k, v] : headers)
    if (IEquals(k, name)) return v;
  return "";
}

// ---------------------------------------------------------------- reader

struct WarcReader::Inflater {
  z_stream z{};
  bool live = false;
  ~Inflater() {
    if (live) inflateEnd(&z);
  }
};

WarcReader::WarcReader(FILE* f, std::string data, const WarcOptions& o)
    : file_(f), opts_(o), raw_(std::move(data)) {}

WarcReader::~WarcReader() {
  if (file_) fclose(file_);
}

Result<std::unique_ptr<WarcReader>> WarcReader::Open(const std::string& path,
                                                     const WarcOptions& o) {
  FILE* f = fopen(path.c_str(), "rb");
  if (!f)
    return Status::IoError("cannot open " + path + ": " + strerror(errno));
  return std::unique_ptr<WarcReader>(new WarcReader(f, "", o));
}

std::unique_ptr<WarcReader> WarcReader::FromBytes(std::string data,
                                                  const WarcOptions& o) {
  return std::unique_ptr<WarcReader>(
      new WarcReader(nullptr, std::move(data), o));
}

Status WarcReader::Refill() {
  // Raw input: from the file, or the in-memory bytes.
  char raw[kChunk];
  size_t n = 0;
  if (file_) {
    n = fread(raw, 1, sizeof raw, file_);
    if (n == 0 && ferror(file_)) return Status::IoError("read error");
  } else {
    n = std::min(sizeof raw, raw_.size() - raw_pos_);
    memcpy(raw, raw_.data() + raw_pos_, n);
    raw_pos_ += n;
  }
  if (!inflater_) {
    inflater_ = std::make_unique<Inflater>();
    gzip_ = n >= 2 && static_cast<unsigned char>(raw[0]) == 0x1f &&
            static_cast<unsigned char>(raw[1]) == 0x8b;
  }
  if (n == 0) {
    eof_ = true;
    if (gzip_ && inflater_->live)
      return Status::InvalidArgument("truncated gzip member at the end");
    eof_ = true;
    return Status::Ok();
  }
  if (!gzip_) {
    buf_.append(raw, n);
    decoded_ += n;
    return Status::Ok();
  }
  z_stream& z = inflater_->z;
  z.next_in = reinterpret_cast<Bytef*>(raw);
  z.avail_in = static_cast<uInt>(n);
  char out[kChunk];
  while (z.avail_in > 0) {
    if (!inflater_->live) {
      if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
        return Status::Internal("zlib init failed");
      inflater_->live = true;
    }
    z.next_out = reinterpret_cast<Bytef*>(out);
    z.avail_out = sizeof out;
    int rc = inflate(&z, Z_NO_FLUSH);
    buf_.append(out, sizeof out - z.avail_out);
    decoded_ += sizeof out - z.avail_out;
    if (rc == Z_STREAM_END) {
      member_ends_.push_back(decoded_);
      if (member_ends_.size() > 4096) member_ends_.pop_front();
      // Another gzip member (one per record) may follow in this chunk.
      Bytef* rest = z.next_in;
      uInt rest_n = z.avail_in;
      inflateEnd(&z);
      inflater_->live = false;
      z = z_stream{};
      z.next_in = rest;
      z.avail_in = rest_n;
    } else if (rc == Z_BUF_ERROR && z.avail_in > 0 && z.avail_out > 0) {
      return Status::InvalidArgument("corrupt gzip data near offset " +
                                     std::to_string(offset_));
    } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
      return Status::InvalidArgument("corrupt gzip data near offset " +
                                     std::to_string(offset_));
    }
  }
  return Status::Ok();
}

Result<bool> WarcReader::Fill(size_t n) {
  while (buf_.size() - pos_ < n && !eof_) {
    if (pos_ > kChunk) {
      buf_.erase(0, pos_);
      pos_ = 0;
    }
    SL_RETURN_IF_ERROR(Refill());
  }
  return buf_.size() - pos_ >= n;
}

uint64_t WarcReader::MemberEndWithin(uint64_t after, uint64_t before) const {
  for (uint64_t e : member_ends_)
    if (e > after && e < before) return e;
  return 0;
}

bool WarcReader::SkipToMemberAfter(uint64_t start) {
  if (!gzip_) return false;
  while (true) {
    uint64_t target = 0;
    for (uint64_t e : member_ends_)
      if (e > start) {
        target = e;
        break;
      }
    if (target != 0) {
      // Consume up to the member end (it is decoded: it is buffered or
      // was consumed already).
      while (offset_ < target) {
        size_t avail = buf_.size() - pos_;
        if (avail == 0) {
          Result<bool> more = Fill(1);
          if (!more.ok() || !*more) return false;
          continue;
        }
        size_t step =
            static_cast<size_t>(std::min<uint64_t>(avail, target - offset_));
        pos_ += step;
        offset_ += step;
      }
      return true;
    }
    if (eof_) return false;
    // Not decoded yet: drop what is buffered and read on.
    offset_ += buf_.size() - pos_;
    buf_.clear();
    pos_ = 0;
    if (!Refill().ok()) return false;
  }
}

Result<bool> WarcReader::Next(WarcRecord* rec) {
  if (failed_) return false;
  uint64_t start = offset_;
  Result<bool> r = ReadRecord(rec, &start);
  if (r.ok()) return r;
  // One damaged record in a file of one gzip member per record: resume
  // at the next member.
  if (SkipToMemberAfter(start)) return r.status();
  failed_ = true;
  return r.status();
}

Result<bool> WarcReader::ReadRecord(WarcRecord* rec, uint64_t* record_start) {
  auto fail = [](Status s) -> Result<bool> { return s; };
  // Skip the blank lines between records.
  while (true) {
    Result<bool> have = Fill(1);
    if (!have.ok()) return fail(have.status());
    if (!*have) return false;
    char c = buf_[pos_];
    if (c != '\r' && c != '\n') break;
    ++pos_;
    ++offset_;
  }
  const uint64_t start = offset_;
  *record_start = start;
  // Header block up to the empty line.
  size_t end = std::string::npos;
  size_t searched = 0;
  while (true) {
    end = buf_.find("\r\n\r\n", pos_ + (searched > 3 ? searched - 3 : 0));
    if (end != std::string::npos) break;
    searched = buf_.size() - pos_;
    if (searched > opts_.max_header_bytes)
      return fail(Status::ResourceExhausted(
          "WARC header block over " + std::to_string(opts_.max_header_bytes) +
          " bytes at offset " + std::to_string(start)));
    Result<bool> more = Fill(searched + 4096);
    if (!more.ok()) return fail(more.status());
    if (!*more && eof_) {
      end = buf_.find("\r\n\r\n", pos_);
      if (end == std::string::npos)
        return fail(Status::InvalidArgument(
            "truncated WARC record header at offset " + std::to_string(start)));
      break;
    }
  }
  if (end - pos_ > opts_.max_header_bytes)
    return fail(Status::ResourceExhausted(
        "WARC header block too large at offset " + std::to_string(start)));
  std::string_view head(buf_.data() + pos_, end - pos_);
  size_t nl = head.find("\r\n");
  std::string_view first = head.substr(0, nl);
  if (!StartsWith(first, "WARC/"))
    return fail(Status::InvalidArgument("not a WARC record at offset " +
                                        std::to_string(start)));
  rec->version = std::string(first);
  rec->fields.clear();
  rec->block.clear();
  size_t p = nl == std::string_view::npos ? head.size() : nl + 2;
  while (p < head.size()) {
    size_t e = head.find("\r\n", p);
    if (e == std::string_view::npos) e = head.size();
    std::string_view line = head.substr(p, e - p);
    p = e + 2;
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t') &&
        !rec->fields.empty()) {
      rec->fields.back().second += " " + std::string(Trim(line));
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos)
      return fail(Status::InvalidArgument("malformed WARC field at offset " +
                                          std::to_string(start)));
    rec->fields.emplace_back(std::string(line.substr(0, colon)),
                             std::string(Trim(line.substr(colon + 1))));
  }
  size_t len = 0;
  if (!ParseSize(rec->Field("Content-Length"), &len))
    return fail(Status::InvalidArgument(
        "WARC record without a valid Content-Length at offset " +
        std::to_string(start)));
  if (len > opts_.max_record_bytes)
    return fail(Status::ResourceExhausted(
        "WARC record of " + std::to_string(len) + " bytes over the " +
        std::to_string(opts_.max_record_bytes) + "-byte budget at offset " +
        std::to_string(start)));
  size_t header_len = end + 4 - pos_;
  Result<bool> have = Fill(header_len + len);
  if (!have.ok()) return fail(have.status());
  if (!*have)
    return fail(Status::InvalidArgument(
        "truncated WARC record at offset " + std::to_string(start) + ": " +
        std::to_string(buf_.size() - pos_ - header_len) + " of " +
        std::to_string(len) + " content bytes"));
  // A record runs past the end of its gzip member: its length is wrong
  // (what follows belongs to the next record).
  if (gzip_ && MemberEndWithin(start, start + header_len + len) != 0)
    return fail(Status::InvalidArgument(
        "WARC record at offset " + std::to_string(start) +
        " is longer than its gzip member (Content-Length " +
        std::to_string(len) + ")"));
  // Fill may have compacted the buffer: recompute from pos_.
  rec->block.assign(buf_, pos_ + header_len, len);
  pos_ += header_len + len;
  offset_ += header_len + len;
  return true;
}

// ---------------------------------------------------------------- writer

WarcWriter::~WarcWriter() {
  if (file_) fclose(file_);
}

Result<std::unique_ptr<WarcWriter>> WarcWriter::Open(
    const WarcWriterOptions& o) {
  std::error_code ec;
  fs::create_directories(o.dir, ec);
  if (ec)
    return Status::IoError("cannot create " + o.dir + ": " + ec.message());
  std::unique_ptr<WarcWriter> w(new WarcWriter(o));
  SL_RETURN_IF_ERROR(w->Rotate());
  return w;
}

Status WarcWriter::Rotate() {
  if (file_) fclose(file_);
  file_ = nullptr;
  // Never overwrite: the next free sequence number (survives restarts).
  do {
    char name[64];
    snprintf(name, sizeof name, "-%05d.warc.gz", ++sequence_);
    path_ = (fs::path(opts_.dir) / (opts_.prefix + name)).string();
  } while (fs::exists(path_));
  file_ = fopen(path_.c_str(), "wb");
  if (!file_)
    return Status::IoError("cannot write " + path_ + ": " + strerror(errno));
  written_ = 0;
  return Status::Ok();
}

Status WarcWriter::Write(const WarcRecord& r) {
  if (written_ >= opts_.max_file_bytes) SL_RETURN_IF_ERROR(Rotate());
  std::string raw = r.version + "\r\n";
  bool has_length = false;
  for (const auto& [k, v] : r.fields) {
    if (IEquals(k, "Content-Length")) {
      raw += k + ": " + std::to_string(r.block.size()) + "\r\n";
      has_length = true;
    } else {
      raw += k + ": " + v + "\r\n";
    }
  }
  if (!has_length)
    raw += "Content-Length: " + std::to_string(r.block.size()) + "\r\n";
  raw += "\r\n";
  raw += r.block;
  raw += "\r\n\r\n";
  z_stream z{};
  if (deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK)
    return Status::Internal("zlib init failed");
  std::string out(deflateBound(&z, static_cast<uLong>(raw.size())) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(raw.data());
  z.avail_in = static_cast<uInt>(raw.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&z, Z_FINISH);
  size_t n = out.size() - z.avail_out;
  deflateEnd(&z);
  if (rc != Z_STREAM_END) return Status::Internal("gzip failed");
  if (fwrite(out.data(), 1, n, file_) != n || fflush(file_) != 0)
    return Status::IoError("short write to " + path_);
  written_ += n;
  return Status::Ok();
}

WarcRecord ResponseRecord(const std::string& url, int64_t fetched_at,
                          const std::string& http_head,
                          const std::string& body) {
  WarcRecord r;
  r.version = "WARC/1.1";
  uint64_t a = Fnv1a64(url + "\n" + std::to_string(fetched_at));
  uint64_t b = Fnv1a64(body + url);
  std::string h = Hex64(a) + Hex64(b);
  std::string uuid = h.substr(0, 8) + "-" + h.substr(8, 4) + "-" +
                     h.substr(12, 4) + "-" + h.substr(16, 4) + "-" +
                     h.substr(20, 12);
  r.fields = {{"WARC-Type", "response"},
              {"WARC-Record-ID", "<urn:uuid:" + uuid + ">"},
              {"WARC-Date", FormatIsoTime(fetched_at)},
              {"WARC-Target-URI", url},
              {"Content-Type", "application/http;msgtype=response"},
              {"Content-Length", ""}};
  r.block = http_head + body;
  return r;
}

// ---------------------------------------------------------------- HTTP

Result<HttpMessage> ParseHttpResponse(const std::string& block,
                                      size_t max_body_bytes) {
  size_t end = block.find("\r\n\r\n");
  size_t sep = 4;
  if (end == std::string::npos) {
    end = block.find("\n\n");
    sep = 2;
  }
  if (end == std::string::npos || !StartsWith(block, "HTTP/"))
    return Status::InvalidArgument("not an HTTP response");
  std::string_view head(block.data(), end);
  HttpMessage m;
  size_t nl = head.find('\n');
  std::string_view status_line = Trim(head.substr(0, nl));
  size_t sp = status_line.find(' ');
  if (sp == std::string_view::npos)
    return Status::InvalidArgument("bad HTTP status line");
  std::string code(status_line.substr(sp + 1, 3));
  size_t status = 0;
  if (!ParseSize(code, &status) || status < 100 || status > 599)
    return Status::InvalidArgument("bad HTTP status line");
  m.status = static_cast<int>(status);
  size_t p = nl == std::string_view::npos ? head.size() : nl + 1;
  while (p < head.size()) {
    size_t e = head.find('\n', p);
    if (e == std::string_view::npos) e = head.size();
    std::string_view line = Trim(head.substr(p, e - p));
    p = e + 1;
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    m.headers.emplace_back(std::string(Trim(line.substr(0, colon))),
                           std::string(Trim(line.substr(colon + 1))));
  }
  std::string_view body(block.data() + end + sep, block.size() - end - sep);
  std::string dechunked;
  if (AsciiLower(m.Header("Transfer-Encoding")).find("chunked") !=
      std::string::npos) {
    size_t q = 0;
    while (q < body.size()) {
      size_t e = body.find("\r\n", q);
      if (e == std::string_view::npos) break;
      std::string hex(Trim(body.substr(q, e - q)));
      hex = hex.substr(0, hex.find(';'));
      size_t n = 0;
      try {
        n = std::stoul(hex, nullptr, 16);
      } catch (const std::exception&) {
        return Status::InvalidArgument("bad chunk size");
      }
      if (n == 0) break;
      if (e + 2 + n > body.size())
        return Status::InvalidArgument("truncated chunked body");
      dechunked.append(body.substr(e + 2, n));
      if (dechunked.size() > max_body_bytes)
        return Status::ResourceExhausted("body over budget");
      q = e + 2 + n + 2;
    }
    body = dechunked;
  }
  std::string enc = AsciiLower(m.Header("Content-Encoding"));
  if (enc == "gzip" || enc == "x-gzip" || enc == "deflate") {
    SL_RETURN_IF_ERROR(Inflate(
        body, enc != "deflate" || (body.size() > 1 && (body[0] & 0x0f) == 8),
        max_body_bytes, &m.body));
  } else if (enc.empty() || enc == "identity") {
    if (body.size() > max_body_bytes)
      return Status::ResourceExhausted("body over budget");
    m.body = std::string(body);
  } else {
    return Status::InvalidArgument("unsupported content encoding " + enc);
  }
  return m;
}

}  // namespace storyline::ingest
