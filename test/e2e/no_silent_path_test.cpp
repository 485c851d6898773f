// no_silent_path_test.cpp - data that moves through code the tool does not
// see (semantics.md, "No silent path"). A generated program runs a dozen
// computations over a buffer b made from the input x; each route moves the
// data through a helper compiled in a separate file. Built twice:
//
//   plain     the helpers' file is not instrumented;
//   measured  it is instrumented too, so every route is modeled.
//
// A route through code the tool does not see may come out approximate, but
// never as a plain number different from the measured one: each plain
// measurement is either approximate, naming its cause (unattributed loads
// with their first site, a call given tracked data, a result computed from
// tracked values), or exactly the measured trace and cost.
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
    "double s = 0; for (int i = 0; i < 4; ++i) s = s + b[i] * b[i]; return s;",
    "double s; if (b[0] > 0) s = b[1] * b[2]; else s = b[3]; return s;",
};

// How b is made from x = {x0, x1, x2, x3} through the helpers; `modeled`
// when the plain build must be exact (the data never leaves rewritten code).
struct Route {
  std::string name, movement, cleanup;
  bool modeled;
};
const std::vector<Route> kRoutes = {
    {"loop", "double b[4]; for (int i = 0; i < 4; ++i) b[i] = x[i];", "", true},
    {"stack_copy", "double b[4]; copy_into(b, x.data(), 4);", "", false},
    {"heap_copy", "std::vector<double> b(4); copy_into(b.data(), x.data(), 4);", "", false},
    {"made_by_helper", "double *b = made_copy(x.data(), 4);", "delete[] b;", false},
    {"vector_from_helper", "std::vector<double> b = vector_copy(x);", "", false},
    {"filled_by_helper", "std::vector<double> b; filled(b, x[1]); b[0] = x[0]; b[3] = x[3];", "",
     false},
    {"scaled_by_helper", "double b[4]; for (int i = 0; i < 4; ++i) b[i] = scaled(x[i], 1.0);", "",
     false},
    {"memcpy_in_helper", "std::vector<double> b(4); memory_copy(b.data(), x.data(), 4);", "",
     false},
    {"constants_from_helper",
     "double b[4]; for (int i = 0; i < 4; ++i) b[i] = x[i]; b[2] = constant_two();", "", true},
};

const char *const kHelpers = R"cpp(#include <cstring>
#include <vector>
void copy_into(double *dst, const double *src, int n) { for (int i = 0; i < n; ++i) dst[i] = src[i]; }
double *made_copy(const double *src, int n) {
  double *p = new double[n];
  for (int i = 0; i < n; ++i) p[i] = src[i];
  return p;
}
std::vector<double> vector_copy(const std::vector<double> &v) { return v; }
void filled(std::vector<double> &v, double x) { v.assign(4, x); }
double scaled(double a, double s) { return a * s; }
void memory_copy(double *dst, const double *src, int n) { std::memcpy(dst, src, n * sizeof(double)); }
double constant_two() { return 2.0; }
)cpp";

std::string program() {
  std::string s = R"cpp(#include <cstdio>
#include <vector>
using V = std::vector<double>;
void copy_into(double *dst, const double *src, int n);
double *made_copy(const double *src, int n);
V vector_copy(const V &v);
void filled(V &v, double x);
double scaled(double a, double s);
void memory_copy(double *dst, const double *src, int n);
double constant_two();
)cpp";
  for (std::size_t f = 0; f < kFamilies.size(); ++f)
    for (const Route &r : kRoutes) {
      s += "double f" + std::to_string(f) + "_" + r.name + "(const V &x) { " + r.movement +
           " double result; { auto body = [&]() -> double { " + kFamilies[f] +
           " }; result = body(); } " + r.cleanup + " return result; }\n";
    }
  s += "int main() {\n  const V x = {1.5, 2, 0.5, 3};\n";
  for (std::size_t f = 0; f < kFamilies.size(); ++f)
    for (const Route &r : kRoutes)
      s += "  std::printf(\"%.17g\\n\", f" + std::to_string(f) + "_" + r.name + "(x));\n";
  return s + "  return 0;\n}\n";
}

std::map<std::string, nlohmann::json> byName(const std::string &path) {
  std::map<std::string, nlohmann::json> out;
  const nlohmann::json report = nlohmann::json::parse(readFile(path));
  for (const auto &m : report["measurements"])
    out[m["function"]] = m;
  return out;
}

TEST(NoSilentPath, DataMovedByCodeTheToolDoesNotSeeIsExactOrApproximateNeverWrong) {
  const std::string dir = scratchDir();
  std::ofstream(dir + "/program.cpp") << program();
  std::ofstream(dir + "/helpers.cpp") << kHelpers;
  const std::string bytedmd = BYTEDMD_EXE;
  const std::string instrument = bytedmd.substr(0, bytedmd.rfind('/')) + "/bytedmd-instrument";
  const std::string flags = "$(" + instrument + " --print-flags)";
  ASSERT_EQ(shell("cd " + dir + " && " + instrument +
                  " program.cpp -o program.i.cpp 2>program.err && " + instrument +
                  " helpers.cpp -o helpers.i.cpp --function=none --allow-missing-functions "
                  "2>helpers.err"),
            0)
      << readFile(dir + "/program.err") << readFile(dir + "/helpers.err");
  ASSERT_EQ(shell("cd " + dir + " && c++ -std=c++17 -O2 program.i.cpp helpers.cpp " + flags +
                  " -o plain && c++ -std=c++17 -O2 program.i.cpp helpers.i.cpp " + flags +
                  " -o measured && c++ -std=c++17 -O2 program.cpp helpers.cpp -o original"),
            0);
  ASSERT_EQ(shell("cd " + dir + " && BYTEDMD_REPORT=plain.json ./plain >plain.out && "
                  "BYTEDMD_REPORT=measured.json ./measured >measured.out && ./original "
                  ">original.out"),
            0);
  // Semantics preserved either way.
  EXPECT_EQ(readFile(dir + "/plain.out"), readFile(dir + "/original.out"));
  EXPECT_EQ(readFile(dir + "/measured.out"), readFile(dir + "/original.out"));
  const auto plain = byName(dir + "/plain.json");
  const auto measured = byName(dir + "/measured.json");
  ASSERT_EQ(plain.size(), kFamilies.size() * kRoutes.size()) << dir;
  for (std::size_t f = 0; f < kFamilies.size(); ++f) {
    const nlohmann::json &loop = measured.at("f" + std::to_string(f) + "_loop");
    for (const Route &r : kRoutes) {
      const std::string name = "f" + std::to_string(f) + "_" + r.name;
      SCOPED_TRACE(name + ": " + kFamilies[f]);
      const nlohmann::json &p = plain.at(name), &m = measured.at(name);
      // With every helper rewritten, the routes that only copy are modeled,
      // and copies are free: the loop's numbers.
      if (r.name == "stack_copy" || r.name == "heap_copy" || r.name == "made_by_helper" ||
          r.name == "vector_from_helper") {
        EXPECT_EQ(m["approximate"], false) << m["diagnostics"].dump();
        EXPECT_EQ(m["trace"], loop["trace"]);
      }
      if (p["approximate"] == false) {
        EXPECT_TRUE(r.modeled) << "a route through unseen code came out exact";
        if (!m["approximate"].get<bool>()) {
          EXPECT_EQ(p["trace"], m["trace"]);
          EXPECT_EQ(p["cost"], m["cost"]);
        }
        EXPECT_EQ(p["unattributed_loads"], 0);
        continue;
      }
      // Approximate: for its real cause, with a file:line.
      EXPECT_FALSE(r.modeled) << p["diagnostics"].dump();
      const std::string why = p["diagnostics"].dump();
      const bool unattributed = p["unattributed_loads"].get<int>() > 0 &&
                                why.find("program.cpp:") != std::string::npos;
      const bool handed = why.find("with a pointer, reference or iterator") != std::string::npos;
      const bool computed = why.find("is computed from tracked values") != std::string::npos;
      EXPECT_TRUE(unattributed || handed || computed) << why;
      if (r.name == "heap_copy" || r.name == "stack_copy" || r.name == "made_by_helper" ||
          r.name == "vector_from_helper" || r.name == "memcpy_in_helper")
        EXPECT_GT(p["unattributed_loads"].get<int>(), 0) << why;
    }
  }
  shell("rm -rf " + dir);
}

} // namespace
