// construct_wrappers_test.cpp - a metamorphic test over generated programs.
// Deterministic random expression trees over four doubles (+ - * /, repeated
// operands, earlier temporaries, comparisons feeding ?:, nested) are each
// measured as a plain function f(x0, x1, x2, x3), and again with the same
// operations in the same left-to-right order but the operands read through a
// C++ construct: a struct passed by value, a struct's const method, a struct
// holding a std::vector passed by const reference, a std::array or std::tuple
// returned by value (the tuple unpacked with structured bindings), a
// std::function holding a lambda, free operators on a one-field struct, and a
// few more (member operators, getters returning const references, a nested
// struct through a pointer, a std::pair of pairs, a lambda capturing by
// reference, a std::vector returned by value, a std::array of pairs and a C
// array of structs built with nested braces).
//
// The contract makes every such movement free (semantics.md, "Copies are free
// and keep the key", "Functions", "Memory"): each wrapped measurement must be
// the plain one, trace and cost, or be approximate with a diagnostic; a
// different number that is not marked approximate is a silent error. Every
// program, instrumented, must print what it prints built plainly at -O0, and
// every form must print what the plain form prints. The per-form count of
// exact, approximate and silently different measurements is printed; since
// every movement here is free, an approximate one fails too (lost reach).
#include "test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <sstream>
#include <set>
#include <string>
#include <vector>

namespace {

/// Forms whose measurements are approximate today (lost reach, diagnosed):
/// every other form must be exact, and no form may be silently wrong.
const std::set<std::string> kApproximateToday = {
    "struct_of_vector", "free_operators", "member_operators", "array_of_pairs",
    "c_array_of_structs", "pair_of_pairs"};


using bytedmd::testing::readFile;
using bytedmd::testing::scratchDir;
using bytedmd::testing::shell;

constexpr int kComputations = 48;
constexpr std::uint32_t kSeed = 20241128;

// An expression tree over the inputs (leaves 0..3) and earlier temporaries
// (leaves 4.., temporary t(i-4)).
struct Node {
  enum Kind { Leaf, Binary, Select } kind = Leaf;
  int leaf = 0;
  char op = '+';          // Binary: + - * /
  std::string compare;    // Select: < or >
  std::vector<Node> kids; // Binary: l, r; Select: a, b, then, else
};

/// A computation: one tree per temporary; the result is the last one.
struct Computation {
  std::vector<Node> statements;
};

/// mt19937's output is fixed by the standard; the distributions are not,
/// so draws are taken modulo.
class Generator {
public:
  explicit Generator(std::uint32_t seed) : rng_(seed) {}

  Computation computation() {
    Computation c;
    const int n = 2 + int(rng_() % 5);
    for (int i = 0; i < n; ++i)
      c.statements.push_back(tree(4 + i, 1 + int(rng_() % 3), true));
    return c;
  }

private:
  int leaf(int available) {
    // Inputs a little more often than temporaries, and a repeat of the last
    // leaf drawn a fifth of the time (x0 * x0, t1 - t1).
    if (last_ >= 0 && last_ < available && rng_() % 5 == 0)
      return last_;
    last_ = rng_() % 3 == 0 && available > 4 ? 4 + int(rng_() % (available - 4)) : int(rng_() % 4);
    return last_;
  }

  Node tree(int available, int depth, bool selectAllowed) {
    Node n;
    if (depth == 0 || rng_() % 6 == 0) {
      n.leaf = leaf(available);
      return n;
    }
    if (selectAllowed && rng_() % 4 == 0) {
      n.kind = Node::Select;
      n.compare = rng_() % 2 ? "<" : ">";
      for (int k = 0; k < 4; ++k)
        n.kids.push_back(tree(available, rng_() % 3 == 0 ? 1 : 0, false));
      return n;
    }
    n.kind = Node::Binary;
    n.op = "+-*/"[rng_() % 4];
    n.kids.push_back(tree(available, depth - 1, selectAllowed && rng_() % 3 == 0));
    n.kids.push_back(tree(available, depth - 1, selectAllowed && rng_() % 3 == 0));
    return n;
  }

  std::mt19937 rng_;
  int last_ = -1;
};

/// The names the four inputs go by in one form (q.a, k[0], w0, ...).
using Leaves = std::vector<std::string>;

std::string render(const Node &n, const Leaves &inputs, bool top = true) {
  switch (n.kind) {
  case Node::Leaf:
    return n.leaf < 4 ? inputs[n.leaf] : "t" + std::to_string(n.leaf - 4);
  case Node::Binary: {
    const std::string s =
        render(n.kids[0], inputs, false) + " " + n.op + " " + render(n.kids[1], inputs, false);
    return top ? s : "(" + s + ")";
  }
  case Node::Select: {
    const std::string s = "(" + render(n.kids[0], inputs, false) + " " + n.compare + " " +
                          render(n.kids[1], inputs, false) + ") ? " +
                          render(n.kids[2], inputs, false) + " : " +
                          render(n.kids[3], inputs, false);
    return top ? s : "(" + s + ")";
  }
  }
  return "";
}

/// The computation's statements and return, with the inputs named `inputs`,
/// temporaries of `type`, and the result read through `member` (".v").
std::string body(const Computation &c, const Leaves &inputs, const std::string &type = "double",
                 const std::string &member = "") {
  std::string s;
  for (std::size_t i = 0; i < c.statements.size(); ++i)
    s += type + " t" + std::to_string(i) + " = " + render(c.statements[i], inputs) + "; ";
  return s + "return t" + std::to_string(c.statements.size() - 1) + member + ";";
}

/// One way of moving x0..x3 to the computation: given computation i, it
/// adds declarations (helpers, classes) before the measured functions and
/// returns the body of f_i.
struct Form {
  std::string name;
  std::function<std::string(const Computation &, int, std::string &)> wrap;
};

const Leaves kX = {"x0", "x1", "x2", "x3"};
const std::string kParams = "double x0, double x1, double x2, double x3";
const std::string kArgs = "x0, x1, x2, x3";

const std::vector<Form> &forms() {
  static const std::vector<Form> all = {
      {"plain", [](const Computation &c, int, std::string &) { return body(c, kX); }},
      // 1. A struct of the four values, passed by value to a helper.
      {"struct_by_value",
       [](const Computation &c, int i, std::string &d) {
         const std::string w = "work" + std::to_string(i);
         d += "double " + w + "(Q q) { " + body(c, {"q.a", "q.b", "q.c", "q.d"}) + " }\n";
         return "Q q{" + kArgs + "}; return " + w + "(q);";
       }},
      // 2. A struct's const method computing on its fields.
      {"const_method",
       [](const Computation &c, int i, std::string &d) {
         const std::string e = "E" + std::to_string(i);
         d += "struct " + e + " {\n  double a, b, c, d;\n  double eval() const { " +
              body(c, {"a", "b", "c", "d"}) + " }\n};\n";
         return e + " e{" + kArgs + "}; return e.eval();";
       }},
      // 3. A struct holding a std::vector, passed by const reference.
      {"struct_of_vector",
       [](const Computation &c, int i, std::string &d) {
         const std::string w = "work" + std::to_string(i);
         d += "double " + w + "(const S &s) { " +
              body(c, {"s.v[0]", "s.v[1]", "s.v[2]", "s.v[3]"}) + " }\n";
         return "S s{{" + kArgs + "}}; return " + w + "(s);";
       }},
      // 4. A std::array returned by value.
      {"array_return",
       [](const Computation &c, int, std::string &) {
         return "std::array<double, 4> k = pack(" + kArgs + "); " +
                body(c, {"k[0]", "k[1]", "k[2]", "k[3]"});
       }},
      // 5. A std::tuple returned by value, unpacked with structured bindings.
      {"tuple_bindings",
       [](const Computation &c, int, std::string &) {
         return "auto [y0, y1, y2, y3] = pack_tuple(" + kArgs + "); " +
                body(c, {"y0", "y1", "y2", "y3"});
       }},
      // 6. A std::function holding a lambda that captures nothing.
      {"std_function",
       [](const Computation &c, int, std::string &) {
         return "std::function<double(double, double, double, double)> h = [](double p0, double "
                "p1, double p2, double p3) { " +
                body(c, {"p0", "p1", "p2", "p3"}) + " }; return h(" + kArgs + ");";
       }},
      // 7. Free operators on a one-field struct.
      {"free_operators",
       [](const Computation &c, int, std::string &) {
         return "W w0{x0}; W w1{x1}; W w2{x2}; W w3{x3}; " +
                body(c, {"w0", "w1", "w2", "w3"}, "W", ".v");
       }},
      // Beyond the seven: more constructs the contract makes free.
      // 8. Member operators taking const references.
      {"member_operators",
       [](const Computation &c, int, std::string &) {
         return "M m0{x0}, m1{x1}, m2{x2}, m3{x3}; " + body(c, {"m0", "m1", "m2", "m3"}, "M", ".v");
       }},
      // 9. A class with private fields set by its constructor, read through
      // getters returning const references.
      {"const_ref_getters",
       [](const Computation &c, int, std::string &) {
         return "G g(" + kArgs + "); " + body(c, {"g.a()", "g.b()", "g.c()", "g.d()"});
       }},
      // 10. A struct nested in a struct, passed through a pointer.
      {"nested_through_pointer",
       [](const Computation &c, int i, std::string &d) {
         const std::string w = "work" + std::to_string(i);
         d += "double " + w + "(const P *p) { " +
              body(c, {"p->q.a", "p->q.b", "p->q.c", "p->q.d"}) + " }\n";
         return "P p; p.q = Q{" + kArgs + "}; return " + w + "(&p);";
       }},
      // 11. A std::pair of std::pairs.
      {"pair_of_pairs",
       [](const Computation &c, int, std::string &) {
         return "std::pair<std::pair<double, double>, std::pair<double, double>> pp{{x0, x1}, "
                "{x2, x3}}; " +
                body(c,
                     {"pp.first.first", "pp.first.second", "pp.second.first", "pp.second.second"});
       }},
      // 12. A lambda capturing by reference.
      {"lambda_by_reference",
       [](const Computation &c, int, std::string &) {
         return "auto g = [&]() { " + body(c, kX) + " }; return g();";
       }},
      // 13. A std::vector returned by value.
      {"vector_return",
       [](const Computation &c, int, std::string &) {
         return "std::vector<double> v = pack_vector(" + kArgs + "); " +
                body(c, {"v[0]", "v[1]", "v[2]", "v[3]"});
       }},
      // 14. A std::array of std::pairs, built with nested braces.
      {"array_of_pairs",
       [](const Computation &c, int, std::string &) {
         return "std::array<std::pair<double, double>, 2> pp{{{x0, x1}, {x2, x3}}}; " +
                body(c, {"pp[0].first", "pp[0].second", "pp[1].first", "pp[1].second"});
       }},
      // 15. A C array of structs, built with nested braces.
      {"c_array_of_structs",
       [](const Computation &c, int, std::string &) {
         return "Q qs[1] = {{" + kArgs + "}}; " +
                body(c, {"qs[0].a", "qs[0].b", "qs[0].c", "qs[0].d"});
       }},
  };
  return all;
}

const char *const kPrelude = R"cpp(#include <array>
#include <cstdio>
#include <functional>
#include <tuple>
#include <utility>
#include <vector>
struct Q { double a, b, c, d; };
struct P { Q q; };
struct S { std::vector<double> v; };
struct W { double v; };
W operator+(W a, W b) { return W{a.v + b.v}; }
W operator-(W a, W b) { return W{a.v - b.v}; }
W operator*(W a, W b) { return W{a.v * b.v}; }
W operator/(W a, W b) { return W{a.v / b.v}; }
bool operator<(W a, W b) { return a.v < b.v; }
bool operator>(W a, W b) { return a.v > b.v; }
struct M {
  double v;
  M operator+(const M &o) const { return M{v + o.v}; }
  M operator-(const M &o) const { return M{v - o.v}; }
  M operator*(const M &o) const { return M{v * o.v}; }
  M operator/(const M &o) const { return M{v / o.v}; }
  bool operator<(const M &o) const { return v < o.v; }
  bool operator>(const M &o) const { return v > o.v; }
};
class G {
public:
  G(double a, double b, double c, double d) : a_(a), b_(b), c_(c), d_(d) {}
  const double &a() const { return a_; }
  const double &b() const { return b_; }
  const double &c() const { return c_; }
  const double &d() const { return d_; }

private:
  double a_, b_, c_, d_;
};
std::array<double, 4> pack(double a, double b, double c, double d) { return {a, b, c, d}; }
std::tuple<double, double, double, double> pack_tuple(double a, double b, double c, double d) {
  return {a, b, c, d};
}
std::vector<double> pack_vector(double a, double b, double c, double d) { return {a, b, c, d}; }
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

/// The lines of a failed run that say what failed, not the compiler's notes.
std::string errors(const std::string &path) {
  std::istringstream in(readFile(path));
  std::string line, out;
  int kept = 0;
  while (std::getline(in, line) && kept < 8)
    if (line.find("error") != std::string::npos) {
      out += line.substr(0, 400) + "\n";
      ++kept;
    }
  return out;
}

TEST(ConstructWrappers, EachWrappedFormIsThePlainMeasurementOrApproximateNeverSilentlyDifferent) {
  Generator generator(kSeed);
  std::vector<Computation> computations;
  for (int i = 0; i < kComputations; ++i)
    computations.push_back(generator.computation());
  const std::string dir = scratchDir();
  std::string functionFlags;
  for (int i = 0; i < kComputations; ++i)
    functionFlags += " --function=f" + std::to_string(i);

  // Each form is one program holding f0..fN; a form whose program does not
  // go through bytedmd fails on its own and the others still run.
  std::map<std::string, std::map<std::string, nlohmann::json>> measured;
  std::map<std::string, bool> ran;
  std::string plainOutput;
  for (const Form &form : forms()) {
    SCOPED_TRACE(form.name);
    const std::string base = dir + "/" + form.name;
    std::ofstream(base + ".cpp") << program(form, computations);
    // The program built plainly, as the user would.
    ASSERT_EQ(shell("c++ -std=c++17 -O0 -o " + base + ".original " + base + ".cpp && " + base +
                    ".original >" + base + ".original.out"),
              0);
    const std::string printed = readFile(base + ".original.out");
    if (form.name == "plain")
      plainOutput = printed;
    EXPECT_EQ(printed, plainOutput) << "the form computes something else";
    if (shell(std::string(BYTEDMD_EXE) + " run " + base + ".cpp" + functionFlags +
              " --report=" + base + ".json --keep-dir=" + base + ".work >" + base + ".run.out 2>" +
              base + ".run.err") != 0) {
      ADD_FAILURE() << "bytedmd run failed on " << base << ".cpp:\n" << errors(base + ".run.err");
      ASSERT_NE(form.name, "plain");
      continue;
    }
    ran[form.name] = true;
    // Semantics preserved: the instrumented binary prints what the plain
    // build prints, and bytedmd run shows that output first.
    ASSERT_EQ(shell("BYTEDMD_REPORT=" + base + ".again.json " + base + ".work/" + form.name +
                    ".bytedmd >" + base + ".instrumented.out"),
              0);
    EXPECT_EQ(readFile(base + ".instrumented.out"), printed);
    EXPECT_EQ(readFile(base + ".run.out").rfind(printed, 0), 0u)
        << "bytedmd run did not print the program's output first";
    measured[form.name] = byName(base + ".json");
  }

  std::map<std::string, int> exact, approximate, wrong;
  std::map<std::string, std::string> example;
  std::map<std::string, std::size_t> shortestWrong;
  for (int i = 0; i < kComputations; ++i) {
    const std::string f = "f" + std::to_string(i);
    ASSERT_TRUE(measured["plain"].count(f)) << f;
    const nlohmann::json &reference = measured["plain"].at(f);
    ASSERT_EQ(reference["approximate"], false) << f << " " << reference["diagnostics"].dump();
    ASSERT_FALSE(reference["trace"].empty()) << f;
    for (const Form &form : forms()) {
      if (!ran[form.name])
        continue;
      SCOPED_TRACE(form.name + " " + f + ": " + body(computations[i], kX));
      ASSERT_TRUE(measured[form.name].count(f));
      const nlohmann::json &m = measured[form.name].at(f);
      if (m["approximate"] == true) {
        EXPECT_FALSE(m["diagnostics"].empty()) << "approximate with no diagnostic";
        ++approximate[form.name];
        continue;
      }
      EXPECT_EQ(m["unattributed_loads"], 0) << "unattributed loads, yet not approximate";
      if (m["trace"] == reference["trace"] && m["cost"] == reference["cost"]) {
        ++exact[form.name];
        continue;
      }
      // Silently different: the one thing the contract never allows. The
      // shortest such computation is shown.
      const std::string code = body(computations[i], kX);
      if (wrong[form.name]++ == 0 || code.size() < shortestWrong[form.name]) {
        shortestWrong[form.name] = code.size();
        example[form.name] = f + " in " + dir + "/" + form.name + ".cpp, " + code +
                             "\n  plain   trace " + reference["trace"].dump() + " cost " +
                             reference["cost"].dump() + "\n  wrapped trace " + m["trace"].dump() +
                             " cost " + m["cost"].dump() + ", not approximate";
      }
    }
  }

  std::string table = "  form                      exact  approximate  WRONG\n";
  for (const Form &form : forms()) {
    char row[160];
    if (ran[form.name])
      std::snprintf(row, sizeof row, "  %-24s %6d %12d %6d\n", form.name.c_str(), exact[form.name],
                    approximate[form.name], wrong[form.name]);
    else
      std::snprintf(row, sizeof row, "  %-24s  bytedmd run failed\n", form.name.c_str());
    table += row;
  }
  std::printf("%d computations, seed %u:\n%s", kComputations, unsigned(kSeed), table.c_str());
  for (const Form &form : forms()) {
    if (!ran[form.name])
      continue;
    EXPECT_EQ(wrong[form.name], 0) << form.name << ": " << wrong[form.name]
                                   << " measurements silently different from the plain one; the "
                                      "shortest, "
                                   << example[form.name];
    // Every form here only moves data in ways the contract makes free, so
    // an approximate measurement is lost reach, not a wrong number. Today
    // the forms that build objects from braced lists of containers or
    // nested objects, and operators given two values other operators
    // returned, are approximate (diagnosed); every other form is exact.
    if (kApproximateToday.count(form.name) == 0)
      EXPECT_EQ(approximate[form.name], 0) << form.name << ": approximate where it was exact";
  }
  if (!::testing::Test::HasFailure())
    shell("rm -rf " + dir);
  else
    std::printf("programs and reports kept in %s\n", dir.c_str());
}

} // namespace
