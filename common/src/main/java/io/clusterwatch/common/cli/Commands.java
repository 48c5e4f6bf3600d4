package io.clusterwatch.common.cli;

import io.clusterwatch.common.config.ByteSize;
import io.clusterwatch.common.config.ConfigException;
import io.clusterwatch.common.config.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine;

/**
 * The command-line conventions of every clusterwatch command (agent, hub, simulate, report):
 * picocli with the project's duration and byte-size syntax, a generated {@code --help}, and a bad
 * flag or a bad configuration key answered with one line on standard error and exit status 2.
 */
public final class Commands {
  /** Exit status for a usage or configuration error. */
  public static final int USAGE = 2;

  private Commands() {}

  /**
   * A picocli command line for {@code command} with the project's converters and error handling.
   */
  public static CommandLine commandLine(Object command) {
    CommandLine cl = new CommandLine(command);
    cl.registerConverter(Duration.class, plain(Durations::parse));
    cl.registerConverter(ByteSize.class, plain(ByteSize::parse));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler(Commands::usageError);
    cl.setExecutionExceptionHandler(Commands::executionError);
    return cl;
  }

  /**
   * A converter whose {@link IllegalArgumentException} is the whole message, so that picocli says
   * "Invalid value for option '--interval': '10' is not a duration (...)" without a class name.
   */
  private static <T> CommandLine.ITypeConverter<T> plain(
      java.util.function.Function<String, T> parse) {
    return text -> {
      try {
        return parse.apply(text);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    };
  }

  /** Parses {@code args} and runs {@code command}; returns the exit status. */
  public static int run(Object command, String... args) {
    return commandLine(command).execute(args);
  }

  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    PrintWriter err = cl.getErr();
    err.println(
        cl.getCommandName() + ": " + e.getMessage() + " (see " + cl.getCommandName() + " --help)");
    err.flush();
    return USAGE;
  }

  private static int executionError(Exception e, CommandLine cl, CommandLine.ParseResult parsed)
      throws Exception {
    if (e instanceof ConfigException) {
      PrintWriter err = cl.getErr();
      err.println(cl.getCommandName() + ": " + e.getMessage());
      err.flush();
      return USAGE;
    }
    throw e;
  }
}
