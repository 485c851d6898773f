// c_kernels_test.cpp - C kernels as the suites write them (test/e2e/c/),
// measured unmodified through `bytedmd run kernel.c utilities/bench.c`:
// sizes by -D, macros for the data type, the loop bounds (two levels), the
// constants and the math functions, C array parameters, a char sequence.
//
// Each kernel's numbers come from an oracle that does not use the rewriter:
// the kernel written once more over reference_tracer.h (the reference's
// way: values whose operators record events, replayed on a plain stack),
// step by step as semantics.md says it runs. Each instrumented program must
// also print what the plain C build prints.
#include "reference_tracer.h"
#include "test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <vector>

namespace {

using bytedmd::reference::eq;
using bytedmd::reference::ge;
using bytedmd::reference::lit;
using bytedmd::reference::Num;
using bytedmd::reference::Outcome;
using bytedmd::reference::Tracer;
using bytedmd::reference::truth;
using bytedmd::testing::readFile;
using bytedmd::testing::scratchDir;
using bytedmd::testing::shell;

const std::string kDir = BYTEDMD_E2E_DIR "/c";

struct Kernel {
  std::string file, function, options, defines;
};

/// Runs the kernel through bytedmd run and the plain C build; returns the
/// measurement, after checking the two programs print the same.
nlohmann::json measure(const Kernel &k) {
  const std::string dir = scratchDir();
  const std::string sources = kDir + "/" + k.file + " " + kDir + "/utilities/bench.c";
  const std::string flags = "-I " + kDir + "/utilities " + k.defines;
  const int status = shell(std::string(BYTEDMD_EXE) + " run " + sources + " --function=" +
                           k.function + " " + k.options + " --report=" + dir + "/r.json --keep-dir=" +
                           dir + "/work -- " + flags + " >" + dir + "/out 2>" + dir + "/err");
  EXPECT_EQ(status, 0) << readFile(dir + "/err");
  EXPECT_NE(readFile(dir + "/err").find("is instrumented and compiled as C++"), std::string::npos);
  // Semantics preserved: the plain C program prints the same.
  EXPECT_EQ(shell("cc -std=c99 -O2 " + flags + " -o " + dir + "/plain " + sources + " -lm && " +
                  dir + "/plain >" + dir + "/plain.out"),
            0);
  const std::string work = dir + "/work/" + k.file.substr(0, k.file.size() - 2) + ".bytedmd";
  EXPECT_EQ(shell("BYTEDMD_REPORT=" + dir + "/again.json " + work + " >" + dir + "/again.out"), 0);
  EXPECT_EQ(readFile(dir + "/again.out"), readFile(dir + "/plain.out"));
  const nlohmann::json report = nlohmann::json::parse(readFile(dir + "/r.json"));
  shell("rm -rf " + dir);
  EXPECT_EQ(report["measurements"].size(), 1u);
  return report["measurements"].empty() ? nlohmann::json() : report["measurements"][0];
}

void expectExact(const nlohmann::json &m, const Outcome &oracle) {
  EXPECT_EQ(m["approximate"], false) << m["diagnostics"].dump();
  EXPECT_EQ(m["unattributed_loads"], 0);
  EXPECT_EQ(m["stale_loads"], 0);
  EXPECT_EQ(m["trace"].get<std::vector<std::uint32_t>>(), oracle.trace);
  EXPECT_EQ(m["cost"], oracle.cost);
}

// C = alpha * A * B + beta * C. Parameters in the runtime's order, last
// first: B, A, C (by first read), beta, alpha (ni, nj, nk untracked).
Outcome gemm(int ni, int nj, int nk) {
  Tracer t;
  auto B = t.lazy(std::size_t(nk * nj));
  auto A = t.lazy(std::size_t(ni * nk));
  auto C = t.lazy(std::size_t(ni * nj));
  t.param();
  const Num beta = t.input(1.2);
  t.param();
  const Num alpha = t.input(1.5);
  for (int i = 0; i < ni; i++) {
    for (int j = 0; j < nj; j++) {
      const Num c = C.read(i * nj + j); // C[i][j] *= beta: reads C[i][j], then beta
      C.write(i * nj + j, c * beta);
    }
    for (int k = 0; k < nk; k++)
      for (int j = 0; j < nj; j++) {
        const Num a = alpha * A.read(i * nk + k);
        const Num ab = a * B.read(k * nj + j);
        const Num c = C.read(i * nj + j);
        C.write(i * nj + j, c + ab);
      }
  }
  return t.replay();
}

TEST(CKernels, Gemm) {
  expectExact(measure({"gemm.c", "kernel_gemm", "--untracked=ni --untracked=nj --untracked=nk", ""}),
              gemm(4, 5, 3));
  expectExact(measure({"gemm.c", "kernel_gemm", "--untracked=ni --untracked=nj --untracked=nk",
                       "-DNI=6 -DNJ=3 -DNK=5"}),
              gemm(6, 3, 5));
}

// y = A^T (A x): tmp and y are written before they are read, so they are
// never inputs. Parameters: tmp, y, x, A (m, n untracked).
Outcome atax(int m, int n) {
  Tracer t;
  auto tmp = t.lazy(std::size_t(m));
  auto y = t.lazy(std::size_t(n));
  auto x = t.lazy(std::size_t(n));
  auto A = t.lazy(std::size_t(m * n));
  for (int i = 0; i < n; i++)
    y.write(i, lit(0));
  for (int i = 0; i < m; i++) {
    tmp.write(i, lit(0.0));
    for (int j = 0; j < n; j++) {
      const Num s = tmp.read(i);
      const Num p = A.read(i * n + j) * x.read(j);
      tmp.write(i, s + p);
    }
    for (int j = 0; j < n; j++) {
      const Num s = y.read(j);
      const Num p = A.read(i * n + j) * tmp.read(i);
      y.write(j, s + p);
    }
  }
  return t.replay();
}

TEST(CKernels, Atax) {
  expectExact(measure({"atax.c", "kernel_atax", "--untracked=m --untracked=n", ""}), atax(3, 4));
}

// A three-point stencil; the edges of B are read before they are written.
// Parameters: B, A (tsteps, n untracked).
Outcome jacobi(int tsteps, int n) {
  Tracer t;
  auto B = t.lazy(std::size_t(n));
  auto A = t.lazy(std::size_t(n));
  for (int s = 0; s < tsteps; s++) {
    for (int i = 1; i < n - 1; i++) {
      const Num a = A.read(i - 1) + A.read(i);
      const Num b = a + A.read(i + 1);
      B.write(i, lit(0.33333) * b);
    }
    for (int i = 1; i < n - 1; i++) {
      const Num a = B.read(i - 1) + B.read(i);
      const Num b = a + B.read(i + 1);
      A.write(i, lit(0.33333) * b);
    }
  }
  return t.replay();
}

TEST(CKernels, Jacobi1d) {
  expectExact(measure({"jacobi1d.c", "kernel_jacobi_1d", "--untracked=tsteps --untracked=n", ""}),
              jacobi(2, 6));
  expectExact(measure({"jacobi1d.c", "kernel_jacobi_1d", "--untracked=tsteps --untracked=n",
                       "-DN=9 -DTSTEPS=3"}),
              jacobi(3, 9));
}

// In-place Cholesky; A[i][i] = SQRT_FUN(A[i][i]) is one sqrt instruction.
Outcome cholesky(int n) {
  Tracer t;
  auto A = t.lazy(std::size_t(n * n));
  for (int i = 0; i < n; i++) {
    for (int j = 0; j < i; j++) {
      for (int k = 0; k < j; k++) {
        const Num p = A.read(i * n + k) * A.read(j * n + k);
        const Num a = A.read(i * n + j);
        A.write(i * n + j, a - p);
      }
      const Num a = A.read(i * n + j);
      A.write(i * n + j, a / A.read(j * n + j));
    }
    for (int k = 0; k < i; k++) {
      const Num aik = A.read(i * n + k);
      const Num p = aik * aik;
      const Num a = A.read(i * n + i);
      A.write(i * n + i, a - p);
    }
    A.write(i * n + i, sqrt(A.read(i * n + i)));
  }
  return t.replay();
}

TEST(CKernels, Cholesky) {
  expectExact(measure({"cholesky.c", "kernel_cholesky", "--untracked=n", ""}), cholesky(4));
}

// A dynamic program over a char sequence. max_score(s1, s2) is
// ((s1 >= s2) ? s1 : s2): a comparison, a truth read of it, then s1 or s2
// evaluated again (the macro writes it twice). match(b1, b2) is
// (((b1) + (b2)) == 3 ? 1 : 0): an add, a comparison, a truth read; its
// value is a literal. Parameters: table, seq (n untracked).
Outcome nussinov(int n) {
  Tracer t;
  auto table = t.lazy(std::size_t(n * n));
  auto seq = t.lazy(std::size_t(n));
  for (int i = 0; i < n; i++)
    seq.set(i, (i + 1) % 4);
  auto at = [&](int i, int j) { return std::size_t(i * n + j); };
  // max_score(table[i][j], other()), other re-evaluated when it is chosen.
  auto maxScore = [&](int i, int j, const std::function<Num()> &other) {
    const Num s1 = table.read(at(i, j));
    const Num s2 = other();
    const Num c = ge(s1, s2);
    table.write(at(i, j), truth(c) ? table.read(at(i, j)) : other());
  };
  auto match = [&](int a, int b) {
    const Num sum = seq.read(a) + seq.read(b);
    return truth(eq(sum, lit(3))) ? lit(1) : lit(0);
  };
  for (int i = n - 1; i >= 0; i--)
    for (int j = i + 1; j < n; j++) {
      if (j - 1 >= 0)
        maxScore(i, j, [&] { return table.read(at(i, j - 1)); });
      if (i + 1 < n)
        maxScore(i, j, [&] { return table.read(at(i + 1, j)); });
      if (j - 1 >= 0 && i + 1 < n) {
        if (i < j - 1)
          maxScore(i, j, [&] {
            const Num below = table.read(at(i + 1, j - 1));
            return below + match(i, j);
          });
        else
          maxScore(i, j, [&] { return table.read(at(i + 1, j - 1)); });
      }
      for (int k = i + 1; k < j; k++)
        maxScore(i, j, [&] { return table.read(at(i, k)) + table.read(at(k + 1, j)); });
    }
  return t.replay();
}

TEST(CKernels, NussinovOnACharSequence) {
  expectExact(measure({"nussinov.c", "kernel_nussinov", "--untracked=n", ""}), nussinov(5));
}

// y = A x with n = N, m = M, the program built with the size macros users
// pass, single letters all: -DN=4 -DT=2 -DB=3 -DM=5 -DK=7. Parameters: y
// (written first), x, A (n, m untracked).
Outcome matvec(int n, int m) {
  Tracer t;
  auto y = t.lazy(std::size_t(n));
  auto x = t.lazy(std::size_t(m));
  auto A = t.lazy(std::size_t(n * m));
  for (int i = 0; i < n; i++) {
    y.write(i, lit(0.0));
    for (int j = 0; j < m; j++) {
      const Num s = y.read(i);
      const Num p = A.read(i * m + j) * x.read(j);
      y.write(i, s + p);
    }
  }
  return t.replay();
}

TEST(CKernels, SizeMacrosNamedLikeAnythingBreakNothing) {
  expectExact(measure({"hostile.c", "kernel_mv", "--untracked=n --untracked=m",
                       "-DN=4 -DT=2 -DB=3 -DM=5 -DK=7"}),
              matvec(4, 5));
}

// pointer_walks.c: pointers the kernel takes from its parameters. A local
// copied from a pointer parameter (or stepped from one) reads that
// parameter's elements, and a first read declares the element an input of
// it, as p[i] would; so do the rows of a double ** (A[i][j]) and the fields
// of an array of structs (ps[i].m, p->x). Sizes are untracked.
//
// s += *p++ * *q++: the product reads x[i] then y[i]; the sum reads s (a
// literal the first time) then the product. Parameters: y, x.
Outcome dotWalk(int n) {
  Tracer t;
  auto y = t.lazy(std::size_t(n));
  auto x = t.lazy(std::size_t(n));
  Num s = lit(0.0);
  for (int i = 0; i < n; i++) {
    const Num p = x.read(i) * y.read(i);
    s = s + p;
  }
  t.result(s);
  return t.replay();
}

// row = A[i] of a double ** whose rows lie in one block, so address order is
// row-major: s = row[0] is a copy, then s = s + row[j]. y is written only.
// Parameters: y, A.
Outcome rowSums(int m, int n) {
  Tracer t;
  auto y = t.lazy(std::size_t(m));
  auto A = t.lazy(std::size_t(m * n));
  for (int i = 0; i < m; i++) {
    Num s = A.read(i * n);
    for (int j = 1; j < n; j++)
      s = s + A.read(i * n + j);
    y.write(i, s);
  }
  return t.replay();
}

// row = A[i] of a C array parameter, xp = &x[0] stepped with j:
// y[i] += row[j] * *xp reads y[i] (0.0 the first time), then the product
// of A[i][j] and x[j]. Parameters: y, x, A.
Outcome rowWalk(int m, int n) {
  Tracer t;
  auto y = t.lazy(std::size_t(m));
  auto x = t.lazy(std::size_t(n));
  auto A = t.lazy(std::size_t(m * n));
  for (int i = 0; i < m; i++) {
    y.write(i, lit(0.0));
    for (int j = 0; j < n; j++) {
      const Num s = y.read(i);
      const Num p = A.read(i * n + j) * x.read(j);
      y.write(i, s + p);
    }
  }
  return t.replay();
}

// struct particle { x, y, m }: element i's fields are ps's inputs 3i, 3i+1,
// 3i+2 by address. p = ps + i; mx += p->m * p->x; total += ps[i].m (the
// same value as p->m). Parameters: out (written only), ps.
Outcome centroid(int n) {
  Tracer t;
  auto out = t.lazy(1);
  auto ps = t.lazy(std::size_t(3 * n));
  Num mx = lit(0.0), total = lit(0.0);
  for (int i = 0; i < n; i++) {
    const Num p = ps.read(3 * i + 2) * ps.read(3 * i);
    mx = mx + p;
    total = total + ps.read(3 * i + 2);
  }
  out.write(0, mx / total);
  return t.replay();
}

// x and y step themselves: *x = *x * a + *y++ reads x[i] and a, then the
// product and y[i]; x[i] is written. Parameters: a, y, x (n untracked).
Outcome scaleWalk(int n) {
  Tracer t;
  t.param();
  const Num a = t.input(1.5);
  auto y = t.lazy(std::size_t(n));
  auto x = t.lazy(std::size_t(n));
  for (int i = 0; i < n; i++) {
    const Num p = x.read(i) * a;
    x.write(i, p + y.read(i));
  }
  return t.replay();
}

TEST(CKernels, APointerParameterThatStepsItself) {
  expectExact(measure({"pointer_walks.c", "kernel_scale_walk", "--untracked=n", ""}),
              scaleWalk(4));
}

TEST(CKernels, APointerParameterWalkedThroughALocalPointer) {
  expectExact(measure({"pointer_walks.c", "kernel_dot_walk", "--untracked=n", ""}), dotWalk(4));
  expectExact(measure({"pointer_walks.c", "kernel_dot_walk", "--untracked=n", "-DN=7"}),
              dotWalk(7));
}

TEST(CKernels, TheRowsOfAPointerToPointers) {
  expectExact(
      measure({"pointer_walks.c", "kernel_row_sums", "--untracked=m --untracked=n", ""}),
      rowSums(3, 4));
}

TEST(CKernels, TheRowsOfACArrayParameterThroughARowPointer) {
  expectExact(
      measure({"pointer_walks.c", "kernel_row_walk", "--untracked=m --untracked=n", ""}),
      rowWalk(3, 4));
}

TEST(CKernels, AnArrayOfStructsReadByField) {
  expectExact(measure({"pointer_walks.c", "kernel_centroid", "--untracked=n", ""}), centroid(4));
}

// With several sources no one source has to define a named function, so a
// name that none defines is not an instrumentation error; the run says that
// nothing was measured for it instead of passing over it.
TEST(CKernels, ANamedFunctionThatNoSourceDefinesIsReported) {
  const std::string dir = scratchDir();
  const int status =
      shell(std::string(BYTEDMD_EXE) + " run " + kDir + "/atax.c " + kDir +
            "/utilities/bench.c --function=kernel_atax --function=kernel_typo --report=" + dir +
            "/r.json -- -I " + kDir + "/utilities >" + dir + "/out 2>" + dir + "/err");
  const std::string err = readFile(dir + "/err");
  EXPECT_EQ(status, 0) << err;
  EXPECT_NE(err.find("note: --function=kernel_typo has no measurement"), std::string::npos) << err;
  EXPECT_EQ(err.find("--function=kernel_atax has no measurement"), std::string::npos) << err;
  shell("rm -rf " + dir);
}

} // namespace
