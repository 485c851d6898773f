// arguments_test.cpp - the rewriter on in-memory sources: the compiler arguments the tools add or drop.
#include "rewrite_test_support.h"

#include "CompileArguments.h"

#include <algorithm>

namespace bytedmd {
namespace {

TEST(Arguments, ResourceDirIsAddedUnlessGivenAndGccFlagsDropped) {
  std::vector<std::string> out = adjustArguments({"clang", "-fno-tree-vrp", "-O2", "a.cc"});
  ASSERT_GE(out.size(), 3u);
  EXPECT_EQ(out[1], std::string("-resource-dir=") + defaultResourceDir());
  EXPECT_EQ(std::count(out.begin(), out.end(), "-fno-tree-vrp"), 0);
  EXPECT_EQ(std::count(out.begin(), out.end(), "-O2"), 1);
  out = adjustArguments({"clang", "-resource-dir=/mine", "a.cc"});
  EXPECT_EQ(out, (std::vector<std::string>{"clang", "-resource-dir=/mine", "a.cc"}));
}

} // namespace
} // namespace bytedmd
