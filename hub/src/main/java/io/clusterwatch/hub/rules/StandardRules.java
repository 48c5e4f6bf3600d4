package io.clusterwatch.hub.rules;

import java.util.ArrayList;
import java.util.List;

/** Every built-in rule, configured. */
public final class StandardRules {
  private StandardRules() {}

  public static List<Rule> create(RulesConfig c) {
    List<Rule> rules = new ArrayList<>();
    rules.addAll(IdleRules.create(c.idle()));
    rules.addAll(GpuHealthRules.create(c.health()));
    rules.addAll(NodeHealthRules.create(c.health()));
    rules.addAll(BottleneckHints.create(c.hints(), c.idle().minRuntime()));
    return rules;
  }
}
