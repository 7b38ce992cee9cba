package xray.cli;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import xray.analysis.CgroupFold;
import xray.analysis.CgroupTree;
import xray.collect.Scraper;
import xray.model.MemReport;
import xray.model.MemSample;
import xray.model.ScrapeSample;
import xray.render.Metrics;

/**
 * The Prometheus client's HTTP server with one collector that reads on each scrape (its own class,
 * so that the client loads only for xray serve). /metrics answers in the format the scraper's
 * Accept header asks for (Prometheus text, OpenMetrics text); /-/healthy answers while it runs.
 */
final class Exporter {
    private Exporter() {
    }

    /** A running server. */
    record Running(HTTPServer server) implements AutoCloseable {
        int port() {
            return server.getPort();
        }

        @Override
        public void close() {
            server.close();
        }
    }

    static Running start(InetSocketAddress address, Scraper scraper, int maxCgroups,
                         java.util.function.Consumer<RuntimeException> failed) throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new Collector(scraper, maxCgroups, failed));
        HTTPServer server = HTTPServer.builder()
                .inetAddress(address.getAddress())
                .port(address.getPort())
                .registry(registry)
                .buildAndStart();
        return new Running(server);
    }

    /**
     * Collects on each scrape; nothing in between. A scrape that fails (a bug: every read failure is
     * already an absent value) is told to {@code failed} and answered with HTTP 500, as the client
     * does for a collector that throws.
     */
    private record Collector(Scraper scraper, int maxCgroups, java.util.function.Consumer<RuntimeException> failed)
            implements MultiCollector {
        @Override
        public MetricSnapshots collect() {
            try {
                return snapshots(scraper.scrape(), maxCgroups);
            } catch (RuntimeException e) {
                failed.accept(e);
                throw e;
            }
        }
    }

    /** A scrape's reading as the client's snapshots: the memory model's figures, at most maxCgroups cgroups. */
    static MetricSnapshots snapshots(ScrapeSample s, int maxCgroups) {
        if (s.host() == null || s.layout() == null) {
            return Metrics.of(s, null, List.of(), CgroupFold.of(List.of(), maxCgroups));
        }
        MemReport report = CgroupTree.report(new MemSample(s.host(), s.layout(), s.cgroups(), false));
        return Metrics.of(s, report.memory(), report.cgroups(), s.fold() != null ? CgroupFold.apply(report.cgroups(), s.fold())
                : CgroupFold.of(report.cgroups(), maxCgroups));
    }

    /** Runs {@code stop} on SIGTERM and SIGINT instead of the JVM's default (which would exit with 143). */
    @SuppressWarnings("restriction")
    static void onSignals(Runnable stop) {
        for (String name : new String[] {"TERM", "INT"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(name), s -> stop.run());
        }
    }
}
