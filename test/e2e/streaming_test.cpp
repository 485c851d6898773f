// streaming_test.cpp - BYTEDMD_STREAM=1 (bytedmd run --stream) gives the
// default numbers, breakdowns included, on the golden programs, on C kernels
// whose inputs are found through pointer parameters, and on a value read
// after 2^16 dead ones; and it refuses what it cannot do with a reason: a
// call that does not repeat itself, variants.
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
  /// `bytedmd run <args> [-- <flags>]` with and without --stream: the same
  /// numbers, and the program's own output once, as without streaming.
  void expectTheDefaultNumbers(const std::string &args, const std::string &flags = "") {
    const std::string compiler = flags.empty() ? "" : " -- " + flags;
    ASSERT_EQ(run(args + " --report=memory.json" + compiler, "memory"), 0)
        << readFile(dir + "/memory.err");
    ASSERT_EQ(run(args + " --stream --report=stream.json" + compiler, "stream"), 0)
        << readFile(dir + "/stream.err");
    EXPECT_EQ(readFile(dir + "/stream.out"), readFile(dir + "/memory.out"));
    const Json a = Json::parse(readFile(dir + "/memory.json"))["measurements"];
    const Json b = Json::parse(readFile(dir + "/stream.json"))["measurements"];
    ASSERT_EQ(a.size(), b.size());
    ASSERT_GT(a.size(), 0u);
    for (std::size_t i = 0; i < a.size(); ++i) {
      ASSERT_TRUE(a[i].contains("by_function")) << args;
      for (const char *field : {"function", "call", "cost", "reads", "trace", "peak_live",
                                "instructions", "inputs", "lines", "approximate", "size",
                                "by_function", "by_region", "outside_regions", "by_input", "by_op",
                                "depth_histogram", "timeline"})
        EXPECT_EQ(a[i].value(field, Json()), b[i].value(field, Json()))
            << args << " measurement " << i << " " << field;
    }
  }
  std::string dir;
};

TEST_P(Streaming, GivesTheDefaultNumbers) {
  expectTheDefaultNumbers(std::string(BYTEDMD_SOURCE_DIR) + "/" + GetParam());
}

INSTANTIATE_TEST_SUITE_P(
    Golden, Streaming,
    ::testing::Values("examples/matvec.cpp", "test/e2e/cases/scalars.cpp",
                      "test/e2e/cases/vectors.cpp", "test/e2e/cases/linalg.cpp",
                      "test/e2e/cases/worked.cpp", "test/e2e/cpp/classes.cpp",
                      "test/e2e/cpp/complex.cpp", "test/e2e/cpp/library_copies.cpp",
                      "test/e2e/cpp/templates.cpp", "benchmarks/microgpt/microgpt.cpp",
                      "test/e2e/streaming/chunks.cpp", "test/e2e/cases/written_first.cpp",
                      "test/e2e/attribution/calls.cpp", "test/e2e/attribution/phases.cpp",
                      "test/e2e/attribution/sized_matvec.cpp"),
    [](const ::testing::TestParamInfo<std::string> &info) {
      std::string name = info.param.substr(info.param.rfind('/') + 1);
      return name.substr(0, name.find('.'));
    });

class StreamingGives : public Streaming {};

// Inputs found through pointer parameters get their keys as the body first
// loads them, but stand on the stack from the start: the first execution
// lists them in order for the second. gemm at 50 also crosses chunks and
// the ring of recent keys (755,000 reads); the kernels' own tests check the
// in-memory numbers against hand-built traces.
TEST_F(StreamingGives, TheDefaultNumbersForCKernelsWithPointerInputs) {
  const std::string c = std::string(BYTEDMD_SOURCE_DIR) + "/test/e2e/c/";
  const std::string bench = " " + c + "utilities/bench.c", include = "-I " + c + "utilities";
  expectTheDefaultNumbers(c + "gemm.c --function=kernel_gemm --untracked=ni --untracked=nj "
                                  "--untracked=nk" + bench,
                          include + " -DNI=50 -DNJ=50 -DNK=50");
  for (const std::string kernel : {"atax.c --function=kernel_atax --untracked=m --untracked=n",
                                   "cholesky.c --function=kernel_cholesky --untracked=n",
                                   "nussinov.c --function=kernel_nussinov --untracked=n"})
    expectTheDefaultNumbers(c + kernel + bench, include);
}

TEST_F(StreamingGives, TheDefaultNumbersForAValueReadAfter2To16DeadOnes) {
  expectTheDefaultNumbers(std::string(BYTEDMD_SOURCE_DIR) +
                          "/test/e2e/streaming/dead_values.cpp --untracked=i --untracked=n");
}

// Reads past 254 of a key at or above 2^24 are counted in a hash map, below
// it in an array: both at once, 2^24 + 1,000 values.
TEST_F(StreamingGives, TheDefaultNumbersForAValueMadeAfter2To24AndReadOften) {
  expectTheDefaultNumbers(std::string(BYTEDMD_SOURCE_DIR) +
                          "/test/e2e/streaming/late_hot_value.cpp --untracked=i --untracked=n");
}

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

// The same events, but the pointer inputs met in the other order: the
// second execution's inputs, in stack order, differ from the first's.
TEST_F(StreamingRefuses, ACallThatMeetsItsInputsInAnotherOrder) {
  const std::string program =
      std::string(BYTEDMD_SOURCE_DIR) + "/test/e2e/streaming/lazy_order.cpp";
  EXPECT_NE(run(program + " --stream --report=r.json", "r"), 0);
  const std::string err = readFile(dir + "/r.err");
  EXPECT_NE(err.find("its inputs differ from the first execution's"), std::string::npos) << err;
  EXPECT_NE(err.find("product"), std::string::npos) << err;
  EXPECT_EQ(run(program + " --report=m.json", "m"), 0) << readFile(dir + "/m.err");
}

TEST_F(StreamingRefuses, Variants) {
  const std::string matvec = std::string(BYTEDMD_SOURCE_DIR) + "/examples/matvec.cpp";
  EXPECT_NE(run(matvec + " --stream --no-liveness --report=v.json", "v"), 0);
  EXPECT_NE(readFile(dir + "/v.err").find("BYTEDMD_STREAM=1 replays the default model only"),
            std::string::npos)
      << readFile(dir + "/v.err");
}

} // namespace
