// streaming_test.cpp - BYTEDMD_STREAM=1 (bytedmd run --stream) gives the
// default numbers on the golden programs, and refuses what it cannot do
// with a reason: a call that does not repeat itself, inputs found through a
// pointer parameter, variants.
#include "test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <string>

namespace {

using bytedmd::testing::readFile;
using Json = nlohmann::json;

class Streaming : public ::testing::TestWithParam<std::string> {
protected:
  void SetUp() override { dir = bytedmd::testing::scratchDir(); }
  void TearDown() override { std::system(("rm -rf " + dir).c_str()); }
  int run(const std::string &args, const std::string &tag) {
    return bytedmd::testing::shell("cd " + dir + " && " + BYTEDMD_EXE + " run " + args + " >" +
                                   tag + ".out 2>" + tag + ".err");
  }
  std::string dir;
};

TEST_P(Streaming, GivesTheDefaultNumbers) {
  const std::string program = std::string(BYTEDMD_SOURCE_DIR) + "/" + GetParam();
  ASSERT_EQ(run(program + " --report=memory.json", "memory"), 0) << readFile(dir + "/memory.err");
  ASSERT_EQ(run(program + " --stream --report=stream.json", "stream"), 0)
      << readFile(dir + "/stream.err");
  // The program's own output appears once, as without streaming.
  EXPECT_EQ(readFile(dir + "/stream.out"), readFile(dir + "/memory.out"));
  const Json a = Json::parse(readFile(dir + "/memory.json"))["measurements"];
  const Json b = Json::parse(readFile(dir + "/stream.json"))["measurements"];
  ASSERT_EQ(a.size(), b.size());
  ASSERT_GT(a.size(), 0u);
  for (std::size_t i = 0; i < a.size(); ++i)
    for (const char *field : {"function", "call", "cost", "reads", "trace", "peak_live",
                              "instructions", "inputs", "lines", "approximate"})
      EXPECT_EQ(a[i][field], b[i][field]) << GetParam() << " measurement " << i << " " << field;
}

INSTANTIATE_TEST_SUITE_P(
    Golden, Streaming,
    ::testing::Values("examples/matvec.cpp", "test/e2e/cases/scalars.cpp",
                      "test/e2e/cases/vectors.cpp", "test/e2e/cases/linalg.cpp",
                      "test/e2e/cases/worked.cpp", "test/e2e/cpp/classes.cpp",
                      "test/e2e/cpp/complex.cpp", "test/e2e/cpp/library_copies.cpp",
                      "test/e2e/cpp/templates.cpp", "benchmarks/microgpt/microgpt.cpp",
                      "test/e2e/streaming/chunks.cpp"),
    [](const ::testing::TestParamInfo<std::string> &info) {
      std::string name = info.param.substr(info.param.rfind('/') + 1);
      return name.substr(0, name.find('.'));
    });

class StreamingRefuses : public Streaming {};

TEST_F(StreamingRefuses, ACallThatDoesNotRepeatItself) {
  const std::string program =
      std::string(BYTEDMD_SOURCE_DIR) + "/test/e2e/streaming/not_repeating.cpp";
  EXPECT_NE(run(program + " --stream --report=r.json", "r"), 0);
  const std::string err = readFile(dir + "/r.err");
  EXPECT_NE(err.find("did not repeat itself"), std::string::npos) << err;
  EXPECT_NE(err.find("sum_calls"), std::string::npos) << err;
  // Without streaming the same program measures.
  EXPECT_EQ(run(program + " --report=m.json", "m"), 0) << readFile(dir + "/m.err");
}

TEST_F(StreamingRefuses, InputsFoundThroughAPointerAndVariants) {
  const std::string pointer =
      std::string(BYTEDMD_SOURCE_DIR) + "/test/e2e/cases/written_first.cpp";
  EXPECT_NE(run(pointer + " --stream --report=p.json", "p"), 0);
  EXPECT_NE(readFile(dir + "/p.err").find("found through a pointer parameter"), std::string::npos)
      << readFile(dir + "/p.err");
  const std::string matvec = std::string(BYTEDMD_SOURCE_DIR) + "/examples/matvec.cpp";
  EXPECT_NE(run(matvec + " --stream --no-liveness --report=v.json", "v"), 0);
  EXPECT_NE(readFile(dir + "/v.err").find("BYTEDMD_STREAM=1 replays the default model only"),
            std::string::npos)
      << readFile(dir + "/v.err");
}

} // namespace
