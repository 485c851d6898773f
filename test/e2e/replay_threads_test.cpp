// replay_threads_test.cpp - a log long enough to replay in two halves on two
// threads gives the report one thread gives (BYTEDMD_REPLAY_THREADS=1): every
// number, trace and breakdown. test/runtime/replay_split_test.cpp checks
// every split point of small logs; this checks the runtime's own split of a
// real measurement.
#include "test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <string>

namespace {

using bytedmd::testing::readFile;
using Json = nlohmann::json;

/// long_log.cpp at size n measured with one replay thread and with two:
/// the same output and report, n x n dot products of 2 n - 1 instructions.
void expectTwoThreadsGiveTheReportOfOne(int n) {
  const std::string dir = bytedmd::testing::scratchDir();
  const std::string source = std::string(BYTEDMD_SOURCE_DIR) + "/test/e2e/replay/long_log.cpp";
  for (const char *threads : {"1", "2"})
    ASSERT_EQ(bytedmd::testing::shell("cd " + dir + " && BYTEDMD_REPLAY_THREADS=" + threads +
                                      " " + BYTEDMD_EXE + " run " + source + " --report=" +
                                      threads + ".json -- -DN=" + std::to_string(n) + " >" +
                                      threads + ".out 2>&1"),
              0)
        << readFile(dir + "/" + threads + ".out");
  EXPECT_EQ(readFile(dir + "/1.out"), readFile(dir + "/2.out"));
  const Json one = Json::parse(readFile(dir + "/1.json"))["measurements"];
  const Json two = Json::parse(readFile(dir + "/2.json"))["measurements"];
  ASSERT_EQ(one.size(), 1u);
  // By the model: each dot product reads 2 values in each of its 2 n - 1 instructions.
  EXPECT_EQ(one[0]["reads"], n * n * 2 * (2 * n - 1));
  EXPECT_FALSE(one[0]["approximate"].get<bool>());
  EXPECT_EQ(one, two);
  std::system(("rm -rf " + dir).c_str());
}

TEST(ReplayThreads, TwoHalvesGiveTheReportOfOne) { expectTwoThreadsGiveTheReportOfOne(96); }

// At N = 128 the log (12.6 million words) outgrows two of the recorder's
// windows of 2^22 words, so with two threads the liveness pass runs beside
// the recording (forward_liveness.h) and the replay takes its bits.
TEST(ReplayThreads, LivenessBesideTheRecordingGivesTheReportOfOne) {
  expectTwoThreadsGiveTheReportOfOne(128);
}

} // namespace
