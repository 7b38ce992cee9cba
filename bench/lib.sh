# Helpers the benchmark scripts source (from the checkout's top directory).

# `hello DIR` compiles DIR/hello/Hello (prints one line and exits: the floor of any Java CLI), run
# as `java -Xshare:auto -cp DIR/hello Hello`.
hello() {
  mkdir -p "$1/hello"
  printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' > "$1/hello/Hello.java"
  javac --release 17 -d "$1/hello" "$1/hello/Hello.java"
}

# `median FILE`: the median of each command in a hyperfine --export-json FILE, in ms, on one line.
median() {
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]; print(" ".join("%.1f" % (x["median"]*1000) for x in r))' "$1"
}
