package xray.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import xray.analysis.CgroupFold;
import xray.collect.Scraper;
import xray.kernel.KernelFs;
import xray.render.Sanitize;

/** {@code xray serve}: a Prometheus exporter of the memory model, collected on each scrape. */
@Command(name = "serve",
        header = "Export the host's, its cgroups' and its JVMs' memory to Prometheus (/metrics).",
        description = {
            "An HTTP endpoint /metrics in the Prometheus and the OpenMetrics text formats (as the scraper asks), "
                + "built on the official Prometheus Java client: the host's memory, each cgroup's charge, real cost, "
                + "hot and cold cache, refaults, OOM kills and memory pressure, and each JVM's heap, GC, threads and "
                + "classes from its hsperfdata (no attach: exporting never touches a JVM). /-/healthy answers while "
                + "it runs.",
            "",
            "It reads when Prometheus scrapes and never in between, within --timeout: past it no new cgroup or "
                + "process is read, and the scrape says so (xray_scrape_partial, xray_scrape_skipped_cgroups). "
                + "Counters are exported as the kernel counts them (use rate() in PromQL). Series are bounded: "
                + "cgroups down to --depth, at most --max-cgroups of them, the smallest summed into cgroup=\"other\".",
            "",
            "It listens on 127.0.0.1 unless --listen says otherwise. SIGTERM or Ctrl-C ends it."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ended by SIGTERM or SIGINT",
            "1:could not listen (the address is in use or not this host's), or could not read the system",
            "2:bad usage"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  xray serve                          http://127.0.0.1:9750/metrics",
            "  xray serve --listen 0.0.0.0:9750    every interface (mind who can reach it)",
            "  xray serve --depth 4 --max-cgroups 2000",
            "  curl -s localhost:9750/metrics | grep xray_cgroup_real_cost_bytes",
            "",
            "Prometheus scrapes HOST:9750 like any exporter; README.md has a scrape",
            "  config, PromQL queries, and every metric with the field it reads."},
        sortOptions = false,
        mixinStandardHelpOptions = true, versionProvider = VersionProvider.class)
final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--listen", paramLabel = "ADDR:PORT", defaultValue = "127.0.0.1:9750",
            description = "Where to listen (default: ${DEFAULT-VALUE}; [::1]:9750 for IPv6; port 0 picks a free one).")
    String listen;

    @Option(names = "--depth", paramLabel = "N", defaultValue = "3",
            description = "Export cgroups down to N levels below the top (default: ${DEFAULT-VALUE}); deeper ones are "
                + "not read (their memory is in their parents').")
    int depth;

    @Option(names = "--max-cgroups", paramLabel = "N", defaultValue = "500",
            description = "At most N cgroup series per metric (default: ${DEFAULT-VALUE}): the largest are kept with "
                + "their parents, the rest summed into cgroup=\"other\" (xray_cgroups_folded says how many).")
    int maxCgroups;

    @Option(names = "--timeout", paramLabel = "TIME", defaultValue = "5s", converter = JvmCommand.DurationConverter.class,
            description = "The most time a scrape may spend reading (default: ${DEFAULT-VALUE}); what is not read by "
                + "then is left out and counted. Keep it below Prometheus's scrape_timeout.")
    Duration timeout;

    @Option(names = "--root", paramLabel = "DIR|FILE",
            description = "Export a snapshot under DIR (as if DIR were /), or a bundle of xray capture, instead of this "
                + "host.")
    Path root;

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces of internal errors.")
    boolean verbose;

    @Override
    public Integer call() throws InterruptedException {
        if (depth < 0) {
            throw new ParameterException(spec.commandLine(), "--depth must be 0 or more, not " + depth);
        }
        if (maxCgroups < 1) {
            throw new ParameterException(spec.commandLine(), "--max-cgroups must be 1 or more, not " + maxCgroups);
        }
        if (timeout.isZero()) {
            throw new ParameterException(spec.commandLine(), "--timeout must be more than 0");
        }
        InetSocketAddress address = address(listen);
        KernelFs fs = CommonOptions.kernelFs(root, spec.commandLine());
        PrintWriter err = spec.commandLine().getErr();
        java.util.function.Consumer<String> warn = line -> {
            synchronized (err) {
                err.println("xray: warning: " + Sanitize.text(line));
                err.flush();
            }
        };
        // A tree of more than --max-cgroups: the charges first, then whole only what the fold keeps or sums.
        try (Scraper scraper = new Scraper(fs, depth, timeout, maxCgroups, charges -> CgroupFold.ofCharges(charges, maxCgroups),
                warn)) {
            Exporter.Running server;
            try {
                server = Exporter.start(address, scraper, maxCgroups, e -> {
                    synchronized (err) {
                        if (verbose) {
                            e.printStackTrace(err);
                        } else {
                            err.println("xray: internal error in a scrape: " + Sanitize.text(String.valueOf(e))
                                    + " (run with -v for the stack trace)");
                        }
                        err.flush();
                    }
                });
            } catch (BindException e) {
                err.println("xray: cannot listen on " + Sanitize.text(listen) + ": " + Sanitize.text(String.valueOf(e.getMessage())));
                err.flush();
                return ExitCodes.UNREADABLE;
            } catch (IOException e) {
                err.println("xray: cannot listen on " + Sanitize.text(listen) + ": " + Sanitize.text(String.valueOf(e)));
                err.flush();
                return ExitCodes.UNREADABLE;
            }
            CountDownLatch stop = new CountDownLatch(1);
            Exporter.onSignals(stop::countDown);
            err.println("xray: serving http://" + hostPort(address.getAddress(), server.port()) + "/metrics"
                    + (root == null ? "" : " of " + Sanitize.text(String.valueOf(root))) + "; SIGTERM or Ctrl-C ends it");
            err.flush();
            stop.await();
            server.close();
            err.println("xray: stopped");
            err.flush();
        }
        return ExitCodes.OK;
    }

    /** "127.0.0.1:9750", "[::1]:9750", "localhost:9750" → an address to bind. */
    InetSocketAddress address(String value) {
        int colon = value.lastIndexOf(':');
        String host = colon < 0 ? "" : value.substring(0, colon);
        String port = colon < 0 ? value : value.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            p = -1;
        }
        if (host.isEmpty() || p < 0 || p > 65535) {
            throw new ParameterException(spec.commandLine(), "--listen '" + Sanitize.text(value)
                    + "': an address and a port are needed, like 127.0.0.1:9750 or [::1]:9750");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), p);
        } catch (UnknownHostException e) {
            throw new ParameterException(spec.commandLine(), "--listen '" + Sanitize.text(value) + "': no such address");
        }
    }

    private static String hostPort(InetAddress a, int port) {
        String h = a.getHostAddress();
        return (h.contains(":") ? "[" + h + "]" : h) + ":" + port;
    }
}
