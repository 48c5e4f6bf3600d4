package io.clusterwatch.e2e.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a main class in a child JVM with the same Java and the same classes as this test: the
 * {@code java} next to this JVM ({@code java.home}/bin/java) and the test class path, which
 * surefire hands over in {@code surefire.test.class.path} (its own {@code java.class.path} is a
 * manifest-only jar) and an IDE in {@code java.class.path}.
 */
public final class JavaLauncher {
  private final Path java;
  private final String classPath;

  private JavaLauncher(Path java, String classPath) {
    this.java = java;
    this.classPath = classPath;
  }

  public static JavaLauncher current() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    if (!Files.isExecutable(java)) {
      throw new IllegalStateException("no java executable at " + java);
    }
    String cp = System.getProperty("surefire.test.class.path");
    if (cp == null || cp.isBlank()) {
      cp = System.getProperty("java.class.path");
    }
    return new JavaLauncher(java, cp);
  }

  /** Whether {@code className} is on the class path the children get. */
  public static boolean hasClass(String className) {
    try {
      Class.forName(className, false, JavaLauncher.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  public ChildProcess start(String name, String mainClass, List<String> args) throws IOException {
    return start(name, mainClass, args, Map.of());
  }

  /** As {@link #start(String, String, List)}, with extra environment variables for the child. */
  public ChildProcess start(
      String name, String mainClass, List<String> args, Map<String, String> env)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("-Xmx256m");
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(classPath);
    command.add(mainClass);
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("CLASSPATH", "");
    pb.environment().putAll(env);
    return new ChildProcess(name, pb.start());
  }

  @Override
  public String toString() {
    return java + " -cp (" + classPath.split(File.pathSeparator).length + " entries)";
  }
}
