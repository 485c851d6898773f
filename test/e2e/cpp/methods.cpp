// methods.cpp - methods and operators measured on their own: called from
// main (which is not measured), each opens a measurement whose first input
// is the object (semantics.md, "Functions"). Traces worked out by hand.
//
// EXPECT: Poly::operator* call=0 cost=24 trace=2,4,1,3,5,1,5,4,3,1,2,3,1
// EXPECT: Linear::forward call=0 cost=7 trace=2,3,1,2
#include <cstdio>
#include <vector>

struct Poly {
  std::vector<double> c;
  // Inputs, last parameter first: o = [q0, q1], then the object [p0, p1]:
  // [q0, q1, p0, p1]. r.c is written with untracked zeros, so the first add
  // into each slot reads only the product. (i, j) = (0, 0): p0 * q0 reads
  // 2, 4, + reads 1 -> a0 [q1, p1, p0, q0, a0]; (0, 1): p0 * q1 reads 3, 5 (p0 dies),
  // + reads 1 -> a1 [p1, q0, a0, q1, a1]; (1, 0): p1 * q0 reads 5, 4 (q0
  // dies), a1 + t reads 3, 1; (1, 1): p1 * q1 reads 2, 3, + reads 1.
  // Cost 4+1+5+1+5+3+4+1 = 24.
  Poly operator*(const Poly &o) const {
    Poly r;
    r.c.assign(c.size() + o.c.size() - 1, 0.0);
    for (std::size_t i = 0; i < c.size(); ++i)
      for (std::size_t j = 0; j < o.c.size(); ++j)
        r.c[i + j] = r.c[i + j] + c[i] * o.c[j];
    return r;
  }
};

struct Linear {
  double w, b;
  // [x, w, b]: w * x reads 2, 3 -> t [b, t]; t + b reads 1, 2.
  double forward(double x) const { return w * x + b; }
};

int main() {
  const Poly p{{1, 2}}, q{{3, 4}};
  const Poly r = p * q;
  const Linear l{2, 1};
  std::printf("%.17g %.17g %.17g\n", r.c[0], r.c[1], r.c[2]);
  std::printf("%.17g\n", l.forward(3));
  return 0;
}
