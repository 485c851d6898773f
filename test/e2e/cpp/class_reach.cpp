// class_reach.cpp - class constructs the rewrite once reported approximate
// or could not compile: an object declared in a loop's, a switch's or an
// init-statement's condition, a braced aggregate there, a base, delegated or
// member constructor called from a mem-initializer, objects pushed onto a
// vector or built by make_unique or new, virtual calls, a conversion whose
// later parameters take defaults, a class template's constructions, two
// objects in one declaration and a friend operator. Each is measured
// exactly. Traces worked out by hand from the
// model: inputs are stored last parameter first (the first ends on top); a
// read moves its operands to the top in operand order; a value dies at its
// last read; a copy (t.v = a, an element = s) is free and keeps the key.
//
// EXPECT: while_braced call=0 cost=23 trace=1,2,1,1,1,3,1,3,1,1,4,1,3,1,3,1,1
// EXPECT: while_object call=0 cost=14 trace=1,1,1,2,1,1,2,1,2,1,1
// EXPECT: for_object call=0 cost=14 trace=1,1,1,2,1,1,2,1,2,1,1
// EXPECT: if_init_object call=0 cost=7 trace=1,1,1,1,1,2
// EXPECT: switch_object call=0 cost=4 trace=1,1,1,1
// EXPECT: base_init call=0 cost=3 trace=2,1
// EXPECT: delegated call=0 cost=4 trace=1,2,1
// EXPECT: member_init call=0 cost=3 trace=2,1
// EXPECT: two_argument_base call=0 cost=6 trace=2,1,1,2
// EXPECT: pushed call=0 cost=6 trace=1,2,1,2
// EXPECT: emplaced call=0 cost=3 trace=2,1
// EXPECT: virtual_calls call=0 cost=11 trace=1,2,2,1,2,2,1
// EXPECT: made_unique call=0 cost=12 trace=1,2,1,2,1,2,2,1
// EXPECT: linked call=0 cost=4 trace=1,1,2
// EXPECT: defaulted call=0 cost=3 trace=1,1,1
// EXPECT: template_wrapped call=0 cost=4 trace=1,1,2
// EXPECT: pushed_aggregates call=0 cost=6 trace=2,1,1,2
// EXPECT: friend_operator call=0 cost=40 trace=1,2,2,3,4,1,2,2,4,4,3,1,3,4,3,2,2,2,2,2,2,1
// EXPECT: derived_method call=0 cost=6 trace=1,3,1,2
// EXPECT: template_base call=0 cost=3 trace=1,2
// EXPECT: template_member call=0 cost=2 trace=1,1
// EXPECT: array_member call=0 cost=6 trace=1,2,1,2
#include <array>
#include <cstdio>
#include <memory>
#include <vector>

struct Braced {
  double v;
  explicit operator bool() const { return v != 0; }
};
struct Flag {
  double v;
  Flag(double x) : v(x) {}
  explicit operator bool() const { return v != 0; }
};
struct Twice {
  double v;
  Twice(double x) : v(x) {}
  operator int() const { return int(v * 2); }
};

// a = 3, n = 1; [n, a]. Pass 1: a - n reads 1, 2 -> r1 [a, n, r1]; the
// test v != 0 reads r1 (1) -> c, its truth read 1; s + t.v reads r1 only
// (s is an untracked 0): 1 -> s1 [a, n, s1]; a - 1 reads a (3) -> a1
// [n, s1, a1]. Pass 2: a1 - n reads 1, 3 -> r2 [s1, a1, n, r2]; test 1,
// truth 1; s1 + r2 reads 4, 1 -> s2 [a1, n, s2]; a1 - 1 reads 3 -> a2
// [n, s2, a2]. Pass 3: a2 - n reads 1, 3 -> r3 = 0 [s2, r3]; test 1,
// truth 1; the loop ends.
double while_braced(double a, double n) {
  double s = 0;
  while (Braced t{a - n}) {
    s = s + t.v;
    a = a - 1;
  }
  return s;
}

// a = 2; [a]. Pass 1: t.v holds a; test reads 1, truth 1; s + t.v reads 1
// -> s1 [a, s1]; a - 1 reads 2 -> a1 [s1, a1]. Pass 2: test 1, truth 1;
// s1 + a1 reads 2, 1 -> s2 [a1, s2]; a1 - 1 reads 2 -> a2 [s2, a2]. Pass 3:
// test reads a2 (1), truth 1; the loop ends.
double while_object(double a) {
  double s = 0;
  while (Flag t = a) {
    s = s + t.v;
    a = a - 1;
  }
  return s;
}
// The same loop as a for without an increment: the same numbers.
double for_object(double a) {
  double s = 0;
  for (; Flag t{a};) {
    s = s + t.v;
    a = a - 1;
  }
  return s;
}

// [a]: a * a reads 1, 1 -> k [a, k]; t.v holds k: the test reads 1 -> c,
// truth 1; t.v * a reads k (1), a (2).
double if_init_object(double a) {
  if (double k = a * a; Flag t{k})
    return t.v * a;
  return 0;
}

// a = 2; [a]: the conversion's v * 2 reads 1 -> r [a, r]; the switch reads
// r as an index (1); case 4: t.v * a reads 1, 1.
double switch_object(double a) {
  switch (Twice t = a) {
  case 4:
    return t.v * a;
  default:
    return 0;
  }
}

struct Q {
  double q;
  Q(double a) : q(a) {}
};
struct R : Q {
  double r;
  R(double a, double b) : Q(a), r(b) {}
  R(double a) : R(a, a * 2) {}
};
struct P {
  Q q;
  double w;
  P(double a, double b) : q(a), w(b) {}
};
struct Pair {
  double u, w;
  Pair(double p, double q) : u(p), w(q) {}
};
struct FromPair : Pair {
  FromPair(double a, double b) : Pair(b * a, a) {}
};

// [b, a]: x.q holds a (Q's initialiser), x.r holds b: x.r - x.q reads 2, 1.
double base_init(double a, double b) {
  R x(a, b);
  return x.r - x.q;
}
// [a]: R(a, a * 2): a * 2 reads 1 -> r [a, r]; y.q holds a, y.r holds r:
// y.q - y.r reads 2, 1.
double delegated(double a) {
  R y(a);
  return y.q - y.r;
}
// [b, a]: p.q.q holds a, p.w holds b: p.w - p.q.q reads 2, 1.
double member_init(double a, double b) {
  P p(a, b);
  return p.w - p.q.q;
}
// [b, a]: b * a reads 2, 1 -> r [a, r] (b dead); x.u holds r, x.w holds a:
// x.u * x.w reads 1, 2.
double two_argument_base(double a, double b) {
  FromPair x(a, b);
  return x.u * x.w;
}

// [b, a]: the elements hold a, b, a (two reallocations on the way):
// a * b reads 1, 2 -> r [a, r] (b dead); r - a reads 1, 2.
double pushed(double a, double b) {
  std::vector<Flag> v;
  Flag s(a);
  v.push_back(s);
  v.push_back(b);
  v.emplace_back(a);
  return v[0].v * v[1].v - v[2].v;
}
// [b, a]: the element's u holds a, w holds b: w - u reads 2, 1.
double emplaced(double a, double b) {
  std::vector<Pair> w;
  w.emplace_back(a, b);
  return w[0].w - w[0].u;
}

struct Shape {
  virtual ~Shape() = default;
  virtual double area() const = 0;
};
struct Rect : Shape {
  double w, h;
  Rect(double w_, double h_) : w(w_), h(h_) {}
  double area() const override { return w * h; }
};
struct Circle : Shape {
  double r;
  explicit Circle(double r_) : r(r_) {}
  double area() const override { return 3.0 * r * r; }
};

// A virtual call reaches the file's override, which takes the object's
// keys. [b, a]: w * h reads a (1), b (2) -> r1 [a, r1] (b dead); 3.0 * r
// reads a (2) -> t [r1, a, t]; t * r reads 1, 2 -> r2 [r1, r2]; r1 + r2
// reads 2, 1.
double virtual_calls(double a, double b) {
  Rect r(a, b);
  Circle c(a);
  const Shape &s1 = r;
  const Shape &s2 = c;
  return s1.area() + s2.area();
}
// make_unique builds them through their constructors. [b, a]: w * h reads
// a (1), b (2) -> r1 [b, r1] (a dead); s + r1 reads r1 only (s is an
// untracked 0): 1 -> s1 [b, s1]; 3.0 * r reads b (2) -> t [s1, b, t]; t * r
// reads 1, 2 -> r2 [s1, r2]; s1 + r2 reads 2, 1.
double made_unique(double a, double b) {
  std::vector<std::unique_ptr<Shape>> v;
  v.push_back(std::make_unique<Rect>(a, b));
  v.push_back(std::make_unique<Circle>(b));
  double s = 0;
  for (const auto &p : v)
    s += p->area();
  return s;
}

struct Node {
  double v;
  Node *next;
  Node(double x, Node *n) : v(x), next(n) {}
};
// new Node(x, n) by its constructor. [b, a]: s + a reads a only (1) -> s1
// [b, s1]; s1 + b reads 1, 2.
double linked(double a, double b) {
  Node *n2 = new Node(b, nullptr);
  Node *n1 = new Node(a, n2);
  double s = 0;
  for (Node *p = n1; p; p = p->next)
    s = s + p->v;
  delete n1;
  delete n2;
  return s;
}

struct Complexish {
  double re, im;
  Complexish(double r, double i = 0) : re(r), im(i) {}
};
double norm2(Complexish z) { return z.re * z.re + z.im * z.im; }
// norm2(a) converts a, the second parameter taking its default (an
// untracked 0). [a]: re * re reads 1, 1 -> r; im * im reads nothing (its
// result untracked); r + that reads r (1).
double defaulted(double a) { return norm2(a); }

template <class T> struct Wrapper {
  T v;
  explicit Wrapper(T x) : v(x) {}
  operator T() const { return v; }
  static Wrapper make(T x) { return Wrapper(x * 2); }
};
// A class template's constructor and member initialiser, T known per
// instantiation. [a]: x * 2 reads 1 -> r [a, r]; w.v holds r, and so does
// d (the conversion returns v, a copy); d + a reads 1, 2.
double template_wrapped(double a) {
  Wrapper<double> w = Wrapper<double>::make(a);
  double d = w;
  return d + a;
}

struct Particle {
  double x, v;
};
// Braced aggregates pushed onto a vector: ps[0] holds (a, b), ps[1] (b, a).
// [b, a]: ps[0].v * ps[1].v reads b (2), a (1) -> r [b, r] (a dead);
// r - ps[1].x reads 1, 2.
double pushed_aggregates(double a, double b) {
  std::vector<Particle> ps;
  ps.push_back({a, b});
  ps.push_back(Particle{b, a});
  return ps[0].v * ps[1].v - ps[1].x;
}

class Cplx {
  double re_, im_;

public:
  Cplx(double r = 0, double i = 0) : re_(r), im_(i) {}
  friend Cplx operator*(const Cplx &a, const Cplx &b) {
    return Cplx(a.re_ * b.re_ - a.im_ * b.im_, a.re_ * b.im_ + a.im_ * b.re_);
  }
  Cplx &operator+=(const Cplx &o) {
    re_ += o.re_;
    im_ += o.im_;
    return *this;
  }
  double norm() const { return re_ * re_ + im_ * im_; }
};
// Two objects in one declaration (each takes its own keys), and a friend
// operator defined in the class (instrumented as any free function).
// [b, a]; z = (a, b), w = (b, a). z * w: a * b reads 1, 2 -> m1 [a, b, m1];
// b * a reads 2, 3 -> m2 [m1, b, a, m2]; m1 - m2 reads 4, 1 -> r [b, a, r];
// a * a reads 2, 2 -> m3 [b, r, a, m3]; b * b reads 4, 4 -> m4
// [r, a, m3, b, m4]; m3 + m4 reads 3, 1 -> i [r, a, b, i]. z += t: a + r
// reads 3, 4 -> x [b, i, x]; b + i reads 3, 2 -> y [x, y]. norm: x * x
// reads 2, 2 -> n1 [y, n1]; y * y reads 2, 2 -> n2 [n1, n2]; n1 + n2 reads
// 2, 1.
double friend_operator(double a, double b) {
  Cplx z(a, b), w(b, a);
  z += z * w;
  return z.norm();
}

class Base {
protected:
  double k_;

public:
  explicit Base(double k) : k_(k) {}
  double scaled(double x) const { return k_ * x; }
};
class Derived : public Base {
  double off_;

public:
  Derived(double k, double off) : Base(k), off_(off) {}
  double apply(double x) const { return scaled(x) + off_; }
};
// [x, off, k]: k_ * x reads 1, 3 -> s [off, s]; s + off_ reads 1, 2.
double derived_method(double k, double off, double x) {
  Derived d(k, off);
  return d.apply(x);
}

template <class T> struct TBase {
  T k;
  explicit TBase(T x) : k(x) {}
};
template <class T> struct TDerived : TBase<T> {
  T m;
  TDerived(T a, T b) : TBase<T>(a), m(b) {}
  T get() const { return this->k * m; }
};
template <class T> struct THolder {
  TBase<T> inner;
  explicit THolder(T a) : inner(a) {}
};
// A class template's base and member built by their constructors, T known
// per instantiation (both lost their keys, silently, before). [b, a]:
// k holds a, m holds b: k * m reads 1, 2.
double template_base(double a, double b) {
  TDerived<double> d(a, b);
  return d.get();
}
// [a]: inner.k holds a: inner.k * a reads 1, 1.
double template_member(double a) {
  THolder<double> h(a);
  return h.inner.k * a;
}

class Body {
  std::array<double, 2> p_;

public:
  Body(double a, double b) : p_{a, b} {}
  double &operator[](int i) { return p_[i]; }
  double sum() const {
    auto f = [this] { return p_[0] + p_[1]; };
    return f();
  }
};
// A std::array member from a braced list in a member initialiser (its
// elements were read as escapes and kept no key, silently). [b, a]: p_
// holds a, b; q[0] * b reads a (1), b (2) -> r [b, r] (a dead); the
// lambda's p_[0] + p_[1] reads r (1), b (2).
double array_member(double a, double b) {
  Body q(a, b);
  q[0] = q[0] * b;
  return q.sum();
}

int main() {
  std::printf("%.17g\n", while_braced(3, 1));
  std::printf("%.17g\n", while_object(2));
  std::printf("%.17g\n", for_object(2));
  std::printf("%.17g\n", if_init_object(1.5));
  std::printf("%.17g\n", switch_object(2));
  std::printf("%.17g\n", base_init(1.5, 2.5));
  std::printf("%.17g\n", delegated(1.5));
  std::printf("%.17g\n", member_init(1.5, 2.5));
  std::printf("%.17g\n", two_argument_base(1.5, 2.5));
  std::printf("%.17g\n", pushed(1.5, 2.5));
  std::printf("%.17g\n", emplaced(1.5, 2.5));
  std::printf("%.17g\n", virtual_calls(1.5, 2.5));
  std::printf("%.17g\n", made_unique(1.5, 2.5));
  std::printf("%.17g\n", linked(1.5, 2.5));
  std::printf("%.17g\n", defaulted(1.5));
  std::printf("%.17g\n", template_wrapped(1.5));
  std::printf("%.17g\n", pushed_aggregates(1.5, 2.5));
  std::printf("%.17g\n", friend_operator(1.5, 2.5));
  std::printf("%.17g\n", derived_method(1.5, 2.5, 3.5));
  std::printf("%.17g\n", template_base(1.5, 2.5));
  std::printf("%.17g\n", template_member(1.5));
  std::printf("%.17g\n", array_member(1.5, 2.5));
  return 0;
}
