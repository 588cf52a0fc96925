#include "common/status.h"

#include <gtest/gtest.h>

namespace storyline {
namespace {

Status Inner(bool fail) {
  if (fail) return Status::NotFound("no page for story 42");
  return Status::Ok();
}

Status Middle(bool fail) {
  SL_RETURN_IF_ERROR(Inner(fail));
  return Status::Ok();
}

Result<int> Outer(bool fail) {
  SL_RETURN_IF_ERROR(Middle(fail));
  return 7;
}

TEST(StatusTest, ReturnIfErrorRecordsWhereTheErrorPassed) {
  Result<int> ok = Outer(false);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 7);
  EXPECT_EQ(ok.status().trace(), "");

  Result<int> r = Outer(true);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(r.status().message(), "no page for story 42");
  // Innermost first, paths from src/.
  const std::string& t = r.status().trace();
  size_t first = t.find("common/status_test.cc:");
  ASSERT_EQ(first, 0u) << t;
  EXPECT_NE(t.find(" < common/status_test.cc:", first + 1), std::string::npos)
      << t;
  EXPECT_EQ(r.status().ToString(),
            "not found: no page for story 42 [" + t + "]");
  // Context keeps the trace.
  EXPECT_EQ(r.status().WithContext("story 42").trace(), t);
}

TEST(StatusTest, TraceIsBounded) {
  Status s = Status::IoError("disk");
  for (int i = 0; i < 100; ++i) s.AddTrace("/x/src/a.cc", i);
  size_t steps = 1;
  for (char c : s.trace()) steps += c == '<';
  EXPECT_EQ(steps, 8u);
  Status ok;
  ok.AddTrace("a.cc", 1);
  EXPECT_EQ(ok.trace(), "");
  EXPECT_EQ(ok.ToString(), "OK");
}

}  // namespace
}  // namespace storyline
