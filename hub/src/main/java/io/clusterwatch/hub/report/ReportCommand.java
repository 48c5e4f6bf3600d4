package io.clusterwatch.hub.report;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code clusterwatch report}: a job's efficiency report, or one line per user over the jobs of an
 * account, user or partition in a time window. Exit 0 on success, 1 for an unknown job or an
 * unreachable hub (one line on stderr), 2 for bad arguments.
 */
@Command(
    name = "clusterwatch report",
    mixinStandardHelpOptions = true,
    description = {
      "Efficiency report of a job (like seff and jobstats), or per-user totals of the jobs",
      "of an account, user or partition."
    })
public final class ReportCommand implements Callable<Integer> {
  @Parameters(arity = "0..1", paramLabel = "JOBID", description = "the job to report on")
  String jobId;

  @Option(
      names = "--hub",
      paramLabel = "URL",
      defaultValue = "http://localhost:8080",
      description = "the hub's base URL (default: ${DEFAULT-VALUE})")
  String hub;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text or json (default: ${DEFAULT-VALUE})")
  Format format;

  @Option(
      names = "--account",
      paramLabel = "A",
      description = "per-user totals of this account's jobs")
  String account;

  @Option(names = "--user", paramLabel = "U", description = "per-user totals of this user's jobs")
  String user;

  @Option(
      names = "--partition",
      paramLabel = "P",
      description = "per-user totals of this partition's jobs")
  String partition;

  @Option(
      names = "--since",
      paramLabel = "TIME",
      description =
          "jobs that ran at or after TIME: 7d, 12h," + " an ISO-8601 time or ms since the epoch")
  String since;

  @Option(
      names = "--until",
      paramLabel = "TIME",
      description = "jobs that started at or before TIME")
  String until;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  enum Format {
    text,
    json
  }

  /** Page size when reading the job list (the API's largest). */
  static final int PAGE = 1000;

  @Override
  public Integer call() {
    boolean totals =
        account != null || user != null || partition != null || since != null || until != null;
    if ((jobId == null) == !totals) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          jobId == null
              ? "give a JOBID, or --account, --user, --partition, --since or --until for per-user totals"
              : "a JOBID excludes --account, --user, --partition, --since and --until");
    }
    HubClient client = new HubClient(hub);
    PrintWriter out = spec.commandLine().getOut();
    if (jobId != null) {
      JsonObject job = client.get("/api/v1/jobs/" + encode(jobId) + "/report");
      out.print(format == Format.json ? job.encodePrettily() + "\n" : JobReportText.render(job));
    } else {
      UserTable table = new UserTable();
      Map<String, String> query = new LinkedHashMap<>();
      put(query, "account", account);
      put(query, "user", user);
      put(query, "partition", partition);
      put(query, "since", since);
      put(query, "until", until);
      query.put("limit", String.valueOf(PAGE));
      String cursor = null;
      do {
        StringBuilder path = new StringBuilder("/api/v1/jobs?");
        query.forEach((k, v) -> path.append(k).append('=').append(encode(v)).append('&'));
        if (cursor != null) {
          path.append("cursor=").append(encode(cursor));
        }
        JsonObject page = client.get(path.toString());
        page.getJsonArray("jobs").forEach(j -> table.add((JsonObject) j));
        cursor = page.getString("next_cursor");
      } while (cursor != null);
      out.print(format == Format.json ? table.json().encodePrettily() + "\n" : table.render());
    }
    out.flush();
    return 0;
  }

  private static void put(Map<String, String> query, String key, String value) {
    if (value != null) {
      query.put(key, value);
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Runs the command; the exit status. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl =
        new CommandLine(new ReportCommand())
            .setOut(out)
            .setErr(err)
            .setCaseInsensitiveEnumValuesAllowed(true)
            .setParameterExceptionHandler(
                (e, a) -> {
                  // picocli's one-line error, then where to read more.
                  err.println("clusterwatch report: " + e.getMessage());
                  err.println("Try 'clusterwatch report --help'.");
                  err.flush();
                  return 2;
                })
            .setExecutionExceptionHandler(
                (e, cmd, parsed) -> {
                  if (e instanceof ReportException) {
                    err.println("clusterwatch report: " + e.getMessage());
                    err.flush();
                    return 1;
                  }
                  throw e;
                });
    return cl.execute(args);
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(args, out, err));
  }
}
