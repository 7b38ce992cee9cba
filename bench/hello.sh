# Sourced by the benchmarks that measure against a bare JVM: `hello DIR` compiles DIR/hello/Hello
# (prints one line and exits: the floor of any Java CLI), run as `java -Xshare:auto -cp DIR/hello Hello`.
hello() {
  mkdir -p "$1/hello"
  printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' > "$1/hello/Hello.java"
  javac --release 17 -d "$1/hello" "$1/hello/Hello.java"
}
