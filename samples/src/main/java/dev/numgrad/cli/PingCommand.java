package dev.numgrad.cli;

import dev.numgrad.Words;
import dev.numgrad.cluster.ClusterConnection;
import dev.numgrad.cluster.ClusterOverheads;
import dev.numgrad.cluster.ClusterSettings;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code numgrad ping}: reaches a cluster and measures what it adds to a gradient: the round trip
 * of one block and the broadcast of a parameter vector (the figures of docs/cluster.md).
 */
@Command(
        name = "ping",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Reaches a cluster of `numgrad worker` processes and measures its overheads: the round trip of",
            "one block of a gradient, and the time to broadcast a parameter vector to every member.",
            ""
        },
        footer = {
            "",
            "Example:",
            "  numgrad ping --cluster 127.0.0.1:5701 --cluster-name demo --tasks 500 --doubles 1000000"
        })
final class PingCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterClientOptions cluster;

    @Option(names = "--tasks", defaultValue = "200", paramLabel = "N",
            description = "One-coordinate blocks to time, one after another. Default: ${DEFAULT-VALUE}.")
    int tasks;

    @Option(names = "--doubles", defaultValue = "1000000", paramLabel = "D",
            description = "Length of the parameter vector to broadcast. Default: ${DEFAULT-VALUE}.")
    int doubles;

    @Option(names = "--broadcasts", defaultValue = "5", paramLabel = "B",
            description = "Broadcasts to time. Default: ${DEFAULT-VALUE}.")
    int broadcasts;

    @Option(names = "--json", description = "Print one JSON line instead of the summary.")
    boolean json;

    @Override
    public Integer call() {
        ClusterSettings settings = cluster.settings(spec);
        if (settings == null) {
            throw bad("ping needs --cluster HOST:PORT and --cluster-name NAME");
        }
        if (tasks < 1 || tasks > 1_000_000) {
            throw bad("--tasks must be between 1 and 1000000, got " + tasks);
        }
        if (doubles < 1 || doubles > 100_000_000) {
            throw bad("--doubles must be between 1 and 100000000, got " + doubles);
        }
        if (broadcasts < 1 || broadcasts > 1000) {
            throw bad("--broadcasts must be between 1 and 1000, got " + broadcasts);
        }
        ClusterOverheads measured;
        try (ClusterConnection connection = ClusterConnection.connect(settings)) {
            measured = ClusterOverheads.measure(connection.instance(), tasks, doubles, broadcasts);
        }
        double[] task = measured.taskSeconds();
        double[] broadcast = measured.broadcastSeconds();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new JsonLine()
                    .add("members", measured.members())
                    .add("cores", measured.cores())
                    .add("tasks", tasks)
                    .add("task_seconds", measured.taskMedian())
                    .add("task_seconds_min", task[0])
                    .add("task_seconds_p90", task[(int) (0.9 * (task.length - 1))])
                    .add("doubles", doubles)
                    .add("broadcasts", broadcasts)
                    .add("broadcast_seconds", measured.broadcastMedian())
                    .add("broadcast_seconds_min", broadcast[0])
                    .toString());
        } else {
            out.println(format("cluster      %s, %s", Words.count(measured.members(), "data member"),
                    Words.count(measured.cores(), "core")));
            out.println(format("task         %.3f ms median round trip of a one-coordinate block (%d tasks,"
                    + " fastest %.3f ms, 90th percentile %.3f ms)", 1e3 * measured.taskMedian(), tasks, 1e3 * task[0],
                    1e3 * task[(int) (0.9 * (task.length - 1))]));
            out.println(format("broadcast    %.1f ms median to put %,d doubles (%s) in the map and have every member"
                    + " fetch them (%d times, fastest %.1f ms)", 1e3 * measured.broadcastMedian(), doubles,
                    Bytes.format(8L * doubles), broadcasts, 1e3 * broadcast[0]));
        }
        out.flush();
        return CommandLine.ExitCode.OK;
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
