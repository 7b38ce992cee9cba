package xray.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xray.testing.Live;

/**
 * xray serve as Prometheus meets it: a real xray serve process on a free loopback port, a real
 * cgroup with a known workload, promtool's lint, and a real Prometheus server (loopback only,
 * scraping every second, its storage in a temporary directory) answering a query for the
 * workload's real cost. Then SIGTERM, and a second serve on a port that is taken.
 */
class LiveServeTest {
    static final long MIB = 1L << 20;

    @TempDir
    Path tmp;

    Path cgroup;
    final List<Process> started = new ArrayList<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void prometheusScrapesTheWorkloadsRealCost() throws Exception {
        Path mem = Live.cgroupV1Memory();
        Live.require(Live.onPath("promtool") && Live.onPath("prometheus"), "needs promtool and prometheus (apt-get install prometheus)");
        String name = "xray-serve-" + ProcessHandle.current().pid();
        cgroup = Files.createDirectory(mem.resolve(name));
        Process workload = start(List.of(java(), "-Xmx32m", "-XX:MaxDirectMemorySize=256m", "-cp",
                System.getProperty("java.class.path"), Workload.class.getName()), null);
        BufferedReader out = new BufferedReader(new InputStreamReader(workload.getInputStream()));
        PrintWriter in = new PrintWriter(workload.getOutputStream(), true);
        assertTrue(out.readLine().startsWith("ready"));
        Files.writeString(cgroup.resolve("cgroup.procs"), Long.toString(workload.pid()));
        LiveCgroupTest.command(in, out, "anon 64");
        JsonNode settled = LiveCgroupTest.settled("/" + name);
        long realCost = settled.get("realCost").asLong();
        assertTrue(realCost >= 64 * MIB, "the workload's 64 MiB: " + realCost);

        int port = freePort();
        Path serveErr = tmp.resolve("serve.err");
        Process serve = start(List.of(java(), "-cp", System.getProperty("java.class.path"), "xray.cli.Main", "serve",
                "--listen", "127.0.0.1:" + port, "--timeout", "800ms"), serveErr);
        waitFor(() -> Files.readString(serveErr).contains("xray: serving"), "xray serve to listen: " + serveErr);
        assertEquals("xray: serving http://127.0.0.1:" + port + "/metrics; SIGTERM or Ctrl-C ends it",
                Files.readString(serveErr).strip());

        String text = get("http://127.0.0.1:" + port + "/metrics", null);
        assertEquals("Exporter is healthy.", get("http://127.0.0.1:" + port + "/-/healthy", null).strip());
        String om = get("http://127.0.0.1:" + port + "/metrics", "application/openmetrics-text; version=1.0.0");
        assertTrue(om.endsWith("# EOF\n") && om.contains("# UNIT xray_cgroup_real_cost_bytes bytes"), "OpenMetrics");

        Path scraped = tmp.resolve("metrics.txt");
        Files.writeString(scraped, text);
        Process lint = new ProcessBuilder("promtool", "check", "metrics").redirectInput(scraped.toFile())
                .redirectErrorStream(true).start();
        String findings = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(lint.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, lint.exitValue(), findings);
        assertEquals("", findings.strip(), "promtool check metrics: no findings");

        String series = "xray_cgroup_real_cost_bytes{cgroup=\"/" + name + "\"}";
        double exported = value(text, series);
        assertNear(realCost, exported, "real cost from /metrics against xray mem --json");

        // A real Prometheus: loopback only, a scrape a second, storage in a temporary directory.
        int promPort = freePort();
        Path config = tmp.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\n"
                + "scrape_configs:\n  - job_name: xray\n    static_configs:\n      - targets: ['127.0.0.1:" + port + "']\n");
        start(List.of("prometheus", "--config.file=" + config, "--storage.tsdb.path=" + tmp.resolve("data"),
                "--web.listen-address=127.0.0.1:" + promPort), tmp.resolve("prometheus.log"));
        String api = "http://127.0.0.1:" + promPort;
        waitFor(() -> status(api + "/-/ready") == 200, "Prometheus to be ready (503 while it starts)");
        String query = api + "/api/v1/query?query=" + URLEncoder.encode(series, StandardCharsets.UTF_8);
        JsonNode[] result = new JsonNode[1];
        waitFor(() -> {
            result[0] = new ObjectMapper().readTree(get(query, null)).get("data").get("result");
            return result[0].size() == 1;
        }, "Prometheus to have scraped " + series);
        assertNear(realCost, Double.parseDouble(result[0].get(0).get("value").get(1).asText()),
                "real cost as Prometheus stored it");
        assertEquals("xray", result[0].get(0).get("metric").get("job").asText());
        for (String q : readmeQueries()) {
            JsonNode answer = new ObjectMapper().readTree(get(api + "/api/v1/query?query="
                    + URLEncoder.encode(q, StandardCharsets.UTF_8), null));
            assertEquals("success", answer.get("status").asText(), q + ": " + answer);
        }

        // JVMs starting and ending while scrapes run (their perf data half-written, or gone mid-read): every
        // scrape answers.
        List<Process> brief = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            brief.add(new ProcessBuilder(java(), "-version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
            for (int k = 0; k < 5; k++) {
                get("http://127.0.0.1:" + port + "/metrics", null);
            }
        }
        for (Process p : brief) {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        }

        // A second xray serve on the port Prometheus holds: one line, exit 1.
        Path busyErr = tmp.resolve("busy.err");
        Process busy = start(List.of(java(), "-cp", System.getProperty("java.class.path"), "xray.cli.Main", "serve",
                "--listen", "127.0.0.1:" + promPort), busyErr);
        assertTrue(busy.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, busy.exitValue());
        String busyLine = Files.readString(busyErr);
        assertEquals(1, busyLine.lines().count(), busyLine);
        assertTrue(busyLine.startsWith("xray: cannot listen on 127.0.0.1:" + promPort + ": "), busyLine);

        // SIGTERM ends it cleanly: exit 0, the port free again.
        serve.destroy();
        assertTrue(serve.waitFor(10, TimeUnit.SECONDS), "xray serve ends on SIGTERM");
        assertEquals(0, serve.exitValue(), Files.readString(serveErr));
        assertTrue(Files.readString(serveErr).strip().endsWith("xray: stopped"), Files.readString(serveErr));
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(port, again.getLocalPort(), "the port is free once xray serve has ended");
        }
    }

    /** The PromQL queries of the README (its promql block; queries apart by blank lines, # comments left out). */
    static List<String> readmeQueries() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String block = readme.substring(readme.indexOf("<!-- promql -->"), readme.indexOf("<!-- end of promql -->"));
        List<String> out = new ArrayList<>();
        StringBuilder q = new StringBuilder();
        for (String line : (block + "\n").split("\n", -1)) {
            if (line.startsWith("```") || line.startsWith("<!--") || line.startsWith("#")) {
                continue;
            }
            if (line.isBlank()) {
                if (q.length() > 0) {
                    out.add(q.toString().strip());
                }
                q.setLength(0);
            } else {
                q.append(line).append('\n');
            }
        }
        assertEquals(3, out.size(), "three queries in the README: " + out);
        return out;
    }

    static void assertNear(double expected, double actual, String what) {
        assertTrue(Math.abs(actual - expected) <= 0.05 * expected, what + ": expected " + expected / MIB
                + " MiB ± 5%, got " + actual / MIB + " MiB");
    }

    static double value(String text, String series) {
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1));
            }
        }
        throw new AssertionError("no " + series + " in the scrape");
    }

    String get(String url, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        if (accept != null) {
            b.header("Accept", accept);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url + ": " + r.body());
        return r.body();
    }

    int status(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void waitFor(Check check, String what) throws Exception {
        Exception last = null;
        for (int i = 0; i < 300; i++) {
            try {
                if (check.ok()) {
                    return;
                }
            } catch (IOException e) {
                last = e; // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what + (last == null ? "" : ": " + last));
    }

    Process start(List<String> command, Path stderr) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (stderr != null) {
            pb.redirectError(stderr.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        Process p = pb.start();
        started.add(p);
        return p;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Process p : started) {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (cgroup != null) {
            for (int i = 0; i < 50 && Files.exists(cgroup); i++) {
                try {
                    Files.delete(cgroup);
                } catch (IOException e) {
                    Thread.sleep(100);
                }
            }
        }
    }
}
