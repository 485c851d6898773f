// classes.cpp - the program's own classes: free and member operators,
// methods (the object is the first input), a class holding vectors, private
// fields, a class template. Each trace worked out by hand (stack top last;
// inputs stored last parameter first, a class's fields in declaration order).
//
// EXPECT: dual_ops call=0 cost=24 trace=1,1,2,3,2,3,4,1,4,2,2,3,2,1
// EXPECT: vectors_field call=0 cost=3 trace=2,1
// EXPECT: matrix_trace call=0 cost=5 trace=2,1,2
// EXPECT: Matrix::trace call=0 cost=5 trace=2,1,2
// EXPECT: fixed_dot call=0 cost=12 trace=2,4,1,2,3,2,1
// EXPECT: vec3_scaled_norm call=0 cost=30 trace=1,2,2,2,4,2,3,3,3,3,2,1,2,2,2,1,1
// EXPECT: running_mean call=0 cost=18 trace=3,1,1,3,1,1,2,1,2,1,1,2,1
// EXPECT: particles call=0 cost=30 trace=3,5,6,1,3,3,1,4,3,5,1,1,1,2,1,1,2
// EXPECT: member_operator_temporaries call=0 cost=6 trace=1,2,1,2
// EXPECT: shifted_sum call=0 cost=10 trace=1,2,2,2,2,1
#include "bytedmd/bytedmd.h"

#include <cmath>
#include <cstdio>
#include <utility>
#include <vector>

// A dual number: a member operator* and a free operator+.
struct Dual {
  double v, d;
  Dual operator*(const Dual &o) const { return Dual{v * o.v, v * o.d + d * o.v}; }
};
Dual operator+(Dual x, Dual y) { return Dual{x.v + y.v, x.d + y.d}; }

// [b, a] (a on top). y = x * x: v*o.v reads a, a (1, 1) -> t1 [b, a, t1];
// v*o.d reads a (2), b (3) -> t2 [t1, a, b, t2]; d*o.v reads b (2), a (3)
// -> t3 [t1, t2, b, a, t3]; t2 + t3 reads 4, 1 -> t4 [t1, b, a, t4].
// z = y + x: t1 + a reads 4, 2 (both die) -> t5 [b, t4, t5]; t4 + b reads
// 2, 3 -> t6 [t5, t6]. z.v * z.d reads 2, 1. Cost 2+4+4+3+4+4+3 = 24.
double dual_ops(double a, double b) {
  Dual x{a, b};
  Dual y = x * x;
  Dual z = y + x;
  return z.v * z.d;
}

// A class holding a vector: its elements are the inputs [v0, v1].
struct Samples {
  std::vector<double> v;
};
double vectors_field(const Samples &s) { return s.v[0] * s.v[1]; }

// Private fields; the sizes are excluded on their declarations. Inputs:
// data_ = [d0, d1, d2, d3]; d1 and d2 are never read: [d0, d3]. The trace
// reads d0 (2) into 0 + d0 = t1 [d3, t1], then t1 (1) and d3 (2).
class Matrix {
public:
  Matrix(int rows, int cols, std::vector<double> data)
      : rows_(rows), cols_(cols), data_(std::move(data)) {}
  double operator()(int i, int j) const { return data_[i * cols_ + j]; }
  double trace() const {
    double s = 0;
    for (int i = 0; i < rows_; ++i)
      s = s + (*this)(i, i);
    return s;
  }

private:
  BYTEDMD_UNTRACKED int rows_;
  BYTEDMD_UNTRACKED int cols_;
  std::vector<double> data_;
};
double matrix_trace(const Matrix &m) { return m.trace(); }

// A class template. Inputs [b0, b1, a0, a1]. i = 0: a0 * b0 reads 2, 4 ->
// t1 [b1, a1, t1]; 0 + t1 reads 1 -> t2. i = 1: a1 * b1 reads 2, 3 -> t3
// [t2, t3]; t2 + t3 reads 2, 1. Cost 4+1+4+3 = 12.
template <class T, int Size> struct FixedVec {
  T d[Size];
  T &operator[](int i) { return d[i]; }
  const T &operator[](int i) const { return d[i]; }
  T dot(const FixedVec &o) const {
    T s = 0;
    for (int i = 0; i < Size; ++i)
      s = s + d[i] * o[i];
    return s;
  }
};
double fixed_dot(const FixedVec<double, 2> &a, const FixedVec<double, 2> &b) { return a.dot(b); }

// Constructors with member initialisers, methods calling methods.
class Vec3 {
public:
  Vec3(double x, double y, double z) : x_(x), y_(y), z_(z) {}
  double dot(const Vec3 &o) const { return x_ * o.x_ + y_ * o.y_ + z_ * o.z_; }
  double norm() const { return std::sqrt(dot(*this)); }
  Vec3 scaled(double k) const { return Vec3(x_ * k, y_ * k, z_ * k); }

private:
  double x_, y_, z_;
};

// [b, a]; v = (a, b, a). scaled(b): a * b reads 1, 2 -> t1 [a, b, t1];
// b * b reads 2, 2 -> t2 [a, t1, b, t2]; a * b reads 4, 2 -> t3 (a, b die)
// [t1, t2, t3]. norm: t1 * t1 reads 3, 3 -> t4 [t2, t3, t4]; t2 * t2 reads
// 3, 3 -> t5; t4 + t5 reads 2, 1 -> t6 [t3, t6]; t3 * t3 reads 2, 2 -> t7;
// t6 + t7 reads 2, 1; sqrt reads 1. Cost 3+4+4+4+4+3+4+3+1 = 30.
double vec3_scaled_norm(double a, double b) {
  Vec3 v(a, b, a);
  Vec3 w = v.scaled(b);
  return w.norm();
}

class RunningStats {
public:
  RunningStats() : n_(0), mean_(0) {}
  void push(double x) {
    n_ = n_ + 1;
    mean_ = mean_ + (x - mean_) / n_;
  }
  double mean() const { return mean_; }

private:
  double n_, mean_;
};

// xs = [x0, x1, x2] (x2 on top); n_ stays untracked (built from literals).
// push(x0): x0 - 0 reads 3 -> t; t / n reads 1; 0 + t' reads 1 -> m1
// [x1, x2, m1]. push(x1): x1 - m1 reads 3, 1; / n reads 1; m1 + t' reads 2,
// 1 -> m2 [x2, m2]. push(x2): reads 2, 1; 1; 2, 1. Cost 4 + 7 + 7 = 18.
double running_mean(const std::vector<double> &xs) {
  RunningStats s;
  for (double x : xs)
    s.push(x);
  return s.mean();
}

// A vector of structs, walked element by element. Inputs: dt, then
// ps = [x0, v0, x1, v1]: [dt, x0, v0, x1, v1]. p0: v0 * dt reads 3, 5 -> t1;
// x0 + t1 reads 6, 1 -> x0' [x1, v1, v0, dt, x0']; v0 * v0 reads 3, 3; 0 + t2
// reads 1 -> e1. p1: v1 * dt reads 4, 3 (dt dies); x1 + t3 reads 5, 1 -> x1'
// (never read: gone) [x0', e1, v1]; v1 * v1 reads 1, 1; e1 + t4 reads 2, 1
// -> e2. e2 + ps[0].x reads 1, 2. Cost 5+4+4+1+4+4+2+3+3 = 30.
struct Particle {
  double x, v;
};
double particles(std::vector<Particle> ps, double dt) {
  double e = 0;
  for (auto &p : ps) {
    p.x = p.x + p.v * dt;
    e = e + p.v * p.v;
  }
  return e + ps[0].x;
}

// A member operator called on a value another operator returned: the
// temporary takes its keys before the method reads it. [c, b, a]: a + b
// reads 1, 2 -> t1 [c, t1]; t1 * c reads 1, 2.
struct Scalar {
  double v;
  Scalar operator+(const Scalar &o) const { return Scalar{v + o.v}; }
  Scalar operator*(const Scalar &o) const { return Scalar{v * o.v}; }
};
double member_operator_temporaries(double a, double b, double c) {
  Scalar m0{a}, m1{b}, m2{c};
  Scalar t = (m0 + m1) * m2;
  return t.v;
}

// Member initialisers that compute: each instruction's site is declared
// where it is used, since the body's sites come after the initialisers.
// [a, b]; o.d is a. o.d + k reads a (1), b (2) -> t1 [t1, b] (a dead);
// k * k reads b (2), b (2) -> t2 [t2, t1]; s.v + s.w reads t1 (2), t2 (1).
struct Offset {
  double d;
};
struct Shifted {
  double v, w, z; // (24 bytes: built in place, not handed back in registers)
  Shifted(const Offset &o, double k) : v(o.d + k), w(k * k), z(0) {}
};
double shifted_sum(double a, double b) {
  Offset o{a};
  Shifted s(o, b);
  return s.v + s.w;
}

int main() {
  std::printf("%.17g\n", dual_ops(1.5, 2.5));
  std::printf("%.17g\n", vectors_field(Samples{{3, 4}}));
  const Matrix m(2, 2, {1, 2, 3, 4});
  std::printf("%.17g\n", matrix_trace(m));
  std::printf("%.17g\n", m.trace());
  std::printf("%.17g\n", fixed_dot(FixedVec<double, 2>{{1, 2}}, FixedVec<double, 2>{{3, 4}}));
  std::printf("%.17g\n", vec3_scaled_norm(1.5, 2.5));
  std::printf("%.17g\n", running_mean({1, 2, 4}));
  std::printf("%.17g\n", particles({{1, 2}, {3, 4}}, 0.5));
  std::printf("%.17g\n", member_operator_temporaries(1.5, 2.5, 3.5));
  std::printf("%.17g\n", shifted_sum(1.5, 2.5));
  return 0;
}
