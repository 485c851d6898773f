// ir_test.cpp - the IR text, against the seed document's listing.
#include "ir.h"
#include "reference_programs.h"
#include "replay.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace bytedmd {
namespace {

std::string irText(const EventLog &log, std::uint64_t bytes = 1) {
  char *data = nullptr;
  std::size_t size = 0;
  std::FILE *out = open_memstream(&data, &size);
  {
    IrWriter ir(out, log.view().values, bytes);
    Replay replay;
    ReplayOptions options;
    options.bytesPerElement = bytes;
    ir.total(replay.run(log.view(), options, ir).cost);
    EXPECT_TRUE(ir.ok());
  }
  std::fclose(out);
  std::string text(data, size);
  std::free(data);
  return text;
}

// The seed document's inspect_ir listing for matvec2, without its commentary.
constexpr const char *kSeedMatvec2 = R"(STORE v1
STORE v2
STORE v3
STORE v4
STORE v5
STORE v6
  READ v3@4  cost=2
  READ v1@6  cost=3
OP    mul(v3@4, v1@6)  cost=5
STORE v7
  READ v4@5  cost=3
  READ v2@6  cost=3
OP    mul(v4@5, v2@6)  cost=6
STORE v8
  READ v7@3  cost=2
  READ v8@1  cost=1
OP    add(v7@3, v8@1)  cost=3
STORE v9
  READ v5@5  cost=3
  READ v1@3  cost=2
OP    mul(v5@5, v1@3)  cost=5
STORE v10
  READ v6@4  cost=2
  READ v2@3  cost=2
OP    mul(v6@4, v2@3)  cost=4
STORE v11
  READ v10@2  cost=2
  READ v11@1  cost=1
OP    add(v10@2, v11@1)  cost=3
STORE v12
# total cost = 26
)";

TEST(Ir, Matvec2MatchesTheSeedListingLineForLine) {
  // matvec2(A, x): y0 = A00*x0 + A01*x1; y1 = A10*x0 + A11*x1.
  EXPECT_EQ(irText(testing::matvecEvents(2)), kSeedMatvec2);
}

TEST(Ir, AReadWithNoOutputPrintsOnlyItsReadLine) {
  // relu(a) with a > 0: gt(a) -> c; truth read of c; mul(a) -> r.
  EventLog log;
  const Word a = log.input();
  const Word c = log.read({a}, true, BYTEDMD_OP_GT);
  log.read({c}, false, BYTEDMD_OP_TRUTH);
  log.result(log.read({a}, true, BYTEDMD_OP_MUL));
  EXPECT_EQ(irText(log), "STORE v1\n"
                         "  READ v1@1  cost=1\n"
                         "OP    gt(v1@1)  cost=1\n"
                         "STORE v2\n"
                         "  READ v2@1  cost=1\n"
                         "  READ v1@1  cost=1\n"
                         "OP    mul(v1@1)  cost=1\n"
                         "STORE v3\n"
                         "# total cost = 3\n");
}

TEST(Ir, CostsFollowBytesPerElement) {
  // a + a at depth 1 with B = 2: each read costs ceil(sqrt 1) + ceil(sqrt 2) = 3.
  EventLog log;
  const Word a = log.input();
  log.result(log.read({a, a}, true, BYTEDMD_OP_ADD));
  EXPECT_EQ(irText(log, 2), "STORE v1\n"
                            "  READ v1@1  cost=3\n"
                            "  READ v1@1  cost=3\n"
                            "OP    add(v1@1, v1@1)  cost=6\n"
                            "STORE v2\n"
                            "# total cost = 6\n");
}

} // namespace
} // namespace bytedmd
