// wrapped_forms_test.cpp - a metamorphic test over generated programs: one
// random computation over four inputs, measured plain, and measured again
// with its data moved through the constructs of C++ as written (a struct
// passed by value, a class's method, a struct of a vector, a std::array or
// std::tuple returned by value, a std::function, operators on a struct,
// a lambda capturing by value, range construction, a constructor). The
// contract makes every such movement free (semantics.md, "Copies are free
// and keep the key"), so each wrapped measurement must have the plain one's
// trace and cost, or be approximate with a diagnostic: never a different
// number with no warning. Every program must print what its plain build
// prints.
#include "test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace {

using bytedmd::testing::readFile;
using bytedmd::testing::scratchDir;
using bytedmd::testing::shell;

constexpr int kComputations = 40;

/// A computation: statements over x0..x3 and earlier temporaries, in
/// plain C++ (`double t0 = x1 * x0; ...`), and the name of its result.
struct Computation {
  std::vector<std::string> statements;
  std::string result;
  bool arithmeticOnly = true; // no comparisons: W's operators can carry it
};

Computation generate(std::mt19937 &rng, bool arithmeticOnly) {
  Computation c;
  c.arithmeticOnly = arithmeticOnly;
  std::vector<std::string> names = {"x0", "x1", "x2", "x3"};
  const auto pick = [&] { return names[rng() % names.size()]; };
  const char *ops[] = {"+", "-", "*"};
  const int n = 2 + int(rng() % 5);
  for (int i = 0; i < n; ++i) {
    const std::string t = "t" + std::to_string(i);
    std::string e;
    if (!arithmeticOnly && rng() % 4 == 0)
      e = pick() + " < " + pick() + " ? " + pick() + " : " + pick();
    else
      e = pick() + " " + ops[rng() % 3] + " " + pick();
    c.statements.push_back("double " + t + " = " + e + ";");
    names.push_back(t);
  }
  c.result = names.back();
  return c;
}

std::string body(const Computation &c, const std::string &type = "double") {
  std::string s;
  for (std::string statement : c.statements) {
    if (type != "double")
      statement = type + statement.substr(6); // "double t0 = ..." -> "W t0 = ..."
    s += statement + " ";
  }
  return s + "return " + c.result + ";";
}

/// One way to move x0..x3 before the computation runs: the declarations
/// before f, and f's body around the computation.
struct Form {
  std::string name;
  std::string (*wrap)(const Computation &c, int i, std::string &declarations);
};

const std::string kParams = "double x0, double x1, double x2, double x3";
const std::string kArgs = "x0, x1, x2, x3";

std::string plain(const Computation &c, int, std::string &) { return body(c); }

std::string structByValue(const Computation &c, int i, std::string &d) {
  const std::string w = "work" + std::to_string(i);
  d += "double " + w + "(Q q) { double x0 = q.a, x1 = q.b, x2 = q.c, x3 = q.d; " + body(c) + " }\n";
  return "return " + w + "(Q{" + kArgs + "});";
}

std::string classMethod(const Computation &c, int i, std::string &d) {
  const std::string k = "Eval" + std::to_string(i);
  d += "class " + k + " {\npublic:\n  " + k + "(" + kParams +
       ") : a_(x0), b_(x1), c_(x2), d_(x3) {}\n  double eval() const { double x0 = a_, x1 = b_, "
       "x2 = c_, x3 = d_; " +
       body(c) + " }\n\nprivate:\n  double a_, b_, c_, d_;\n};\n";
  return k + " e(" + kArgs + "); return e.eval();";
}

std::string structOfVector(const Computation &c, int i, std::string &d) {
  const std::string w = "work" + std::to_string(i);
  d += "double " + w +
       "(const S &s) { double x0 = s.v[0], x1 = s.v[1], x2 = s.v[2], x3 = s.v[3]; " + body(c) +
       " }\n";
  return "S s; s.v.push_back(x0); s.v.push_back(x1); s.v.push_back(x2); s.v.push_back(x3); "
         "return " +
         w + "(s);";
}

std::string arrayReturn(const Computation &c, int, std::string &) {
  return "auto k = pack(" + kArgs + "); { double x0 = k[0], x1 = k[1], x2 = k[2], x3 = k[3]; " +
         body(c) + " }";
}

std::string tupleReturn(const Computation &c, int, std::string &) {
  return "auto [y0, y1, y2, y3] = pack_tuple(" + kArgs +
         "); { double x0 = y0, x1 = y1, x2 = y2, x3 = y3; " + body(c) + " }";
}

std::string function(const Computation &c, int, std::string &) {
  return "std::function<double(double, double, double, double)> h = [](" + kParams + ") { " +
         body(c) + " }; return h(" + kArgs + ");";
}

std::string structOperators(const Computation &c, int, std::string &) {
  if (!c.arithmeticOnly)
    return body(c);
  std::string s = "W w0{x0}, w1{x1}, w2{x2}, w3{x3}; { W x0 = w0, x1 = w1, x2 = w2, x3 = w3; ";
  for (const std::string &statement : c.statements)
    s += "W" + statement.substr(6) + " ";
  return s + "return " + c.result + ".v; }";
}

std::string lambdaByValue(const Computation &c, int, std::string &) {
  return "auto g = [x0, x1, x2, x3]() { " + body(c) + " }; return g();";
}

std::string rangeConstruction(const Computation &c, int, std::string &) {
  return "std::vector<double> v; v.push_back(x0); v.push_back(x1); v.push_back(x2); "
         "v.push_back(x3); std::vector<double> w(v.begin(), v.end()); { double x0 = w[0], x1 = "
         "w[1], x2 = w[2], x3 = w[3]; " +
         body(c) + " }";
}

const std::vector<Form> kForms = {
    {"plain", plain},
    {"struct_by_value", structByValue},
    {"class_method", classMethod},
    {"struct_of_vector", structOfVector},
    {"array_return", arrayReturn},
    {"tuple_return", tupleReturn},
    {"std_function", function},
    {"struct_operators", structOperators},
    {"lambda_by_value", lambdaByValue},
    {"range_construction", rangeConstruction},
};

const char *const kPrelude = R"cpp(#include <array>
#include <cstdio>
#include <functional>
#include <tuple>
#include <vector>
struct Q { double a, b, c, d; };
struct S { std::vector<double> v; };
struct W { double v; };
W operator+(W a, W b) { return W{a.v + b.v}; }
W operator-(W a, W b) { return W{a.v - b.v}; }
W operator*(W a, W b) { return W{a.v * b.v}; }
std::array<double, 4> pack(double a, double b, double c, double d) { return {a, b, c, d}; }
std::tuple<double, double, double, double> pack_tuple(double a, double b, double c, double d) {
  return {a, b, c, d};
}
)cpp";

std::string program(const Form &form, const std::vector<Computation> &computations) {
  std::string declarations, functions, calls;
  for (int i = 0; i < int(computations.size()); ++i) {
    const std::string f = "f" + std::to_string(i);
    functions += "double " + f + "(" + kParams + ") { " +
                 form.wrap(computations[i], i, declarations) + " }\n";
    calls += "  std::printf(\"%.17g\\n\", " + f + "(1.5, 2.25, 0.5, 3.0));\n";
  }
  return kPrelude + declarations + functions + "int main() {\n" + calls + "  return 0;\n}\n";
}

std::map<std::string, nlohmann::json> byName(const std::string &path) {
  std::map<std::string, nlohmann::json> out;
  const nlohmann::json report = nlohmann::json::parse(readFile(path));
  for (const auto &m : report["measurements"])
    out[m["function"].get<std::string>()] = m;
  return out;
}

TEST(WrappedForms, EachFormIsThePlainMeasurementOrApproximateNeverSilentlyDifferent) {
  std::mt19937 rng(14);
  std::vector<Computation> computations;
  for (int i = 0; i < kComputations; ++i)
    computations.push_back(generate(rng, i % 2 == 0));
  const std::string dir = scratchDir();
  std::string functionFlags;
  for (int i = 0; i < kComputations; ++i)
    functionFlags += " --function=f" + std::to_string(i);
  std::map<std::string, std::map<std::string, nlohmann::json>> measured;
  std::string plainOutput;
  for (const Form &form : kForms) {
    const std::string source = dir + "/" + form.name + ".cpp";
    std::ofstream(source) << program(form, computations);
    ASSERT_EQ(shell(std::string(BYTEDMD_EXE) + " run " + source + functionFlags + " --report=" +
                    dir + "/" + form.name + ".json >" + dir + "/" + form.name + ".out 2>" + dir +
                    "/" + form.name + ".err"),
              0)
        << form.name << ": " << readFile(dir + "/" + form.name + ".err");
    // The program computes what its plain build computes.
    ASSERT_EQ(shell("c++ -std=c++17 -O2 -o " + dir + "/" + form.name + ".plain " + source + " && " +
                    dir + "/" + form.name + ".plain >" + dir + "/" + form.name + ".plain.out"),
              0);
    const std::string printed = readFile(dir + "/" + form.name + ".plain.out");
    EXPECT_NE(readFile(dir + "/" + form.name + ".out").find(printed), std::string::npos)
        << form.name;
    if (form.name == "plain")
      plainOutput = printed;
    EXPECT_EQ(printed, plainOutput) << form.name << " computes something else";
    measured[form.name] = byName(dir + "/" + form.name + ".json");
  }
  std::map<std::string, int> exact, approximate;
  for (int i = 0; i < kComputations; ++i) {
    const std::string f = "f" + std::to_string(i);
    const nlohmann::json &reference = measured["plain"].at(f);
    ASSERT_EQ(reference["approximate"], false) << f;
    for (const Form &form : kForms) {
      SCOPED_TRACE(form.name + " " + f);
      ASSERT_TRUE(measured[form.name].count(f));
      const nlohmann::json &m = measured[form.name].at(f);
      if (m["approximate"] == true) {
        EXPECT_FALSE(m["diagnostics"].empty()) << "approximate with no diagnostic";
        ++approximate[form.name];
        continue;
      }
      EXPECT_EQ(m["trace"], reference["trace"]) << "silently different";
      EXPECT_EQ(m["cost"], reference["cost"]) << "silently different";
      ++exact[form.name];
    }
  }
  std::string table;
  for (const Form &form : kForms)
    table += "  " + form.name + ": " + std::to_string(exact[form.name]) + " exact, " +
             std::to_string(approximate[form.name]) + " approximate\n";
  std::printf("%s", table.c_str());
  // The forms the contract makes free are all exact today.
  for (const Form &form : kForms)
    EXPECT_EQ(exact[form.name], kComputations) << form.name << "\n" << table;
  shell("rm -rf " + dir);
}

} // namespace
