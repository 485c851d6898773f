// reference_programs.h - the event streams of the conformance cases' Python
// functions (../shared/conformance/cases.md), built by following each
// function's source step by step as the reference tracer would: inputs are
// stored last parameter first, row-major; each arithmetic operation is one
// READ batch of its operands (left to right) and one output STORE.
#ifndef BYTEDMD_TEST_REFERENCE_PROGRAMS_H
#define BYTEDMD_TEST_REFERENCE_PROGRAMS_H

#include "bytedmd/runtime.h"
#include "event_log.h"

#include <vector>

namespace bytedmd::testing {

using Matrix = std::vector<std::vector<Word>>;

inline Word mul(EventLog &log, Word a, Word b) { return log.read({a, b}, true, BYTEDMD_OP_MUL); }
inline Word add(EventLog &log, Word a, Word b) { return log.read({a, b}, true, BYTEDMD_OP_ADD); }

inline std::vector<Word> inputVector(EventLog &log, int n) {
  std::vector<Word> v(n);
  for (Word &k : v)
    k = log.input();
  return v;
}

inline Matrix inputMatrix(EventLog &log, int n) {
  Matrix m(n);
  for (auto &row : m)
    row = inputVector(log, n);
  return m;
}

/// matvec(A, x): s = A[i][0]*x[0]; s = s + A[i][j]*x[j]
inline EventLog matvecEvents(int n) {
  EventLog log;
  const std::vector<Word> x = inputVector(log, n);
  const Matrix A = inputMatrix(log, n);
  for (int i = 0; i < n; ++i) {
    Word s = mul(log, A[i][0], x[0]);
    for (int j = 1; j < n; ++j)
      s = add(log, s, mul(log, A[i][j], x[j]));
    log.result(s);
  }
  return log;
}

/// vecmat(A, x): s = x[0]*A[0][j]; s = s + x[i]*A[i][j]
inline EventLog vecmatEvents(int n) {
  EventLog log;
  const std::vector<Word> x = inputVector(log, n);
  const Matrix A = inputMatrix(log, n);
  for (int j = 0; j < n; ++j) {
    Word s = mul(log, x[0], A[0][j]);
    for (int i = 1; i < n; ++i)
      s = add(log, s, mul(log, x[i], A[i][j]));
    log.result(s);
  }
  return log;
}

/// matmul(A, B), naive i-j-k: s = A[i][0]*B[0][j]; s = s + A[i][k]*B[k][j]
inline EventLog matmulEvents(int n) {
  EventLog log;
  const Matrix B = inputMatrix(log, n);
  const Matrix A = inputMatrix(log, n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      Word s = mul(log, A[i][0], B[0][j]);
      for (int k = 1; k < n; ++k)
        s = add(log, s, mul(log, A[i][k], B[k][j]));
      log.result(s);
    }
  return log;
}

} // namespace bytedmd::testing

#endif // BYTEDMD_TEST_REFERENCE_PROGRAMS_H
