// A program with its own exit status: bytedmd run passes it on.
double twice(double a) { return a + a; }
int main() { return twice(1.5) == 3 ? 3 : 0; }
