// metamorphic_test.cpp - the same computation written with different data
// movement gives exactly the trace of its element-loop version: copies are
// free and keep keys (semantics.md, "Memory"). A generated program holds a
// dozen computations ("families"), each over a buffer b made from the input x
// in ten ways; bytedmd must give every variant of a family the loop's trace,
// and the instrumented program must print what the original prints.
#include "test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace {

using bytedmd::testing::readFile;
using bytedmd::testing::scratchDir;
using bytedmd::testing::shell;

// Computations over b[0..3], returning a double.
const std::vector<std::string> kFamilies = {
    "return b[0] * b[1] + b[2] * b[3];",
    "return ((b[0] + b[1]) + b[2]) + b[3];",
    "return b[3] - b[0];",
    "return b[0] * b[0] + b[1];",
    "return b[0] < b[1] ? b[2] : b[3];",
    "return std::max(b[0], b[3]) + b[1];",
    "return std::sqrt(b[0] * b[1]);",
    "return b[1] * 2 + b[2] * 3;",
    "double s = 0; for (int i = 0; i < 4; ++i) s = s + b[i] * b[i]; return s;",
    "double s = b[0]; for (int i = 1; i < 4; ++i) s = s * b[i]; return s;",
    "return b[2] / (b[0] + b[3]);",
    "double s = b[3]; for (int i = 2; i >= 0; --i) s = s + b[i]; return s;",
    "double s; if (b[0] > 0) s = b[1] * b[2]; else s = b[3]; return s;",
};

// Ways to make b from x = {x0, x1, x2, x3}; the first is the element loop.
const std::vector<std::pair<std::string, std::string>> kVariants = {
    {"loop", "V b(4); for (size_t i = 0; i < 4; ++i) b[i] = x[i];"},
    {"copy", "V b(4); std::copy(x.begin(), x.end(), b.begin());"},
    {"copy_construct", "V b = x;"},
    {"push_back", "V b; for (double v : x) b.push_back(v);"},
    {"init_list", "V b = {x[0], x[1], x[2], x[3]};"},
    {"struct", "Quad q{x[0], x[1], x[2], x[3]}; double b[4] = {q.a, q.b, q.c, q.d};"},
    {"std_array", "std::array<double, 4> a; std::copy(x.begin(), x.end(), a.begin()); "
                  "std::array<double, 4> b = a;"},
    {"assign", "V b; b.assign(x.begin(), x.end());"},
    {"swap", "V b, c = x; std::swap(b, c);"},
    {"struct_return", "Quad q = quad(x); double b[4] = {q.a, q.b, q.c, q.d};"},
};

std::string program() {
  std::string s = R"cpp(#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <vector>
using V = std::vector<double>;
struct Quad { double a, b, c, d; };
Quad quad(const V &x) { return Quad{x[0], x[1], x[2], x[3]}; }
)cpp";
  for (std::size_t f = 0; f < kFamilies.size(); ++f)
    for (const auto &[name, movement] : kVariants)
      s += "double f" + std::to_string(f) + "_" + name + "(const V &x) { " + movement + " " +
           kFamilies[f] + " }\n";
  s += "int main() {\n  const V x = {1.5, 2, 0.5, 3};\n";
  for (std::size_t f = 0; f < kFamilies.size(); ++f)
    for (const auto &[name, movement] : kVariants)
      s += "  std::printf(\"%.17g\\n\", f" + std::to_string(f) + "_" + name + "(x));\n";
  return s + "  return 0;\n}\n";
}

TEST(Metamorphic, EveryDataMovementGivesTheElementLoopTrace) {
  const std::string dir = scratchDir();
  std::ofstream(dir + "/families.cpp") << program();
  ASSERT_EQ(shell(std::string(BYTEDMD_EXE) + " run " + dir + "/families.cpp --report=" + dir +
                  "/r.json --keep-dir=" + dir + "/work >" + dir + "/out 2>" + dir + "/err"),
            0)
      << readFile(dir + "/err");
  const nlohmann::json report = nlohmann::json::parse(readFile(dir + "/r.json"));
  std::map<std::string, nlohmann::json> byName;
  for (const auto &m : report["measurements"])
    byName[m["function"]] = m;
  ASSERT_EQ(byName.size(), kFamilies.size() * kVariants.size());
  for (std::size_t f = 0; f < kFamilies.size(); ++f) {
    const nlohmann::json &loop = byName["f" + std::to_string(f) + "_loop"];
    EXPECT_FALSE(loop["trace"].empty()) << kFamilies[f];
    for (const auto &[name, movement] : kVariants) {
      const nlohmann::json &m = byName["f" + std::to_string(f) + "_" + name];
      SCOPED_TRACE(kFamilies[f] + " with " + name);
      EXPECT_EQ(m["trace"], loop["trace"]);
      EXPECT_EQ(m["cost"], loop["cost"]);
      EXPECT_EQ(m["approximate"], false) << m["diagnostics"].dump();
      EXPECT_EQ(m["stale_loads"], 0);
    }
  }
  // Semantics preserved.
  ASSERT_EQ(shell("c++ -std=c++17 -O2 -o " + dir + "/original " + dir + "/families.cpp && " + dir +
                  "/original >" + dir + "/original.out"),
            0);
  ASSERT_EQ(shell("BYTEDMD_REPORT=" + dir + "/again.json " + dir + "/work/families.bytedmd >" +
                  dir + "/instrumented.out"),
            0);
  EXPECT_EQ(readFile(dir + "/instrumented.out"), readFile(dir + "/original.out"));
  shell("rm -rf " + dir);
}

} // namespace
