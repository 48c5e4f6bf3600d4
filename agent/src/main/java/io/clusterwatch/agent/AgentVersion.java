package io.clusterwatch.agent;

/** The agent's version, from the jar manifest ({@code Implementation-Version}). */
final class AgentVersion {
  private AgentVersion() {}

  static String get() {
    String v = AgentVersion.class.getPackage().getImplementationVersion();
    return v != null ? v : "dev";
  }
}
